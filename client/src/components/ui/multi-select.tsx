// A labelled button that opens a list of checkboxes: several values of one filter (agents,
// statuses). The label names the button, so `getByLabel("Agent")` finds it.
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useLocalValue } from "../../lib/use-local-value.ts";

export interface MultiSelectOption {
  value: string;
  label: ReactNode;
}

interface MultiSelectProps {
  id: string;
  label: string;
  allLabel: string;
  options: readonly MultiSelectOption[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** The API's complaint about this filter, shown under it. */
  error?: string | undefined;
}

export function MultiSelect({
  id,
  label,
  allLabel,
  options,
  selected: current,
  onChange: commit,
  error,
}: MultiSelectProps) {
  const [selected, setSelected] = useLocalValue(current);
  const onChange = (values: string[]) => {
    setSelected(values);
    commit(values);
  };
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  const summary =
    selected.length === 0 ? allLabel : selected.length <= 2 ? selected.join(", ") : `${selected.length} selected`;

  return (
    <div className="filter multi-select" ref={root}>
      <label htmlFor={id}>{label}</label>
      <button
        id={id}
        type="button"
        className="multi-select-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={listId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="multi-select-summary">{summary}</span>
        <span aria-hidden="true">▾</span>
      </button>
      <div className="multi-select-menu" id={listId} hidden={!open}>
        <fieldset>
          <legend className="visually-hidden">{label}</legend>
          {options.map((o) => (
            <label key={o.value} className="multi-select-option">
              <input type="checkbox" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
              {o.label}
            </label>
          ))}
        </fieldset>
        {selected.length ? (
          <button type="button" className="link-button multi-select-clear" onClick={() => onChange([])}>
            Clear
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="field-error filter-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
