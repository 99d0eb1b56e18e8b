// The production build of the server: every server/**/*.ts transpiled by esbuild (the transform
// tsx runs in the dev loop, done once) into dist-server/, file for file. dist-server/ sits beside
// server/ at the same depth, so paths a module finds from its own URL (../../prisma/ for the
// migrations, ../ for the dashboard's files) hold in both.
//
// Plain JavaScript: `npm start` and the `baton` binary run it before anything is compiled.
// `node server/scripts/build-server.mjs` builds when stale; `--force` builds anyway.
//
// Stale: the build records a stamp of its sources (every path, size and mtime under server/, the
// Prisma clients in server/generated/ included) and of package-lock.json; any other stamp now
// means rebuild. Two processes building at once never see each other's half: each writes a
// temporary directory and renames it into place (a rename is atomic); the second rename finds
// the first one's build of the same sources and drops its own.
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const outDir = join(root, "dist-server");
const srcDir = join(root, "server");
const STAMP = ".stamp";

/** Every file of server/ (tests excluded), sorted. */
function sources(dir = srcDir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (!entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out.sort();
}

const RELATIVE_TS = /(\bfrom\s*|\bimport\s*\(\s*)(["'])(\.{1,2}\/[^"'\n]+?)\.ts\2/g;

function outputs(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** A digest of what the build is made from: paths, sizes and mtimes (a stat each, no reads). */
export function sourceStamp(files = sources()) {
  const hash = createHash("sha256");
  for (const f of [...files, join(root, "package-lock.json")]) {
    const s = statSync(f, { throwIfNoEntry: false });
    hash.update(`${relative(root, f)}\0${s?.size ?? -1}\0${s?.mtimeMs ?? -1}\n`);
  }
  return hash.digest("hex");
}

const builtStamp = (dir = outDir) => {
  try {
    return readFileSync(join(dir, STAMP), "utf8");
  } catch {
    return null;
  }
};

/** Whether dist-server/ was built from the sources as they are now. */
export function buildIsCurrent() {
  return builtStamp() === sourceStamp();
}

/** Builds dist-server/ from server/ now (into a temporary directory renamed into place). */
export async function buildServer() {
  const files = sources();
  const stamp = sourceStamp(files);
  const tmp = `${outDir}.tmp-${process.pid}-${Date.now().toString(36)}`;
  const { build } = await import("esbuild");
  try {
    await build({
      entryPoints: files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".d.mts")),
      outdir: tmp,
      outbase: srcDir,
      format: "esm",
      platform: "node",
      target: "node20",
      bundle: false,
      sourcemap: "linked",
      logLevel: "error",
    });
    // The generated Prisma clients import their siblings as `./x.ts`: point those at the output.
    for (const f of outputs(tmp))
      if (f.endsWith(".js")) {
        const text = readFileSync(f, "utf8");
        const fixed = text.replace(RELATIVE_TS, "$1$2$3.js$2");
        if (fixed !== text) writeFileSync(f, fixed);
      }
    for (const f of files.filter((f) => f.endsWith(".mjs"))) {
      const to = join(tmp, relative(srcDir, f));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(f, to);
    }
    // Last: a directory without its stamp is never taken for a build.
    writeFileSync(join(tmp, STAMP), stamp);
    install(tmp, stamp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return stamp;
}

/** Puts the finished build `tmp` at dist-server/, unless a build of the same sources is there. */
function install(tmp, stamp) {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (builtStamp() === stamp) return;
    if (existsSync(outDir)) {
      const old = `${outDir}.old-${process.pid}-${attempt}-${Date.now().toString(36)}`;
      try {
        renameSync(outDir, old);
      } catch (e) {
        if (e.code !== "ENOENT") throw e;
      }
      rmSync(old, { recursive: true, force: true });
    }
    try {
      renameSync(tmp, outDir);
      return;
    } catch (e) {
      // Another process put its build there between our two renames: look again.
      if (e.code !== "ENOTEMPTY" && e.code !== "EEXIST") throw e;
    }
  }
  throw new Error(`could not put the server build in place at ${outDir}`);
}

/** Builds when dist-server/ is missing or stale; whether it built. */
export async function ensureServerBuild(log = (m) => console.log(m)) {
  if (buildIsCurrent()) return false;
  const started = Date.now();
  log("building the server (dist-server/)…");
  await buildServer();
  log(`built the server in ${Date.now() - started} ms`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--force")) await buildServer();
  else await ensureServerBuild();
}
