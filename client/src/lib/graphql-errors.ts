// A query's expected failures come back as GraphQL errors whose extensions say what went wrong:
// `code` (NOT_FOUND, VALIDATION_FAILED; BAD_USER_INPUT for a variable its type refuses, such as a
// date that is not one), the argument at fault (`field`) and, for validation, the `issues`. Pages
// read them here to say "not found" or to put a message on the filter it is about.
import type { CombinedError } from "urql";
import type { FieldIssue } from "./field-issues.ts";

export type ErrorCode = "NOT_FOUND" | "VALIDATION_FAILED" | "BAD_USER_INPUT";

export interface CodedError {
  code: ErrorCode;
  message: string;
  field: string | null;
  issues: FieldIssue[];
}

/** The first GraphQL error of the result with one of these codes, or null (none, or a network failure). */
export function errorWithCode(error: CombinedError | null | undefined, ...codes: ErrorCode[]): CodedError | null {
  const found = error?.graphQLErrors.find((e) => codes.includes(e.extensions?.code as ErrorCode));
  if (!found) return null;
  const { code, field, issues } = found.extensions;
  return {
    code: code as ErrorCode,
    message: found.message,
    field: typeof field === "string" ? field : null,
    issues: Array.isArray(issues) ? (issues as FieldIssue[]) : [],
  };
}

/** A filter the API refused: against its rules, or not even of the argument's type. */
export function invalidArgument(error: CombinedError | null | undefined): CodedError | null {
  return errorWithCode(error, "VALIDATION_FAILED", "BAD_USER_INPUT");
}
