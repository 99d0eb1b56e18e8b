// `baton hook` over the wire, against a real HTTP server standing in for Baton: it posts the event
// with `Connection: close` (no keep-alive socket left to hold the process after the answer), spools what was not taken (5xx, no answer within its budget) and drops what
// Baton called malformed (400), always exiting 0.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runProcess } from "../testkit/claude-cli.js";

const BIN = join(REPO_ROOT, "server", "cli", "bin.mjs");
let dir: string;
let server: Server;
let url: string;
/** What the stand-in answers next: a status, or "hang" (never answers). */
let answer: number | "hang" = 200;
const seen: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "baton-hook-client-"));
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      seen.push({ headers: req.headers, body });
      if (answer === "hang") return;
      res.writeHead(answer, { "content-type": "application/json" });
      res.end(answer === 400 ? '{"error":{"code":"VALIDATION_FAILED","field":"session_id"}}' : "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const hook = (payload: unknown, spool: string) =>
  runProcess("node", [BIN, "hook"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", BATON_URL: url, BATON_HOOK_SPOOL: spool, BATON_HOOK_BUDGET_MS: "300" },
    stdin: JSON.stringify(payload),
    timeoutMs: 60_000,
  });

const spooled = (file: string) => {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  } catch {
    return [];
  }
};

describe("baton hook on the wire", () => {
  it("posts the payload with Connection: close", { timeout: 60_000 }, async () => {
    answer = 200;
    seen.length = 0;
    const spool = join(dir, "ok.jsonl");
    const payload = { session_id: "s1", hook_event_name: "SubagentStart", agent_id: "a1", agent_type: "worker" };
    const r = await hook(payload, spool);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.headers.connection).toBe("close");
    expect(request?.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(request?.body ?? "") as Record<string, unknown>;
    expect(typeof body.baton_captured_at).toBe("string");
    expect({ ...body, baton_captured_at: undefined }).toEqual({ ...payload, baton_captured_at: undefined });
    expect(spooled(spool)).toEqual([]);
  });

  it("spools an event Baton answered 5xx, or did not answer within the budget", { timeout: 60_000 }, async () => {
    const spool = join(dir, "kept.jsonl");
    answer = 503;
    const first = { session_id: "s2", hook_event_name: "SessionStart", source: "startup" };
    expect((await hook(first, spool)).exitCode).toBe(0);
    answer = "hang";
    const second = { session_id: "s2", hook_event_name: "UserPromptSubmit", prompt: "go" };
    const r = await hook(second, spool);
    expect(r.exitCode).toBe(0);
    expect(spooled(spool).map((e) => ({ ...e, baton_captured_at: undefined }))).toEqual([
      { ...first, baton_captured_at: undefined },
      { ...second, baton_captured_at: undefined },
    ]);
  });

  it("drops an event Baton calls malformed (400), saying why on stderr", { timeout: 60_000 }, async () => {
    const spool = join(dir, "dropped.jsonl");
    answer = 400;
    const r = await hook({ hook_event_name: "SessionStart" }, spool);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('baton hook: {"error":{"code":"VALIDATION_FAILED","field":"session_id"}}\n');
    expect(spooled(spool)).toEqual([]);
  });
});
