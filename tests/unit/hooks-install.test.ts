// `baton hooks install|uninstall` keep the user's own settings and hooks, and `baton hook` spools
// what Baton cannot take and delivers it in order on the next successful call.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOOK_EVENTS } from "../../server/cli/hooks-install.js";
import { REPO_ROOT, runProcess } from "../testkit/claude-cli.js";

const BIN = join(REPO_ROOT, "server", "cli", "bin.mjs");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "baton-hooks-install-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const baton = (args: string[], env: Record<string, string> = {}, stdin?: string) =>
  runProcess("node", [BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdin,
    timeoutMs: 120_000,
  });

describe("baton hooks install / uninstall", () => {
  it("adds Baton's hook beside the user's and removes exactly that", { timeout: 120_000 }, async () => {
    const repo = join(dir, "repo");
    mkdirSync(join(repo, ".claude"), { recursive: true });
    const mine = {
      model: "sonnet",
      permissions: { allow: ["Bash(npm test)"] },
      hooks: {
        PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./check.sh" }] }],
        Stop: [{ hooks: [{ type: "command", command: "say done" }] }],
      },
    };
    writeFileSync(join(repo, ".claude", "settings.json"), JSON.stringify(mine, null, 2));

    const install = await baton(["hooks", "install", repo, "--json"]);
    expect(install.exitCode, install.stderr).toBe(0);
    const { command, added } = JSON.parse(install.stdout) as { command: string; added: string[] };
    expect(command).toBe(`node "${BIN}" hook`);
    expect(added).toEqual(HOOK_EVENTS.map((e) => e.event));
    const installed = JSON.parse(readFileSync(join(repo, ".claude", "settings.json"), "utf8"));
    expect(installed.model).toBe("sonnet");
    expect(installed.permissions).toEqual(mine.permissions);
    expect(installed.hooks.PreToolUse).toEqual([
      mine.hooks.PreToolUse[0],
      { matcher: "Agent|Task", hooks: [{ type: "command", command, timeout: 10 }] },
    ]);
    expect(installed.hooks.Stop).toEqual([mine.hooks.Stop[0], { hooks: [{ type: "command", command, timeout: 10 }] }]);

    // Again: nothing added.
    const again = await baton(["hooks", "install", repo, "--json"]);
    expect(JSON.parse(again.stdout).added).toEqual([]);

    const uninstall = await baton(["hooks", "uninstall", repo, "--json"]);
    expect(uninstall.exitCode, uninstall.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(repo, ".claude", "settings.json"), "utf8"))).toEqual(mine);
  });

  it("refuses a settings file that is not JSON and leaves it as it was", { timeout: 60_000 }, async () => {
    const repo = join(dir, "broken");
    mkdirSync(join(repo, ".claude"), { recursive: true });
    writeFileSync(join(repo, ".claude", "settings.json"), "{ nope");
    const r = await baton(["hooks", "install", repo]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(readFileSync(join(repo, ".claude", "settings.json"), "utf8")).toBe("{ nope");
  });
});

describe("baton hook", () => {
  let server: Server;
  let up = false;
  const received: string[] = [];
  let url = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString("utf8");
      });
      req.on("end", () => {
        if (!up) {
          res.writeHead(503).end("{}");
          return;
        }
        received.push((JSON.parse(body) as { hook_event_name: string }).hook_event_name);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("spools while Baton refuses, then delivers the spool in order before the new event", {
    timeout: 120_000,
  }, async () => {
    const spool = join(dir, "state", "spool.jsonl");
    const env = { BATON_URL: url, BATON_HOOK_SPOOL: spool, BATON_HOOK_BUDGET_MS: "10000" };
    const event = (name: string) => JSON.stringify({ session_id: "s", hook_event_name: name });
    for (const name of ["One", "Two", "Three"]) {
      const r = await baton(["hook"], env, event(name));
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe("");
    }
    expect(received).toEqual([]);
    expect(
      readFileSync(spool, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).hook_event_name),
    ).toEqual(["One", "Two", "Three"]);
    expect(statSync(spool).mode & 0o777).toBe(0o600);
    up = true;
    const r = await baton(["hook"], env, event("Four"));
    expect(r.exitCode).toBe(0);
    expect(received).toEqual(["One", "Two", "Three", "Four"]);
    expect(() => statSync(spool)).toThrow();
  });

  it("exits 0 on a payload that is not JSON, saying so on stderr", { timeout: 60_000 }, async () => {
    const r = await baton(["hook"], { BATON_URL: url, BATON_HOOK_SPOOL: join(dir, "x.jsonl") }, "not json");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/not JSON/);
  });
});
