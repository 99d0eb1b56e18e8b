// A stand-in of the Notion REST API (version 2025-09-03) on 127.0.0.1, for the real
// @notionhq/notion-mcp-server pointed at it with BASE_URL: databases holding data sources, pages in
// memory, the request and response shapes the MCP server's tools send and read, a bearer-token
// check (401), Notion's rate limit (N requests in any rolling second, 429 + Retry-After beyond it),
// switchable 500s and 409s, stop/restart on the same port, and a log of every request.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

type Json = Record<string, unknown>;

export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  status: number;
  body: Json | null;
  notionVersion: string | undefined;
}

export interface StandinProperty {
  id: string;
  name: string;
  type: string;
  [config: string]: unknown;
}

export interface StandinDataSource {
  id: string;
  databaseId: string;
  title: string;
  properties: Map<string, StandinProperty>;
}

export interface StandinPage {
  id: string;
  dataSourceId: string;
  createdTime: string;
  /** Minute-rounded, as Notion reports it. */
  lastEditedTime: string;
  /** Exact edit time, to order pages edited within one minute. */
  editedAt: number;
  /** Property values by property name, in the response shape (`{type, title: [...]}` …). */
  properties: Map<string, Json>;
  inTrash: boolean;
}

export interface NotionStandinOptions {
  token: string;
  /** Requests allowed in any rolling second (Notion: about 3). */
  perSecond?: number;
  port?: number;
}

const error = (status: number, code: string, message: string) => ({ object: "error", status, code, message });
const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
const TEXT_LIMIT = 2000;

