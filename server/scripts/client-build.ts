// Whether client/dist is current, and building it: shared by `npm start` (start.mjs), the
// browser tests and the Chromium benchmark, so all three agree on when a rebuild is due.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newestMtime(join(path, entry)));
  return max;
}

/** True when client/dist/index.html is newer than every client source. */
export function clientIsCurrent(): boolean {
  const index = join(root, "client/dist/index.html");
  if (!existsSync(index)) return false;
  const sources = Math.max(
    newestMtime(join(root, "client/src")),
    newestMtime(join(root, "client/public")),
    statSync(join(root, "client/index.html")).mtimeMs,
    statSync(join(root, "client/vite.config.ts")).mtimeMs,
  );
  return statSync(index).mtimeMs >= sources;
}

/** `npm run build`; `inherit` shows its output, otherwise it is kept for the error. */
export function buildClient(stdio: "inherit" | "capture" = "capture"): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "build", "--silent"], {
      cwd: root,
      stdio: stdio === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    let output = "";
    for (const s of [child.stdout, child.stderr]) s?.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code}):\n${output}`)),
    );
  });
}
