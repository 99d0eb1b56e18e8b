// What each runner kind does to a step, seen through a run: a `command` program (JSON on stdin and
// stdout, exit status, timeout), an `http` service (the request it gets, an unreachable one), the
// `claude` CLI when it is not installed, and a step's own runner replacing its agent's.
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  closedPort,
  executionOf,
  registerAgent,
  registerMockAgent,
  registerNodeScriptAgent,
  runWorkflow,
  scriptedService,
  span,
  stepState,
  stepStatuses,
} from "../testkit/workflows.js";

/** Whether an executable `claude` is on this process's PATH (the test server inherits it). */
async function claudeOnPath(): Promise<boolean> {
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, "claude"), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

describe("a command agent", () => {
  test("gets the step's input on stdin and answers with JSON on stdout", async ({ api }) => {
    const script = `
      let text = "";
      process.stdin.on("data", (c) => (text += c));
      process.stdin.on("end", () => {
        const input = JSON.parse(text);
        console.log(JSON.stringify({ doubled: input.n * 2, argv: process.argv.slice(1) }));
      });`;
    const agent = await registerNodeScriptAgent(api, script, { args: ["plain", "two words"] });
    const { run } = await runWorkflow(api, [{ id: "calc", agent, input: { n: "{{params.n}}" } }], {
      parameters: { type: "object", properties: { n: { type: "integer" } } },
      params: { n: 21 },
    });
    expect([run.status, run.outputs]).toEqual(["succeeded", { doubled: 42, argv: ["plain", "two words"] }]);
    expect(executionOf(run, "calc")).toMatchObject({ status: "success", inputs: { n: 21 }, error: null });
  });

  test("fails the step when stdout is not JSON", async ({ api }) => {
    const agent = await registerNodeScriptAgent(api, 'console.log("all good, no JSON here")');
    const { run } = await runWorkflow(api, [
      { id: "talk", agent },
      { id: "after", agent },
    ]);
    expect([run.status, run.error, run.failed_step_id]).toEqual([
      "failed",
      "step 'talk' failed: stdout is not JSON: all good, no JSON here",
      "talk",
    ]);
    expect(stepStatuses(run)).toEqual({ talk: "failed", after: "skipped" });
    expect(executionOf(run, "talk")).toMatchObject({
      status: "failure",
      error: "stdout is not JSON: all good, no JSON here",
      outputs: null,
    });
  });

  test("fails the step with the exit code and what the program said on stderr", async ({ api }) => {
    const quiet = await registerNodeScriptAgent(api, "process.exit(3)");
    const loud = await registerNodeScriptAgent(api, 'console.error("tests failed: 2 of 9"); process.exit(3)');
    const silent = await runWorkflow(api, [{ id: "exit3", agent: quiet }]);
    expect(silent.run.error).toBe("step 'exit3' failed: exited with code 3");
    expect(stepState(silent.run, "exit3")).toMatchObject({ status: "failed", error: "exited with code 3" });
    const said = await runWorkflow(api, [{ id: "exit3", agent: loud }]);
    expect(said.run.error).toBe("step 'exit3' failed: exited with code 3: tests failed: 2 of 9");
  });

  test("keeps the JSON a failing program printed with the execution", async ({ api }) => {
    const agent = await registerNodeScriptAgent(
      api,
      'console.log(JSON.stringify({ failed: ["t1"] })); process.exit(2)',
    );
    const { run } = await runWorkflow(api, [{ id: "tests", agent }]);
    expect(executionOf(run, "tests")).toMatchObject({
      status: "failure",
      error: 'exited with code 2: {"failed":["t1"]}',
      outputs: { failed: ["t1"] },
    });
  });

  test("is stopped when it runs past its timeout", async ({ api }) => {
    const agent = await registerNodeScriptAgent(api, "setTimeout(() => console.log('{}'), 10000)", {
      timeout_ms: 300,
    });
    const { run } = await runWorkflow(api, [{ id: "sleepy", agent }]);
    expect([run.status, run.error]).toEqual(["failed", "step 'sleepy' failed: timed out after 300 ms"]);
    const [start, end] = span(executionOf(run, "sleepy"));
    expect(end - start).toBeGreaterThanOrEqual(295);
    expect(end - start).toBeLessThan(3000);
  });

  test("a step's timeout_ms overrides the agent's", async ({ api }) => {
    const agent = await registerNodeScriptAgent(api, "setTimeout(() => console.log('{}'), 10000)", {
      timeout_ms: 60_000,
    });
    const { run } = await runWorkflow(api, [{ id: "sleepy", agent, timeout_ms: 200 }]);
    expect(run.error).toBe("step 'sleepy' failed: timed out after 200 ms");
  });
});

