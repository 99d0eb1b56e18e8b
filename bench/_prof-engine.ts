import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start } from "../server/main.js";
import { executeWorkflow } from "../server/modules/workflow-run/workflow-run.service.js";
const dir = mkdtempSync(join(tmpdir(), "prof-"));
const b = await start({
  DATABASE_URL: `file:${join(dir, "x.db")}`,
  PORT: "0",
  LOG_LEVEL: "silent",
  BATON_SEED: "auto",
});
const post = async (p: string, body: unknown) =>
  (await fetch(b.url + p, { method: "POST", body: JSON.stringify(body) })).json() as Promise<{ id: string }>;
await post("/agents", {
  name: "M",
  description: "x",
  capabilities: ["b"],
  tools: ["R"],
  coordination_patterns: ["sequential"],
  runner: { kind: "mock", settings: { latency_ms: 0 } },
});
const wf = await post("/workflows", {
  name: "w",
  steps: Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, agent: "M" })),
});
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const r = await executeWorkflow(b.db, b.app.engine, wf.id, {});
  const t1 = performance.now();
  await b.app.engine.settled(r.id);
  console.log("create", (t1 - t0).toFixed(0), "run", (performance.now() - t1).toFixed(0));
}
await b.stop();
