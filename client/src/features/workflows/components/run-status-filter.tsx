import { RUN_STATUSES, type RunStatus, statusColor, statusLabel } from "../lib/status.ts";

interface RunStatusFilterProps {
  selected: readonly string[];
  onToggle: (status: RunStatus) => void;
  onClear: () => void;
}

/** Status chips over the runs table: none pressed shows every run; each pressed one narrows to it. */
export function RunStatusFilter({ selected, onToggle, onClear }: RunStatusFilterProps) {
  return (
    <fieldset className="status-chips" data-testid="run-status-filter">
      <legend className="visually-hidden">Filter runs by status</legend>
      <button
        type="button"
        className="chip chip-button status-chip"
        aria-pressed={selected.length === 0}
        onClick={onClear}
      >
        All
      </button>
      {RUN_STATUSES.map((s) => (
        <button
          key={s}
          type="button"
          className="chip chip-button status-chip"
          aria-pressed={selected.includes(s)}
          onClick={() => onToggle(s)}
        >
          <span className="status-dot" style={{ background: statusColor(s) }} aria-hidden="true" />
          {statusLabel(s)}
        </button>
      ))}
    </fieldset>
  );
}
