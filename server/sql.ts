// Small helpers for the raw SQL that hot paths use on both providers.
import type { Provider } from "./db.js";
import { Prisma } from "./generated/sqlite/client.js";

/** Reads a DateTime column from a raw row (SQLite returns text, PostgreSQL a Date). */
export function readTime(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;
export const raw = Prisma.raw;
export type Sql = Prisma.Sql;

/** `WHERE a AND b` from optional fragments; empty when none. */
export function where(parts: (Sql | null | undefined | false)[]): Sql {
  const kept = parts.filter((p): p is Sql => Boolean(p));
  return kept.length ? sql`WHERE ${join(kept, " AND ")}` : empty;
}

/**
 * A DateTime parameter for a raw write or comparison: PostgreSQL is given text cast to the column's
 * type; SQLite takes the Date (the SQL port stores it in Prisma's form). Null or absent → NULL.
 */
export function timeParam(provider: Provider, d: Date | null | undefined): Sql {
  if (d === null || d === undefined) return sql`NULL`;
  return provider === "postgresql" ? sql`CAST(${d.toISOString()} AS timestamp(3))` : sql`${d}`;
}

/** A JSON column's parameter, serialised once (`undefined` → NULL; `null` is the JSON value null). */
export function jsonParam(provider: Provider, v: unknown): Sql {
  if (v === undefined) return sql`NULL`;
  return provider === "postgresql" ? sql`CAST(${JSON.stringify(v)} AS jsonb)` : sql`${JSON.stringify(v)}`;
}
