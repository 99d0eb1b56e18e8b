// The `baton` commands that talk to a running Baton, run as child processes against a real server:
// run --follow (steps in order, exit code = outcome, plain lines and NDJSON), the server's refusals
// with their exit codes, a Baton that is down, executions record/list, agents, runs show.
import { createServer } from "node:net";
import { batonCli, withoutTimes } from "../testkit/baton-cli.js";
import type { RestExecution } from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import type { RestClient } from "../testkit/rest.js";
import {
  getRun,
  registerMockAgent,
  startRun,
  waitForRun,
  type RestWorkflowRun,
  type RestWorkflowRunList,
  scriptedSequence,
} from "../testkit/workflows.js";

/** Each CLI call is a Node process of its own (a few seconds on a busy machine). */
const CLI_TIMEOUT = 120_000;

/** A sequential template s1…s3 over a fresh mock agent (30 ms a step unless a run's params say otherwise). */
async function threeSteps(api: RestClient) {
  const agent = await registerMockAgent(api, { latency_ms: 30, outputs: { n: "{{input.n}}" } });
  const flow = await scriptedSequence(api, agent, ["s1", "s2", "s3"]);
  return { agent, flow };
}

async function startRunAndWait(api: RestClient, workflow: string): Promise<RestWorkflowRun> {
  const started = await startRun(api, workflow);
  await waitForRun(api, started.id);
  return getRun(api, started.id);
}

