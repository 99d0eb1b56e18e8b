// zod → ValidationError: every issue becomes a field issue with a dotted path (`runner.settings.url`,
// `capabilities[1]`), so GraphQL and REST name the offending field the same way.
import type { z } from "zod";
import { type FieldIssue, ValidationError } from "./errors.js";

function pathOf(path: (string | number)[]): string {
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
