// Reset (close) an agent's circuit or take the agent out of service, each after an inline
// confirmation (no window.confirm: it blocks the page and browser tests alike).
import { useState } from "react";
import { type CircuitAction, useCircuitActions } from "../hooks/use-circuit-actions.ts";

const WORDS: Record<CircuitAction, { button: string; question: string; confirm: string }> = {
  reset: {
    button: "Reset",
    question: "Close the circuit of",
    confirm: "Confirm reset",
  },
  open: {
    button: "Take out of service",
    question: "Open the circuit of (steps calling it fail at once until reset)",
    confirm: "Confirm take out of service",
  },
};

export function CircuitActions({ id, name, state }: { id: string; name: string; state: string }) {
  const [confirming, setConfirming] = useState<CircuitAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run, busy } = useCircuitActions();

  if (!confirming)
    return (
      <div className="circuit-actions">
        <button type="button" className="button" onClick={() => setConfirming("reset")} disabled={state === "closed"}>
          Reset
        </button>
        <button type="button" className="button button-danger-ghost" onClick={() => setConfirming("open")}>
          Take out of service
        </button>
      </div>
    );

  const words = WORDS[confirming];
  const confirm = async () => {
    const failure = await run(confirming, id);
    setError(failure);
    if (!failure) setConfirming(null);
  };
  return (
    <div className="confirm" role="alertdialog" aria-label={`${words.button} ${name}`} data-testid="confirm-circuit">
      <span>
        {words.question} <strong>{name}</strong>?
      </span>
      <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirm()}>
        {words.confirm}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(null)}>
        Cancel
      </button>
      {error ? (
        <p className="field-error confirm-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
