// `npm run bench`: runs each TypeScript bench listed below in sequence, echoing its output and
// writing it to bench/results/<name>.txt (git-ignored). `npm run bench -- startup` runs only the
// named ones. bench/cold-install.sh is never run here (it clones and installs: run it by hand).
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { root } from "./lib/harness.js";

/** The figures, in run order; a new bench/<name>.ts joins `npm run bench` by being added here. */
const all = [
  "agents-throughput",
  "startup",
  "executions-ingest",
  "timeline-graph",
  "metrics",
  "metrics-rollups",
  "read-isolation",
  "timeline-render",
  "engine-overhead",
  "workflow-fanout",
  "subscriber-burst",
  "cli-follow",
  "test-parallel",
  "contracts",
  "traces",
  "trace-view",
  "claude-hooks",
  "registry-reads",
  "start-memory",
].filter((n) => existsSync(join(root, "bench", `${n}.ts`)));
const picked = process.argv.slice(2).filter((a) => a !== "--");
const unknown = picked.filter((n) => !all.includes(n));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")} (have: ${all.join(", ")})`);
  process.exit(2);
}
const names = picked.length > 0 ? picked : all;

const resultsDir = join(root, "bench", "results");
mkdirSync(resultsDir, { recursive: true });

function runOne(name: string): Promise<number> {
  const file = join(resultsDir, `${name}.txt`);
  const out = createWriteStream(file);
  out.write(`# ${name} — ${new Date().toISOString()}\n`);
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "bench", `${name}.ts`)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => {
      (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
      out.write(chunk);
    });
  }
  return new Promise((resolve) => {
    child.once("close", (code) => {
      out.end(() => {
        console.log(`\n[bench] ${name}: exit ${code}, output in ${file}\n`);
        resolve(code ?? 1);
      });
    });
  });
}

let failed = 0;
for (const name of names) {
  console.log(`[bench] ${name}`);
  if ((await runOne(name)) !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
