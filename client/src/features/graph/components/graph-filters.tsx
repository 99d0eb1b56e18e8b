import { DateRangeFilter } from "../../../components/ui/date-range-filter.tsx";
import type { GraphFilters as Filters } from "../hooks/use-graph-filters.ts";

export function GraphFilters({ filters }: { filters: Filters }) {
  return (
    <search className="filters" aria-label="Filter the graph">
      <DateRangeFilter
        idPrefix="graph"
        startDate={filters.startDate}
        endDate={filters.endDate}
        onChange={filters.setRange}
      />
      <div className="filter">
        <label htmlFor="graph-workflow">Workflow</label>
        <input
          id="graph-workflow"
          type="search"
          placeholder="Workflow template id"
          value={filters.workflowText}
          onChange={(e) => filters.setWorkflowText(e.target.value)}
        />
      </div>
    </search>
  );
}
