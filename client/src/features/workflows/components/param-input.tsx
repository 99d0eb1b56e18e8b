// One parameter's input, chosen by its schema type: text, number, checkbox, select or JSON.
import type { ReactNode } from "react";
import { describedBy, FormField } from "../../../components/ui/form-field.tsx";
import { optionLabel, type ParamField } from "../lib/param-form.ts";

interface ParamInputProps {
  field: ParamField;
  value: string | boolean;
  errors: { text: string }[];
  onChange: (value: string | boolean) => void;
}

export const paramInputId = (name: string) => `param-${name.replace(/[^\w-]/g, "_")}`;

function hintOf(f: ParamField): string | null {
  const parts: string[] = [];
  if (f.description) parts.push(f.description);
  const range = [f.minimum ?? f.exclusiveMinimum, f.maximum ?? f.exclusiveMaximum];
  if (f.kind === "integer" || f.kind === "number")
    parts.push(
      `${f.kind === "integer" ? "whole number" : "number"}${range[0] !== undefined || range[1] !== undefined ? `, ${range[0] ?? "…"}–${range[1] ?? "…"}` : ""}`,
    );
  if (f.kind === "json") parts.push(`JSON ${f.jsonType ?? "value"}`);
  if (f.defaultValue !== undefined && f.kind !== "boolean") parts.push(`default ${JSON.stringify(f.defaultValue)}`);
  return parts.length ? parts.join(" · ") : null;
}

export function ParamInput({ field: f, value, errors, onChange }: ParamInputProps) {
  const id = paramInputId(f.name);
  const hint = hintOf(f);
  const aria = { ...describedBy(id, errors, Boolean(hint)), "aria-required": f.required || undefined };
  const label = (
    <>
      {f.label}
      {f.required ? (
        <span className="required-mark" title="Required">
          <span aria-hidden="true"> *</span>
          <span className="visually-hidden"> (required)</span>
        </span>
      ) : null}
      {f.label !== f.name ? <code className="param-name">{f.name}</code> : null}
    </>
  );

  if (f.kind === "boolean")
    return (
      <FormField id={id} label={label} hint={hint} errors={errors} className="field-checkbox">
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
          {...aria}
        />
      </FormField>
    );

  const text = typeof value === "string" ? value : "";
  let input: ReactNode;
  if (f.kind === "enum")
    input = (
      <select id={id} value={text} onChange={(e) => onChange(e.target.value)} {...aria}>
        {text === "" || !f.required ? <option value="">{f.required ? "Choose…" : "— not set —"}</option> : null}
        {f.options.map((o, i) => (
          <option key={optionLabel(o)} value={String(i)}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    );
  else if (f.kind === "json")
    input = (
      <textarea
        id={id}
        className="code-input"
        rows={4}
        value={text}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      />
    );
  else
    input = (
      <input
        id={id}
        type="text"
        inputMode={f.kind === "integer" ? "numeric" : f.kind === "number" ? "decimal" : undefined}
        autoComplete="off"
        value={text}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      />
    );
  return (
    <FormField id={id} label={label} hint={hint} errors={errors}>
      {input}
    </FormField>
  );
}
