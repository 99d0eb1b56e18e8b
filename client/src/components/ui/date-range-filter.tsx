// From / To date inputs with range presets (24h · 7d · 30d unless the page picks others). Values are
// what the API takes: ISO dates from the inputs, a timestamp for an hours preset. `timeZone` is the
// zone the page's API reads dates in (presets count its days); `errors` are the API's messages
// about either end, shown under its input.
import {
  dateInputValue,
  matchPreset,
  presetStart,
  RANGE_PRESETS,
  type RangePresetOption,
} from "../../lib/date-range.ts";
import { useLocalValue } from "../../lib/use-local-value.ts";

interface DateRangeFilterProps {
  idPrefix: string;
  startDate: string;
  endDate: string;
  onChange: (range: { startDate: string; endDate: string }) => void;
  presets?: readonly RangePresetOption[];
  timeZone?: string;
  errors?: { startDate?: string | undefined; endDate?: string | undefined };
}

export function DateRangeFilter({
  idPrefix,
  startDate: start,
  endDate: end,
  onChange: commit,
  presets = RANGE_PRESETS,
  timeZone = "UTC",
  errors = {},
}: DateRangeFilterProps) {
  const [range, setRange] = useLocalValue(`${start}|${end}`);
  const [startDate = "", endDate = ""] = range.split("|");
  const onChange = (next: { startDate: string; endDate: string }) => {
    setRange(`${next.startDate}|${next.endDate}`);
    commit(next);
  };
  const active = matchPreset(startDate, endDate, Date.now(), presets, timeZone);
  const inputs = [
    { key: "from", label: "From", error: errors.startDate },
    { key: "to", label: "To", error: errors.endDate },
  ] as const;
  return (
    <>
      {inputs.map(({ key, label, error }) => {
        const id = `${idPrefix}-${key}`;
        const isFrom = key === "from";
        return (
          <div key={key} className="filter filter-date">
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              type="date"
              value={dateInputValue(isFrom ? startDate : endDate, timeZone)}
              min={isFrom ? undefined : dateInputValue(startDate, timeZone) || undefined}
              max={isFrom ? dateInputValue(endDate, timeZone) || undefined : undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) =>
                onChange(isFrom ? { startDate: e.target.value, endDate } : { startDate, endDate: e.target.value })
              }
            />
            {error ? (
              <p className="field-error filter-error" id={`${id}-error`} role="alert">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <fieldset className="filter range-presets">
        <legend>Range</legend>
        <div className="segmented">
          {presets.map((p) => (
            <button
              key={p.key}
              type="button"
              title={p.title}
              aria-label={`${p.label}: ${p.title}`}
              aria-pressed={active === p.key}
              onClick={() => onChange({ startDate: presetStart(p.key, Date.now(), timeZone), endDate: "" })}
            >
              {p.label}
            </button>
          ))}
        </div>
      </fieldset>
    </>
  );
}
