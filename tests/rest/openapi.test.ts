// /openapi.json describes exactly the REST shim's route table, in REST's snake_case, and /docs
// serves a self-hosted Swagger UI whose assets load.
import { readFileSync } from "node:fs";
import { routes } from "../../server/rest/routes.js";
import { describe, expect, test } from "../testkit/fixtures.js";

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: Json;
}

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { required: boolean; content: { "application/json": { schema: Json } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: Json } } }>;
  security?: Json[];
  "x-baton-scope"?: string;
}

interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { type?: string; properties?: Json; required?: string[] }>;
    securitySchemes?: Json;
  };
  security?: Json[];
}

const packageVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as Json)
  .version;

const snakeCase = /^[a-z][a-z0-9_]*$/;

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, found);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) k === "$ref" && typeof v === "string" ? found.push(v) : refs(v, found);
  return found;
}

describe("GET /openapi.json", () => {
  test("is an OpenAPI 3.1 document for this version of Baton", async ({ api }) => {
    const res = await api.get<OpenApi>("/openapi.json");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe("3.1.0");
    expect(res.body.info).toMatchObject({ title: "Baton REST API", version: packageVersion });
  });

  test("has one operation per route of the route table, and no other", async ({ api }) => {
    const doc = (await api.get<OpenApi>("/openapi.json")).body;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );

    // Besides the route table: the health probe and the dashboard's login, which are not GraphQL fields.
    expect(documented.sort()).toEqual(
      [
        ...routes.map((r) => `${r.method} ${r.path}`),
        "GET /health",
        "GET /auth/session",
        "POST /auth/session",
        "DELETE /auth/session",
      ].sort(),
    );
    for (const route of routes) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toMatchObject({
        operationId: route.operationId ?? route.field,
        summary: route.summary,
        tags: [route.tag],
      });
      expect(Object.keys(op?.responses ?? {}), `${route.method} ${route.path}`).toContain(String(route.status ?? 200));
      expect(op?.requestBody !== undefined, `${route.method} ${route.path} has a body`).toBe(route.body !== undefined);
    }
  });

  test("declares the bearer token and the session cookie, and the scope each operation needs", async ({ api }) => {
    const doc = (await api.get<OpenApi>("/openapi.json")).body;
    expect(doc.components.securitySchemes).toEqual({
      bearerToken: expect.objectContaining({ type: "http", scheme: "bearer" }),
      sessionCookie: expect.objectContaining({ type: "apiKey", in: "cookie", name: "baton_session" }),
    });
    expect(doc.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    const scope = (method: string, path: string) => doc.paths[path]?.[method]?.["x-baton-scope"];
    expect(scope("get", "/agents")).toBe("read");
    expect(scope("post", "/workflows/{id}/execute")).toBe("run");
    expect(scope("delete", "/executions/{id}")).toBe("admin");
    expect(scope("post", "/tokens")).toBe("admin");
    expect(scope("post", "/executions")).toBe("write");
    // The probe and the login need no token.
    expect(doc.paths["/health"]?.get?.security).toEqual([]);
    expect(doc.paths["/auth/session"]?.post?.security).toEqual([]);
  });

  test("names every path parameter of a route, required, and every query parameter in snake_case", async ({ api }) => {
    const doc = (await api.get<OpenApi>("/openapi.json")).body;

    for (const route of routes) {
      const params = doc.paths[route.path]?.[route.method.toLowerCase()]?.parameters ?? [];
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        params.filter((p) => p.in === "path").map((p) => [p.name, p.required]),
        `${route.method} ${route.path}`,
      ).toEqual(inPath.map((name) => [name, true]));
      for (const p of params.filter((q) => q.in === "query")) expect(p.name).toMatch(snakeCase);
    }
  });

  test("GET /agents takes capability, pattern, q, limit and offset", async ({ api }) => {
    const doc = (await api.get<OpenApi>("/openapi.json")).body;
    const params = doc.paths["/agents"]?.get?.parameters ?? [];

    expect(params.map((p) => p.name).sort()).toEqual(["capability", "limit", "offset", "pattern", "q"]);
    expect(params.every((p) => p.in === "query" && p.required === false)).toBe(true);
    expect(params.find((p) => p.name === "limit")?.schema).toEqual({ type: "integer" });
    expect(params.find((p) => p.name === "q")?.schema).toEqual({ type: "string" });
  });

  test("POST /agents takes a snake_case CreateAgentInput and documents 201, 400, 409 and 415 (a body that is not JSON)", async ({
    api,
  }) => {
    const doc = (await api.get<OpenApi>("/openapi.json")).body;
    const op = doc.paths["/agents"]?.post;
    const input = doc.components.schemas.CreateAgentInput;

    expect(op?.requestBody?.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/CreateAgentInput",
    });
    expect(Object.keys(input?.properties ?? {}).sort()).toEqual([
      "alert_policy",
      "capabilities",
      "circuit_breaker",
      "coordination_patterns",
      "description",
      "input_schema",
      "name",
      "output_schema",
      "retry_policy",
      "runner",
      "tools",
    ]);
    expect(input?.required).toEqual(["name"]);
    expect(Object.keys(op?.responses ?? {}).sort()).toEqual(["201", "400", "401", "403", "409", "415"]);
    expect(op?.["x-baton-scope"]).toBe("write (admin when it sets a runner other than mock, in the agent or a step)");
    expect(op?.responses["400"]?.content?.["application/json"].schema).toEqual({
      $ref: "#/components/schemas/ErrorResponse",
    });
    expect(doc.components.schemas.ErrorResponse).toMatchObject({ type: "object", required: ["error"] });
  });

  test("the Agent schema speaks snake_case", async ({ api }) => {
    const doc = (await api.get<OpenApi>("/openapi.json")).body;
    const agent = doc.components.schemas.Agent;

    expect(Object.keys(agent?.properties ?? {})).toEqual(
      expect.arrayContaining(["id", "name", "coordination_patterns", "retry_policy", "circuit_breaker", "created_at"]),
    );
    for (const [name, schema] of Object.entries(doc.components.schemas))
      for (const key of Object.keys(schema.properties ?? {})) expect(key, `${name}.${key}`).toMatch(snakeCase);
  });

  test("GET /executions/timeline is documented as it answers: nested roots with children", async ({ api }) => {
    const doc = (await api.get<OpenApi>("/openapi.json")).body;
    const body = doc.paths["/executions/timeline"]?.get?.responses["200"]?.content?.["application/json"].schema as {
      properties: Record<string, Json>;
      required: string[];
    };
    expect(Object.keys(body.properties).sort()).toEqual(
      ["context_ids", "matched_count", "next_cursor", "root_count", "roots", "truncated"].sort(),
    );
    expect(body.properties.roots).toEqual({ type: "array", items: { $ref: "#/components/schemas/ExecutionTreeNode" } });
    expect(body.required).toContain("roots");
    expect(doc.components.schemas.ExecutionTreeNode).toEqual({
      allOf: [
        { $ref: "#/components/schemas/Execution" },
        {
          type: "object",
          required: ["children"],
          properties: { children: { type: "array", items: { $ref: "#/components/schemas/ExecutionTreeNode" } } },
        },
      ],
    });
  });

  test("every $ref points at a defined component", async ({ api }) => {
    const doc = (await api.get<OpenApi>("/openapi.json")).body;
    const defined = Object.keys(doc.components.schemas).map((n) => `#/components/schemas/${n}`);

    expect(refs(doc).filter((r) => !defined.includes(r))).toEqual([]);
  });
});

describe("GET /docs", () => {
  test("serves Swagger UI pointed at /openapi.json, with assets that load from this server", async ({ api }) => {
    const page = await api.get<string>("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.text).toContain('url: "/openapi.json"');

    const assets = [...page.text.matchAll(/<(?:link[^>]*href|script[^>]*src)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets).toEqual(["/favicon.ico", "/docs/assets/swagger-ui.css", "/docs/assets/swagger-ui-bundle.js"]);
    for (const asset of assets) {
      const res = await api.get<string>(asset);
      expect(res.status, asset).toBe(200);
      if (asset === "/favicon.ico") {
        expect(res.headers.get("content-type")).toBe("image/svg+xml");
        continue;
      }
      expect(res.headers.get("content-type"), asset).toMatch(asset.endsWith(".css") ? /^text\/css/ : /javascript/);
      expect(res.text.length, asset).toBeGreaterThan(1000);
    }
  });
});
