// Secrets in runner settings (http headers, command env values) never come back from the API: they
// read as a mask, an edit that sends the mask back keeps them, and the runner still uses them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { gql } from "../testkit/graphql.js";
import { headerRecorder } from "../testkit/http.js";
import { type RestAgent, type RestError, rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";
import { registerAgent, runWorkflow } from "../testkit/workflows.js";

const MASK = "********";

describe("secrets in runner settings", () => {
  test("http headers read masked, survive an edit that sends the mask back, and reach the agent", async ({ api }) => {
    const endpoint = await headerRecorder();
    try {
      const name = uniqueName("Secret");
      const created = await api.post<RestAgent>(
        "/agents",
        agentBody({
          name,
          runner: {
            kind: "http",
            settings: { url: endpoint.url, headers: { authorization: "Bearer s3cret", "x-team": "a" } },
          },
        }),
      );
      expect(created.status).toBe(201);
      expect(created.body.runner.settings).toEqual({
        url: endpoint.url,
        headers: { authorization: MASK, "x-team": MASK },
      });
      const read = (await api.get<RestAgent>(`/agents/${name}`)).body;
      expect(read.runner.settings).toEqual(created.body.runner.settings);
      expect(JSON.stringify(read)).not.toContain("s3cret");

      // The edit form's round trip: everything as read, one header changed, a timeout added.
      const settings = {
        ...(read.runner.settings as object),
        headers: { authorization: MASK, "x-team": "b" },
        timeout_ms: 5000,
      };
      const edited = await api.patch<RestAgent>(`/agents/${name}`, { runner: { kind: "http", settings } });
      expect(edited.status).toBe(200);
      expect(edited.body.runner.settings).toEqual({ ...settings, headers: { authorization: MASK, "x-team": MASK } });

      const { run } = await runWorkflow(api, [{ id: "call", agent: name }]);
      expect(run.status).toBe("succeeded");
      expect(endpoint.seen.map((h) => [h.authorization, h["x-team"]])).toEqual([["Bearer s3cret", "b"]]);
    } finally {
      await endpoint.close();
    }
  });

  test("command env values read masked and reach the process", async ({ api }) => {
    const name = uniqueName("EnvAgent");
    const script = "process.stdout.write(JSON.stringify({ token: process.env.BATON_TEST_TOKEN }))";
    const res = await api.post<RestAgent>(
      "/agents",
      agentBody({
        name,
        runner: {
          kind: "command",
          settings: { command: process.execPath, args: ["-e", script], env: { BATON_TEST_TOKEN: "t0k3n" } },
        },
      }),
    );
    expect(res.status).toBe(201);
    expect((res.body.runner.settings as { env: unknown }).env).toEqual({ BATON_TEST_TOKEN: MASK });

    const { run } = await runWorkflow(api, [{ id: "read", agent: name }]);
    expect([run.status, run.outputs]).toEqual(["succeeded", { token: "t0k3n" }]);
  });

  test("a masked secret is not carried to a new URL: 400 naming it, nothing changes, nothing is sent", async ({
    api,
  }) => {
    const [first, other] = [await headerRecorder(), await headerRecorder()];
    try {
      const name = uniqueName("Moved");
      const runner = (url: string, authorization: string) => ({
        kind: "http",
        settings: { url, headers: { authorization, "x-team": MASK } },
      });
      const created = await api.post<RestAgent>(
        "/agents",
        agentBody({
          name,
          runner: {
            kind: "http",
            settings: { url: first.url, headers: { authorization: "Bearer s3cret", "x-team": "a" } },
          },
        }),
      );
      expect(created.status).toBe(201);

      // The attack: point the agent elsewhere and send the mask back, hoping the token follows.
      const moved = await api.patch(`/agents/${name}`, { runner: runner(other.url, MASK) });
      expect(moved.status).toBe(400);
      expect(moved.body).toEqual({
        error: {
          code: "VALIDATION_FAILED",
          message: "runner.settings.headers.authorization: send this secret again: the runner's url changed",
          field: "runner.settings.headers.authorization",
          issues: [
            {
              field: "runner.settings.headers.authorization",
              message: "send this secret again: the runner's url changed",
            },
            { field: "runner.settings.headers.x-team", message: "send this secret again: the runner's url changed" },
          ],
        },
      });
      const kept = (await api.get<RestAgent>(`/agents/${name}`)).body;
      expect((kept.runner.settings as { url: string }).url).toBe(first.url);

      // Sending every secret again moves it; the old token goes nowhere.
      const resent = await api.patch<RestAgent>(`/agents/${name}`, {
        runner: { kind: "http", settings: { url: other.url, headers: { authorization: "Bearer n3w", "x-team": "b" } } },
      });
      expect(resent.status).toBe(200);
      const { run } = await runWorkflow(api, [{ id: "call", agent: name }]);
      expect(run.status).toBe("succeeded");
      expect(first.seen).toEqual([]);
      expect(other.seen.map((h) => h.authorization)).toEqual(["Bearer n3w"]);
    } finally {
      await Promise.all([first.close(), other.close()]);
    }
  });

  test("command env: a masked value survives only while command, args and cwd stay; a mask is never a new value", async ({
    api,
  }) => {
    const name = uniqueName("EnvMoved");
    const settings = { command: process.execPath, args: ["-e", "1"], env: { TOKEN: "t0k3n" } };
    expect((await api.post("/agents", agentBody({ name, runner: { kind: "command", settings } }))).status).toBe(201);
    const patch = (changes: object) =>
      api.patch(`/agents/${name}`, {
        runner: { kind: "command", settings: { ...settings, env: { TOKEN: MASK }, ...changes } },
      });

    expect((await patch({ timeout_ms: 1000 })).status).toBe(200);
    for (const [changes, what] of [
      [{ args: ["-e", "2"] }, "args"],
      [{ command: "/bin/sh" }, "command"],
      [{ cwd: "/tmp" }, "cwd"],
    ] as const) {
      const res = await patch(changes);
      expect(res.status, what).toBe(400);
      expect((res.body as { error: { field: string; message: string } }).error).toMatchObject({
        field: "runner.settings.env.TOKEN",
        message: `runner.settings.env.TOKEN: send this secret again: the runner's ${what} changed`,
      });
    }
    const unknown = await patch({ env: { TOKEN: MASK, OTHER: MASK } });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: { field: string } }).error.field).toBe("runner.settings.env.OTHER");

    const fresh = await api.post(
      "/agents",
      agentBody({
        name: uniqueName("MaskOnly"),
        runner: { kind: "command", settings: { command: "true", env: { TOKEN: MASK } } },
      }),
    );
    expect(fresh.status).toBe(400);
    expect((fresh.body as { error: { field: string; message: string } }).error).toMatchObject({
      field: "runner.settings.env.TOKEN",
      message: "runner.settings.env.TOKEN: ******** is how Baton shows a secret: send its value",
    });
  });
});

