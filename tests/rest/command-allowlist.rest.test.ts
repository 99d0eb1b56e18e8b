// BATON_COMMAND_ALLOWLIST: with a list set, a command runner naming anything else is refused when an
// agent or a template's step override is written (400 naming the field) and again when it is run
// (the list may have changed since): the program never starts.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type RestAgent, type RestError, rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";
import { createWorkflow, registerNodeScriptAgent, runWorkflow, stepState } from "../testkit/workflows.js";

const node = process.execPath;
const ALLOWED = `true, ${node}`;
const refusal = (command: string) => `'${command}' is not in BATON_COMMAND_ALLOWLIST (allowed: true, ${node})`;

describe("BATON_COMMAND_ALLOWLIST", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { BATON_COMMAND_ALLOWLIST: ALLOWED } });
  });
  afterAll(() => server?.stop());

  test("a listed executable registers and runs", async () => {
    const api = rest(server.url);
    const agent = await registerNodeScriptAgent(api, 'console.log(JSON.stringify({ ran: "yes" }))');
    const { run } = await runWorkflow(api, [{ id: "go", agent }]);
    expect([run.status, run.outputs]).toEqual(["succeeded", { ran: "yes" }]);
  });

  test("registering or changing an agent to another executable is a 400 naming runner.settings.command", async () => {
    const api = rest(server.url);
    for (const command of ["sh", "node", "/bin/sh", "./node"]) {
      const name = uniqueName("Refused");
      const res = await api.post<RestError>(
        "/agents",
        agentBody({ name, runner: { kind: "command", settings: { command, args: ["-c", "exit 0"] } } }),
      );
      const message =
        command === "./node"
          ? `'./node' is a relative path: only executable names or absolute paths in BATON_COMMAND_ALLOWLIST may start (allowed: true, ${node})`
          : refusal(command);
      expect([res.status, res.body.error.issues], command).toEqual([
        400,
        [{ field: "runner.settings.command", message }],
      ]);
      expect((await api.get(`/agents/${name}`)).status).toBe(404);
    }

    const agent = await registerNodeScriptAgent(api, "console.log('{}')");
    const changed = await api.patch<RestError>(`/agents/${agent}`, {
      runner: { kind: "command", settings: { command: "sh", args: ["-c", "exit 0"] } },
    });
    expect([changed.status, changed.body.error.field, changed.body.error.message]).toEqual([
      400,
      "runner.settings.command",
      `runner.settings.command: ${refusal("sh")}`,
    ]);
    const kept = (await api.get<RestAgent>(`/agents/${agent}`)).body;
    expect((kept.runner.settings as { command: string }).command).toBe(node);
  });

  test("a template whose step overrides its runner with another executable is a 400 naming the step's field", async () => {
    const api = rest(server.url);
    const agent = await registerNodeScriptAgent(api, "console.log('{}')");
    const override = { kind: "command", settings: { command: "sh", args: ["-c", "exit 0"] } };
    const expected = {
      field: "steps[0].runner.settings.command",
      message: `step 'go': runner setting 'command': ${refusal("sh")}`,
    };
    const created = await api.post<RestError>("/workflows", {
      name: uniqueName("wf"),
      steps: [{ id: "go", agent, runner: override }],
    });
    expect([created.status, created.body.error.issues]).toEqual([400, [expected]]);

    const workflow = await createWorkflow(api, { steps: [{ id: "go", agent }] });
    const updated = await api.patch<RestError>(`/workflows/${workflow.id}`, {
      steps: [{ id: "go", agent, runner: override }],
    });
    expect([updated.status, updated.body.error.issues]).toEqual([400, [expected]]);
    const allowed = await api.patch(`/workflows/${workflow.id}`, {
      steps: [{ id: "go", agent, runner: { kind: "command", settings: { command: "true" } } }],
    });
    expect(allowed.status).toBe(200);
  });

  test("an agent stored before the list changed is refused when run: the step fails, the program never starts", async () => {
    const api = rest(server.url);
    const agent = await registerNodeScriptAgent(api, "console.log('{}')");
    const marker = join(server.workdir, "allowlist-marker");
    // As written by a server without the list (or with another one): straight into the registry.
    await server.db.prisma.agent.update({
      where: { name: agent },
      data: { runnerSettings: { command: "touch", args: [marker] } },
    });
    const { run } = await runWorkflow(api, [{ id: "go", agent }]);
    expect([run.status, stepState(run, "go").error]).toEqual(["failed", `command refused: ${refusal("touch")}`]);
    expect(existsSync(marker)).toBe(false);
  });
});

describe("without BATON_COMMAND_ALLOWLIST", () => {
  test("any executable registers, as before", async ({ api }) => {
    const res = await api.post(
      "/agents",
      agentBody({ runner: { kind: "command", settings: { command: "sh", args: ["-c", "echo {}"] } } }),
    );
    expect(res.status).toBe(201);
  });
});