describe("an http agent", () => {
  test("posts the input with the run, step, attempt and execution, and takes the JSON reply", async ({ api }) => {
    const service = await scriptedService((body) => ({
      status: 200,
      body: { echoed: (body as { input: unknown }).input },
    }));
    try {
      const agent = await registerAgent(api, { kind: "http", settings: { url: service.url } });
      const { run } = await runWorkflow(api, [{ id: "call", agent, input: { q: "status?" } }]);
      expect([run.status, run.outputs]).toEqual(["succeeded", { echoed: { q: "status?" } }]);
      const e = executionOf(run, "call");
      expect(service.requests).toEqual([
        { input: { q: "status?" }, agent, run_id: run.id, step_id: "call", attempt: 1, execution_id: e.id },
      ]);
    } finally {
      await service.close();
    }
  });

  test("retries a failing service, telling it the attempt", async ({ api }) => {
    const service = await scriptedService((_body, n) =>
      n === 1 ? { status: 503, body: { error: "warming up" } } : { status: 200, body: { ok: n } },
    );
    try {
      const agent = await registerAgent(
        api,
        { kind: "http", settings: { url: service.url } },
        { retry: { max_retries: 1, backoff: "fixed", initial_delay_ms: 10, max_delay_ms: 10 } },
      );
      const { run } = await runWorkflow(api, [{ id: "call", agent }]);
      expect([run.status, run.outputs]).toEqual(["succeeded", { ok: 2 }]);
      expect(service.requests.map((r) => (r as { attempt: number }).attempt)).toEqual([1, 2]);
      expect(
        (run.executions ?? []).filter((e) => e.workflow_step_id === "call").map((e) => [e.attempt, e.status, e.error]),
      ).toEqual([
        [1, "failure", 'HTTP 503: {"error":"warming up"}'],
        [2, "success", null],
      ]);
    } finally {
      await service.close();
    }
  });

  test("fails the step when nothing listens at the URL", async ({ api }) => {
    const url = `http://127.0.0.1:${await closedPort()}/run`;
    const agent = await registerAgent(api, { kind: "http", settings: { url } });
    const { run } = await runWorkflow(api, [{ id: "call", agent }]);
    expect([run.status, run.failed_step_id]).toEqual(["failed", "call"]);
    expect(stepState(run, "call").error).toBe(`cannot reach ${url} (ECONNREFUSED)`);
    expect(run.error).toBe(`step 'call' failed: cannot reach ${url} (ECONNREFUSED)`);
  });
});

describe("a claude agent", () => {
  test("fails the step with a clear message when the claude CLI is not installed", async ({ api }) => {
    const agent = await registerAgent(api, { kind: "claude", settings: {} });
    const { run } = await runWorkflow(api, [{ id: "think", agent }]);
    expect([run.status, run.failed_step_id]).toEqual(["failed", "think"]);
    const error = stepState(run, "think").error;
    if (await claudeOnPath()) {
      // The CLI is there, but no agent file exists for an agent made up by this test.
      expect(error).toMatch(/^cannot read the agent file .*\.claude\/agents\/.+\.md: /);
    } else {
      expect(error).toBe(
        "the claude CLI is not installed on this machine (looked for 'claude' on PATH); install Claude Code or give this step a mock runner",
      );
    }
    expect(run.error).toBe(`step 'think' failed: ${error}`);
  });

  test("a step's mock runner stands in for its agent's", async ({ api }) => {
    const agent = await registerAgent(api, { kind: "claude", settings: {} });
    const next = await registerMockAgent(api, { outputs: { verdict: "{{input.v}}" } });
    const { workflow, run } = await runWorkflow(api, [
      {
        id: "think",
        agent,
        runner: { kind: "mock", settings: { outputs: { answer: "{{input.q}}?" } } },
        input: { q: "why" },
      },
      { id: "judge", agent: next, input: { v: "{{steps.think.output.answer}}" } },
    ]);
    expect([run.status, run.outputs]).toEqual(["succeeded", { verdict: "why?" }]);
    // The execution is still the agent's: the override only changes how it runs.
    expect(executionOf(run, "think").agent_name).toBe(agent);
    expect(workflow.step_list.map((s) => [s.id, s.runner_kind, s.runner_source])).toEqual([
      ["think", "mock", "step"],
      ["judge", "mock", "agent"],
    ]);
  });
});
