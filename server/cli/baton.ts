// The `baton` command line (`npm run baton -- …`, `npx baton …`). Commands that manage the
// server's own data (tokens) work on its database directly, so they need no running server.
import { openDatabase } from "../db.js";
import { parseEnv } from "../env.js";
import { CliError, parseArgs, stdout } from "./args.js";
import { docsSyncCommand } from "./docs-sync.js";
import { tokensCommand } from "./tokens.js";

const HELP = `Usage: baton <command> …

  tokens create --name <name> --scope <scope>[,…] [--expires-in 30d] [--json]
                               create an API token (its secret is printed once)
  tokens list [--all] [--json] list tokens (--all: revoked ones too)
  tokens revoke <id|prefix>    revoke a token
  docs-sync [--check] [--json] regenerate docs/API.md from the OpenAPI document (generate,
                               review against the route table, prettier, write); --check: exit 1
                               when it is out of date. Steps: docs-sync generate|review|format|write

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
  // Its own switches (--check): it parses the rest of its command line itself.
  if (argv[0] === "docs-sync") return docsSyncCommand(argv.slice(1), stdout);
  const args = parseArgs(argv);
  const [command, ...rest] = args.positional;
  if (!command || command === "help" || args.flag("help")) {
    stdout.line(HELP);
    return command || args.flag("help") ? 0 : 2;
  }
  if (command === "tokens") {
    const env = parseEnv();
    const db = await openDatabase(env.DATABASE_URL);
    try {
      await tokensCommand(db, { ...args, positional: rest }, stdout);
      return 0;
    } finally {
      await db.close();
    }
  }
  throw new CliError(`unknown command '${command}'\n\n${HELP}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
