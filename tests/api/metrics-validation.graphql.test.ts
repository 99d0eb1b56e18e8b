// Bad `metrics` arguments: a ValidationError member of the result naming the argument (tz,
// startDate, endDate, granularity); an unknown granularity is refused by the GraphQL enum itself.
import { describe, expect, test } from "../testkit/fixtures.js";
import { gqlMetricsResult, METRICS_QUERY, type MetricsVars } from "../testkit/metrics.js";

const AGENT = "Metrics_validation_nobody";

describe("metrics validation", () => {
  const cases: [string, MetricsVars, string][] = [
    ["an unknown time zone", { tz: "Mars/Olympus" }, "tz"],
    ["a start date that does not exist", { startDate: "2027-02-29" }, "startDate"],
    ["a start that is not a date", { startDate: "last week" }, "startDate"],
    ["an end at minute 60", { startDate: "2026-11-01", endDate: "2026-11-01T10:60" }, "endDate"],
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
    ["three years of days", { startDate: "2026-01-01", endDate: "2028-12-31", granularity: "day" }, "granularity"],
  ];

  test.for(cases)("%s is a ValidationError", async ([, vars, field], { graphql }) => {
    const m = await gqlMetricsResult(graphql, { agent: AGENT, ...vars });
    expect(m).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED", field });
  });

  test("the edges pass: exactly 1000 day buckets; three years of weeks", async ({ graphql }) => {
    const days = await gqlMetricsResult(graphql, { agent: AGENT, startDate: "2026-01-01", endDate: "2028-09-26" });
    expect(days.__typename === "Metrics" && days.series.length).toBe(1000);
    const over = await gqlMetricsResult(graphql, { agent: AGENT, startDate: "2026-01-01", endDate: "2028-09-27" });
    expect(over).toMatchObject({ __typename: "ValidationError", field: "granularity" });
    const weeks = await gqlMetricsResult(graphql, {
      agent: AGENT,
      startDate: "2026-01-01",
      endDate: "2028-12-31",
      granularity: "week",
    });
    expect(weeks.__typename === "Metrics" && weeks.series.length).toBe(157);
  });

  test("an unknown granularity is refused by the enum, as a literal or a variable", async ({ graphql }) => {
    const literal = await graphql.result(`{ metrics(granularity: hour) { __typename } }`);
    expect(literal.status).toBe(400);
    expect(literal.data).toBeUndefined();
    expect(literal.errors?.[0]?.message).toContain('Value "hour" does not exist in "Granularity" enum');

    const variable = await graphql.result(METRICS_QUERY, { granularity: "hour" });
    expect(variable.status).toBe(400);
    expect(variable.data).toBeUndefined();
    expect(variable.errors?.[0]?.message).toContain('Variable "$granularity" got invalid value "hour"');
  });
});