async function runsOf(api: RestClient, workflow: string): Promise<RestWorkflowRun[]> {
  const res = await api.get<RestWorkflowRunList>("/workflow-runs", { workflow });
  expect(res.status).toBe(200);
  return res.body.runs;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("baton run --follow", { timeout: CLI_TIMEOUT }, () => {
  test("prints each step's changes in order with timings, and exits 0 when the run succeeds", async ({
    server,
    api,
  }) => {
    const { agent, flow } = await threeSteps(api);
    // s1 lasts long enough for the subscription to be live before it ends.
    const res = await batonCli(["run", flow.name, "--param", 's1={"latency_ms":600}', "--follow"], {
      BATON_URL: server.url,
    });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const [run] = await runsOf(api, flow.id);
    expect(run?.status).toBe("succeeded");
    const id = (run as RestWorkflowRun).id;
    expect(withoutTimes(res.stdout)).toEqual([
      `run ${id} of '${flow.name}' started: 3 steps`,
      "+T run running",
      ...["s1", "s2", "s3"].flatMap((s) => [`+T ${s} ${agent} running`, `+T ${s} ${agent} succeeded D`]),
      "+T run succeeded",
      `run ${id} succeeded in D`,
    ]);
    // s1's printed duration is its mock latency at least; the elapsed times never go back.
    const s1 = /s1\s+\S+\s+succeeded\s+(\d+\.\d\d)s/.exec(res.stdout);
    expect(Number(s1?.[1])).toBeGreaterThanOrEqual(0.6);
    const elapsed = [...res.stdout.matchAll(/^\s+\+(\d+\.\d\d)s/gm)].map((m) => Number(m[1]));
    expect(elapsed).toHaveLength(8);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
  });

  test("--json: one JSON line per change, then the result with the run's outputs", async ({ server, api }) => {
    const { agent, flow } = await threeSteps(api);
    const res = await batonCli(
      [
        "run",
        flow.id,
        "--params-json",
        '{"s1":{"latency_ms":600}}',
        "--param",
        's3={"outputs":{"last":true}}',
        "--follow",
        "--json",
      ],
      { BATON_URL: server.url },
    );
    expect([res.code, res.stderr]).toEqual([0, ""]);
    const lines = res.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const [run] = await runsOf(api, flow.id);
    const final = await getRun(api, (run as RestWorkflowRun).id);
    expect(lines.map((l) => [l.type, l.step_id ?? null, l.agent_name ?? null, l.status])).toEqual([
      ["run", null, null, "running"],
      ...["s1", "s2", "s3"].flatMap((s) => [
        ["step", s, agent, "running"],
        ["step", s, agent, "succeeded"],
      ]),
      ["run", null, null, "succeeded"],
      ["result", null, null, "succeeded"],
    ]);
    expect(lines.at(-1)).toEqual({
      type: "result",
      run_id: final.id,
      workflow_name: flow.name,
      status: "succeeded",
      error: null,
      failed_step_id: null,
      duration_ms: final.duration_ms,
      outputs: final.outputs,
    });
    // Each step's end comes with its duration: from its start to its end as the changes told them.
    for (const step of final.steps) {
      const started = lines.find((l) => l.step_id === step.step_id && l.status === "running");
      const ended = lines.find((l) => l.step_id === step.step_id && l.status === "succeeded");
      expect(ended).toMatchObject({ run_id: final.id, attempts: 1, error: null });
      expect(ended?.duration_ms).toBe(Date.parse(ended?.at as string) - Date.parse(started?.at as string));
    }
    // s1 ended after the socket was live: that change came from the subscription.
    expect(lines.find((l) => l.step_id === "s1" && l.status === "succeeded")?.source).toBe("live");
  });

  test("a failing step: its retry, its failure, the rest skipped, and exit 1 naming the error", async ({
    server,
    api,
  }) => {
    const agent = await registerMockAgent(api, { latency_ms: 20 }, { retry: { max_retries: 1 } });
    const flow = await scriptedSequence(api, agent, ["s1", "s2", "s3"]);
    const res = await batonCli(
      ["run", flow.name, "--param", 's1={"latency_ms":600}', "--param", 's2={"fail":"disk full"}', "--follow"],
      { BATON_URL: server.url },
    );
    expect([res.code, res.stderr]).toEqual([1, ""]);
    const [run] = await runsOf(api, flow.id);
    const final = await getRun(api, (run as RestWorkflowRun).id);
    expect(final.status).toBe("failed");
    expect(withoutTimes(res.stdout)).toEqual([
      `run ${final.id} of '${flow.name}' started: 3 steps`,
      "+T run running",
      `+T s1 ${agent} running`,
      `+T s1 ${agent} succeeded D`,
      `+T s2 ${agent} running`,
      `+T s2 ${agent} running attempt 1 failed, retrying: disk full`,
      `+T s2 ${agent} running attempt 2`,
      `+T s2 ${agent} failed D disk full`,
      `+T s3 ${agent} skipped`,
      `+T run failed: ${final.error}`,
      `run ${final.id} failed in D: ${final.error}`,
    ]);
  });

  test("without --follow: prints the new run's id at once and exits 0", async ({ server, api }) => {
    const { flow } = await threeSteps(api);
    const res = await batonCli(["run", flow.name, "--json"], { BATON_URL: server.url });
    expect([res.code, res.stderr]).toEqual([0, ""]);
    const started = JSON.parse(res.stdout) as RestWorkflowRun;
    const [run] = await runsOf(api, flow.id);
    expect(started).toMatchObject({ id: run?.id, workflow_name: flow.name, params: { s1: {}, s2: {}, s3: {} } });
  });
});

describe("baton run refused", { timeout: CLI_TIMEOUT }, () => {
  test("an unknown template: exit 2 with the server's message; nothing started", async ({ server }) => {
    const name = uniqueName("no-such-flow");
    const res = await batonCli(["run", name, "--follow"], { BATON_URL: server.url });
    expect(res).toEqual({
      code: 2,
      stdout: "",
      stderr: `baton: Workflow '${name}' was not found (404 NOT_FOUND, field id)\n`,
    });
  });

  test("a parameter the template does not declare, or of the wrong type: exit 2 naming it; no run", async ({
    server,
    api,
  }) => {
    const { flow } = await threeSteps(api);
    const unknown = await batonCli(["run", flow.name, "--param", "colour=blue"], { BATON_URL: server.url });
    expect(unknown).toEqual({
      code: 2,
      stdout: "",
      stderr: "baton: params.colour: unknown parameter 'colour' (400 VALIDATION_FAILED, field params.colour)\n",
    });
    // A value that parses as JSON is sent as JSON: 42 is a number, which s1 (an object) refuses.
    const typed = await batonCli(["run", flow.name, "--param", "s1=42"], { BATON_URL: server.url });
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(/^baton: params\.s1: .+ \(400 VALIDATION_FAILED, field params\.s1\)\n$/);
    expect(await runsOf(api, flow.id)).toEqual([]);
  });

  test("a malformed command line: exit 2 before any request", async ({ server, api }) => {
    const { flow } = await threeSteps(api);
    const cases: [string[], string][] = [
      [["run"], "baton: name the workflow template to run"],
      [["run", flow.name, "--param", "novalue"], "baton: --param takes name=value (got 'novalue')"],
      [
        ["run", flow.name, "--params-json", "[1]"],
        `baton: --params-json must be a JSON object, like '{"version":"1.2.3"}'`,
      ],
      [["run", flow.name, "--params-json", "{oops"], "baton: --params-json is not valid JSON: "],
      [
        ["agents", "--url", "ftp://127.0.0.1"],
        "baton: --url / BATON_URL must be an http(s) URL like http://127.0.0.1:4000 (got 'ftp:')",
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => batonCli(args, { BATON_URL: server.url })));
    for (const [i, res] of results.entries()) {
      const [args, message] = cases[i] as [string[], string];
      expect([res.code, res.stdout, res.stderr.startsWith(message)], `${args.join(" ")}: ${res.stderr}`).toEqual([
        2,
        "",
        true,
      ]);
    }
    expect(await runsOf(api, flow.id)).toEqual([]);
  });
});

describe("Baton down", { timeout: CLI_TIMEOUT }, () => {
  test("every API command says where it looked and how to start it, exit 3", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const message = `baton: Baton is not reachable at ${url} (ECONNREFUSED) — start it with npm start, or point --url / BATON_URL at it\n`;
    const results = await Promise.all([
      batonCli(["agents"], { BATON_URL: url }),
      batonCli(["run", "release", "--follow", "--url", url]),
      batonCli(["executions", "list", "--json"], { BATON_URL: url }),
    ]);
    for (const res of results) expect(res).toEqual({ code: 3, stdout: "", stderr: message });
  });
});

