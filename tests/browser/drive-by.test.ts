// The attack that made Baton run `id`, replayed in real Chromium: a page on another site tries the
// five doors — a text/plain REST POST, a form-encoded GraphQL mutation, a credentialed cross-origin
// fetch, a cross-origin WebSocket and a DNS-rebound Host — to register a command agent and a
// template that runs it; and a sixth, a GET that changes state (an <img> and a frame, no Origin). Against Baton nothing is written and the program never runs (it would
// leave a marker file). The same page against an unguarded local server shows each door's request
// really leaves this browser, so the refusals are Baton's, not Chromium's.
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocketServer } from "ws";
import { launchChromium } from "../testkit/chromium.js";
import { rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";
import { runWorkflow } from "../testkit/workflows.js";

const CHROMIUM_FLAGS = [
  // Both names resolve to this machine, as an attacker's DNS would make them.
  "--host-resolver-rules=MAP evil.test 127.0.0.1, MAP rebind.test 127.0.0.1",
  // Chromium's Private Network Access stops a *public* page's requests to loopback, but not a page
  // on another local port (any dev server), nor Firefox or Safari, which have no such check. Off, so
  // the page here is as capable as those and only Baton's own refusals stand in its way.
  "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests",
];

interface DoorResults {
  restTextPlain: string[];
  formGraphql: string;
  credentialedFetch: string;
  webSocket: string;
  stateChangingGet: string;
}

/** The attacker's page: tries doors 1–4 against `target`, or door 5 (same-origin calls) when rebound. */
function attackPage(markerCommand: string): string {
  const agent = (name: string) => ({
    name,
    capabilities: ["attack"],
    runner: { kind: "command", settings: { command: "sh", args: ["-c", markerCommand] } },
  });
  const template = {
    name: "drive-by",
    steps: [{ id: "pwn", agent: "TestAgent", runner: agent("x").runner }],
  };
  const mutation = (name: string) =>
    `mutation { createAgent(input: { name: "${name}", capabilities: ["attack"], runner: { kind: COMMAND, settings: { command: "sh", args: ["-c", ${JSON.stringify(markerCommand)}] } } }) { __typename } }`;
  return `<!doctype html><meta charset="utf-8"><title>free prizes</title><iframe name="sink"></iframe>
<script>
const payload = ${JSON.stringify({ rest: agent("RestDoorAgent"), template, form: mutation("FormDoorAgent"), cors: mutation("CorsDoorAgent"), ws: mutation("WsDoorAgent"), rebound: agent("ReboundDoorAgent") })};
const settle = (p) => p.then((r) => "answered " + r.status + " " + r.type, (e) => "blocked " + e.name);
async function doors(target) {
  const out = {};
  const plain = (path, body) => settle(fetch(target + path, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: JSON.stringify(body) }));
  out.restTextPlain = [await plain("/agents", payload.rest), await plain("/workflows", payload.template), await plain("/workflows/drive-by/execute", {})];
  out.formGraphql = await new Promise((resolve) => {
    const form = document.createElement("form");
    form.method = "POST"; form.action = target + "/graphql"; form.target = "sink";
    const field = document.createElement("input");
    field.name = "query"; field.value = payload.form; form.append(field); document.body.append(form);
    document.querySelector("iframe").addEventListener("load", () => resolve("submitted"), { once: true });
    form.submit();
  });
  out.credentialedFetch = await settle(fetch(target + "/graphql", { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: payload.cors }) }));
  out.webSocket = await new Promise((resolve) => {
    const ws = new WebSocket(target.replace("http", "ws") + "/graphql", "graphql-transport-ws");
    ws.onopen = () => ws.send(JSON.stringify({ type: "connection_init" }));
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === "connection_ack") ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: payload.ws } }));
      else if (msg.type === "next") { resolve("mutation answered"); ws.close(); }
    };
    ws.onclose = (e) => resolve("closed " + e.code);
  });
  // A GET that changes state (a Notion sync), as an image and as a framed page: no Origin is sent.
  out.stateChangingGet = await new Promise((resolve) => {
    const img = new Image();
    img.onload = img.onerror = () => {
      const frame = document.createElement("iframe");
      frame.addEventListener("load", () => resolve("framed"), { once: true });
      frame.src = target + "/executions/sync";
      document.body.append(frame);
    };
    img.src = target + "/executions/sync?via=img";
  });
  return out;
}
async function rebound() {
  const post = (path, body) => fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.status, (e) => "blocked " + e.name);
  return [await post("/agents", payload.rebound), await post("/graphql", { query: payload.cors })];
}
</script>`;
}

/** A local server that lets everything in and notes what reached it: the control. */
async function startOpenServer() {
  const seen: { method: string; path: string; type: string; origin: string; host: string; site: string }[] = [];
  const note = (req: IncomingMessage) =>
    req.url !== "/favicon.ico" && // the browser's own, at whatever moment it likes
    seen.push({
      method: req.method ?? "",
      path: req.url ?? "",
      type: String(req.headers["content-type"] ?? "").split(";")[0] ?? "",
      origin: String(req.headers.origin ?? ""),
      host: String(req.headers.host ?? ""),
      site: String(req.headers["sec-fetch-site"] ?? ""),
    });
  const server: Server = createServer((req, res) => {
    note(req);
    req.resume();
    res.writeHead(req.method === "OPTIONS" ? 204 : 200, {
      "access-control-allow-origin": String(req.headers.origin ?? "*"),
      "access-control-allow-credentials": "true",
      "access-control-allow-headers": "content-type",
      "access-control-allow-methods": "POST",
      "content-type": "application/json",
    });
    res.end("{}");
  });
  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket, req) => {
    note(req);
    socket.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { type: string; id?: string };
      if (msg.type === "connection_init") socket.send(JSON.stringify({ type: "connection_ack" }));
      if (msg.type === "subscribe") socket.send(JSON.stringify({ id: msg.id, type: "next", payload: { data: {} } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => {
      wss.close();
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

let baton: TestServer;
let browser: Browser;

beforeAll(async () => {
  [baton, browser] = await Promise.all([startTestServer(), launchChromium(CHROMIUM_FLAGS)]);
});
afterAll(async () => {
  await browser?.close();
  await baton?.stop();
});

/** Loads the attack page at `pageUrl` (the attacker serves it) and runs `script` in it. */
async function attack<T>(pageUrl: string, html: string, script: string): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(pageUrl, (route) => route.fulfill({ status: 200, contentType: "text/html", body: html }));
    await page.goto(pageUrl);
    // Playwright answers CORS preflights itself while it intercepts: stop before the page acts.
    await page.unrouteAll();
    return (await page.evaluate(script)) as T;
  } finally {
    await context.close();
  }
}

async function rowCounts() {
  const p = baton.db.prisma;
  return {
    agents: await p.agent.count(),
    templates: await p.workflowTemplate.count(),
    runs: await p.workflowRun.count(),
  };
}

describe("a page on another site", () => {
  test("gets through none of the five doors, and the command never runs", async () => {
    const marker = join(baton.workdir, "drive-by-marker");
    const html = attackPage(`touch '${marker}'; echo '{}'`);
    const port = new URL(baton.url).port;
    const before = await rowCounts();

    const results = await attack<DoorResults>(
      "http://evil.test:8080/prizes.html",
      html,
      `doors(${JSON.stringify(`http://127.0.0.1:${port}`)})`,
    );
    // No-cors requests are opaque to the page whatever the answer; the rows below say what happened.
    expect(results.restTextPlain).toEqual(["answered 0 opaque", "answered 0 opaque", "answered 0 opaque"]);
    expect(results.formGraphql).toBe("submitted");
    expect(results.credentialedFetch).toBe("blocked TypeError");
    expect(results.webSocket).toBe("closed 1006");
    expect(results.stateChangingGet).toBe("framed");

    // A rebinding attacker serves the page at rebind.test:<Baton's port>, then points the name at
    // 127.0.0.1: the page's same-origin calls reach Baton with Host: rebind.test.
    const rebound = await attack<[number, number]>(`http://rebind.test:${port}/prizes.html`, html, "rebound()");
    expect(rebound).toEqual([421, 421]);

    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(marker)).toBe(false);
    expect(await rowCounts()).toEqual(before);
    expect(await baton.db.prisma.agent.count({ where: { capabilities: { some: { name: "attack" } } } })).toBe(0);
    // Every mutation that reaches a resolver is audited, refused or not: the sync never ran.
    expect(await baton.db.prisma.auditEntry.count({ where: { operation: "syncNotion" } })).toBe(0);
  });

  test("control: the same page's requests all reach a local server that lets them in", async () => {
    const open = await startOpenServer();
    try {
      const html = attackPage("true");
      const results = await attack<DoorResults>(
        "http://evil.test:8080/prizes.html",
        html,
        `doors(${JSON.stringify(`http://127.0.0.1:${open.port}`)})`,
      );
      expect(results.credentialedFetch).toBe("answered 200 cors");
      expect(results.webSocket).toBe("mutation answered");
      const rebound = await attack<[number, number]>(`http://rebind.test:${open.port}/prizes.html`, html, "rebound()");
      expect(rebound).toEqual([200, 200]);
      const evil = "http://evil.test:8080";
      const rebindHost = `rebind.test:${open.port}`;
      expect(open.seen.map(({ method, path, type, origin }) => `${method} ${path} ${type} ${origin}`)).toEqual([
        `POST /agents text/plain ${evil}`,
        `POST /workflows text/plain ${evil}`,
        `POST /workflows/drive-by/execute text/plain ${evil}`,
        `POST /graphql application/x-www-form-urlencoded ${evil}`,
        `OPTIONS /graphql  ${evil}`,
        `POST /graphql application/json ${evil}`,
        `GET /graphql  ${evil}`,
        "GET /executions/sync?via=img  ",
        "GET /executions/sync  ",
        `POST /agents application/json http://${rebindHost}`,
        `POST /graphql application/json http://${rebindHost}`,
      ]);
      expect(open.seen.slice(-2).map((r) => r.host)).toEqual([rebindHost, rebindHost]);
      // What the browser says of the two state-changing GETs, which carry no Origin: another site.
      expect(open.seen.filter((r) => r.path.startsWith("/executions/sync")).map((r) => r.site)).toEqual([
        "cross-site",
        "cross-site",
      ]);
    } finally {
      await open.close();
    }
  });

  test("control: the marker program does run when a script registers and runs it over the API", async () => {
    const marker = join(baton.workdir, "control-marker");
    const api = rest(baton.url);
    const created = await api.post("/agents", {
      name: "MarkerAgent",
      capabilities: ["control"],
      runner: { kind: "command", settings: { command: "sh", args: ["-c", `touch '${marker}'; echo '{}'`] } },
    });
    expect(created.status).toBe(201);
    const { run } = await runWorkflow(api, [{ id: "mark", agent: "MarkerAgent" }], { name: "marker-control" });
    expect(run.status).toBe("succeeded");
    expect(existsSync(marker)).toBe(true);
  });
});
