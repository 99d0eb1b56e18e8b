import { DateRangeFilter } from "../../../components/ui/date-range-filter.tsx";
import { MultiSelect } from "../../../components/ui/multi-select.tsx";
import type { TimelineFilters as Filters } from "../hooks/use-timeline-filters.ts";
import { STATUS_COLORS, STATUS_LABELS } from "../lib/status-colors.ts";
import { EXECUTION_STATUSES } from "../lib/types.ts";

const statusOptions = EXECUTION_STATUSES.map((s) => ({
  value: s,
  label: (
    <>
      <span className="status-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
      {STATUS_LABELS[s]}
    </>
  ),
}));

export function TimelineFilters({ filters, agentNames }: { filters: Filters; agentNames: readonly string[] }) {
  // An agent named in the URL stays selectable even when it is not registered any more.
  const names = [...new Set([...agentNames, ...filters.agents])].sort((a, b) => a.localeCompare(b));
  return (
    <search className="filters" aria-label="Filter the timeline">
      <DateRangeFilter
        idPrefix="timeline"
        startDate={filters.startDate}
        endDate={filters.endDate}
        onChange={filters.setRange}
      />
      <MultiSelect
        id="timeline-agent"
        label="Agent"
        allLabel="All agents"
        options={names.map((n) => ({ value: n, label: n }))}
        selected={filters.agents}
        onChange={filters.setAgents}
      />
      <MultiSelect
        id="timeline-status"
        label="Status"
        allLabel="All statuses"
        options={statusOptions}
        selected={filters.statuses}
        onChange={filters.setStatuses}
      />
      {filters.workflow || filters.workflowRun ? (
        <div className="filter filter-chip">
          <span className="filter-caption">Workflow</span>
          <button
            type="button"
            className="chip chip-accent chip-button"
            title="Remove the workflow filter"
            onClick={filters.clearWorkflow}
          >
            {filters.workflowRun ? `run ${filters.workflowRun}` : filters.workflow}
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ) : null}
      {filters.parentAgents.length ? (
        <div className="filter filter-chip">
          <span className="filter-caption">Handed off by</span>
          <button
            type="button"
            className="chip chip-accent chip-button"
            title="Remove the handed-off-by filter"
            onClick={filters.clearParentAgents}
          >
            {filters.parentAgents.join(", ")}
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ) : null}
    </search>
  );
}
