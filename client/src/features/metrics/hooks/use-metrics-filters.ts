// The metrics page's filters live in the URL (?start_date=&end_date=&granularity=&tz=&agent=a,b), so
// a view can be shared and reloaded. Without a range it is the last 30 days; without a zone, the
// browser's (dates mean what they mean to the person looking), by day.
import { useMemo } from "react";
import { useDateRangeParams } from "../../../lib/use-date-range-params.ts";
import { useSearchParamUpdater } from "../../../lib/use-search-param-updater.ts";
import { toEnum } from "../../../lib/graphql-enum.ts";
import { browserTimeZone, isTimeZone } from "../../../lib/time-zone.ts";
import { type Granularity, parseGranularity } from "../lib/types.ts";

export const METRICS_DEFAULT_PRESET = "30d";

const list = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function useMetricsFilters() {
  const [params, update] = useSearchParamUpdater();
  const browserZone = useMemo(browserTimeZone, []);
  const tz = params.get("tz")?.trim() || browserZone;
  // A zone the browser does not know still goes to the API (which says what is wrong with it);
  // the page's own date arithmetic meanwhile uses the browser's.
  const dateZone = isTimeZone(tz) ? tz : browserZone;
  const range = useDateRangeParams({ defaultPreset: METRICS_DEFAULT_PRESET, timeZone: dateZone });
  const granularity = parseGranularity(params.get("granularity"));
  const agentParam = params.get("agent") ?? "";
  const agents = useMemo(() => [...new Set(list(agentParam))], [agentParam]);

  return {
    ...range,
    tz,
    dateZone,
    browserZone,
    granularity,
    agents,
    variables: {
      agent: agents.length ? agents : null,
      startDate: range.startDate || null,
      endDate: range.endDate || null,
      granularity: toEnum(granularity),
      tz,
    },
    setGranularity: (value: Granularity) => update({ granularity: value }),
    setTimeZone: (value: string) => update({ tz: value }),
    setAgents: (values: string[]) => update({ agent: values.join(",") }),
  };
}

export type MetricsFilters = ReturnType<typeof useMetricsFilters>;
