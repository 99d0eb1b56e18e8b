// The API commands of `baton` against a Baton that asks for tokens (BATON_AUTH=on): without one,
// or with one it does not know, the server's 401 message and exit 4; with BATON_TOKEN or --token
// the commands work, run --follow included (its WebSocket sends the token in connectionParams); a
// token without the scope gets the 403; the secret never appears in anything the CLI prints.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createToken } from "../../server/security/tokens.js";
import { batonCli, type CliResult, withoutTimes } from "../testkit/baton-cli.js";
import { rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";
import { registerMockAgent, type RestWorkflowRunList, scriptedSequence } from "../testkit/workflows.js";

let server: TestServer;
let secret: string;
let readSecret: string;
let flow: { id: string; name: string };
let agent: string;
const printed: CliResult[] = [];

const cli = async (args: string[], env: Record<string, string> = {}) => {
  const res = await batonCli(args, { BATON_URL: server.url, ...env });
  printed.push(res);
  return res;
};

beforeAll(async () => {
  server = await startTestServer({ env: { BATON_AUTH: "on" } });
  secret = (await createToken(server.db, { name: "cli", scopes: ["read", "run", "write"] })).secret;
  readSecret = (await createToken(server.db, { name: "reader", scopes: ["read"] })).secret;
  const api = rest(server.url, { authorization: `Bearer ${secret}` });
  agent = await registerMockAgent(api, { latency_ms: 30 });
  flow = await scriptedSequence(api, agent, ["s1", "s2"]);
});
afterAll(async () => {
  // Whatever a command printed, on either stream, never holds a secret.
  for (const res of printed)
    for (const s of [secret, readSecret]) expect(`${res.stdout}${res.stderr}`).not.toContain(s);
  await server?.stop();
});

const runsOfFlow = async () =>
  (
    await rest(server.url, { authorization: `Bearer ${secret}` }).get<RestWorkflowRunList>("/workflow-runs", {
      workflow: flow.id,
    })
  ).body.runs;

describe("baton with authentication on", { timeout: 120_000 }, () => {
  test("no token, or one the server does not know: its 401 message and exit 4; nothing started", async () => {
    const unknown = `baton_${"x".repeat(32)}`;
    const [none, wrong, run] = await Promise.all([
      cli(["agents"]),
      cli(["agents", "--token", unknown]),
      cli(["run", flow.name, "--follow"]),
    ]);
    const advice =
      "send Authorization: Bearer <token> (create one with `npm run baton -- tokens create --name <name> --scope read`) or log in to the dashboard (401 UNAUTHENTICATED)";
    expect(none).toEqual({ code: 4, stdout: "", stderr: `baton: no token was sent: ${advice}\n` });
    expect(run).toEqual(none);
    expect(wrong).toEqual({
      code: 4,
      stdout: "",
      stderr: `baton: the token sent is not valid (unknown, revoked or expired): ${advice}\n`,
    });
    expect(`${wrong.stdout}${wrong.stderr}`).not.toContain(unknown);
    expect(await runsOfFlow()).toEqual([]);
  });

  test("BATON_TOKEN: run --follow streams the run over the authenticated socket and exits 0", async () => {
    const res = await cli(["run", flow.name, "--param", 's1={"latency_ms":600}', "--follow"], { BATON_TOKEN: secret });
    expect([res.code, res.stderr]).toEqual([0, ""]);
    const [run] = await runsOfFlow();
    expect(withoutTimes(res.stdout)).toEqual([
      `run ${run?.id} of '${flow.name}' started: 2 steps`,
      "+T run running",
      `+T s1 ${agent} running`,
      `+T s1 ${agent} succeeded D`,
      `+T s2 ${agent} running`,
      `+T s2 ${agent} succeeded D`,
      "+T run succeeded",
      `run ${run?.id} succeeded in D`,
    ]);
  });

  test("--token: agents and executions work; a read-only token is refused a run (403, exit 4)", async () => {
    const [agents, recorded, refused] = await Promise.all([
      cli(["agents", "--json", "--token", secret]),
      cli(["executions", "record", "--agent", agent, "--json", "--token", secret]),
      cli(["run", flow.name, "--token", readSecret]),
    ]);
    expect(agents.code).toBe(0);
    expect((JSON.parse(agents.stdout) as { name: string }[]).map((a) => a.name)).toContain(agent);
    expect(recorded.code).toBe(0);
    expect(JSON.parse(recorded.stdout)).toMatchObject({ agent_name: agent, status: "success" });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^baton: .+ \(403 FORBIDDEN\)\n$/);
    expect(refused.stdout).toBe("");
    expect(await runsOfFlow()).toHaveLength(1);
  });
});
