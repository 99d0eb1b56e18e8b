// Model, tokens and cost filled for real by the real Claude Code CLI (the devDependency) against the
// local model stand-in, whose answers report usage as the Messages API does (input and cache counts
// in message_start, the output count in message_delta). Expected figures are summed here from the
// usage the stand-in sent, not from anything Claude Code or Baton printed:
// - the claude runner: every model call of the step (the agent's and its sub-agent's), input tokens
//   counting cache creation and cache reads; the cost at Claude Sonnet 4.5's list prices, which
//   Claude Code's total_cost_usd uses;
// - Claude Code's hooks: a sub-agent's execution gets PostToolUse's resolvedModel and the usage of
//   the sub-agent's last model call (what Claude Code reports there), no cost;
// - both reach the metrics and the trace list as exact sums.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rootExecutionId } from "../../server/modules/claude-code/claude-code.payload.js";
import { CLAUDE_BIN, REPO_ROOT, runClaude } from "../testkit/claude-cli.js";
import type { RestExecution } from "../testkit/executions.js";
import {
  bash,
  is,
  type LoggedRequest,
  type ModelRequest,
  type ModelStandIn,
  spawn,
  startModelStandIn,
  text,
  type Usage,
} from "../testkit/model-standin.js";
import { rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";
import { createWorkflow, executionOf, registerAgent, startRun, waitForRun } from "../testkit/workflows.js";

const SONNET = "claude-sonnet-4-5-20250929";
/** Claude Sonnet 4.5's list prices, US dollars per million tokens. */
const PRICE = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

/** Distinct usage per conversation and turn, so a sum that missed or doubled a call shows. */
const usageOf =
  (base: number) =>
  (_req: ModelRequest, turn: number): Usage => ({
    input_tokens: base + 17 * turn,
    cache_creation_input_tokens: 2 * base + turn,
    cache_read_input_tokens: 3 * base + 5 * turn,
    output_tokens: Math.round(base / 4) + 3 * turn,
  });

const answered = (requests: LoggedRequest[]) => requests.flatMap((r) => (r.usage ? [r] : []));
const inputOf = (u: Usage) => u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
/** Micro-dollars per call at the list prices, summed, in dollars (each call's price is whole micro-dollars × 100). */
const priceOf = (calls: Usage[]) =>
  calls.reduce(
    (a, u) =>
      a +
      u.input_tokens * PRICE.input * 100 +
      u.output_tokens * PRICE.output * 100 +
      u.cache_read_input_tokens * PRICE.cacheRead * 100 +
      u.cache_creation_input_tokens * PRICE.cacheWrite * 100,
    0,
  ) / 1e8;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "baton-usage-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the claude runner records what Claude Code says the step used", () => {
  let server: TestServer;
  let model: ModelStandIn;
  const home = () => join(scratch, "home");
  beforeAll(async () => {
    mkdirSync(home(), { recursive: true });
    model = await startModelStandIn([
      // The sub-agent: a Bash call, then its answer (two model calls).
      { match: is.sub, turns: [[bash("echo sub")], [text("checked")]], usage: usageOf(40) },
      // The agent: spawns the sub-agent, then answers with JSON.
      {
        match: is.main,
        turns: [[spawn("checker", "check it")], [text('{"verdict": "ok"}')]],
        usage: usageOf(1000),
      },
    ]);
    server = await startTestServer({
      env: {
        CLAUDE_BIN,
        HOME: home(),
        ANTHROPIC_BASE_URL: model.url,
        ANTHROPIC_API_KEY: "sk-ant-standin",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_AUTOUPDATER: "1",
      },
    });
    mkdirSync(join(server.workdir, ".claude", "agents"), { recursive: true });
    writeFileSync(
      join(server.workdir, ".claude", "agents", "checker.md"),
      "---\nname: checker\ndescription: Checks one thing.\ntools: Bash\n---\nYou check.\n",
    );
    writeFileSync(join(scratch, "lead.md"), "---\nname: lead\ndescription: Leads.\n---\nYou lead.\n");
  });
  afterAll(async () => {
    await model?.close();
    await server?.stop();
  });

  it("model, tokens of every call (cache included) and total_cost_usd reach the execution, the metrics and the trace", {
    timeout: 180_000,
  }, async () => {
    const api = rest(server.url);
    const agent = await registerAgent(
      api,
      {
        kind: "claude",
        settings: {
          agent_file: join(scratch, "lead.md"),
          model: SONNET,
          allowed_tools: ["Agent", "Bash"],
          timeout_ms: 120_000,
        },
      },
      { prefix: "ClaudeUsage" },
    );
    const before = answered(model.requests).length;
    const workflow = await createWorkflow(api, { steps: [{ id: "lead", agent, input: { task: "t" } }] });
    const run = await waitForRun(api, (await startRun(api, workflow.id)).id, 150_000);
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    const calls = answered(model.requests)
      .slice(before)
      .map((r) => r.usage as Usage);
    // Two calls of the agent and two of its sub-agent.
    expect(calls).toHaveLength(4);
    const expected = {
      model: SONNET,
      input_tokens: calls.reduce((a, u) => a + inputOf(u), 0),
      output_tokens: calls.reduce((a, u) => a + u.output_tokens, 0),
    };
    const execution = executionOf(run, "lead");
    expect({
      model: execution.model,
      input_tokens: execution.input_tokens,
      output_tokens: execution.output_tokens,
    }).toEqual(expected);
    expect(execution.cost_usd).toBeCloseTo(priceOf(calls), 12);
    expect(execution.outputs).toEqual({ verdict: "ok" });

    // The same figures through GET /executions/{id}, the metrics and the trace list.
    const stored = (await api.get<RestExecution>(`/executions/${execution.id}`)).body;
    expect(stored).toMatchObject({ ...expected, cost_usd: execution.cost_usd });
    const metrics = await api.get<{ agents: { agent_name: string; summary: Record<string, unknown> }[] }>("/metrics", {
      agent,
    });
    expect(metrics.body.agents[0]?.summary).toMatchObject({
      input_tokens: expected.input_tokens,
      output_tokens: expected.output_tokens,
      token_executions: 1,
      cost_usd: Math.round((execution.cost_usd as number) * 1e9) / 1e9,
      cost_executions: 1,
    });
    const traces = await api.get<{ nodes: Record<string, unknown>[] }>("/traces", { execution: execution.id });
    // The tree is the run's root (no usage) and the step.
    expect(traces.body.nodes[0]).toMatchObject({
      input_tokens: expected.input_tokens,
      output_tokens: expected.output_tokens,
      cost_usd: Math.round((execution.cost_usd as number) * 1e9) / 1e9,
    });
  });
});

