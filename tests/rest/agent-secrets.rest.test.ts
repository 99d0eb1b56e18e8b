// Secrets in runner settings (http headers, command env values) never come back from the API: they
// read as a mask, an edit that sends the mask back keeps them, and the runner still uses them.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestAgent } from "../testkit/rest.js";
import { runWorkflow } from "../testkit/workflows.js";

const MASK = "********";

/** An `http` agent endpoint that answers `{ ok: true }` and keeps the headers of each request. */
async function headerRecorder() {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/agent`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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
