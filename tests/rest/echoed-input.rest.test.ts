// Error messages quote what the caller sent, cut to 80 characters: a 10,000-character id, date,
// status or key does not come back whole (nor fill a log line).
import { describe, expect, test } from "../testkit/fixtures.js";

const long = `x${"y".repeat(9_999)}`;
const shown = `'${long.slice(0, 80)}…'`;

describe("echoed input", () => {
  test.for([
    ["an id in the path", () => [`/agents/${long}`, undefined] as const, 404, `Agent ${shown} was not found`],
    ["a date", () => ["/executions", { start_date: long }] as const, 400, `invalid value "${long}"`],
    ["a status", () => ["/workflow-runs", { status: long }] as const, 400, undefined],
    ["a query parameter's name", () => ["/agents", { [long]: "1" }] as const, 400, undefined],
  ] as const)("%s", async ([, request, status, start], { api }) => {
    const [path, query] = request();
    const res = await api.get<{ error: { message: string; field?: string } }>(path, query as never);
    expect(res.status).toBe(status);
    expect(res.body.error.message.length).toBeLessThan(400);
    if (start && !start.startsWith("invalid")) expect(res.body.error.message).toBe(start);
    expect(res.body.error.message).not.toContain(long.slice(0, 200));
    expect(res.body.error.field?.length ?? 0).toBeLessThanOrEqual(81);
  });

  test("an unknown body field is named cut short", async ({ api }) => {
    const res = await api.post<{ error: { message: string; field: string } }>("/agents", { name: "Echo", [long]: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(`${long.slice(0, 80)}…`);
    expect(res.body.error.message.startsWith(`unknown field ${shown} (expected: `)).toBe(true);
  });

  test("over GraphQL too: a long variable is quoted cut short", async ({ server }) => {
    const { gqlResult } = await import("../testkit/graphql.js");
    const result = await gqlResult(server.url, "query ($d: DateOrDateTime) { timeline(startDate: $d) { rootCount } }", {
      d: long,
    });
    expect(result.errors?.[0]?.extensions?.field).toBe("startDate");
    expect(result.errors?.[0]?.message.length).toBeLessThan(400);
  });
});
