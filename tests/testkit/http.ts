// Requests with exactly the headers a test writes — Host, Origin, any Content-Type — which fetch
// would fill in or refuse; WebSocket upgrades with a chosen Origin and Host; and a local HTTP
// endpoint that records the headers it receives (for http agents).
import { createServer, type IncomingHttpHeaders, request } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${method} ${path} in 10 s`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Opens a graphql-ws socket with the given headers: `open`, or the HTTP status it was refused with. */
export function tryUpgrade(
  baseUrl: string,
  headers: { origin?: string; host?: string } = {},
): Promise<{ outcome: "open" } | { outcome: "refused"; status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", {
      ...(headers.origin ? { origin: headers.origin } : {}),
      ...(headers.host ? { headers: { host: headers.host } } : {}),
      handshakeTimeout: 10_000,
    });
    ws.once("open", () => {
      ws.close();
      resolve({ outcome: "open" });
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve({ outcome: "refused", status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once("error", (e) => reject(e));
  });
}

/** An `http` agent endpoint that answers `{ ok: true }` and keeps the headers of each request. */
export async function headerRecorder() {
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
