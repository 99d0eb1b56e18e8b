// `npm start` runs this first: builds the dashboard when client/dist is missing or older than
// its sources, so the single start command always serves a current dashboard.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dist = join(root, "client/dist/index.html");

function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

const sources = Math.max(newest(join(root, "client/src")), statSync(join(root, "client/index.html")).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log("building the dashboard (client/dist)…");
  const r = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
