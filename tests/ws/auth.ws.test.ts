// graphql-ws with authentication on: a token in connectionParams ({ authorization: "Bearer …" } or
// { token }) or the dashboard's session cookie on the upgrade; without one the socket is closed
// 4403; operations on it need their scopes; revoking the token closes its sockets.
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import WebSocket from "ws";
import { createToken } from "../../server/security/tokens.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

let server: TestServer;
let readSecret: string;
let adminSecret: string;

beforeAll(async () => {
  server = await startTestServer({ env: { BATON_AUTH: "on" } });
  readSecret = (await createToken(server.db, { name: "reader", scopes: ["read"] })).secret;
  adminSecret = (await createToken(server.db, { name: "root", scopes: ["admin"] })).secret;
});
afterAll(() => server?.stop());

interface Opened {
  client: Client;
  closed: Promise<number>;
}

function connect(params?: Record<string, unknown>, headers?: Record<string, string>): Opened {
  let closedWith: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => {
    closedWith = resolve;
  });
  class WithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const client = createClient({
    url: `${server.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: headers ? WithHeaders : WebSocket,
    connectionParams: params,
    lazy: false,
    retryAttempts: 0,
    on: { closed: (e) => closedWith((e as { code: number }).code) },
  });
  return { client, closed };
}

/** Runs one operation on a client; its result (data and errors). */
function run(client: Client, query: string, variables?: Record<string, unknown>) {
  return new Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }>(
    (resolve, reject) => {
      let result: { data?: unknown; errors?: never } = {};
      client.subscribe(
        { query, variables },
        { next: (r) => (result = r as never), error: reject, complete: () => resolve(result) },
      );
    },
  );
}

/** Subscribes to agentChanged and waits until an agent change made through REST arrives. */
async function liveAgentChanges(client: Client) {
  const names: string[] = [];
  client.subscribe<{ agentChanged: { name: string } }>(
    { query: "subscription { agentChanged { name } }" },
    { next: (r) => r.data && names.push(r.data.agentChanged.name), error: () => undefined, complete: () => undefined },
  );
  const admin = rest(server.url, { authorization: `Bearer ${adminSecret}` });
  const name = uniqueName("Seen");
  await vi.waitFor(
    async () => {
      if (!names.includes(name)) {
        await admin.post("/agents", agentBody({ name: `${name}` })).catch(() => undefined);
        await admin.patch(`/agents/${name}`, { description: uniqueName("d") });
        throw new Error("not live yet");
      }
    },
    { timeout: 10_000, interval: 100 },
  );
  return names;
}

describe("graphql-ws with BATON_AUTH=on", () => {
  test("a socket without a token is closed 4403, and one with an unknown token too", async () => {
    for (const params of [undefined, { authorization: "Bearer baton_unknownunknownunknownunknown1" }, { token: 42 }]) {
      const { client, closed } = connect(params);
      expect(await closed).toBe(4403);
      await client.dispose();
    }
  });

  test("a read token in connectionParams subscribes; its mutations are FORBIDDEN and write nothing", async () => {
    const { client } = connect({ authorization: `Bearer ${readSecret}` });
    await liveAgentChanges(client);
    const name = uniqueName("ViaWs");
    const result = await run(client, "mutation($n: String!) { createAgent(input: { name: $n }) { __typename } }", {
      n: name,
    });
    expect(result.errors?.[0]).toMatchObject({
      message: "createAgent needs a token with the write scope; 'reader' has read",
      extensions: { code: "FORBIDDEN" },
    });
    expect(await server.db.prisma.agent.count({ where: { name } })).toBe(0);
    const audited = await server.db.prisma.auditEntry.findFirstOrThrow({
      where: { operation: "createAgent", via: "ws" },
    });
    expect([audited.actor, audited.outcome]).toEqual(["reader", "FORBIDDEN"]);
    await client.dispose();
  });

  test("`{ token }` works too, and the dashboard's session cookie on the upgrade", async () => {
    const byToken = connect({ token: adminSecret });
    expect(await run(byToken.client, "{ viewer { actor } }")).toEqual({ data: { viewer: { actor: "root" } } });
    await byToken.client.dispose();

    const login = await fetch(`${server.url}/auth/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: readSecret }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const byCookie = connect(undefined, { cookie });
    expect(await run(byCookie.client, "{ viewer { actor scopes } }")).toEqual({
      data: { viewer: { actor: "reader", scopes: ["READ"] } },
    });
    await byCookie.client.dispose();
  });

  test("revoking a token closes its open sockets (4403) and new ones are refused", async () => {
    const { secret, token } = await createToken(server.db, { name: "short-lived", scopes: ["read"] });
    const opened = connect({ authorization: `Bearer ${secret}` });
    await liveAgentChanges(opened.client);
    const admin = rest(server.url, { authorization: `Bearer ${adminSecret}` });
    expect((await admin.delete(`/tokens/${token.id}`)).status).toBe(200);
    expect(await opened.closed).toBe(4403);
    const again = connect({ authorization: `Bearer ${secret}` });
    expect(await again.closed).toBe(4403);
    await Promise.all([opened.client.dispose(), again.client.dispose()]);
  });
});
