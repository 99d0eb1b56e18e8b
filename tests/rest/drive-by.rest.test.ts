// A web page the user visits must not be able to drive Baton: every request a page could send
// without a CORS preflight, from another origin, or through a DNS-rebound name is refused before
// any route runs — and nothing is written. Scripts (no Origin) and the dashboard (same origin) pass.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseEnv, servedHosts } from "../../server/env.js";
import { rawRequest, tryUpgrade } from "../testkit/http.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

const EVIL = "http://evil.test:8080";
const json = { "content-type": "application/json" };

/** An agent that would leave a file behind if Baton ever ran it. */
function markerAgent(name: string, marker: string) {
  return {
    name,
    capabilities: ["attack"],
    runner: { kind: "command", settings: { command: "sh", args: ["-c", `touch '${marker}'; echo '{}'`] } },
  };
}

async function countRows(server: TestServer) {
  const p = server.db.prisma;
  return {
    agents: await p.agent.count(),
    templates: await p.workflowTemplate.count(),
    runs: await p.workflowRun.count(),
  };
}

describe("writes that a page could send without a preflight", () => {
  test("a REST write in any body type but JSON is 415 and writes nothing", async ({ server }) => {
    const before = await countRows(server);
    const body = JSON.stringify(markerAgent("TextPlainAgent", join(server.workdir, "m")));
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await rawRequest(server.url, "POST", "/agents", { headers: { "content-type": type }, body });
      expect(res.status, type).toBe(415);
      expect(res.json).toEqual({
        error: {
          code: "UNSUPPORTED_MEDIA_TYPE",
          message: `POST /agents takes a JSON body: send Content-Type: application/json (got '${type.split(";")[0]}')`,
        },
      });
    }
    // No Content-Type at all (a bodiless POST a page can send): refused too, a run is not started.
    const execute = await rawRequest(server.url, "POST", "/workflows/tdd-cycle/execute");
    expect(execute.status).toBe(415);
    expect((execute.json as { error: { message: string } }).error.message).toBe(
      "POST /workflows/tdd-cycle/execute takes a JSON body: send Content-Type: application/json",
    );
    const patch = await rawRequest(server.url, "PATCH", "/agents/TestAgent", {
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ description: "changed" }),
    });
    expect(patch.status).toBe(415);
    expect(await countRows(server)).toEqual(before);
    const agent = await server.db.prisma.agent.findUniqueOrThrow({ where: { name: "TestAgent" } });
    expect(agent.description).not.toBe("changed");
  });

  test("GraphQL takes only JSON bodies: form, multipart and text mutations are 415", async ({ server }) => {
    const before = await countRows(server);
    const mutation = 'mutation { createAgent(input: { name: "FormAgent" }) { __typename } }';
    const bodies: [string, string][] = [
      ["application/x-www-form-urlencoded", new URLSearchParams({ query: mutation }).toString()],
      ["text/plain", JSON.stringify({ query: mutation })],
      [
        "multipart/form-data; boundary=b",
        `--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: mutation })}\r\n--b--\r\n`,
      ],
      ["application/graphql", mutation],
    ];
    for (const [type, body] of bodies) {
      const res = await rawRequest(server.url, "POST", "/graphql", { headers: { "content-type": type }, body });
      expect(res.status, type).toBe(415);
      expect((res.json as { error: { code: string } }).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
    expect(await countRows(server)).toEqual(before);
  });

  test("GraphQL over GET: never a mutation, and a query only with the CSRF header", async ({ server }) => {
    const get = (query: string, headers: Record<string, string> = {}) =>
      rawRequest(server.url, "GET", `/graphql?query=${encodeURIComponent(query)}`, { headers });
    const csrf = { "x-graphql-yoga-csrf": "1" };

    const plain = await get("{ __typename }");
    expect(plain.status).toBe(403);
    expect(plain.json).toEqual({ errors: [{ message: "Required CSRF header(s) not present" }] });

    const mutation = await get('mutation { deleteAgent(id: "TestAgent") { __typename } }', csrf);
    expect(mutation.status).toBe(405);
    expect(await server.db.prisma.agent.count({ where: { name: "TestAgent" } })).toBe(1);

    const query = await get("{ __typename }", csrf);
    expect(query.status).toBe(200);
    expect(query.json).toEqual({ data: { __typename: "Query" } });
  });
});

