// BuildAgent's command: bundles the dashboard into a directory of its own (never the client/dist a
// running server serves) and reports what it built as one JSON object on stdout, as the command
// runner expects. Input (stdin, optional): { "out_dir": "data/build/dist" }.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

function readInput(): { out_dir?: unknown } {
  try {
    const text = readFileSync(0, "utf8").trim();
    return text ? (JSON.parse(text) as { out_dir?: unknown }) : {};
  } catch {
    return {};
  }
}

/** Every file under `dir`, paths relative to `base`. */
function files(dir: string, base = dir): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    return d.isDirectory() ? files(full, base) : [{ path: relative(base, full), bytes: statSync(full).size }];
  });
}

const input = readInput();
const outDir = resolve(root, typeof input.out_dir === "string" ? input.out_dir : "data/build/dist");
const started = Date.now();
const child = spawn(
  process.execPath,
  [
    join(root, "node_modules/vite/bin/vite.js"),
    "build",
    "--config",
    "client/vite.config.ts",
    "--outDir",
    outDir,
    "--emptyOutDir",
  ],
  { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
);
let log = "";
for (const s of [child.stdout, child.stderr]) s.on("data", (c: Buffer) => (log += c.toString()));
child.on("close", (code) => {
  const duration_ms = Date.now() - started;
  if (code !== 0) {
    process.stdout.write(
      JSON.stringify({ status: "failed", exit_code: code, duration_ms, log_tail: log.slice(-2000) }),
    );
    process.exitCode = 1;
    return;
  }
  const artifacts = files(outDir);
  process.stdout.write(
    JSON.stringify({
      status: "built",
      out_dir: outDir,
      artifacts,
      bytes_total: artifacts.reduce((n, a) => n + a.bytes, 0),
      duration_ms,
    }),
  );
});
