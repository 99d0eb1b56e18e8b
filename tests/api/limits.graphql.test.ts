// Security defaults of the GraphQL endpoint: abusive documents are refused before they run, and the
// server listens on loopback unless told otherwise.
import { parseEnv } from "../../server/env.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { refusalOf } from "../testkit/graphql.js";

const nested = (depth: number) => `{ execution(id: "x") { ${"parent { ".repeat(depth)}id${" }".repeat(depth)} } }`;

describe("GraphQL limits", () => {
  test("a query nested deeper than the limit is refused without running", async ({ graphql }) => {
    const res = await graphql.result(nested(14));
    expect(res.data ?? undefined).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  test("a query within the limit runs (and reports the unknown execution as a NOT_FOUND error)", async ({
    graphql,
  }) => {
    const res = await graphql.result<{ execution: { id: string } | null }>(`{ execution(id: "nope") { id } }`);
    expect(refusalOf(res)).toEqual({
      data: { execution: null },
      errors: [{ path: ["execution"], code: "NOT_FOUND", field: "id" }],
    });
  });

  test("more than 30 aliases in one document are refused", async ({ graphql }) => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: patterns { id }`).join(" ");
    const res = await graphql.result(`{ ${aliases} }`);
    expect(res.data ?? undefined).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
  });

  test("a malformed document is a 400 with a syntax error, and the server keeps serving", async ({ graphql }) => {
    const res = await graphql.result("{ agents { ");
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/Syntax Error/);
    const after = await graphql.result<{ patterns: unknown[] }>("{ patterns { id } }");
    expect(after.data?.patterns).toHaveLength(3);
  });

  test("the server listens on 127.0.0.1 and port 4000 unless configured", () => {
    const env = parseEnv({});
    expect([env.HOST, env.PORT]).toEqual(["127.0.0.1", 4000]);
  });
});
