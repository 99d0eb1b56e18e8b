// zod → ValidationError: every issue becomes a field issue with a dotted path (`runner.settings.url`,
// `capabilities[1]`), so GraphQL and REST name the offending field the same way.
import type { z } from "zod";
import { echo, type FieldIssue, ValidationError } from "./errors.js";

/** A JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** `["steps", 0, "input", "x"]` → `steps[0].input.x`: a field path as the API names fields. */
export function pathOf(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

/** Parses with zod; the data, or every issue under `prefix` (so callers can gather several checks). */
export function parseIssues<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  prefix = "",
): { ok: true; data: z.infer<T> } | { ok: false; issues: FieldIssue[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      field: pathOf([...(prefix ? [prefix] : []), ...i.path]) || prefix || "input",
      message: i.message,
    })),
  };
}

/** Parses with zod; on failure throws one ValidationError listing every issue under `prefix`. */
export function parseOrThrow<T extends z.ZodTypeAny>(schema: T, value: unknown, prefix = ""): z.infer<T> {
  const result = parseIssues(schema, value, prefix);
  if (result.ok) return result.data;
  throw new ValidationError(result.issues);
}

/** A comma-separated filter argument (`success,failure`) as its trimmed, non-empty items. */
export function commaList(value: string | null | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A comma list of statuses, each one of `known`; otherwise a ValidationError naming `field`. */
export function statusList<T extends string>(
  value: string | null | undefined,
  known: readonly T[],
  field = "status",
): T[] {
  const items = commaList(value);
  const bad = items.find((s) => !(known as readonly string[]).includes(s));
  if (bad) throw ValidationError.field(field, `unknown status ${echo(bad)} (known: ${known.join(", ")})`);
  return items as T[];
}
