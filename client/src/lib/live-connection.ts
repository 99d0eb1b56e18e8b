// The dashboard's live connection (graphql-ws) as pages see it: its state, for the shell's
// indicator, and a signal when it is back after a drop, so that what happened meanwhile (events
// nobody received) is fetched again. One per client, made with it in urql.ts.
import { createContext, useContext, useSyncExternalStore } from "react";

/** idle: no socket (nothing on the page is live); reconnecting: it dropped and is being retried. */
export type LiveState = "idle" | "connecting" | "live" | "reconnecting";

/** The events of a graphql-ws client this needs (its `on`, narrowed). */
export interface LiveSocketEvents {
  on(event: "connecting", listener: (isRetry: boolean) => void): unknown;
  on(event: "connected", listener: (socket: unknown, payload: unknown, wasRetry: boolean) => void): unknown;
  on(event: "closed", listener: (event: unknown) => void): unknown;
}

export interface LiveConnection {
  state(): LiveState;
  /** Calls `listener` on every change of state; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Calls `listener` each time the socket is connected again after it dropped. */
  onReconnected(listener: () => void): () => void;
}

/** The close code graphql-ws uses when it closes a socket nothing needs any more (lazy mode). */
const NORMAL_CLOSURE = 1000;

export function watchLiveConnection(ws: LiveSocketEvents): LiveConnection {
  let state: LiveState = "idle";
  const changed = new Set<() => void>();
  const reconnected = new Set<() => void>();
  const set = (next: LiveState) => {
    if (next === state) return;
    state = next;
    for (const listener of changed) listener();
  };
  ws.on("connecting", (isRetry) => set(isRetry ? "reconnecting" : "connecting"));
  ws.on("connected", (_socket, _payload, wasRetry) => {
    set("live");
    if (wasRetry) for (const listener of reconnected) listener();
  });
  ws.on("closed", (event) => {
    const code = (event as { code?: number } | null)?.code;
    set(code === NORMAL_CLOSURE ? "idle" : "reconnecting");
  });
  const listen = (listeners: Set<() => void>) => (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { state: () => state, onChange: listen(changed), onReconnected: listen(reconnected) };
}

export const LiveConnectionContext = createContext<LiveConnection | null>(null);

const idle = () => "idle" as const;
const never = () => () => {};

/** The live connection's state, re-rendering as it changes ("idle" outside a provider). */
export function useLiveState(): LiveState {
  const live = useContext(LiveConnectionContext);
  return useSyncExternalStore(live?.onChange ?? never, live?.state ?? idle);
}
