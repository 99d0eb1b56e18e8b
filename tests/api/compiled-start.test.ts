// Issue 15 §3: `npm start` runs the server compiled to JavaScript (dist-server/), built when it is
// missing or older than its sources, in the one process that then serves; two builds at once
// leave one whole build.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "vitest";
import { describe, expect } from "../testkit/fixtures.js";
import { createTestDatabase, testDbKind } from "../testkit/server.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const builder = join(root, "server/scripts/build-server.mjs");
const { buildIsCurrent, outDir } = (await import(builder)) as { buildIsCurrent(): boolean; outDir: string };

/** The seed's coordination patterns, written out. */
const seededPatterns = ["Hierarchical", "Parallel", "Sequential"];

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: "pipe" });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function stop(child: ChildProcess, exited: Promise<unknown>) {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await exited;
}

// The build does not depend on the database: once (the SQLite project), not twice at the same time.
describe.skipIf(testDbKind !== "sqlite")("the compiled start", () => {
  test("a changed source is rebuilt before start, and the compiled server serves", { timeout: 240_000 }, async () => {
    // Current first, then one source newer than the build.
    expect(await run([builder]).exited).toBe(0);
    expect(buildIsCurrent()).toBe(true);
    const source = join(root, "server/ids.ts");
    const later = new Date(statSync(join(outDir, ".stamp")).mtimeMs + 5_000);
    utimesSync(source, later, later);
    expect(buildIsCurrent()).toBe(false);

    const database = await createTestDatabase();
    // As `npm start` runs it; the dashboard is left to the browser tests (two vite builds of
    // client/dist at once would collide).
    const server = run(["server/scripts/start.mjs", "--no-client-build"], {
      DATABASE_URL: database.url,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "test",
      LOG_LEVEL: "info",
    });
    try {
      let url: string | undefined;
      for (let i = 0; i < 900 && !url; i++) {
        url = /Baton listening on (http:\/\/\S+)/.exec(server.output())?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 200));
        if (server.child.exitCode !== null) break;
      }
      expect(url, server.output()).toBeDefined();
      expect(server.output()).toContain("building the server (dist-server/)");
      expect(buildIsCurrent()).toBe(true);
      const res = await fetch(`${url}/agents?limit=200`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { total: number; agents: { name: string }[] };
      // A fresh database is seeded with the library's eight agents.
      expect(body.total).toBe(8);
      // The server runs the compiled modules: the source tree holds no .js of its own.
      expect(statSync(join(outDir, "main.js")).isFile()).toBe(true);
      // A Prisma-backed read (GraphQL's pattern list) works too: Prisma connects on first use.
      const gql = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ patterns { name } }" }),
      });
      const patterns = (await gql.json()) as { data?: { patterns: { name: string }[] }; errors?: unknown };
      expect(patterns.errors).toBeUndefined();
      expect(patterns.data?.patterns.map((p) => p.name).sort()).toEqual(seededPatterns);
      // Paths found from a module's own URL still point into the repository: the REST docs page
      // serves swagger-ui's files, resolved from node_modules.
      const css = await fetch(`${url}/docs/assets/swagger-ui.css`);
      expect(css.status).toBe(200);
      expect(await css.text()).toContain(".swagger-ui");
    } finally {
      await stop(server.child, server.exited);
      await database.drop();
    }
  });

  test("the build bundles the npm dependencies: its files import only Node's builtins, each other and the externals", {
    timeout: 120_000,
  }, async () => {
    expect(await run([builder]).exited).toBe(0);
    const { EXTERNAL } = (await import(builder)) as { EXTERNAL: string[] };
    const files = readdirSync(outDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    const bare = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(outDir, f), "utf8");
      for (const m of text.matchAll(/(?:^|[;\s])(?:import|export)\s[^"';]*?from\s*"([^"]+)"|import\("([^"]+)"\)/gm)) {
        const spec = (m[1] ?? m[2]) as string;
        if (!spec.startsWith(".") && !isBuiltin(spec)) bare.add(spec);
      }
    }
    // Everything else (graphql, Pothos, Prisma's runtime, yoga, zod…) is inside the build.
    expect([...bare].filter((s) => !EXTERNAL.includes(s))).toEqual([]);
    expect(bare.has("graphql")).toBe(false);
    // The three entry points are where start.mjs and the `baton` binary look for them.
    for (const entry of ["main.js", "cli/baton.js", "scripts/client-build.js"])
      expect(statSync(join(outDir, entry)).isFile()).toBe(true);
  });

  test("two builds at once leave one whole, current build and no temporary directory", {
    timeout: 120_000,
  }, async () => {
    const [a, b] = [run([builder, "--force"]), run([builder, "--force"])];
    expect([await a.exited, await b.exited], a.output() + b.output()).toEqual([0, 0]);
    expect(buildIsCurrent()).toBe(true);
    expect(readdirSync(root).filter((f) => /^dist-server\.(tmp|old)-/.test(f))).toEqual([]);
    // The whole build: the entry point and the CLI load.
    const cli = run(["server/cli/bin.mjs", "--help"]);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain("Usage: baton");
  });
});
