// A real agent process for tests (tests/testkit/agents.ts starts it): one program, two protocols.
//   node process-agent.mjs command <role> [name]   the command runner's: input JSON on stdin, output JSON
//                                                  on stdout, exit 0 (a failure exits 1 with stderr)
//   node process-agent.mjs http <role> [name]      the http runner's: POST {input, agent, run_id, …},
//                                                  answer 200 with the output JSON; prints its port first
// Roles compute their output from the input alone, so tests know it exactly; every output names the
// agent and its process id, so a test can tell which process answered.
import { createServer } from "node:http";

const [, , protocol, role, name = role] = process.argv;

/** `tests/<suite>/<slug>.test.ts` for a task, as the tester role writes it. */
const slug = (text) =>
  String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const roles = {
  /** Echoes its input. */
  echo: (input) => ({ input }),
  /** A supervisor: hands the items on as they came. */
  plan: (input) => ({ items: input.items, planned: input.items.length }),
  /** A worker: squares `n`. */
  square: (input) => ({ n: input.n, value: input.n * input.n }),
  /** An aggregate: adds up the workers' `value`s. */
  sum: (input) => {
    const values = Object.values(input.workers).map((w) => w.value);
    return { count: values.length, total: values.reduce((a, b) => a + b, 0) };
  },
  /** TestAgent's contract: write → red with one test file per task; verify → green, 3 tests per file. */
  tester: (input) => {
    const suite = input.suite ?? "all";
    if (input.mode === "write") {
      const file = `tests/${suite}/${slug(input.task)}.test.ts`;
      return {
        status: "red",
        suite,
        passed: 0,
        failed: 1,
        failures: [{ test: `${suite} > ${input.task}`, file, message: "not implemented yet" }],
        test_files: [file],
      };
    }
    const files = input.test_files ?? [];
    return {
      status: "green",
      suite,
      passed: 3 * files.length,
      failed: 0,
      coverage: null,
      failures: [],
      test_files: files,
    };
  },
  /** CodeAgent's contract: one source file per test file (`tests/x/y.test.ts` → `server/y.ts`). */
  coder: (input) => ({
    status: "done",
    files_changed: (input.test_files ?? []).map(
      (f) =>
        `server/${String(f)
          .split("/")
          .pop()
          .replace(/\.test\.ts$/, ".ts")}`,
    ),
    test_files: input.test_files ?? [],
    summary: input.task,
  }),
  /** ReviewAgent's contract for docs: approves when every `### METHOD /path` heading is in `paths`. */
  reviewer: (input) => {
    const found = [...String(input.markdown ?? "").matchAll(/^#{2,4} `?([A-Z]+ \/\S*?)`?$/gm)].map((m) => m[1]);
    const missing = (input.paths ?? []).filter((p) => !found.includes(p));
    return { approved: missing.length === 0, missing, checked: (input.paths ?? []).length, markdown: input.markdown };
  },
  /** Fails on purpose: the runner must report it as a failed step. */
  fail: () => {
    throw new Error("failing on purpose");
  },
};

const act = roles[role];
if (!act || (protocol !== "command" && protocol !== "http")) {
  process.stderr.write(`usage: process-agent.mjs command|http <${Object.keys(roles).join("|")}> [name]\n`);
  process.exit(2);
}
const answer = (input) => ({ ...act(input ?? {}), agent: name, pid: process.pid });

if (protocol === "command") {
  const chunks = [];
  process.stdin.on("data", (c) => chunks.push(c));
  process.stdin.on("end", () => {
    try {
      const text = Buffer.concat(chunks).toString("utf8").trim();
      process.stdout.write(JSON.stringify(answer(text ? JSON.parse(text) : null)));
    } catch (e) {
      process.stderr.write(String(e instanceof Error ? e.message : e));
      process.exitCode = 1;
    }
  });
} else {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      let status = 200;
      let body;
      try {
        if (req.method !== "POST") throw Object.assign(new Error("POST only"), { status: 405 });
        const call = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        body = answer(call.input);
      } catch (e) {
        status = e?.status ?? 500;
        body = { error: String(e instanceof Error ? e.message : e) };
      }
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
