// The metrics filters: range (7/30/90-day presets or From/To, in the chosen zone), bucket size, time
// zone and the agents to compare. An API validation error shows under the filter it is about.
import { DateRangeFilter } from "../../../components/ui/date-range-filter.tsx";
import { isWorkflowRoot, WORKFLOW_ROOT_PREFIX } from "../../graph/lib/graph-elements.ts";
import { MultiSelect } from "../../../components/ui/multi-select.tsx";
import { DAY_RANGE_PRESETS } from "../../../lib/date-range.ts";
import { timeZoneNames } from "../../../lib/time-zone.ts";
import { useLocalValue } from "../../../lib/use-local-value.ts";
import type { MetricsFilters as Filters } from "../hooks/use-metrics-filters.ts";
import { GRANULARITIES } from "../lib/types.ts";

/** The API's ValidationError fields, and the filter that owns each. */
export type FilterErrors = Partial<Record<"startDate" | "endDate" | "granularity" | "tz" | "agent", string>>;

const ALL_ZONES = timeZoneNames();

interface MetricsFiltersProps {
  filters: Filters;
  agentNames: readonly string[];
  errors: FilterErrors;
}

export function MetricsFilters({ filters, agentNames, errors }: MetricsFiltersProps) {
  // An agent named in the URL stays selectable even when it has no executions and is not registered.
  // Workflow runs' roots (`workflow:<template>`) are not agents: listed after them, said so.
  const names = [...new Set([...agentNames, ...filters.agents])].sort(
    (a, b) => Number(isWorkflowRoot(a)) - Number(isWorkflowRoot(b)) || a.localeCompare(b),
  );
  const label = (n: string) => (isWorkflowRoot(n) ? `${n.slice(WORKFLOW_ROOT_PREFIX.length)} (workflow run)` : n);
  return (
    <search className="filters metrics-filters" aria-label="Filter the metrics">
      <DateRangeFilter
        idPrefix="metrics"
        startDate={filters.startDate}
        endDate={filters.endDate}
        onChange={filters.setRange}
        presets={DAY_RANGE_PRESETS}
        timeZone={filters.dateZone}
        errors={{ startDate: errors.startDate, endDate: errors.endDate }}
      />
      <GranularitySwitch value={filters.granularity} onChange={filters.setGranularity} error={errors.granularity} />
      <TimeZoneSelect
        value={filters.tz}
        browserZone={filters.browserZone}
        onChange={filters.setTimeZone}
        error={errors.tz}
      />
      <MultiSelect
        id="metrics-agent"
        label="Agents"
        allLabel="All agents"
        options={names.map((n) => ({ value: n, label: label(n) }))}
        selected={filters.agents}
        onChange={filters.setAgents}
        error={errors.agent}
      />
    </search>
  );
}

function GranularitySwitch({
  value: current,
  onChange: commit,
  error,
}: {
  value: Filters["granularity"];
  onChange: Filters["setGranularity"];
  error: string | undefined;
}) {
  const [value, setValue] = useLocalValue(current);
  return (
    <fieldset className="filter range-presets" aria-describedby={error ? "metrics-granularity-error" : undefined}>
      <legend>Granularity</legend>
      <div className="segmented">
        {GRANULARITIES.map((g) => (
          <button
            key={g.value}
            type="button"
            aria-pressed={value === g.value}
            onClick={() => {
              setValue(g.value);
              commit(g.value);
            }}
          >
            {g.label}
          </button>
        ))}
      </div>
      {error ? (
        <p className="field-error filter-error" id="metrics-granularity-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function TimeZoneSelect({
  value: current,
  browserZone,
  onChange: commit,
  error,
}: {
  value: string;
  browserZone: string;
  onChange: (tz: string) => void;
  error: string | undefined;
}) {
  const [value, setValue] = useLocalValue(current);
  const pinned = [...new Set([browserZone, "UTC"])];
  // A zone from the URL that the browser does not list stays shown, beside the API's complaint.
  const unknown = !pinned.includes(value) && !ALL_ZONES.includes(value) ? [value] : [];
  return (
    <div className="filter filter-tz">
      <label htmlFor="metrics-tz">Time zone</label>
      <select
        id="metrics-tz"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "metrics-tz-error" : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          commit(e.target.value);
        }}
      >
        {[...pinned, ...unknown].map((z) => (
          <option key={z} value={z}>
            {z === browserZone && z !== "UTC" ? `${z} (local)` : z}
          </option>
        ))}
        <optgroup label="All time zones">
          {ALL_ZONES.filter((z) => !pinned.includes(z)).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </optgroup>
      </select>
      {error ? (
        <p className="field-error filter-error" id="metrics-tz-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
