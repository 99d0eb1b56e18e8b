// What a page shows while its query is in flight, when it failed, or when it found nothing.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { CommandLine } from "./command-line.tsx";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="panel muted" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** What to tell a person about a failed request: an unreachable API, or the API's own messages. */
export function errorMessage(error: CombinedError): string {
  if (error.networkError) return "The Baton API is not reachable.";
  // CombinedError.message prefixes each with "[GraphQL] ": the API's words alone read better.
  return error.graphQLErrors.length ? error.graphQLErrors.map((e) => e.message).join("; ") : error.message;
}

export function ErrorPanel({
  error,
  title = "Something went wrong",
}: {
  error: CombinedError | string;
  title?: string;
}) {
  const message = typeof error === "string" ? error : errorMessage(error);
  return (
    <div className="panel error-panel" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
    </div>
  );
}

/**
 * Nothing to show. Where data comes from outside (executions, runs, agents), `command` is the exact
 * command that puts some in (features/onboarding/api-commands.ts), ready to copy.
 */
export function EmptyState({
  title,
  children,
  command,
}: {
  title: string;
  children?: ReactNode;
  command?: { label: string; text: string };
}) {
  return (
    <div className="panel empty-state" data-testid="empty-state">
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
      {command ? <CommandLine label={command.label} command={command.text} /> : null}
    </div>
  );
}
