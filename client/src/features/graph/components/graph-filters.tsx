import { DateRangeFilter } from "../../../components/ui/date-range-filter.tsx";
import { useLocalValue } from "../../../lib/use-local-value.ts";
import type { GraphFilters as Filters } from "../hooks/use-graph-filters.ts";

/** `workflows`: the template names to choose from. */
export function GraphFilters({ filters, workflows }: { filters: Filters; workflows: readonly string[] }) {
  const [workflow, setWorkflow] = useLocalValue(filters.workflow);
  // A workflow named in the URL stays selectable even when no template has that name (an id, or a
  // template deleted since).
  const options = workflow && !workflows.includes(workflow) ? [...workflows, workflow] : workflows;
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
        <select
          id="graph-workflow"
          value={workflow}
          onChange={(e) => {
            setWorkflow(e.target.value);
            filters.setWorkflow(e.target.value);
          }}
        >
          <option value="">All workflows</option>
          {options.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}
