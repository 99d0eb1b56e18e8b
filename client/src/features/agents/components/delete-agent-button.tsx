// Delete with an inline confirmation (no window.confirm: it blocks the page and browser tests alike).
import { useState } from "react";
import { useDeleteAgent } from "../hooks/use-delete-agent.ts";

interface DeleteAgentButtonProps {
  id: string;
  name: string;
  onDeleted: () => void;
}

export function DeleteAgentButton({ id, name, onDeleted }: DeleteAgentButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { deleteAgent, deleting } = useDeleteAgent();

  if (!confirming)
    return (
      <button type="button" className="button button-danger-ghost" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );

  const confirm = async () => {
    const failure = await deleteAgent(id);
    if (failure) setError(failure);
    else onDeleted();
  };

  return (
    <div className="confirm" role="alertdialog" aria-labelledby="confirm-delete-text" data-testid="confirm-delete">
      <span id="confirm-delete-text">
        Delete <strong>{name}</strong>? This cannot be undone.
      </span>
      <button type="button" className="button button-danger" disabled={deleting} onClick={() => void confirm()}>
        {deleting ? "Deleting…" : "Confirm delete"}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)}>
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
