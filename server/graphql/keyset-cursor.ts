// Keyset cursors for lists ordered by (start, id) descending — the timeline's trees and the trace
// list: `[start ISO, id]` as base64url, opaque to clients. An old page costs what the newest does.
import { ValidationError } from "../errors.js";

export interface KeysetPosition {
  start: Date;
  id: string;
}

export function encodeKeyset(p: { start: Date; id: string }): string {
  return Buffer.from(JSON.stringify([p.start.toISOString(), p.id])).toString("base64url");
}

/** The position a cursor holds; a cursor no list wrote is a ValidationError naming `field`. */
export function decodeKeyset(cursor: string, field: string, hint: string): KeysetPosition {
  const bad = () => ValidationError.field(field, `is not a cursor ${hint}`);
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "string" || typeof value[1] !== "string")
    throw bad();
  const start = new Date(value[0]);
  if (Number.isNaN(start.getTime()) || start.toISOString() !== value[0] || value[1] === "") throw bad();
  return { start, id: value[1] };
}
