// Durations for tables and headers: short and readable ("850 ms", "1.2 s", "2 min 5 s", "1 h 3 min").

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const s = ms / 1000;
    return `${s < 10 ? (Math.floor(s * 10) / 10).toFixed(1) : Math.floor(s)} s`;
  }
  const totalSeconds = Math.floor(ms / 1000);
  if (ms < 3_600_000) {
    const m = Math.floor(totalSeconds / 60);
    const s = totalSeconds % 60;
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  const totalMinutes = Math.floor(totalSeconds / 60);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** A run's or step's duration: ended − started, or so far while it runs; null before it starts. */
export function elapsedMs(
  startedAt: string | null | undefined,
  endedAt: string | null | undefined,
  nowMs: number,
): number | null {
  if (!startedAt) return null;
  const start = Date.parse(startedAt);
  const end = endedAt ? Date.parse(endedAt) : nowMs;
  return Number.isNaN(start) || Number.isNaN(end) ? null : Math.max(0, end - start);
}
