// The server's own health (`GET /health`: database, engine, pub/sub, circuits by state), fetched
// on mount and whenever `version` changes (the page bumps it on every circuit change).
import { useEffect, useState } from "react";

export interface ServerHealth {
  status: "ok" | "unavailable";
  database: "ok" | "error" | "timeout";
  engine: "running" | "stopped";
  pubsub: "connected" | "disconnected";
  circuits: { total: number; closed: number; open: number; half_open: number } | null;
  uptime_s: number;
}

export function useServerHealth(version: number): { health: ServerHealth | null; error: string | null } {
  const [health, setHealth] = useState<ServerHealth | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // `version` only says when to read again.
    void version;
    let live = true;
    fetch("/health", { headers: { accept: "application/json" } })
      .then(async (res) => {
        const body = (await res.json()) as ServerHealth;
        if (!live) return;
        setHealth(body);
        setError(null);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [version]);
  return { health, error };
}
