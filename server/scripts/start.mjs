// `npm start`: the server as compiled JavaScript, in this one process. Builds dist-server/ first
// when it is missing or older than its sources (build-server.mjs), and the dashboard when
// client/dist is; then starts as server/main.ts does. The dev loop (`npm run dev`) keeps tsx.
import { ensureServerBuild, outDir } from "./build-server.mjs";

await ensureServerBuild();
const { buildClient, clientIsCurrent } = await import(`${outDir}/scripts/client-build.js`);
// --no-client-build: the tests of this start (the browser tests build client/dist themselves).
if (!process.argv.includes("--no-client-build") && !clientIsCurrent()) {
  console.log("building the dashboard (client/dist)…");
  await buildClient("inherit").catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
const { start } = await import(`${outDir}/main.js`);
const { stop } = await start().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () => {
    void stop().then(() => process.exit(0));
  });
