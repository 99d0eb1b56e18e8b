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
});