describe("baton executions", { timeout: CLI_TIMEOUT }, () => {
  test("record (every option) then list: the exact fields, the handoff, filters by agent and status", async ({
    server,
    api,
  }) => {
    const agent = uniqueName("CliRecorder");
    const env = { BATON_URL: server.url };
    const parentRes = await batonCli(["executions", "record", "--agent", agent, "--duration-ms", "250", "--json"], env);
    expect([parentRes.code, parentRes.stderr]).toEqual([0, ""]);
    const parent = JSON.parse(parentRes.stdout) as RestExecution;
    expect(parent).toMatchObject({ agent_name: agent, status: "success", duration_ms: 250, parent_execution_id: null });

    const inputs = { task: "T-1", list: [1, 2.5, null, "é ü 漢字"], nested: { "a b": {} } };
    const outputs = ["out", { ok: false }];
    const childRes = await batonCli(
      [
        "executions",
        "record",
        "--agent",
        agent,
        "--status",
        "failure",
        "--input-json",
        JSON.stringify(inputs),
        "--output-json",
        JSON.stringify(outputs),
        "--error",
        "tests failed: 3 of 12",
        "--parent",
        parent.id,
        "--duration-ms",
        "1500",
        "--model",
        "claude-haiku-4-5",
        "--input-tokens",
        "2048",
        "--output-tokens",
        "512",
        "--cost-usd",
        "0.004608",
        "--json",
      ],
      env,
    );
    expect([childRes.code, childRes.stderr]).toEqual([0, ""]);
    const child = JSON.parse(childRes.stdout) as RestExecution;
    expect(child).toEqual({
      id: expect.any(String),
      agent_name: agent,
      status: "failure",
      timestamp: expect.any(String),
      ended_at: new Date(Date.parse(child.timestamp) + 1500).toISOString(),
      duration_ms: 1500,
      inputs,
      outputs,
      error: "tests failed: 3 of 12",
      parent_execution_id: parent.id,
      root_id: parent.id,
      depth: 1,
      workflow_id: null,
      workflow_run_id: null,
      workflow_step_id: null,
      attempt: 1,
      model: "claude-haiku-4-5",
      input_tokens: 2048,
      output_tokens: 512,
      cost_usd: 0.004608,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const stored = await api.get<RestExecution>(`/executions/${child.id}`);
    expect(stored.body).toMatchObject(child);

    const [listed, failures, plain] = await Promise.all([
      batonCli(["executions", "list", "--agent", agent, "--json"], env),
      batonCli(["executions", "list", "--agent", agent, "--status", "failure", "--limit", "5", "--json"], env),
      batonCli(["executions", "list", "--agent", agent], env),
    ]);
    expect(JSON.parse(listed.stdout)).toEqual({ executions: [child, parent], total: 2, limit: 100, offset: 0 });
    expect(JSON.parse(failures.stdout)).toEqual({ executions: [child], total: 1, limit: 5, offset: 0 });
    const lines = withoutTimes(plain.stdout);
    expect(lines).toEqual([
      "ID AGENT STATUS STARTED DURATION PARENT",
      `${child.id} ${agent} failure ${child.timestamp} D ${parent.id}`,
      `${parent.id} ${agent} success ${parent.timestamp} D`,
      "2 of 2",
    ]);
  });

  test("refused: a status the server does not know, negative tokens (exit 2, naming the field, nothing written); bad JSON; no --agent", async ({
    server,
  }) => {
    const agent = uniqueName("CliRefused");
    const env = { BATON_URL: server.url };
    const [status, json, none, tokens] = await Promise.all([
      batonCli(["executions", "record", "--agent", agent, "--status", "bogus"], env),
      batonCli(["executions", "record", "--agent", agent, "--input-json", "{nope"], env),
      batonCli(["executions", "record", "--status", "success"], env),
      batonCli(["executions", "record", "--agent", agent, "--input-tokens", "-1"], env),
    ]);
    expect(tokens.code).toBe(2);
    expect(tokens.stderr).toMatch(/^baton: .* \(400 VALIDATION_FAILED, field input_tokens\)\n$/);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/^baton: .*"bogus".* \(400 VALIDATION_FAILED, field status\)\n$/);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/^baton: --input-json is not valid JSON: /);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^baton: --agent is required\n/);
    expect(await server.db.prisma.execution.count({ where: { agentName: agent } })).toBe(0);
  });
});

