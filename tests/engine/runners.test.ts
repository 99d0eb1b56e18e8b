// The runners against the real world: real child processes (node -e scripts), real HTTP servers
// on port 0, a fake `claude` executable on PATH that records what it was given. Expected messages
// and values are written out here, not derived from the code under test.
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { builtinRunner } from "../../server/engine/runners/builtin.js";
import { claudeRunner } from "../../server/engine/runners/claude.js";
import { commandRunner } from "../../server/engine/runners/command.js";
import { httpRunner } from "../../server/engine/runners/http.js";
import { createRunners } from "../../server/engine/runners/index.js";
import { mockDraw, mockRunner } from "../../server/engine/runners/mock.js";
import { runnerOf } from "../../server/engine/runners/support.js";
import type { BuiltinAgent, JsonObject } from "../../server/engine/types.js";
import { RUNNER_KINDS } from "../../server/engine/types.js";
import { invocation } from "../testkit/runner-invocation.js";

const node = process.execPath;
let dir: string;
beforeAll(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), "baton-runners-")));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const call = invocation;

/** A zombie (exited, its new parent not reaping it yet) still answers kill(pid, 0): not alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
}

async function eventually(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return check();
}

describe("command runner", () => {
  const runner = commandRunner({ baseEnv: { PATH: process.env.PATH }, killGraceMs: 300 });
  const script = (code: string, extra: JsonObject = {}) => ({ command: node, args: ["-e", code], ...extra });
  const READ_STDIN = "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>main(JSON.parse(s)));";

  test("input arrives on stdin, stdout JSON becomes the outputs", async () => {
    const code = `${READ_STDIN} function main(i){process.stdout.write(JSON.stringify({got:i,sum:i.a+i.b})+'\\n')}`;
    expect(await runner.run(call("command", script(code), { a: 2, b: 3 }))).toEqual({
      ok: true,
      outputs: { got: { a: 2, b: 3 }, sum: 5 },
    });
  });

  test("empty stdout is null outputs", async () => {
    expect(await runner.run(call("command", script("process.stdout.write('  \\n')"), null))).toEqual({
      ok: true,
      outputs: null,
    });
  });

  test("a non-zero exit fails with the code and the last 500 characters of stderr", async () => {
    const stderr = `${"x".repeat(1000)}boom at the end`;
    const result = await runner.run(
      call("command", script(`process.stderr.write(${JSON.stringify(stderr)});process.exit(3)`), {}),
    );
    expect(result).toEqual({ ok: false, error: `exited with code 3: …${stderr.slice(-500)}` });
  });

  test("JSON printed by a failing program is kept with the error", async () => {
    const code = "process.stdout.write('{\"partial\":1}');process.stderr.write('bad');process.exitCode=1";
    expect(await runner.run(call("command", script(code), {}))).toEqual({
      ok: false,
      error: "exited with code 1: bad",
      outputs: { partial: 1 },
    });
  });

  test("stdout that is not JSON is a clear failure", async () => {
    const result = await runner.run(call("command", script("console.log('hello, ' + 'y'.repeat(300))"), {}));
    expect(result).toEqual({ ok: false, error: `stdout is not JSON: hello, ${"y".repeat(193)}…` });
  });

  test("a process killed by a signal says which", async () => {
    const result = await runner.run(call("command", script("process.kill(process.pid, 'SIGKILL')"), {}));
    expect(result).toEqual({ ok: false, error: "killed by signal SIGKILL" });
  });

  test("a timeout kills the process and what it started", async () => {
    const pids = join(dir, "timeout-pids.json");
    const code = `
      const { spawn } = require("node:child_process");
      const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      require("node:fs").writeFileSync(${JSON.stringify(pids)}, JSON.stringify([process.pid, grandchild.pid]));
      setInterval(() => {}, 1000);`;
    const started = Date.now();
    const result = await runner.run(call("command", script(code, { timeout_ms: 60_000 }), {}, { timeoutMs: 1500 }));
    expect(result).toEqual({ ok: false, error: "timed out after 1500 ms" });
    expect(Date.now() - started).toBeLessThan(1500 + 300 + 1000);
    const [pid, grandchild] = JSON.parse(await readFile(pids, "utf8")) as [number, number];
    expect(() => process.kill(pid, 0)).toThrow();
    expect(await eventually(() => !alive(grandchild))).toBe(true);
  });

  test("a process ignoring SIGTERM gets SIGKILL after the grace period", async () => {
    const pidFile = join(dir, "stubborn.pid");
    const code = `process.on("SIGTERM", () => {}); require("node:fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const started = Date.now();
    const result = await runner.run(call("command", script(code, { timeout_ms: 1500 }), {}));
    expect(result).toEqual({ ok: false, error: "timed out after 1500 ms" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500 + 300);
    expect(() => process.kill(Number(readFileSync(pidFile, "utf8")), 0)).toThrow();
  });

  test("aborting the signal cancels the process", async () => {
    const pidFile = join(dir, "cancel.pid");
    const code = `require("node:fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const controller = new AbortController();
    const running = runner.run(call("command", script(code), {}, { signal: controller.signal }));
    await eventually(() => existsSync(pidFile));
    controller.abort();
    expect(await running).toEqual({ ok: false, error: "cancelled" });
    expect(() => process.kill(Number(readFileSync(pidFile, "utf8")), 0)).toThrow();
  });

  test("more output than max_output_bytes stops the process", async () => {
    const code = "process.stdout.write('a'.repeat(100000)); setInterval(() => {}, 1000);";
    const result = await runner.run(call("command", script(code, { max_output_bytes: 1000 }), {}));
    expect(result).toEqual({ ok: false, error: "output exceeded 1000 bytes" });
  });

  test("a missing program is named", async () => {
    const result = await runner.run(call("command", { command: "baton-no-such-program" }, {}));
    expect(result).toEqual({ ok: false, error: "command not found: baton-no-such-program" });
  });

  test("env is the base env plus settings.env; a relative cwd resolves against the workdir", async () => {
    await mkdir(join(dir, "sub"), { recursive: true });
    const local = commandRunner({
      baseEnv: { PATH: process.env.PATH, FROM_BASE: "base", OVERRIDDEN: "old" },
      workdir: dir,
    });
    const code =
      "console.log(JSON.stringify({cwd:process.cwd(),base:process.env.FROM_BASE,over:process.env.OVERRIDDEN,own:process.env.OWN,home:process.env.HOME??null}))";
    const result = await local.run(
      call("command", { command: "node", args: ["-e", code], cwd: "sub", env: { OVERRIDDEN: "new", OWN: "mine" } }, {}),
    );
    expect(result).toEqual({
      ok: true,
      outputs: { cwd: join(dir, "sub"), base: "base", over: "new", own: "mine", home: null },
    });
  });

  test("a missing working directory is said as such, not as a missing command", async () => {
    const result = await runner.run(call("command", { command: node, cwd: join(dir, "nowhere") }, {}));
    expect(result).toEqual({ ok: false, error: `working directory does not exist: ${join(dir, "nowhere")}` });
  });

  test("invalid settings fail the step with the field at fault", async () => {
    expect(await runner.run(call("command", { args: ["x"] }, {}))).toEqual({
      ok: false,
      error: "invalid command runner settings: command: Required",
    });
  });
});

describe("http runner", () => {
  let server: Server;
  let base: string;
  const seen: { body: unknown; headers: IncomingMessage["headers"] }[] = [];
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    "/ok": (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ reply: "done" }));
    },
    "/empty": (_req, res) => {
      res.statusCode = 204;
      res.end();
    },
    "/fail": (_req, res) => {
      res.statusCode = 500;
      res.end("kaput: database locked");
    },
    "/html": (_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end("<p>hi</p>");
    },
    "/big": (_req, res) => res.end(JSON.stringify({ data: "z".repeat(1000) })),
    "/hang": () => {},
  };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen.push({ body: JSON.parse(Buffer.concat(chunks).toString("utf8")), headers: req.headers });
      routes[req.url ?? ""]?.(req, res);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const runner = httpRunner({ maxResponseBytes: 500 });

  test("POSTs the step as JSON and takes the JSON reply as outputs", async () => {
    const settings = { url: `${base}/ok`, headers: { "x-token": "t0ken" } };
    const result = await runner.run(call("http", settings, { q: [1, 2] }, { attempt: 2 }));
    expect(result).toEqual({ ok: true, outputs: { reply: "done" } });
    const last = seen.at(-1);
    expect(last?.body).toEqual({
      input: { q: [1, 2] },
      agent: "ReviewAgent",
      run_id: "run-1",
      step_id: "step-1",
      attempt: 2,
      execution_id: "exec-1",
    });
    expect(last?.headers["x-token"]).toBe("t0ken");
    expect(last?.headers["content-type"]).toBe("application/json");
  });

  test("an empty 2xx body is null outputs", async () => {
    expect(await runner.run(call("http", { url: `${base}/empty` }, {}))).toEqual({ ok: true, outputs: null });
  });

  test("a non-2xx status fails with the status and the body", async () => {
    expect(await runner.run(call("http", { url: `${base}/fail` }, {}))).toEqual({
      ok: false,
      error: "HTTP 500: kaput: database locked",
    });
  });

  test("a reply that is not JSON is a clear failure", async () => {
    expect(await runner.run(call("http", { url: `${base}/html` }, {}))).toEqual({
      ok: false,
      error: "response is not JSON (HTTP 200, text/html): <p>hi</p>",
    });
  });

  test("a reply larger than the bound is refused", async () => {
    expect(await runner.run(call("http", { url: `${base}/big` }, {}))).toEqual({
      ok: false,
      error: `response from ${base}/big exceeded 500 bytes`,
    });
  });

  test("a closed port says the service cannot be reached", async () => {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const url = `http://127.0.0.1:${port}/agent`;
    expect(await runner.run(call("http", { url }, {}))).toEqual({
      ok: false,
      error: `cannot reach ${url} (ECONNREFUSED)`,
    });
  });

  test("the step timeout wins over the settings' and aborts the request", async () => {
    const started = Date.now();
    const result = await runner.run(call("http", { url: `${base}/hang`, timeout_ms: 60_000 }, {}, { timeoutMs: 200 }));
    expect(result).toEqual({ ok: false, error: "timed out after 200 ms" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("aborting the signal cancels the request", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await runner.run(call("http", { url: `${base}/hang` }, {}, { signal: controller.signal }));
    expect(result).toEqual({ ok: false, error: "cancelled" });
  });
});

describe("mock runner", () => {
  const runner = mockRunner();

  test("the same seed, run, step and attempt always decide the same way; the rate is honoured", async () => {
    const settings = { failure_rate: 0.5, seed: 42 };
    const decisions = async () => {
      const out: boolean[] = [];
      for (let i = 0; i < 200; i++) out.push((await runner.run(call("mock", settings, {}, { stepId: `s${i}` }))).ok);
      return out;
    };
    const first = await decisions();
    expect(await decisions()).toEqual(first);
    expect(await mockRunner().run(call("mock", settings, {}, { stepId: "s7" }))).toEqual(
      await runner.run(call("mock", settings, {}, { stepId: "s7" })),
    );
    const failures = first.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(70);
    expect(failures).toBeLessThan(130);
    // The draw is a pure function of its key; another attempt or seed is another draw.
    expect(mockDraw(42, "run-1", "s1", 1)).toBe(mockDraw(42, "run-1", "s1", 1));
    const draws = new Set([1, 2, 3, 4].map((attempt) => mockDraw(42, "run-1", "s1", attempt)));
    expect(draws.size).toBe(4);
    expect(mockDraw(1, "run-1", "s1", 1)).not.toBe(mockDraw(2, "run-1", "s1", 1));
  });

  test("failure_rate 1 always fails with the settings' error or a default; 0 never fails", async () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      expect(await runner.run(call("mock", { failure_rate: 1, error: "deploy target down" }, {}, { attempt }))).toEqual(
        {
          ok: false,
          error: "deploy target down",
        },
      );
      expect((await runner.run(call("mock", { failure_rate: 0 }, {}, { attempt }))).ok).toBe(true);
    }
    expect(await runner.run(call("mock", { failure_rate: 1, seed: 7 }, {}, { attempt: 3 }))).toEqual({
      ok: false,
      error: "ReviewAgent: scripted mock failure (failure_rate 1, seed 7, attempt 3)",
    });
  });

  test("latency is waited; zero latency settles before any timer fires", async () => {
    const started = performance.now();
    expect(await runner.run(call("mock", { latency_ms: 80 }, {}))).toEqual({ ok: true, outputs: {} });
    expect(performance.now() - started).toBeGreaterThanOrEqual(79);

    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    await runner.run(call("mock", { latency_ms: 0, outputs: { fast: true } }, {}));
    expect(timerFired).toBe(false);
  });

  test("a wait ends early on cancellation or on the step timeout", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect(await runner.run(call("mock", { latency_ms: 60_000 }, {}, { signal: controller.signal }))).toEqual({
      ok: false,
      error: "cancelled",
    });
    expect(await runner.run(call("mock", { latency_ms: 60_000 }, {}, { timeoutMs: 100 }))).toEqual({
      ok: false,
      error: "timed out after 100 ms",
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("{{input.path}} placeholders: a whole-string one keeps the JSON type, an embedded one becomes text", async () => {
    const outputs = {
      title: "Docs for {{input.project.name}} v{{ input.project.version }}",
      items: "{{input.items}}",
      second: "{{input.items.1}}",
      missing: "{{input.nope.deeper}}",
      inline_missing: "[{{input.nope}}]",
      nested: [{ count: "{{input.project.version}}" }, "{{steps.x}} stays"],
      everything: "{{input}}",
    };
    const input = { project: { name: "Baton", version: 3 }, items: ["a", { b: 1 }] };
    expect(await runner.run(call("mock", { outputs }, input))).toEqual({
      ok: true,
      outputs: {
        title: "Docs for Baton v3",
        items: ["a", { b: 1 }],
        second: { b: 1 },
        missing: null,
        inline_missing: "[]",
        nested: [{ count: 3 }, "{{steps.x}} stays"],
        everything: input,
      },
    });
  });

  test("input.__mock overrides the settings for one invocation", async () => {
    const settings = { outputs: { from: "settings" }, failure_rate: 1, error: "settings error" };
    expect(await runner.run(call("mock", settings, { __mock: { fail: false } }))).toEqual({
      ok: true,
      outputs: { from: "settings" },
    });
    expect(await runner.run(call("mock", { outputs: { a: 1 } }, { __mock: { fail: "disk full" } }))).toEqual({
      ok: false,
      error: "disk full",
    });
    expect(await runner.run(call("mock", settings, { __mock: { fail: true } }))).toEqual({
      ok: false,
      error: "settings error",
    });
    expect(await runner.run(call("mock", {}, { __mock: { fail: true } }))).toEqual({
      ok: false,
      error: "ReviewAgent: scripted mock failure (input.__mock.fail)",
    });
    const input = { n: 5, __mock: { outputs: { n: "{{input.n}}", list: [1] }, latency_ms: 30 } };
    const started = performance.now();
    expect(await runner.run(call("mock", settings, { ...input, __mock: { ...input.__mock, fail: false } }))).toEqual({
      ok: true,
      outputs: { n: 5, list: [1] },
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(await runner.run(call("mock", {}, { __mock: "fail" }))).toEqual({
      ok: false,
      error: "input.__mock must be an object { fail?, latency_ms?, outputs? }",
    });
  });
});

describe("claude runner", () => {
  const NOT_INSTALLED =
    "the claude CLI is not installed on this machine (looked for 'claude' on PATH); install Claude Code or give this step a mock runner";
  let bin: string;
  let work: string;
  let record: string;

  beforeAll(async () => {
    bin = join(dir, "bin");
    work = join(dir, "work");
    record = join(dir, "claude-call.json");
    await mkdir(bin, { recursive: true });
    await mkdir(join(work, ".claude/agents"), { recursive: true });
    await writeFile(
      join(work, ".claude/agents/review-agent.md"),
      "---\nname: review-agent\ndescription: Reviewer.\ntools: Read, Grep, Glob\nmodel: haiku\n---\n\nYou are ReviewAgent.\nPrint one JSON object.\n",
    );
    // A stand-in for Claude Code: records its arguments, stdin and cwd, answers per FAKE_CLAUDE.
    const fake = `#!${node}
const fs = require("node:fs");
let stdin = "";
process.stdin.on("data", (d) => (stdin += d)).on("end", () => {
  fs.writeFileSync(process.env.FAKE_CLAUDE_RECORD, JSON.stringify({ args: process.argv.slice(2), stdin, cwd: process.cwd() }));
  const mode = process.env.FAKE_CLAUDE;
  if (mode === "error") {
    process.stdout.write(JSON.stringify({ type: "result", subtype: "error_max_turns", is_error: true, num_turns: 9 }));
    process.exit(1);
  }
  if (mode === "crash") { process.stderr.write("segfault-ish"); process.exit(2); }
  const result = mode === "prose" ? "All good, nothing to report." : 'Checked.\\n\`\`\`json\\n{"approved":true,"issues":[]}\\n\`\`\`';
  process.stdout.write(JSON.stringify({ type: "result", subtype: "success", is_error: false, result, session_id: "s-1" }));
});
`;
    await writeFile(join(bin, "claude"), fake);
    await chmod(join(bin, "claude"), 0o755);
  });

  const runnerWith = (mode: string) =>
    claudeRunner({
      baseEnv: { PATH: `/nonexistent:${bin}`, FAKE_CLAUDE: mode, FAKE_CLAUDE_RECORD: record },
      workdir: work,
    });

  test("without claude on PATH: the exact message, nothing run", async () => {
    const absent = claudeRunner({ baseEnv: { PATH: "" }, workdir: work });
    expect(await absent.run(call("claude", {}, {}))).toEqual({ ok: false, error: NOT_INSTALLED });
    const elsewhere = claudeRunner({ baseEnv: { PATH: `${dir}:/nonexistent` }, workdir: work });
    expect(await elsewhere.run(call("claude", {}, {}))).toEqual({ ok: false, error: NOT_INSTALLED });
  });

  test("runs claude -p with the agent's prompt, tools and model; input on stdin; the answer's JSON as outputs", async () => {
    const input = { markdown: "# API", source: { openapi: "3.1.0" } };
    const settings = { allowed_tools: ["Read", "Grep"], model: "sonnet" };
    const result = await runnerWith("ok").run(call("claude", settings, input, { stepId: "review", attempt: 2 }));
    expect(result).toEqual({ ok: true, outputs: { approved: true, issues: [] } });
    expect(JSON.parse(await readFile(record, "utf8"))).toEqual({
      args: [
        "-p",
        "You are running as the Baton agent 'ReviewAgent' (run run-1, step review, attempt 2). The step's input is the JSON document given with this message. Do the work your agent instructions describe. Answer with exactly one JSON object as your final message, with no text after it.",
        "--output-format",
        "json",
        "--append-system-prompt",
        "You are ReviewAgent.\nPrint one JSON object.",
        "--model",
        "sonnet",
        "--allowedTools",
        "Read,Grep",
      ],
      stdin: JSON.stringify(input, null, 2),
      cwd: work,
    });
  });

  test("unset settings fall back to the agent file's front matter; an answer without JSON is { text }", async () => {
    const result = await runnerWith("prose").run(call("claude", {}, { x: 1 }));
    expect(result).toEqual({ ok: true, outputs: { text: "All good, nothing to report." } });
    const { args } = JSON.parse(await readFile(record, "utf8")) as { args: string[] };
    expect(args.slice(4)).toEqual([
      "--append-system-prompt",
      "You are ReviewAgent.\nPrint one JSON object.",
      "--model",
      "haiku",
      "--allowedTools",
      "Read,Grep,Glob",
    ]);
  });

  test("an error envelope and a crash are failures that say what happened", async () => {
    expect(await runnerWith("error").run(call("claude", {}, {}))).toEqual({
      ok: false,
      error: "claude reported error_max_turns",
    });
    expect(await runnerWith("crash").run(call("claude", {}, {}))).toEqual({
      ok: false,
      error: "claude exited with code 2: segfault-ish",
    });
  });

  test("a missing agent file is named", async () => {
    const result = await runnerWith("ok").run(call("claude", { agent_file: "agents/ghost.md" }, {}));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      new RegExp(`^cannot read the agent file ${join(work, "agents/ghost.md")}: ENOENT`),
    );
  });
});

describe("builtin runner and createRunners", () => {
  const failing: BuiltinAgent = {
    name: "explode",
    description: "throws",
    async run() {
      throw new Error("no docs today");
    },
  };
  const echoOptions: BuiltinAgent = {
    name: "options",
    description: "returns its options and context",
    async run(input, options, context) {
      return { input, options, workdir: context.workdir, aborted: context.signal.aborted };
    },
  };
  const runner = builtinRunner(
    new Map([
      ["explode", failing],
      ["options", echoOptions],
    ]),
    { openapi: () => ({}), workdir: "/srv/baton" },
  );

  test("runs the named builtin with its options and context", async () => {
    expect(await runner.run(call("builtin", { name: "options", options: { path: "docs/API.md" } }, [1]))).toEqual({
      ok: true,
      outputs: { input: [1], options: { path: "docs/API.md" }, workdir: "/srv/baton", aborted: false },
    });
  });

  test("a throw is a failure with its message; an unknown name lists the known ones", async () => {
    expect(await runner.run(call("builtin", { name: "explode" }, {}))).toEqual({ ok: false, error: "no docs today" });
    expect(await runner.run(call("builtin", { name: "docs-magic" }, {}))).toEqual({
      ok: false,
      error: "unknown builtin agent 'docs-magic' (known: explode, options)",
    });
  });

  test("createRunners wires every kind, with the real builtins", async () => {
    const runners = createRunners({ baseEnv: {}, openapi: () => ({}), workdir: dir });
    expect(Object.keys(runners).sort()).toEqual([...RUNNER_KINDS].sort());
    for (const kind of RUNNER_KINDS) expect(runners[kind].kind).toBe(kind);
    expect(await runners.builtin.run(call("builtin", { name: "echo" }, { hello: ["world"] }))).toEqual({
      ok: true,
      outputs: { hello: ["world"] },
    });
    expect(await runners.builtin.run(call("builtin", { name: "nope" }, {}))).toEqual({
      ok: false,
      error:
        "unknown builtin agent 'nope' (known: aggregate, docs-generate, docs-review, docs-sync-file, echo, markdown-format, test-merge)",
    });
  });
});

describe("a runner that throws despite its contract", () => {
  test("fails its step with a message naming the runner, for every kind", async () => {
    for (const kind of RUNNER_KINDS) {
      const runner = runnerOf(kind, async () => {
        throw new Error("a bug, not a reported failure");
      });
      expect(runner.kind).toBe(kind);
      await expect(runner.run(call(kind, {}, {}))).resolves.toEqual({
        ok: false,
        error: `${kind} runner failed: a bug, not a reported failure`,
      });
    }
  });
});
