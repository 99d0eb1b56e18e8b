// From / To date inputs with the 24h · 7d · 30d presets. Values are what the API takes: ISO dates
// from the inputs, a timestamp for the 24h preset.
import { dateInputValue, matchPreset, presetStart, RANGE_PRESETS } from "../../lib/date-range.ts";
import { useLocalValue } from "../../lib/use-local-value.ts";

interface DateRangeFilterProps {
  idPrefix: string;
  startDate: string;
  endDate: string;
  onChange: (range: { startDate: string; endDate: string }) => void;
}

export function DateRangeFilter({ idPrefix, startDate: start, endDate: end, onChange: commit }: DateRangeFilterProps) {
  const [range, setRange] = useLocalValue(`${start}|${end}`);
  const [startDate = "", endDate = ""] = range.split("|");
  const onChange = (next: { startDate: string; endDate: string }) => {
    setRange(`${next.startDate}|${next.endDate}`);
    commit(next);
  };
  const active = matchPreset(startDate, endDate, Date.now());
  return (
    <>
      <div className="filter filter-date">
        <label htmlFor={`${idPrefix}-from`}>From</label>
        <input
          id={`${idPrefix}-from`}
          type="date"
          value={dateInputValue(startDate)}
          max={dateInputValue(endDate) || undefined}
          onChange={(e) => onChange({ startDate: e.target.value, endDate })}
        />
      </div>
      <div className="filter filter-date">
        <label htmlFor={`${idPrefix}-to`}>To</label>
        <input
          id={`${idPrefix}-to`}
          type="date"
          value={dateInputValue(endDate)}
          min={dateInputValue(startDate) || undefined}
          onChange={(e) => onChange({ startDate, endDate: e.target.value })}
        />
      </div>
      <fieldset className="filter range-presets">
        <legend>Range</legend>
        <div className="segmented">
          {RANGE_PRESETS.map((p) => (
            <button
              key={p.key}
              type="button"
              title={p.title}
              aria-label={p.title}
              aria-pressed={active === p.key}
              onClick={() => onChange({ startDate: presetStart(p.key, Date.now()), endDate: "" })}
            >
              {p.label}
            </button>
          ))}
        </div>
      </fieldset>
    </>
  );
}
