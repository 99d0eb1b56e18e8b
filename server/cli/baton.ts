// The `baton` command line (`npm run baton -- …`, `npx baton …`). Commands that manage the
// server's own data (tokens) work on its database directly, so they need no running server.
import { openDatabase } from "../db.js";
import { parseEnv } from "../env.js";
import { CliError, parseArgs, stdout } from "./args.js";
import { tokensCommand } from "./tokens.js";

const HELP = `Usage: baton <command> …

  tokens create --name <name> --scope <scope>[,…] [--expires-in 30d] [--json]
                               create an API token (its secret is printed once)
  tokens list [--all] [--json] list tokens (--all: revoked ones too)
  tokens revoke <id|prefix>    revoke a token
  hook                         deliver one Claude Code hook event (payload on stdin) to Baton
  hooks install [dir] [--url <url>]
                               add Baton's Claude Code hook to <dir>/.claude/settings.json
  hooks uninstall [dir]        remove exactly what install added
  hooks flush [--json]         deliver the events spooled while Baton was unreachable

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
    const env = parseEnv();
    const db = await openDatabase(env.DATABASE_URL);
    try {
      await tokensCommand(db, { ...args, positional: rest }, stdout);
      return 0;
    } finally {
      await db.close();
    }
  }
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