describe("baton agents", { timeout: CLI_TIMEOUT }, () => {
  test("--json: every registered agent with runner, circuit and its success rate over 30 days", async ({
    server,
    api,
  }) => {
    const name = await registerMockAgent(api, { latency_ms: 0 });
    for (const status of ["success", "success", "failure"]) {
      const res = await api.post("/executions", { agent_name: name, status, duration_ms: 10 });
      expect(res.status).toBe(201);
    }
    const env = { BATON_URL: server.url };
    const [json, plain] = await Promise.all([batonCli(["agents", "--json"], env), batonCli(["agents"], env)]);
    expect([json.code, json.stderr]).toEqual([0, ""]);
    const rows = JSON.parse(json.stdout) as { name: string }[];
    const registered = await server.db.prisma.agent.findMany({ select: { name: true } });
    expect(rows.map((r) => r.name).sort()).toEqual(registered.map((a) => a.name).sort());
    expect(rows.find((r) => r.name === name)).toEqual({
      name,
      runner: "mock",
      circuit: "closed",
      success_rate_30d: 2 / 3,
      executions_30d: 3,
    });
    expect(withoutTimes(plain.stdout)).toContain(`${name} mock closed 66.7% of 3`);
  });

  test("show: the agent and its health; an unknown name exits 2 with the server's message", async ({ server, api }) => {
    const created = await api.post<{ name: string }>("/agents", agentBody({ name: uniqueName("CliShown") }));
    const { name } = created.body;
    await api.post("/executions", { agent_name: name, status: "failure", error: "boom", duration_ms: 5 });
    const env = { BATON_URL: server.url };
    const [shown, plain, missing] = await Promise.all([
      batonCli(["agents", "show", name, "--json"], env),
      batonCli(["agents", "show", name], env),
      batonCli(["agents", "show", `${name}-gone`], env),
    ]);
    const body = JSON.parse(shown.stdout) as { agent: unknown; health: Record<string, unknown> };
    expect(body.agent).toEqual((await api.get(`/agents/${name}`)).body);
    expect(body.health).toMatchObject({
      name,
      last_day: { total: 1, successes: 0, failures: 1, success_rate: 0 },
      last_failure: { error: "boom" },
    });
    expect(withoutTimes(plain.stdout)).toContain("last day 0.0% success (0 ok, 1 failed, 1 in all), p95 5 ms");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(new RegExp(`^baton: .*'${name}-gone'.* \\(404 NOT_FOUND, field id\\)\\n$`));
  });
});

describe("baton runs show", { timeout: CLI_TIMEOUT }, () => {
  test("a finished run as REST has it (--json) and as a table; an unknown id exits 2", async ({ server, api }) => {
    const { agent, flow } = await threeSteps(api);
    const run = await startRunAndWait(api, flow.id);
    const env = { BATON_URL: server.url };
    const [json, plain, missing] = await Promise.all([
      batonCli(["runs", "show", run.id, "--json"], env),
      batonCli(["runs", "show", run.id], env),
      batonCli(["runs", "show", "no-such-run"], env),
    ]);
    expect(JSON.parse(json.stdout)).toEqual(run);
    expect(withoutTimes(plain.stdout)).toEqual([
      `run ${run.id} succeeded in D`,
      `workflow ${flow.name}`,
      `params ${JSON.stringify(run.params)}`,
      `created ${run.created_at}`,
      "",
      "STEP AGENT STATUS ATTEMPTS DURATION ERROR",
      ...["s1", "s2", "s3"].map((s) => `${s} ${agent} succeeded 1 D`),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^baton: .*no-such-run.* \(404 NOT_FOUND, field id\)\n$/);
  });
});
