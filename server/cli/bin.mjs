#!/usr/bin/env node
// The installed `baton` binary: runs the compiled CLI (dist-server/, see server/scripts/build-server.mjs)
// when that build is current, else the TypeScript CLI through tsx (as the dev loop does).
// `baton hook` is the exception: Claude Code waits for it on every event, so it runs plain
// JavaScript with no loader (server/cli/hook-client.mjs) and always exits 0.
if (process.argv[2] === "hook" && process.argv.length === 3) {
  const { hookMain } = await import("./hook-client.mjs");
  process.exitCode = await hookMain();
} else {
  const { buildIsCurrent, outDir } = await import("../scripts/build-server.mjs");
  let cli;
  if (buildIsCurrent()) cli = await import(`${outDir}/cli/baton.js`);
  else {
    const { register } = await import("tsx/esm/api");
    register();
    cli = await import("./baton.ts");
  }
  process.exitCode = await cli.main(process.argv.slice(2));
}
