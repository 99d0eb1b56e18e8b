import type { RunnerKind } from "../../../gql/graphql.ts";

const labels: Record<RunnerKind, string> = {
  claude: "claude",
  command: "command",
  http: "http",
  builtin: "builtin",
  mock: "mock",
};

export function RunnerKindBadge({ kind }: { kind: RunnerKind }) {
  return (
    <span className={`badge badge-${kind}`} data-testid="runner-kind" title={`Runner: ${kind}`}>
      {labels[kind] ?? kind}
    </span>
  );
}
