// A labelled input with its hint and its errors. Errors sit right under the input with
// role="alert", and the input points at them with aria-describedby.
import type { ReactNode } from "react";
import { keyed } from "../../lib/keyed.ts";

export interface FieldErrorsProps {
  id: string;
  errors?: readonly { text: string }[] | undefined;
}

export function errorId(id: string) {
  return `${id}-error`;
}

/** Props that tie an input to its error and hint texts. */
export function describedBy(id: string, errors: readonly unknown[] | undefined, hint?: boolean) {
  const ids = [errors?.length ? errorId(id) : null, hint ? `${id}-hint` : null].filter(Boolean);
  return {
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
  } as const;
}

export function FieldErrors({ id, errors }: FieldErrorsProps) {
  if (!errors?.length) return null;
  return (
    <div className="field-error" role="alert" id={errorId(id)} data-testid={`${id}-error`}>
      {keyed(errors, (e) => e.text).map(([key, e]) => (
        <p key={key}>{e.text}</p>
      ))}
    </div>
  );
}

interface FormFieldProps extends FieldErrorsProps {
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function FormField({ id, label, hint, errors, children, className }: FormFieldProps) {
  return (
    <div className={`field${errors?.length ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}
