// Expected failures of the domain. Services throw these; GraphQL exposes them as result-union
// members (graphql/errors.ts) and REST maps each code to one HTTP status (rest/status.ts).
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "READ_TIMEOUT"
  | "READ_TOO_LARGE";

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  /** The input field at fault, as a dotted camelCase path (`retryPolicy.maxRetries`). */
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

/** A value from the request quoted in a message: cut to `max` characters, so errors stay small. */
export function echo(value: unknown, max = 80): string {
  const s = String(value);
  return `'${s.length > max ? `${s.slice(0, max)}…` : s}'`;
}

/** A message from graphql-js, which quotes whole values as often as it likes: each quote cut short. */
export function cutQuotes(message: string, max = 80): string {
  return message.replace(new RegExp(`"([^"]{${max}})[^"]+"`, "g"), '"$1…"');
}

export interface FieldIssue {
  field: string;
  message: string;
}

export class ValidationError extends AppError {
  readonly code = "VALIDATION_FAILED" as const;
  /** Every problem found, the first of which is `field`/`message`. */
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    const first = issues[0] ?? { field: "input", message: "Invalid input" };
    super(`${first.field}: ${first.message}`, first.field);
    this.issues = issues.length > 0 ? issues : [first];
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends AppError {
  readonly code = "NOT_FOUND" as const;
  constructor(resource: string, key: string, field: string | null = "id") {
    super(`${resource} ${echo(key)} was not found`, field);
  }
}

export class ConflictError extends AppError {
  readonly code = "CONFLICT" as const;
}

/** No valid credential came with a request that needs one (REST 401). */
export class UnauthenticatedError extends AppError {
  readonly code = "UNAUTHENTICATED" as const;
}

/** The credential is valid but its token lacks the scope the operation needs (REST 403). */
export class ForbiddenError extends AppError {
  readonly code = "FORBIDDEN" as const;
}

/**
 * A read did not finish within the read budget (BATON_READ_TIMEOUT_MS) and was stopped, so that it
 * cannot hold the server: nothing is wrong with the request, but it asks for too much at once.
 */
export class ReadTimeoutError extends AppError {
  readonly code = "READ_TIMEOUT" as const;
  constructor(budgetMs: number) {
    super(
      `the read did not finish within its budget of ${budgetMs} ms (BATON_READ_TIMEOUT_MS) and was stopped: ` +
        "narrow it (a shorter start_date/end_date range, an agent or status filter, a smaller limit) and retry",
    );
  }
}

/** A read would have needed more rows or memory than a read may hold (see docs/security.md, limits). */
export class ReadTooLargeError extends AppError {
  readonly code = "READ_TOO_LARGE" as const;
  constructor() {
    super(
      "the read needs more memory than one request may use and was stopped: narrow it (a shorter " +
        "start_date/end_date range, an agent or status filter, a smaller limit) and retry",
    );
  }
}
