import type { RunnerKind } from "../../../gql/graphql.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";

/** An agent's runner kind, in the docs' words (`claude`, `mock`, …). */
export function RunnerKindBadge({ kind }: { kind: RunnerKind }) {
  const word = fromEnum(kind);
  return (
    <span className={`badge badge-${word}`} data-testid="runner-kind" title={`Runner: ${word}`}>
      {word}
    </span>
  );
}