describe("Claude Code's hooks fill a sub-agent's execution from PostToolUse", () => {
  let server: TestServer;
  let model: ModelStandIn;
  beforeAll(async () => {
    server = await startTestServer();
    model = await startModelStandIn(
      [
        { match: is.subPrompt("task A"), turns: [[bash("echo a")], [text("A finished")]], usage: usageOf(70) },
        { match: is.subPrompt("task B"), turns: [[text("B finished")]], usage: usageOf(300) },
        {
          match: is.main,
          turns: [[spawn("worker", "task A"), spawn("worker", "task B")], [text("All done.")]],
          usage: usageOf(2000),
        },
      ],
      { model: SONNET },
    );
  });
  afterAll(async () => {
    await model?.close();
    await server?.stop();
  });

  it("resolvedModel and the sub-agent's last usage, input with cache; none on the session", {
    timeout: 300_000,
  }, async () => {
    const dir = join(scratch, "project");
    mkdirSync(join(dir, ".claude", "agents"), { recursive: true });
    writeFileSync(
      join(dir, ".claude", "agents", "worker.md"),
      "---\nname: worker\ndescription: Does one piece of work.\ntools: Bash\n---\nYou are WORKER.\n",
    );
    writeFileSync(
      join(dir, ".claude", "settings.json"),
      readFileSync(join(REPO_ROOT, ".claude", "settings.json"), "utf8").replaceAll("$CLAUDE_PROJECT_DIR", REPO_ROOT),
    );
    const run = await runClaude({
      cwd: dir,
      prompt: "go",
      modelUrl: model.url,
      extraArgs: ["--model", SONNET],
      env: { BATON_URL: server.url, BATON_HOOK_SPOOL: join(scratch, "spool.jsonl"), BATON_HOOK_BUDGET_MS: "10000" },
      timeoutMs: 180_000,
    });
    expect(run.result?.subtype, run.stderr.slice(0, 500)).toBe("success");
    const sessionId = String(run.result?.session_id);
    // Each worker's last model call, by its prompt.
    const last = (prompt: string) => {
      const calls = model.requests.filter((r) => r.usage && r.agentId !== null);
      const conversation = prompt === "task A" ? 0 : 1;
      return calls.filter((r) => r.conversation === conversation).at(-1)?.usage as Usage;
    };
    const api = rest(server.url);
    const spawnIds = (
      await server.db.prisma.execution.findMany({
        where: { rootId: rootExecutionId(sessionId), parentExecutionId: { not: null } },
        select: { id: true, inputs: true },
      })
    ).map((e) => ({ id: e.id, prompt: (e.inputs as { prompt?: string }).prompt }));
    expect(spawnIds.map((s) => s.prompt).sort()).toEqual(["task A", "task B"]);
    for (const s of spawnIds) {
      const u = last(s.prompt as string);
      const e = (await api.get<RestExecution>(`/executions/${s.id}`)).body;
      expect(e.id).toBe(s.id);
      expect({
        model: e.model,
        input_tokens: e.input_tokens,
        output_tokens: e.output_tokens,
        cost_usd: e.cost_usd,
      }).toEqual({
        model: SONNET,
        input_tokens: inputOf(u),
        output_tokens: u.output_tokens,
        cost_usd: null,
      });
    }
    // Task A's worker made two calls: its first is not counted (PostToolUse reports the last one only).
    expect(model.requests.filter((r) => r.usage && r.conversation === 0)).toHaveLength(2);
    const root = (await api.get<RestExecution>(`/executions/${rootExecutionId(sessionId)}`)).body;
    expect([root.model, root.input_tokens, root.output_tokens, root.cost_usd]).toEqual([null, null, null, null]);
    const traces = await api.get<{ nodes: Record<string, unknown>[] }>("/traces", {
      execution: rootExecutionId(sessionId),
    });
    const a = last("task A");
    const b = last("task B");
    expect(traces.body.nodes[0]).toMatchObject({
      input_tokens: inputOf(a) + inputOf(b),
      output_tokens: a.output_tokens + b.output_tokens,
      cost_usd: null,
    });
  });
});
