#!/usr/bin/env node
// The installed `baton` binary: loads the TypeScript CLI through tsx (as `npm start` does).
// `baton hook` is the exception: Claude Code waits for it on every event, so it runs plain
// JavaScript with no loader (server/cli/hook-client.mjs) and always exits 0.
if (process.argv[2] === "hook" && process.argv.length === 3) {
  const { hookMain } = await import("./hook-client.mjs");
  process.exitCode = await hookMain();
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import("./baton.ts");
  process.exitCode = await main(process.argv.slice(2));
}
