// An empty state whose data comes from outside: the exact command for this server that records some.
import type { ReactNode } from "react";
import { EmptyState } from "../../../components/ui/query-state.tsx";
import type { ApiTarget } from "../api-commands.ts";
import { useApiTarget } from "../use-api-target.ts";

export function EmptyWithCommand({
  title,
  children,
  label,
  command,
}: {
  title: string;
  children?: ReactNode;
  /** What the command does, e.g. "record an execution" (the copy button's name). */
  label: string;
  command: (target: ApiTarget) => string;
}) {
  const target = useApiTarget();
  return (
    <EmptyState title={title} command={{ label, text: command(target) }}>
      {children}
    </EmptyState>
  );
}
