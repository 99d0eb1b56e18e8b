// `npm run dev`: the API server (restarting on change) and Vite's dev server (hot reload, proxying
// the API to it) side by side. Ctrl-C stops both; when either exits, the other is stopped too.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

// The children read their own settings; this script only forwards them and says where the API is.
const inherited = { ...process.env };
const apiPort = inherited.PORT ?? "4000";
const apiHost = inherited.HOST ?? "127.0.0.1";
const devOrigins = [inherited.BATON_ALLOWED_ORIGINS, "http://localhost:5173", "http://127.0.0.1:5173"]
  .filter(Boolean)
  .join(",");
const apiUrl = `http://${apiHost === "0.0.0.0" ? "127.0.0.1" : apiHost}:${apiPort}`;

const children: ChildProcess[] = [
  spawn(bin("tsx"), ["watch", "--clear-screen=false", "server/main.ts"], {
    cwd: root,
    stdio: "inherit",
    // The dashboard's pages come from Vite's origin and reach the API through its proxy, Origin intact.
    env: { ...inherited, NODE_ENV: "development", BATON_ALLOWED_ORIGINS: devOrigins },
  }),
  spawn(bin("vite"), ["--config", "client/vite.config.ts"], {
    cwd: root,
    stdio: "inherit",
    env: { ...inherited, BATON_API_URL: apiUrl },
  }),
];

let stopping = false;
function stopAll(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(signal));

let exitCode = 0;
let running = children.length;
for (const child of children) {
  child.on("exit", (code) => {
    if (code) exitCode = exitCode || code;
    stopAll("SIGTERM");
    running -= 1;
    if (running === 0) process.exit(exitCode);
  });
}

console.log(`baton dev: API ${apiUrl} (GraphQL ${apiUrl}/graphql) · dashboard http://localhost:5173/ui/`);
