// The graph's agents whose circuit is open or half-open, as text beside the canvas (a screen
// reader cannot see the octagons), announced as it changes.
import { CIRCUIT_LABELS } from "../../health/components/circuit-badge.tsx";
import type { CircuitStates } from "../../health/hooks/use-circuit-states.ts";

export function GraphCircuits({ agents, circuits }: { agents: readonly string[]; circuits: CircuitStates }) {
  const troubled = agents.flatMap((name) => {
    const state = circuits.get(name);
    return state ? [{ name, state }] : [];
  });
  return (
    <div className="graph-circuits" role="status" aria-live="polite" data-testid="graph-circuits">
      {troubled.length > 0 ? (
        <>
          <span className="graph-legend-title">Paused agents</span>
          {troubled.map(({ name, state }) => (
            <span
              key={name}
              className={`badge badge-circuit badge-circuit-${state}`}
              data-agent={name}
              data-state={state}
            >
              {name}: {CIRCUIT_LABELS[state]}
            </span>
          ))}
        </>
      ) : null}
    </div>
  );
}
