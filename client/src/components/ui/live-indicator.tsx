// Whether the page's live views are live: shown in the sidebar while a subscription is open, and
// loud when the connection dropped (what the page shows may then be behind until it is back).
import { type LiveState, useLiveState } from "../../lib/live-connection.ts";

const LABELS: Record<Exclude<LiveState, "idle">, { text: string; title: string }> = {
  connecting: { text: "Connecting…", title: "Opening the live connection" },
  live: { text: "Live", title: "Changes appear as they happen" },
  reconnecting: {
    text: "Reconnecting…",
    title: "The live connection dropped: changes will be fetched once it is back",
  },
};

export function LiveIndicator() {
  const state = useLiveState();
  if (state === "idle") return null;
  const label = LABELS[state];
  return (
    <output className={`live-indicator live-${state}`} data-testid="live-status" data-state={state} title={label.title}>
      <span className="live-dot" aria-hidden="true" />
      {label.text}
    </output>
  );
}
