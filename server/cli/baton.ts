// The `baton` command line (`npm run baton -- …`, `npx baton …`). Commands that manage the
// server's own data (tokens) work on its database directly, so they need no running server; the
// API commands (run, runs, agents, executions) talk to a running one through client.ts; the test
// commands run vitest locally.
import { agentsCommand } from "./agents.js";
import { CliError, parseArgs, stdout } from "./args.js";
import { docsSyncCommand } from "./docs-sync.js";
import { batonClient, connectionFrom, withClientErrors } from "./client.js";
import { executionsCommand } from "./executions.js";
import { runCommand, runsCommand } from "./runs.js";
import { testCommand, testParallelCommand } from "./test.js";

const HELP = `Usage: baton <command> …

  tokens create --name <name> --scope <scope>[,…] [--expires-in 30d] [--json]
                               create an API token (its secret is printed once)
  tokens list [--all] [--json] list tokens (--all: revoked ones too)
  tokens revoke <id|prefix>    revoke a token
  test list|suite|merge …      list, run one test suite (JSON result with coverage), merge results
  test-parallel [suite…]       run the repository's suites at once and merge (docs/test-parallel.md)
  docs-sync [--check] [--json] regenerate docs/API.md from the OpenAPI document (generate,
                               review against the route table, prettier, write); --check: exit 1
                               when it is out of date. Steps: docs-sync generate|review|format|write
  metrics rebuild [--json]     recompute the metrics rollups (ExecutionRollup) from the executions
  search rebuild [--json]      rebuild the full-text index of executions (after a restored SQLite dump)
  hook                         deliver one Claude Code hook event (payload on stdin) to Baton
  hooks install [dir] [--url <url>]
                               add Baton's Claude Code hook to <dir>/.claude/settings.json
  hooks uninstall [dir]        remove exactly what install added
  hooks flush [--json]         deliver the events spooled while Baton was unreachable

The database is DATABASE_URL's (default file:./data/baton.db), as for the server.

Commands that talk to a running Baton (--url or BATON_URL, default http://127.0.0.1:4000;
--token or BATON_TOKEN when it asks for one):
  run <template> [--param name=value …] [--params-json '{…}'] [--follow] [--json]
                               start a workflow run; --follow shows its steps live until it ends
  runs show <id> [--json]      a run with its steps          runs cancel <id>  stop a run
  agents [--json]              the agents: runner, circuit, success rate over 30 days
  agents show <name> [--json]  one agent with its health
  executions record --agent <name> [--status …] [--input-json …] [--output-json …] [--parent <id>]
                    [--duration-ms <ms>] [--error <text>] [--json]     record an execution
  executions list [--agent <name>] [--status <s>] [--limit <n>] [--json]

Exit codes: 0 done, 1 failed (a run that did not succeed, a server error), 2 wrong command line
(also when the server refuses an argument), 3 Baton not reachable, 4 token missing or refused.
docs/cli.md has every command.`;

/** The commands that talk to a running Baton over its API. */
const API_COMMANDS = { run: runCommand, runs: runsCommand, agents: agentsCommand, executions: executionsCommand };

/** Runs a command line; the exit code: 0 done, 1 failed, 2 the command line was wrong. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    process.stderr.write(`baton: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof CliError ? 2 : 1;
  }
}

async function run(argv: readonly string[]): Promise<number> {
  // Its own switches (--check): it parses the rest of its command line itself.
  if (argv[0] === "docs-sync") return docsSyncCommand(argv.slice(1), stdout);
  const args = parseArgs(argv);
  const [command, ...rest] = args.positional;
  if (!command || command === "help" || args.flag("help")) {
    stdout.line(HELP);
    return command || args.flag("help") ? 0 : 2;
  }
  if (command === "tokens") {
    // Loaded here: the database layer (Prisma) takes seconds to load and only these commands open it.
    const [{ openDatabase }, { parseEnv }, { tokensCommand }] = await Promise.all([
      import("../db.js"),
      import("../env.js"),
      import("./tokens.js"),
    ]);
    const env = parseEnv();
    const db = await openDatabase(env.DATABASE_URL);
    try {
      await tokensCommand(db, { ...args, positional: rest }, stdout);
      return 0;
    } finally {
      await db.close();
    }
  }
  if (command === "metrics") {
    if (rest[0] !== "rebuild" || rest.length > 1) throw new CliError(`usage: baton metrics rebuild [--json]`);
    const { rebuildRollups } = await import("../modules/metrics/metrics.rollups.js");
    return rebuild(
      args.flag("json"),
      rebuildRollups,
      (r, ms) =>
        `rebuilt ${r.rows} hourly and ${r.quarterRows} quarter-hour rollup rows from ${r.executions} executions in ${ms} ms`,
    );
  }
  if (command === "search") {
    if (rest[0] !== "rebuild" || rest.length > 1) throw new CliError(`usage: baton search rebuild [--json]`);
    const { rebuildSearchIndex } = await import("../modules/trace/trace.service.js");
    return rebuild(
      args.flag("json"),
      rebuildSearchIndex,
      (r, ms) => `rebuilt the full-text index of ${r.executions} executions in ${ms} ms`,
    );
  }
  if (Object.hasOwn(API_COMMANDS, command)) {
    const client = batonClient(connectionFrom(args));
    const handler = API_COMMANDS[command as keyof typeof API_COMMANDS];
    return withClientErrors(() => handler(client, { ...args, positional: rest }, stdout));
  }
  if (command === "test") return testCommand({ ...args, positional: rest }, stdout);
  if (command === "test-parallel") return testParallelCommand({ ...args, positional: rest }, stdout);
  if (command === "hook") {
    const { hookMain } = await import("./hook-client.mjs");
    return hookMain();
  }
  if (command === "hooks") {
    const { hooksCommand, FlushIncomplete } = await import("./hooks-install.js");
    try {
      await hooksCommand({ ...args, positional: rest }, stdout);
    } catch (e) {
      if (e instanceof FlushIncomplete) return 1;
      throw e;
    }
    return 0;
  }
  throw new CliError(`unknown command '${command}'\n\n${HELP}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * A rebuild on the server's database (no server needed): runs `work`, prints its result and how
 * long it took (`--json`: the result with `ms`), and closes the database.
 */
async function rebuild<R extends object>(
  json: boolean,
  work: (db: import("../db.js").Database) => Promise<R>,
  summary: (r: R, ms: number) => string,
): Promise<number> {
  const [{ openDatabase }, { parseEnv }] = await Promise.all([import("../db.js"), import("../env.js")]);
  const db = await openDatabase(parseEnv().DATABASE_URL);
  try {
    const started = performance.now();
    const r = await work(db);
    const ms = Math.round(performance.now() - started);
    stdout.line(json ? JSON.stringify({ ...r, ms }) : summary(r, ms));
    return 0;
  } finally {
    await db.close();
  }
}