export async function startNotionStandin(o: NotionStandinOptions) {
  const perSecond = o.perSecond ?? 3;
  const databases = new Map<string, { id: string; title: string; dataSources: string[] }>();
  const dataSources = new Map<string, StandinDataSource>();
  const pages = new Map<string, StandinPage>();
  const log: LoggedRequest[] = [];
  /** Times of the requests that were served (not refused by the rate limit), for the window. */
  const served: number[] = [];
  const failures: { status: number; left: number }[] = [];
  let token = o.token;
  let delayMs = 0;

  const propResponse = (p: StandinProperty) => ({ ...p });
  const dataSourceResponse = (ds: StandinDataSource) => ({
    object: "data_source",
    id: ds.id,
    parent: { type: "database_id", database_id: ds.databaseId },
    title: [{ type: "text", text: { content: ds.title }, plain_text: ds.title }],
    properties: Object.fromEntries([...ds.properties].map(([name, p]) => [name, propResponse(p)])),
  });
  const pageResponse = (p: StandinPage) => {
    const ds = dataSources.get(p.dataSourceId) as StandinDataSource;
    return {
      object: "page",
      id: p.id,
      created_time: p.createdTime,
      last_edited_time: p.lastEditedTime,
      in_trash: p.inTrash,
      archived: p.inTrash,
      parent: { type: "data_source_id", data_source_id: p.dataSourceId, database_id: ds.databaseId },
      url: `https://www.notion.so/${p.id.replace(/-/g, "")}`,
      properties: Object.fromEntries(
        [...ds.properties].map(([name, prop]) => [
          name,
          { id: prop.id, type: prop.type, ...emptyValue(prop.type), ...(p.properties.get(name) ?? {}) },
        ]),
      ),
    };
  };

  /** Checks and converts a request's property values to the stored shape; a message when invalid. */
  function convertValues(ds: StandinDataSource, values: Json): Map<string, Json> | string {
    const out = new Map<string, Json>();
    for (const [name, raw] of Object.entries(values)) {
      const prop = ds.properties.get(name);
      if (!prop) return `${name} is not a property that exists.`;
      const v = raw as Json;
      const value = v[prop.type];
      if (value === undefined) return `${name} is expected to be ${prop.type}.`;
      if (prop.type === "title" || prop.type === "rich_text") {
        if (!Array.isArray(value)) return `${name}.${prop.type} should be an array.`;
        if (value.length > 100) return `${name}.${prop.type}.length should be ≤ 100.`;
        for (const item of value as Json[]) {
          const content = (item.text as Json | undefined)?.content;
          if (typeof content !== "string") return `${name}.${prop.type}[].text.content should be a string.`;
          if (content.length > TEXT_LIMIT)
            return `body.properties.${name}.${prop.type}[0].text.content.length should be ≤ \`2000\`, instead was \`${content.length}\`.`;
        }
        out.set(name, {
          type: prop.type,
          [prop.type]: (value as Json[]).map((t) => ({
            type: "text",
            text: { content: (t.text as Json).content, link: null },
            plain_text: (t.text as Json).content,
          })),
        });
      } else if (prop.type === "number") {
        if (value !== null && typeof value !== "number") return `${name}.number should be a number.`;
        out.set(name, { type: "number", number: value });
      } else if (prop.type === "select") {
        if (value !== null && typeof (value as Json).name !== "string")
          return `${name}.select.name should be a string.`;
        out.set(name, { type: "select", select: value === null ? null : { name: (value as Json).name } });
      } else if (prop.type === "multi_select") {
        if (!Array.isArray(value)) return `${name}.multi_select should be an array.`;
        out.set(name, { type: "multi_select", multi_select: (value as Json[]).map((s) => ({ name: s.name })) });
      } else if (prop.type === "date") {
        if (value !== null && typeof (value as Json).start !== "string")
          return `${name}.date.start should be a string.`;
        out.set(name, { type: "date", date: value });
      } else if (prop.type === "relation") {
        if (!Array.isArray(value)) return `${name}.relation should be an array.`;
        for (const r of value as Json[])
          if (!pages.has(String(r.id))) return `Could not find page with ID: ${String(r.id)}.`;
        out.set(name, { type: "relation", relation: (value as Json[]).map((r) => ({ id: r.id })), has_more: false });
      } else return `${name}: property type ${prop.type} is not writable.`;
    }
    return out;
  }

  function addProperties(ds: StandinDataSource, props: Json): string | null {
    for (const [name, raw] of Object.entries(props)) {
      if (raw === null) {
        ds.properties.delete(name);
        continue;
      }
      const config = raw as Json;
      const type = Object.keys(config).find((k) => k !== "name" && k !== "description");
      if (!type) return `${name}: a property needs a type.`;
      if (type === "title" && [...ds.properties.values()].some((p) => p.type === "title" && p.name !== name))
        if (!ds.properties.has(name)) return "A data source can have only one title property.";
      const current = ds.properties.get(name);
      ds.properties.set(name, {
        id: current?.id ?? randomUUID().slice(0, 4),
        name,
        type,
        [type]: (config[type] as Json) ?? {},
      });
    }
    return null;
  }

  /** Whether a page matches a query filter (the subset Baton uses: timestamps, text equals, and/or). */
  function matches(p: StandinPage, f: Json | undefined): boolean {
    if (!f) return true;
    if (Array.isArray(f.and)) return (f.and as Json[]).every((g) => matches(p, g));
    if (Array.isArray(f.or)) return (f.or as Json[]).some((g) => matches(p, g));
    if (f.timestamp === "last_edited_time") {
      const c = f.last_edited_time as Json;
      const t = Date.parse(p.lastEditedTime);
      if (c.on_or_after) return t >= Date.parse(String(c.on_or_after));
      if (c.after) return t > Date.parse(String(c.after));
      return true;
    }
    if (typeof f.property === "string") {
      const v = p.properties.get(f.property);
      const cond = (f.rich_text ?? f.title) as Json | undefined;
      if (cond && "equals" in cond) {
        const text = ((v?.[String(v?.type)] as Json[] | undefined) ?? []).map((t) => t.plain_text).join("");
        return text === cond.equals;
      }
    }
    return false;
  }

  function route(method: string, path: string, body: Json): [number, unknown] {
    let m = path.match(/^\/v1\/databases\/([^/]+)$/);
    if (method === "GET" && m) {
      const db = databases.get(m[1] as string);
      if (!db)
        return [
          404,
          error(
            404,
            "object_not_found",
            `Could not find database with ID: ${m[1]}. Make sure the relevant pages and databases are shared with your integration.`,
          ),
        ];
      return [
        200,
        {
          object: "database",
          id: db.id,
          title: [{ type: "text", text: { content: db.title }, plain_text: db.title }],
          data_sources: db.dataSources.map((id) => ({ id, name: dataSources.get(id)?.title ?? "" })),
        },
      ];
    }
    if (method === "POST" && path === "/v1/data_sources") {
      const parent = body.parent as Json | undefined;
      const db = databases.get(String(parent?.database_id));
      if (!db) return [404, error(404, "object_not_found", `Could not find database with ID: ${parent?.database_id}.`)];
      const title = ((body.title as Json[] | undefined) ?? []).map((t) => (t.text as Json).content).join("");
      const ds: StandinDataSource = { id: randomUUID(), databaseId: db.id, title, properties: new Map() };
      const bad = addProperties(ds, (body.properties as Json) ?? {});
      if (bad) return [400, error(400, "validation_error", bad)];
      if (![...ds.properties.values()].some((p) => p.type === "title"))
        return [400, error(400, "validation_error", "A data source must have a title property.")];
      dataSources.set(ds.id, ds);
      db.dataSources.push(ds.id);
      return [200, dataSourceResponse(ds)];
    }
    m = path.match(/^\/v1\/data_sources\/([^/]+)(\/query)?$/);
    if (m) {
      const ds = dataSources.get(m[1] as string);
      if (!ds) return [404, error(404, "object_not_found", `Could not find data_source with ID: ${m[1]}.`)];
      if (method === "GET" && !m[2]) return [200, dataSourceResponse(ds)];
      if (method === "PATCH" && !m[2]) {
        const bad = addProperties(ds, (body.properties as Json) ?? {});
        if (bad) return [400, error(400, "validation_error", bad)];
        return [200, dataSourceResponse(ds)];
      }
      if (method === "POST" && m[2]) {
        const size = Math.min(100, Number(body.page_size ?? 100));
        let list = [...pages.values()].filter(
          (p) => p.dataSourceId === ds.id && !p.inTrash && matches(p, body.filter as Json),
        );
        const sorts = (body.sorts as Json[] | undefined) ?? [];
        const sort = sorts[0];
        if (sort?.timestamp === "last_edited_time") {
          const dir = sort.direction === "descending" ? -1 : 1;
          list = list.sort((a, b) => dir * (a.editedAt - b.editedAt));
        } else list = list.sort((a, b) => Date.parse(b.createdTime) - Date.parse(a.createdTime));
        const from = body.start_cursor ? list.findIndex((p) => p.id === body.start_cursor) : 0;
        if (from < 0) return [400, error(400, "validation_error", "start_cursor is not valid.")];
        const slice = list.slice(from, from + size);
        const next = list[from + size];
        return [
          200,
          {
            object: "list",
            type: "page_or_data_source",
            results: slice.map(pageResponse),
            next_cursor: next ? next.id : null,
            has_more: next !== undefined,
          },
        ];
      }
    }
    if (method === "POST" && path === "/v1/pages") {
      const parent = body.parent as Json | undefined;
      const ds = dataSources.get(String(parent?.data_source_id));
      if (!ds)
        return [404, error(404, "object_not_found", `Could not find data_source with ID: ${parent?.data_source_id}.`)];
      const values = convertValues(ds, (body.properties as Json) ?? {});
      if (typeof values === "string") return [400, error(400, "validation_error", values)];
      const now = Date.now();
      const page: StandinPage = {
        id: randomUUID(),
        dataSourceId: ds.id,
        createdTime: minute(now),
        lastEditedTime: minute(now),
        editedAt: now,
        properties: values,
        inTrash: false,
      };
      pages.set(page.id, page);
      return [200, pageResponse(page)];
    }
    m = path.match(/^\/v1\/pages\/([^/]+)$/);
    if (m) {
      const page = pages.get(m[1] as string);
      if (!page) return [404, error(404, "object_not_found", `Could not find page with ID: ${m[1]}.`)];
      if (method === "GET") return [200, pageResponse(page)];
      if (method === "PATCH") {
        const values = convertValues(
          dataSources.get(page.dataSourceId) as StandinDataSource,
          (body.properties as Json) ?? {},
        );
        if (typeof values === "string") return [400, error(400, "validation_error", values)];
        for (const [k, v] of values) page.properties.set(k, v);
        if (typeof body.in_trash === "boolean") page.inTrash = body.in_trash;
        touch(page);
        return [200, pageResponse(page)];
      }
    }
    if (method === "POST" && path === "/v1/search") {
      const q = String(body.query ?? "").toLowerCase();
      const wanted = (body.filter as Json | undefined)?.value;
      const results: unknown[] = [];
      if (wanted !== "page")
        for (const ds of dataSources.values())
          if (ds.title.toLowerCase().includes(q)) results.push(dataSourceResponse(ds));
      if (wanted !== "data_source")
        for (const p of pages.values()) {
          const title = [...p.properties.values()].find((v) => v.type === "title");
          const text = ((title?.title as Json[] | undefined) ?? []).map((t) => t.plain_text).join("");
          if (!p.inTrash && text.toLowerCase().includes(q)) results.push(pageResponse(p));
        }
      const size = Math.min(100, Number(body.page_size ?? 100));
      return [
        200,
        { object: "list", results: results.slice(0, size), next_cursor: null, has_more: results.length > size },
      ];
    }
    return [400, error(400, "invalid_request_url", `Invalid request URL: ${method} ${path}`)];
  }

  function touch(page: StandinPage, at?: number) {
    const now = at ?? Math.max(Date.now(), page.editedAt + 1);
    page.editedAt = now;
    page.lastEditedTime = minute(now);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString();
    let body: Json | null = null;
    try {
      body = text ? (JSON.parse(text) as Json) : null;
    } catch {
      body = null;
    }
    const at = Date.now();
    const path = (req.url ?? "/").split("?")[0] as string;
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      log.push({
        at,
        method: req.method ?? "",
        path,
        status,
        body,
        notionVersion: req.headers["notion-version"] as string,
      });
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    while (served.length && served[0] !== undefined && served[0] <= at - 1000) served.shift();
    if (served.length >= perSecond)
      return send(429, error(429, "rate_limited", "You have been rate limited. Please try again in a few minutes."), {
        "retry-after": "1",
      });
    served.push(at);
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(401, error(401, "unauthorized", "API token is invalid."));
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const failure = failures[0];
    if (failure) {
      if (--failure.left <= 0) failures.shift();
      return failure.status === 409
        ? send(409, error(409, "conflict_error", "Conflict occurred while saving. Please try again."))
        : send(failure.status, error(failure.status, "internal_server_error", "Unexpected error occurred."));
    }
    const [status, payload] = route(req.method ?? "GET", path, body ?? {});
    send(status, payload);
  }

  const sockets = new Set<Socket>();
  let server: Server;
  let port = o.port ?? 0;
  const listen = async () => {
    server = createServer((req, res) => {
      handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(e));
      });
    });
    server.on("connection", (s) => {
      sockets.add(s);
      s.once("close", () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  };
  await listen();
  let running = true;

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    log,
    pages,
    dataSources,
    /** A database shared with the integration; with `dataSource`, one data source in it already. */
    addDatabase(title = "Engineering log", dataSource?: { title: string; properties: Json }) {
      const db = { id: randomUUID(), title, dataSources: [] as string[] };
      databases.set(db.id, db);
      if (dataSource) {
        const ds: StandinDataSource = {
          id: randomUUID(),
          databaseId: db.id,
          title: dataSource.title,
          properties: new Map(),
        };
        addProperties(ds, dataSource.properties);
        dataSources.set(ds.id, ds);
        db.dataSources.push(ds.id);
      }
      return db;
    },
    /**
     * A person editing a page in Notion: property values in the request shape. `at` sets the edit's
     * time (ms; default now): its last_edited_time is that minute, as Notion reports it.
     */
    editPage(id: string, values: Json, at?: number) {
      const page = pages.get(id);
      if (!page) throw new Error(`no page ${id}`);
      const converted = convertValues(dataSources.get(page.dataSourceId) as StandinDataSource, values);
      if (typeof converted === "string") throw new Error(converted);
      for (const [k, v] of converted) page.properties.set(k, v);
      touch(page, at);
      return pageResponse(page);
    },
    /** A page a person created in the data source (property values in the request shape). */
    createPage(dataSourceId: string, values: Json) {
      const ds = dataSources.get(dataSourceId);
      if (!ds) throw new Error(`no data source ${dataSourceId}`);
      const converted = convertValues(ds, values);
      if (typeof converted === "string") throw new Error(converted);
      const now = Date.now();
      const page: StandinPage = {
        id: randomUUID(),
        dataSourceId,
        createdTime: minute(now),
        lastEditedTime: minute(now),
        editedAt: now,
        properties: converted,
        inTrash: false,
      };
      pages.set(page.id, page);
      return pageResponse(page);
    },
    /** The plain text of a page's property (title, rich_text), number, select name, date start or relation ids. */
    valueOf(page: StandinPage, name: string): unknown {
      const v = page.properties.get(name);
      if (!v) return undefined;
      const inner = v[String(v.type)];
      if (v.type === "title" || v.type === "rich_text") return (inner as Json[]).map((t) => t.plain_text).join("");
      if (v.type === "select") return (inner as Json | null)?.name ?? null;
      if (v.type === "date") return (inner as Json | null)?.start ?? null;
      if (v.type === "relation") return (inner as Json[]).map((r) => r.id);
      if (v.type === "multi_select") return (inner as Json[]).map((s) => s.name);
      return inner;
    },
    /** Answers the next `count` requests with `status` (500 internal_server_error or 409 conflict_error). */
    failNext(count: number, status: 500 | 502 | 503 | 409 = 500) {
      failures.push({ status, left: count });
    },
    /** Waits this long before answering each request (a slow Notion). */
    setDelay(ms: number) {
      delayMs = ms;
    },
    setToken(t: string) {
      token = t;
    },
    get running() {
      return running;
    },
    /** Closes the port and every open connection (Notion unreachable). */
    async stop() {
      if (!running) return;
      running = false;
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
    /** Listens again on the same port. */
    async restart() {
      if (running) return;
      await listen();
      running = true;
    },
  };
}

function emptyValue(type: string): Json {
  if (type === "title" || type === "rich_text" || type === "relation" || type === "multi_select") return { [type]: [] };
  return { [type]: null };
}

export type NotionStandin = Awaited<ReturnType<typeof startNotionStandin>>;

/** The most requests the log shows in any rolling second (every request, refused ones included). */
export function peakPerSecond(log: readonly LoggedRequest[]): number {
  let peak = 0;
  let from = 0;
  const times = log.map((r) => r.at).sort((a, b) => a - b);
  for (let i = 0; i < times.length; i++) {
    while ((times[from] as number) <= (times[i] as number) - 1000) from++;
    peak = Math.max(peak, i - from + 1);
  }
  return peak;
}
