// Queuing executions for Notion: statements the execution writers add to their own transaction,
// so a change and its outbox row commit together (or neither does). Set-based: a batch of any size
// is one INSERT … SELECT per 5,000 ids, and the sync level is a condition in it.
import type { Database } from "../../db.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { join, raw, type Sql, sql } from "../../sql.js";

export type NotionSyncLevel = "runs" | "trees" | "executions";

export interface NotionOutboxSettings {
  level: NotionSyncLevel;
  /** Called after outbox rows were committed (wakes the sync worker). */
  queued(): void;
}

const settingsOf = new WeakMap<Database, NotionOutboxSettings>();

/** The app's Notion settings for this database (createApp); none: Notion is off, nothing is queued. */
export function configureNotionOutbox(db: Database, settings: NotionOutboxSettings | undefined): void {
  if (settings) settingsOf.set(db, settings);
  else settingsOf.delete(db);
}

/** Which executions a level writes, as a condition over the alias `e`. */
export function levelCondition(level: NotionSyncLevel, alias = "e"): Sql {
  if (level === "runs") return raw(`"${alias}"."depth" = 0 AND "${alias}"."workflowRunId" IS NOT NULL`);
  if (level === "trees") return raw(`"${alias}"."depth" = 0`);
  return raw("1 = 1");
}

/**
 * The statements that queue these executions (those the level writes), to run in the same
 * transaction as their change, after it. Parents are queued before their children.
 */
export function notionOutboxStatements(db: Database, ids: readonly string[]): Sql[] {
  const settings = settingsOf.get(db);
  if (!settings || ids.length === 0) return [];
  const out: Sql[] = [];
  for (let i = 0; i < ids.length; i += 5000)
    out.push(sql`INSERT INTO "NotionOutbox" ("executionId")
      SELECT e."id" FROM "Execution" e WHERE e."id" IN (${join(ids.slice(i, i + 5000))}) AND ${levelCondition(settings.level)}
      ORDER BY e."depth", e."timestamp"`);
  return out;
}

/** Wakes the worker after a transaction that queued rows committed. */
export function notionQueued(db: Database): void {
  settingsOf.get(db)?.queued();
}

/**
 * Runs one Prisma write of executions (create or update) and their outbox rows in one transaction
 * (just the write when Notion is off or the level writes none of them), then wakes the worker.
 * For the paths that change executions outside the recorders: retries, rollback compensations,
 * Claude Code hooks.
 */
export async function withNotionOutbox<T>(
  db: Database,
  ids: readonly string[],
  write: Prisma.PrismaPromise<T>,
): Promise<T> {
  const outbox = notionOutboxStatements(db, ids);
  if (outbox.length === 0) return write;
  const [result] = await db.prisma.$transaction([write, ...outbox.map((s) => db.prisma.$executeRaw(s))]);
  notionQueued(db);
  return result as T;
}
