// An agent's circuit breaker as a badge: shown only when the circuit is open or half-open.
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";

export const CircuitBadge_CircuitFragment = graphql(`
  fragment CircuitBadgeCircuit on Circuit {
    state
    consecutiveFailures
    retryAfter
  }
`);

export const CIRCUIT_LABELS = { closed: "closed", open: "circuit open", half_open: "half-open" } as const;

/** `always` shows a closed circuit too (the Health page); elsewhere only trouble is shown. */
export function CircuitBadge(props: { circuit: FragmentType<typeof CircuitBadge_CircuitFragment>; always?: boolean }) {
  const circuit = useFragment(CircuitBadge_CircuitFragment, props.circuit);
  const state = fromEnum(circuit.state);
  if (state === "closed" && !props.always) return null;
  const title =
    state === "closed"
      ? `Circuit closed (${circuit.consecutiveFailures} failures in a row)`
      : `Circuit ${state.replace("_", "-")} after ${circuit.consecutiveFailures} failures in a row` +
        (circuit.retryAfter
          ? `; a trial call is allowed from ${new Date(circuit.retryAfter).toLocaleString()}`
          : "; opened by hand");
  return (
    <span
      className={`badge badge-circuit badge-circuit-${state}`}
      data-testid="circuit-badge"
      data-state={state}
      title={title}
    >
      {CIRCUIT_LABELS[state]}
    </span>
  );
}
