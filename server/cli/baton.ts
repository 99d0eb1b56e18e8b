// The `baton` command line (`npm run baton -- …`, `npx baton …`). Commands that manage the
// server's own data (tokens) work on its database directly, so they need no running server.
import { CliError, parseArgs, stdout } from "./args.js";
import { testCommand, testParallelCommand } from "./test.js";

const HELP = `Usage: baton <command> …

  tokens create --name <name> --scope <scope>[,…] [--expires-in 30d] [--json]
                               create an API token (its secret is printed once)
  tokens list [--all] [--json] list tokens (--all: revoked ones too)
  tokens revoke <id|prefix>    revoke a token
  test list|suite|merge …      list, run one test suite (JSON result with coverage), merge results
  test-parallel [suite…]       run the repository's suites at once and merge (docs/test-parallel.md)

The database is DATABASE_URL's (default file:./data/baton.db), as for the server.`;

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
  const args = parseArgs(argv);
  const [command, ...rest] = args.positional;
  if (!command || command === "help" || args.flag("help")) {
    stdout.line(HELP);
    return command || args.flag("help") ? 0 : 2;
  }
  if (command === "tokens") {
    // Loaded here: the database client takes seconds to load, and the test commands need none of it.
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
  if (command === "test") return testCommand({ ...args, positional: rest }, stdout);
  if (command === "test-parallel") return testParallelCommand({ ...args, positional: rest }, stdout);
  throw new CliError(`unknown command '${command}'\n\n${HELP}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