// `{"$secret": "NAME"}` in place of a value: stored and read as the reference, resolved when the
// agent is invoked — from the server's environment, or from BATON_SECRETS_FILE when it is set.
describe("secret references", () => {
  const ENV_TOKEN = "Bearer fr0m-env";
  let fromEnv: TestServer;
  let fromFile: TestServer;
  let secretsFile: string;
  beforeAll(async () => {
    secretsFile = join(mkdtempSync(join(tmpdir(), "baton-secrets-")), "secrets.json");
    [fromEnv, fromFile] = await Promise.all([
      startTestServer({ env: { BATON_TEST_REF_TOKEN: ENV_TOKEN } }),
      startTestServer({ env: { BATON_TEST_REF_TOKEN: ENV_TOKEN, BATON_SECRETS_FILE: secretsFile } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([fromEnv?.stop(), fromFile?.stop()]);
    rmSync(dirname(secretsFile), { recursive: true, force: true });
  });

  const httpAgent = (url: string, authorization: unknown) =>
    registerAgent(rest(fromEnv.url), { kind: "http", settings: { url, headers: { authorization, "x-team": "a" } } });

  test("an http header reference sends the environment's value; reads show the reference, never the value", async () => {
    const endpoint = await headerRecorder();
    try {
      const api = rest(fromEnv.url);
      const ref = { $secret: "BATON_TEST_REF_TOKEN" };
      const name = await httpAgent(endpoint.url, ref);
      const shown = { url: endpoint.url, headers: { authorization: ref, "x-team": MASK } };
      const read = await api.get<RestAgent>(`/agents/${name}`);
      expect(read.body.runner.settings).toEqual(shown);
      const viaGraphql = await gql<{ agent: { runner: { settings: unknown } } }>(
        fromEnv.url,
        "query($id: ID!) { agent(id: $id) { runner { settings } } }",
        { id: name },
      );
      expect(viaGraphql.agent.runner.settings).toEqual(shown);
      expect(JSON.stringify([read.body, viaGraphql])).not.toContain("fr0m-env");
      const row = await fromEnv.db.prisma.agent.findUniqueOrThrow({ where: { name } });
      expect(row.runnerSettings).toEqual({ url: endpoint.url, headers: { authorization: ref, "x-team": "a" } });

      const { run } = await runWorkflow(api, [{ id: "call", agent: name }]);
      expect(run.status).toBe("succeeded");
      expect(endpoint.seen.map((h) => [h.authorization, h["x-team"]])).toEqual([[ENV_TOKEN, "a"]]);
    } finally {
      await endpoint.close();
    }
  });

  test("a reference needs no re-sending when the URL changes; the plain secret beside it does", async () => {
    const [first, other] = [await headerRecorder(), await headerRecorder()];
    try {
      const api = rest(fromEnv.url);
      const name = await httpAgent(first.url, { $secret: "BATON_TEST_REF_TOKEN" });
      const asRead = (await api.get<RestAgent>(`/agents/${name}`)).body.runner.settings as { headers: object };
      const moved = await api.patch<RestError>(`/agents/${name}`, {
        runner: { kind: "http", settings: { ...asRead, url: other.url } },
      });
      expect(moved.status).toBe(400);
      expect(moved.body.error.issues).toEqual([
        { field: "runner.settings.headers.x-team", message: "send this secret again: the runner's url changed" },
      ]);
      // A reference is never shown masked, so a mask in its place keeps nothing.
      const masked = await api.patch<RestError>(`/agents/${name}`, {
        runner: { kind: "http", settings: { url: first.url, headers: { authorization: MASK, "x-team": MASK } } },
      });
      expect([masked.status, masked.body.error.issues]).toEqual([
        400,
        [
          {
            field: "runner.settings.headers.authorization",
            message: "no stored secret of this name to keep: send its value",
          },
        ],
      ]);
      const resent = await api.patch<RestAgent>(`/agents/${name}`, {
        runner: { kind: "http", settings: { url: other.url, headers: { ...asRead.headers, "x-team": "b" } } },
      });
      expect(resent.status).toBe(200);
      const { run } = await runWorkflow(api, [{ id: "call", agent: name }]);
      expect(run.status).toBe("succeeded");
      expect(other.seen.map((h) => [h.authorization, h["x-team"]])).toEqual([[ENV_TOKEN, "b"]]);
    } finally {
      await Promise.all([first.close(), other.close()]);
    }
  });

  test("a command env reference reaches the process", async () => {
    const api = rest(fromEnv.url);
    const script = "process.stdout.write(JSON.stringify({ token: process.env.TOKEN }))";
    const env = { TOKEN: { $secret: "BATON_TEST_REF_TOKEN" } };
    const name = await registerAgent(api, {
      kind: "command",
      settings: { command: process.execPath, args: ["-e", script], env },
    });
    expect(((await api.get<RestAgent>(`/agents/${name}`)).body.runner.settings as { env: unknown }).env).toEqual(env);
    const { run } = await runWorkflow(api, [{ id: "read", agent: name }]);
    expect([run.status, run.outputs]).toEqual(["succeeded", { token: ENV_TOKEN }]);
  });

  test("a secret the environment lacks fails the step, naming it; nothing is sent", async () => {
    const endpoint = await headerRecorder();
    try {
      const name = await httpAgent(endpoint.url, { $secret: "BATON_TEST_NOT_SET" });
      const { run } = await runWorkflow(rest(fromEnv.url), [{ id: "call", agent: name }]);
      expect([run.status, run.error]).toEqual([
        "failed",
        "step 'call' failed: secret 'BATON_TEST_NOT_SET' is not set (in the server's environment)",
      ]);
      expect(endpoint.seen).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });

  test("with BATON_SECRETS_FILE, references read the file at each call; a missing file or name is named", async () => {
    const endpoint = await headerRecorder();
    try {
      const api = rest(fromFile.url);
      const agent = (secret: string) =>
        registerAgent(api, {
          kind: "http",
          settings: { url: endpoint.url, headers: { authorization: { $secret: secret } } },
        });
      const [token, envOnly] = [await agent("API_TOKEN"), await agent("BATON_TEST_REF_TOKEN")];
      const call = async (name: string) => (await runWorkflow(api, [{ id: "call", agent: name }])).run;

      expect((await call(token)).error).toBe(
        `step 'call' failed: secret 'API_TOKEN': cannot read BATON_SECRETS_FILE ${secretsFile} (ENOENT)`,
      );
      writeFileSync(secretsFile, JSON.stringify({ API_TOKEN: "Bearer fr0m-file" }));
      expect((await call(token)).status).toBe("succeeded");
      writeFileSync(secretsFile, JSON.stringify({ API_TOKEN: "Bearer r0tated" }));
      expect((await call(token)).status).toBe("succeeded");
      // The file is the only source: the server's environment is not consulted.
      expect((await call(envOnly)).error).toBe(
        `step 'call' failed: secret 'BATON_TEST_REF_TOKEN' is not set (in BATON_SECRETS_FILE ${secretsFile})`,
      );
      writeFileSync(secretsFile, '{"API_TOKEN": "Bearer l3aked"');
      const broken = await call(token);
      expect(broken.error).toBe(
        `step 'call' failed: secret 'API_TOKEN': BATON_SECRETS_FILE ${secretsFile} is not a JSON object of names to strings`,
      );
      expect(JSON.stringify(broken)).not.toContain("l3aked");
      expect(endpoint.seen.map((h) => h.authorization)).toEqual(["Bearer fr0m-file", "Bearer r0tated"]);
    } finally {
      await endpoint.close();
    }
  });

  test("a bad reference is a 400 naming the header or env key; nothing is stored", async () => {
    const api = rest(fromEnv.url);
    const cases: [unknown, string][] = [
      [
        { $secret: "lower_case" },
        "$secret must be a name of A–Z, 0–9 and _, not starting with a digit, at most 128 characters",
      ],
      [
        { $secret: "1ST" },
        "$secret must be a name of A–Z, 0–9 and _, not starting with a digit, at most 128 characters",
      ],
      [
        { $secret: "X".repeat(129) },
        "$secret must be a name of A–Z, 0–9 and _, not starting with a digit, at most 128 characters",
      ],
      [{ $secret: 7 }, "$secret must be a name of A–Z, 0–9 and _, not starting with a digit, at most 128 characters"],
      [
        { $secret: "TOKEN", fallback: "x" },
        'must be a string or a secret reference {"$secret": "NAME"} (no other keys)',
      ],
      [{ secret: "TOKEN" }, 'must be a string or a secret reference {"$secret": "NAME"} (no other keys)'],
      [42, 'must be a string or a secret reference {"$secret": "NAME"} (no other keys)'],
    ];
    for (const [authorization, message] of cases) {
      const name = uniqueName("BadRef");
      const res = await api.post<RestError>(
        "/agents",
        agentBody({
          name,
          runner: { kind: "http", settings: { url: "http://127.0.0.1:9/x", headers: { authorization } } },
        }),
      );
      expect([res.status, res.body.error.issues], JSON.stringify(authorization)).toEqual([
        400,
        [{ field: "runner.settings.headers.authorization", message }],
      ]);
      expect((await api.get(`/agents/${name}`)).status).toBe(404);
    }
    const env = await api.post<RestError>(
      "/agents",
      agentBody({
        runner: { kind: "command", settings: { command: "true", env: { TOKEN: { $secret: "bad name" } } } },
      }),
    );
    expect(env.body.error.field).toBe("runner.settings.env.TOKEN");
    const step = await api.post<RestError>("/workflows", {
      name: uniqueName("wf"),
      steps: [
        {
          id: "call",
          agent: "TestAgent",
          runner: {
            kind: "http",
            settings: { url: "http://127.0.0.1:9/x", headers: { authorization: { $secret: "" } } },
          },
        },
      ],
    });
    expect([step.status, step.body.error.field]).toEqual([400, "steps[0].runner.settings.headers.authorization"]);
  });
});
