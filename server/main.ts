// Start: parse env → open (and migrate) the database → seed a fresh one → build app → listen.
import { createApp } from "./app.js";
import { type Database, openDatabase } from "./db.js";
import { isLoopbackHost, parseEnv } from "./env.js";
import { createBatonPubSub } from "./graphql/pubsub.js";
import { createLogger } from "./logger.js";
import { seedDemo } from "./seed/demo.js";
import { seedDatabase } from "./seed/seed.js";
import { countActiveTokens } from "./security/tokens.js";
import { sql } from "./sql.js";

/** Whether the database holds any coordination pattern (else it is fresh: seeded). Raw SQL: no Prisma at start. */
async function hasPatterns(db: Database): Promise<boolean> {
  const rows = await db.sql.all<{ one: unknown }>(sql`SELECT 1 AS "one" FROM "CoordinationPattern" LIMIT 1`);
  return rows.length > 0;
}

export async function start(source?: Record<string, string | undefined>) {
  const env = parseEnv(source);
  const logger = createLogger(env.LOG_LEVEL);
  const db = await openDatabase(env.DATABASE_URL, {
    timeoutMs: env.BATON_READ_TIMEOUT_MS,
    concurrency: env.BATON_READ_CONCURRENCY,
  });
  // Beyond loopback every request needs a token: with none that works, nobody could use the server.
  if (env.authRequired && !isLoopbackHost(env.HOST) && (await countActiveTokens(db)) === 0) {
    await db.close();
    throw new Error(
      `refusing to listen on ${env.HOST} without an API token: anyone who reaches the port would be refused, ` +
        "and Baton runs programs, so it never listens beyond loopback without authentication. Create one first, " +
        "against the same DATABASE_URL: npm run baton -- tokens create --name admin --scope admin",
    );
  }
  // A fresh database is seeded; the demo re-seeds idempotently (an older database gains what is new).
  if (env.BATON_SEED === "demo" || (env.BATON_SEED === "auto" && !(await hasPatterns(db)))) {
    const r = await seedDatabase(db);
    logger.info(
      `seeded: ${r.patternsCreated} patterns, ${r.agentsCreated} agents, ${r.workflowsCreated} workflow templates`,
    );
    for (const skipped of r.workflowsSkipped) logger.warn(`seed template skipped: ${skipped}`);
  }
  if (env.BATON_SEED === "demo") {
    const { created } = await seedDemo(db, {}, env.BATON_JSON_LIMIT);
    if (created) logger.info(`demo data: ${created} executions over the last 60 days`);
  }
  const events = await createBatonPubSub(env.REDIS_URL, env.BATON_REDIS_PREFIX);
  const app = createApp({ env, source, db, pubsub: events.pubsub, logger });
  const url = await app.listen();
  logger.info(`Baton listening on ${url}  (dashboard ${url}/ui/, GraphQL ${url}/graphql, REST docs ${url}/docs)`);
  const stop = async () => {
    await app.close();
    await events.close();
    await db.close();
  };
  return { url, app, db, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { stop } = await start().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
}
