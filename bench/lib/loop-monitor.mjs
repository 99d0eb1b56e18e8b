// Loaded into a Baton child with NODE_OPTIONS=--import (plain JS: no loader needed): measures the
// server's own event-loop delay. On SIGUSR2 it prints `LOOPDELAY {"max":…,"p99":…}` (ms, since the
// last signal) on stdout and starts over, so a bench can read the longest stall of each phase.
import { monitorEventLoopDelay } from "node:perf_hooks";

const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
process.on("SIGUSR2", () => {
  const ms = (ns) => Math.round(ns / 1e5) / 10;
  process.stdout.write(`LOOPDELAY ${JSON.stringify({ max: ms(h.max), p99: ms(h.percentile(99)) })}\n`);
  h.reset();
});
