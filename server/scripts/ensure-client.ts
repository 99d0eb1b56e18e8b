// `npm start` runs this first: builds the dashboard when client/dist is missing or older than
// its sources, so the single start command always serves a current dashboard.
import { buildClient, clientIsCurrent } from "./client-build.js";

if (!clientIsCurrent()) {
  console.log("building the dashboard (client/dist)…");
  await buildClient("inherit").catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
