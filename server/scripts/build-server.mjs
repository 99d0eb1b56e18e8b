// The production build of the server: esbuild bundles the entry points (server/main.ts, the CLI,
// the dashboard build helper) with their npm dependencies into dist-server/ (shared code and
// lazily imported modules split into chunks), so `npm start` loads a handful of files instead of
// ~1,500 modules one by one (issue 15 §3: module loading was most of the start). Packages that
// cannot be bundled stay in node_modules and are loaded from there (EXTERNAL: the native
// better-sqlite3, esbuild/vite/vitest/tsx that run tools, prettier that runs in a worker).
//
// Paths a module finds from its own URL (../../prisma/ for the migrations, ../ for the dashboard's
// files) hold as before: each `import.meta.url` in server/ is replaced by the URL the module had
// in the file-for-file layout (dist-server/db/migrate.js for server/db/migrate.ts), resolved from
// the output file it lands in; dist-server/ sits beside server/ at the same depth.
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
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
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

/** What runs compiled: `npm start` (main, the dashboard build) and the `baton` binary (cli/baton). */
export const ENTRIES = ["main.ts", "cli/baton.ts", "scripts/client-build.ts"];
/** Loaded from node_modules at run time, never bundled. */
export const EXTERNAL = [
  "better-sqlite3", // native addon
  "esbuild",
  "vite",
  "vitest",
  "tsx",
  "prettier",
  "istanbul-lib-coverage",
  "pg-native", // pg's optional native binding, not installed
  "protobufjs/minimal", // @datadog/sketches-js' protobuf (de)serialisation, unused and not installed
];
const ROOT_MARK = "__BATON_BUILD_ROOT__";

/** `import.meta.url` in server/x/y.ts → the URL of dist-server/x/y.js, wherever its code lands. */
const moduleUrls = {
  name: "baton-module-urls",
  setup(b) {
    b.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
      if (!args.path.startsWith(srcDir + sep)) return undefined;
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const rel = relative(srcDir, args.path)
        .split(sep)
        .join("/")
        .replace(/\.(ts|mjs)$/, (_, ext) => (ext === "ts" ? ".js" : ".mjs"));
      return {
        contents: text.replaceAll("import.meta.url", `__batonUrl(${JSON.stringify(rel)})`),
        loader: args.path.endsWith(".ts") ? "ts" : "js",
      };
    });
  },
};

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
    const result = await build({
      entryPoints: ENTRIES.map((e) => join(srcDir, e)),
      outdir: tmp,
      outbase: srcDir,
      entryNames: "[dir]/[name]",
      chunkNames: "chunks/[name]-[hash]",
      format: "esm",
      platform: "node",
      target: "node20",
      bundle: true,
      splitting: true,
      external: EXTERNAL,
      // Bundled CommonJS packages call require(): give every output file one of its own.
      banner: {
        js: `import { createRequire as __batonCreateRequire } from "node:module"; const require = __batonCreateRequire(import.meta.url); const __batonUrl = (p) => new URL(p, new URL(${JSON.stringify(ROOT_MARK)}, import.meta.url)).href;`,
      },
      plugins: [moduleUrls],
      sourcemap: "linked",
      metafile: true,
      logLevel: "error",
    });
    // Each output file learns where the build's root is from it (its depth under dist-server/).
    for (const out of Object.keys(result.metafile.outputs)) {
      if (!out.endsWith(".js")) continue;
      const f = resolve(out);
      const up = relative(dirname(f), tmp).split(sep).join("/");
      const text = readFileSync(f, "utf8");
      writeFileSync(f, text.replace(JSON.stringify(ROOT_MARK), JSON.stringify(up ? `${up}/` : "./")));
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