describe("other origins", () => {
  test("a page on another origin is refused on REST, GraphQL and preflights, with no CORS headers", async ({
    server,
  }) => {
    const before = await countRows(server);
    const refused = {
      error: {
        code: "FORBIDDEN_ORIGIN",
        message: `requests from origin '${EVIL}' are not allowed: list it in BATON_ALLOWED_ORIGINS to let its pages call Baton`,
      },
    };
    const attempts = [
      rawRequest(server.url, "POST", "/agents", {
        headers: { ...json, origin: EVIL },
        body: JSON.stringify(markerAgent("CorsAgent", join(server.workdir, "m"))),
      }),
      rawRequest(server.url, "POST", "/graphql", {
        headers: { ...json, origin: EVIL },
        body: JSON.stringify({ query: 'mutation { createAgent(input: { name: "CorsAgent" }) { __typename } }' }),
      }),
      rawRequest(server.url, "GET", "/agents", { headers: { origin: EVIL } }),
      rawRequest(server.url, "OPTIONS", "/graphql", {
        headers: {
          origin: EVIL,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      }),
      // A sandboxed frame or a file:// page says "null".
      rawRequest(server.url, "POST", "/agents", { headers: { ...json, origin: "null" }, body: "{}" }),
    ];
    const responses = await Promise.all(attempts);
    for (const res of responses.slice(0, 4)) {
      expect(res.status).toBe(403);
      expect(res.json).toEqual(refused);
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
      expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    }
    expect(responses[4]?.status).toBe(403);
    expect(await countRows(server)).toEqual(before);
  });

  test("the server's own origin (the dashboard) and clients without an Origin pass", async ({ server }) => {
    const own = await rawRequest(server.url, "POST", "/graphql", {
      headers: { ...json, origin: server.url },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(own.status).toBe(200);
    expect(own.headers["access-control-allow-origin"]).toBeUndefined();
    const script = await rawRequest(server.url, "GET", "/agents/TestAgent");
    expect(script.status).toBe(200);
    expect((script.json as { name: string }).name).toBe("TestAgent");
  });

  test("a WebSocket from another origin is refused; the own origin and scripts connect", async ({ server }) => {
    expect(await tryUpgrade(server.url, { origin: EVIL })).toEqual({ outcome: "refused", status: 403 });
    expect(await tryUpgrade(server.url, { origin: "null" })).toEqual({ outcome: "refused", status: 403 });
    expect(await tryUpgrade(server.url, { origin: server.url })).toEqual({ outcome: "open" });
    expect(await tryUpgrade(server.url)).toEqual({ outcome: "open" });
  });
});

describe("requests another site's page makes without an Origin (fetch metadata)", () => {
  const syncAudits = (server: TestServer) => server.db.prisma.auditEntry.count({ where: { operation: "syncNotion" } });
  const metadata = (site: string, mode: string, dest: string) => ({
    "sec-fetch-site": site,
    "sec-fetch-mode": mode,
    "sec-fetch-dest": dest,
  });

  test("GET /executions/sync changes state: refused from another site as an image, a fetch or a followed link", async ({
    server,
  }) => {
    const cases: [string, Record<string, string>][] = [
      ["img", metadata("cross-site", "no-cors", "image")],
      ["no-cors fetch", metadata("cross-site", "no-cors", "empty")],
      ["followed link", metadata("cross-site", "navigate", "document")],
      ["iframe", metadata("cross-site", "navigate", "iframe")],
      ["another port of localhost", metadata("same-site", "navigate", "document")],
    ];
    for (const [what, headers] of cases) {
      const res = await rawRequest(server.url, "GET", "/executions/sync", { headers });
      expect([what, res.status], res.text).toEqual([what, 403]);
      expect(res.json).toEqual({
        error: {
          code: "FORBIDDEN_SITE",
          message:
            "GET /executions/sync changes state: a page on another site cannot trigger it; call it from the dashboard or a script (or POST it)",
        },
      });
    }
    // The sync never ran: every mutation that reaches a resolver is audited, allowed or not.
    expect(await syncAudits(server)).toBe(0);

    // The dashboard (same origin), a typed URL or bookmark ("none") and curl (no metadata) reach it.
    for (const headers of [metadata("same-origin", "cors", "empty"), metadata("none", "navigate", "document"), {}]) {
      const res = await rawRequest(server.url, "GET", "/executions/sync", { headers });
      expect(res.json, res.text).not.toMatchObject({ error: { code: "FORBIDDEN_SITE" } });
    }
    expect(await syncAudits(server)).toBe(3);
  });

  test("another site's subresource requests are refused; links to the dashboard and API reads still open", async ({
    server,
  }) => {
    for (const [path, dest] of [
      ["/agents", "image"],
      ["/executions/timeline", "script"],
      ["/openapi.json", "iframe"],
    ] as const) {
      const mode = dest === "iframe" ? "navigate" : "no-cors";
      const res = await rawRequest(server.url, "GET", path, { headers: metadata("cross-site", mode, dest) });
      if (mode === "navigate") expect([path, res.status]).toEqual([path, 200]);
      else {
        expect([path, res.status]).toEqual([path, 403]);
        expect((res.json as { error: { code: string; message: string } }).error).toEqual({
          code: "FORBIDDEN_SITE",
          message: `a page on another site (Sec-Fetch-Site: cross-site) cannot call ${path}: list its origin in BATON_ALLOWED_ORIGINS to let its pages call Baton`,
        });
      }
    }
    // A link from a Notion page to a REST read, or to the playground, opens.
    const link = { ...metadata("cross-site", "navigate", "document"), accept: "text/html" };
    for (const path of ["/agents/TestAgent", "/graphql"]) {
      const res = await rawRequest(server.url, "GET", path, { headers: link });
      expect([path, res.status]).toEqual([path, 200]);
    }
  });
});

describe("DNS rebinding", () => {
  test("a request whose Host is not a loopback or configured name is 421, on every path", async ({ server }) => {
    const port = new URL(server.url).port;
    const before = await countRows(server);
    const rebound = { host: `rebind.evil.test:${port}` };
    const responses = await Promise.all([
      rawRequest(server.url, "GET", "/agents", { headers: rebound }),
      rawRequest(server.url, "POST", "/graphql", {
        // Same-origin to the browser, which believes it talks to rebind.evil.test.
        headers: { ...rebound, ...json, origin: `http://rebind.evil.test:${port}` },
        body: JSON.stringify({ query: 'mutation { createAgent(input: { name: "RebindAgent" }) { __typename } }' }),
      }),
      rawRequest(server.url, "GET", "/ui/", { headers: rebound }),
      rawRequest(server.url, "GET", "/openapi.json", { headers: rebound }),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(421);
      expect(res.json).toEqual({
        error: {
          code: "MISDIRECTED_REQUEST",
          message: `this server does not answer to Host 'rebind.evil.test:${port}': use 127.0.0.1, localhost or [::1], or list the name in BATON_ALLOWED_HOSTS`,
        },
      });
    }
    expect(await tryUpgrade(server.url, { host: `rebind.evil.test:${port}` })).toEqual({
      outcome: "refused",
      status: 421,
    });
    expect(await countRows(server)).toEqual(before);
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`, "LOCALHOST"]) {
      const res = await rawRequest(server.url, "GET", "/patterns", { headers: { host } });
      expect(res.status, host).toBe(200);
    }
  });
});

describe("opting in", () => {
  test("BATON_ALLOWED_ORIGINS and BATON_ALLOWED_HOSTS let named origins and names in, and no others", async () => {
    const tool = "http://tool.example:3000";
    const server = await startTestServer({
      env: { BATON_ALLOWED_ORIGINS: `${tool}, https://other.example`, BATON_ALLOWED_HOSTS: "baton.internal" },
    });
    try {
      const preflight = await rawRequest(server.url, "OPTIONS", "/agents", {
        headers: {
          origin: tool,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers["access-control-allow-origin"]).toBe(tool);
      expect(preflight.headers["access-control-allow-methods"]).toBe("GET, POST, PATCH, DELETE");
      expect(preflight.headers["access-control-allow-headers"]).toBe(
        "content-type, authorization, x-graphql-yoga-csrf",
      );

      const created = await rawRequest(server.url, "POST", "/agents", {
        headers: { ...json, origin: tool },
        body: JSON.stringify({ name: "ToolAgent", capabilities: ["x"] }),
      });
      expect(created.status).toBe(201);
      expect(created.headers["access-control-allow-origin"]).toBe(tool);
      expect(created.headers["access-control-allow-credentials"]).toBe("true");
      expect(created.headers.vary).toBe("Origin");

      const graphql = await rawRequest(server.url, "POST", "/graphql", {
        headers: { ...json, origin: tool },
        body: JSON.stringify({ query: '{ agent(id: "ToolAgent") { ... on Agent { name } } }' }),
      });
      expect(graphql.status).toBe(200);
      expect(graphql.headers["access-control-allow-origin"]).toBe(tool);
      expect(graphql.json).toEqual({ data: { agent: { name: "ToolAgent" } } });

      expect((await rawRequest(server.url, "GET", "/agents", { headers: { origin: EVIL } })).status).toBe(403);
      expect(await tryUpgrade(server.url, { origin: tool })).toEqual({ outcome: "open" });
      expect(await tryUpgrade(server.url, { origin: EVIL })).toEqual({ outcome: "refused", status: 403 });

      const port = new URL(server.url).port;
      expect(
        (await rawRequest(server.url, "GET", "/patterns", { headers: { host: `baton.internal:${port}` } })).status,
      ).toBe(200);
      expect(
        (await rawRequest(server.url, "GET", "/patterns", { headers: { host: `other.internal:${port}` } })).status,
      ).toBe(421);
    } finally {
      await server.stop();
    }
  });
});

describe("the settings", () => {
  test("bad origins and host names stop the server at start, each named", () => {
    expect(() =>
      parseEnv({
        BATON_ALLOWED_ORIGINS: "http://ok.example,evil.example,http://x.example/path",
        BATON_ALLOWED_HOSTS: "a b",
      }),
    ).toThrow(
      [
        "Invalid configuration:",
        "  BATON_ALLOWED_ORIGINS.1: each origin must be scheme://host[:port], e.g. http://localhost:5173",
        "  BATON_ALLOWED_ORIGINS.2: each origin must be scheme://host[:port], e.g. http://localhost:5173",
        "  BATON_ALLOWED_HOSTS.0: each host must be a name or an address (no scheme, no port), or *",
      ].join("\n"),
    );
  });

  test("HOST names a served host unless it is a wildcard address", () => {
    expect(servedHosts(parseEnv({ HOST: "baton.lan", BATON_ALLOWED_HOSTS: "proxy.lan" }))).toEqual([
      "baton.lan",
      "proxy.lan",
    ]);
    expect(servedHosts(parseEnv({ HOST: "0.0.0.0" }))).toEqual([]);
    expect(parseEnv({}).BATON_ALLOWED_ORIGINS).toEqual([]);
  });
});

describe("the whole drive-by chain", () => {
  test("register a command agent and a template, run it: every step refused, the program never runs", async ({
    server,
  }) => {
    const marker = join(server.workdir, "drive-by-marker");
    const template = {
      name: "drive-by",
      steps: [
        {
          id: "pwn",
          agent: "TestAgent",
          runner: { kind: "command", settings: { command: "sh", args: ["-c", `touch '${marker}'; echo '{}'`] } },
        },
      ],
    };
    // What the attack page sent: text/plain bodies, no preflight.
    const asPage = (path: string, body: unknown) =>
      rawRequest(server.url, "POST", path, {
        headers: { "content-type": "text/plain;charset=UTF-8", origin: EVIL },
        body: JSON.stringify(body),
      });
    expect((await asPage("/agents", markerAgent("PwnAgent", marker))).status).toBe(403);
    expect((await asPage("/workflows", template)).status).toBe(403);
    expect((await asPage("/workflows/drive-by/execute", {})).status).toBe(403);
    // Without the Origin (a page cannot drop it, but the body type alone is refused too).
    const noOrigin = await rawRequest(server.url, "POST", "/workflows", {
      headers: { "content-type": "text/plain" },
      body: JSON.stringify(template),
    });
    expect(noOrigin.status).toBe(415);
    await new Promise((r) => setTimeout(r, 300));
    expect(existsSync(marker)).toBe(false);
    expect(await server.db.prisma.workflowTemplate.count({ where: { name: "drive-by" } })).toBe(0);
  });
});
