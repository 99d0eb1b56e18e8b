// Bad `metrics` arguments: a VALIDATION_FAILED GraphQL error naming the argument (tz, endDate,
// granularity) when a rule is broken, with data null; a value that is not a date at all is refused
// by the DateOrDateTime scalar, and an unknown granularity by the GraphQL enum, before anything runs.
import { describe, expect, test } from "../testkit/fixtures.js";
import { expectRefusedVariable, refusalOf } from "../testkit/graphql.js";
import { type GqlMetricsVars, gqlMetricsResult, METRICS_QUERY } from "../testkit/metrics.js";

const AGENT = ["Metrics_validation_nobody"];

describe("metrics validation", () => {
  const broken: [string, GqlMetricsVars, string][] = [
    ["an unknown time zone", { tz: "Mars/Olympus" }, "tz"],
    ["an end before the start", { startDate: "2026-11-02", endDate: "2026-11-01" }, "endDate"],
    [
      "an end 1 ms before the start",
      { startDate: "2026-11-01T10:00:00.000Z", endDate: "2026-11-01T09:59:59.999Z" },
      "endDate",
    ],
    [
      "an end before the start once read in the zone",
      { startDate: "2026-11-01T10:00:00.000Z", endDate: "2026-11-01T15:29:59.999", tz: "Asia/Kolkata" },
      "endDate",
    ],
    ["three years of days", { startDate: "2026-01-01", endDate: "2028-12-31", granularity: "DAY" }, "granularity"],
  ];

  test.for(broken)("%s is VALIDATION_FAILED on its argument", async ([, vars, field], { graphql }) => {
    const res = await gqlMetricsResult(graphql, { agent: AGENT, ...vars });
    expect(refusalOf(res)).toEqual({ data: null, errors: [{ path: ["metrics"], code: "VALIDATION_FAILED", field }] });
  });

  const malformed: [string, GqlMetricsVars, string][] = [
    ["a start date that does not exist", { startDate: "2027-02-29" }, "startDate"],
    ["a start that is not a date", { startDate: "last week" }, "startDate"],
    ["an end at minute 60", { startDate: "2026-11-01", endDate: "2026-11-01T10:60" }, "endDate"],
  ];

  test.for(malformed)("%s is refused by the DateOrDateTime scalar", async ([, vars, variable], { graphql }) => {
    expectRefusedVariable(await gqlMetricsResult(graphql, { agent: AGENT, ...vars }), variable);
  });

  test("the edges pass: exactly 1000 day buckets; three years of weeks", async ({ graphql }) => {
    const days = await gqlMetricsResult(graphql, { agent: AGENT, startDate: "2026-01-01", endDate: "2028-09-26" });
    expect(days.errors).toBeUndefined();
    expect(days.data?.metrics.series.length).toBe(1000);
    const over = await gqlMetricsResult(graphql, { agent: AGENT, startDate: "2026-01-01", endDate: "2028-09-27" });
    expect(refusalOf(over)).toEqual({
      data: null,
      errors: [{ path: ["metrics"], code: "VALIDATION_FAILED", field: "granularity" }],
    });
    const weeks = await gqlMetricsResult(graphql, {
      agent: AGENT,
      startDate: "2026-01-01",
      endDate: "2028-12-31",
      granularity: "WEEK",
    });
    expect(weeks.errors).toBeUndefined();
    expect(weeks.data?.metrics.series.length).toBe(157);
  });

  test("an unknown granularity is refused by the enum, as a literal or a variable", async ({ graphql }) => {
    const literal = await graphql.result(`{ metrics(granularity: HOUR) { granularity } }`);
    expect(literal.status).toBe(400);
    expect(literal.data).toBeUndefined();
    expect(literal.errors?.[0]?.message).toContain('Value "HOUR" does not exist in "Granularity" enum');

    const variable = await graphql.result(METRICS_QUERY, { granularity: "HOUR" });
    expectRefusedVariable(variable, "granularity");
  });
});
