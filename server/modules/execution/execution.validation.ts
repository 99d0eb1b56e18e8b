// Rules for recorded executions: shapes, time consistency, JSON size, status transitions.
import { z } from "zod";
import { ValidationError } from "../../errors.js";
import { parseOrThrow } from "../../validation.js";

export const EXECUTION_STATUSES = ["pending", "in_progress", "success", "failure", "cancelled"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export const FINISHED: ReadonlySet<ExecutionStatus> = new Set(["success", "failure", "cancelled"]);
export const MAX_BATCH = 5000;

/** Allowed next statuses; a finished execution never changes status again. */
export const TRANSITIONS: Record<ExecutionStatus, readonly ExecutionStatus[]> = {
  pending: ["pending", "in_progress", "success", "failure", "cancelled"],
  in_progress: ["in_progress", "success", "failure", "cancelled"],
  success: [],
  failure: [],
  cancelled: [],
};

const id = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "may use only letters, digits, '_' and '-'");
const date = z.coerce.date({ errorMap: () => ({ message: "must be an ISO-8601 timestamp" }) });

export const recordSchema = z.object({
  id: id.optional(),
  agentName: z.string().trim().min(1, "must not be empty").max(128, "must be at most 128 characters"),
  status: z.enum(EXECUTION_STATUSES),
  timestamp: date.optional(),
  endedAt: date.optional(),
  durationMs: z.number().int().min(0, "must be ≥ 0").optional(),
  inputs: z.unknown().optional(),
  outputs: z.unknown().optional(),
  error: z.string().max(20_000, "must be at most 20000 characters").optional(),
  parentExecutionId: id.optional(),
  workflowId: id.optional(),
  workflowRunId: id.optional(),
  workflowStepId: z.string().min(1).max(128).optional(),
  attempt: z.number().int().min(1, "must be ≥ 1").max(1000).optional(),
});
export type RecordInput = z.input<typeof recordSchema>;

export const updateSchema = z.object({
  status: z.enum(EXECUTION_STATUSES).optional(),
  endedAt: date.optional(),
  durationMs: z.number().int().min(0, "must be ≥ 0").optional(),
  outputs: z.unknown().optional(),
  error: z.string().max(20_000, "must be at most 20000 characters").optional(),
});
export type UpdateInput = z.input<typeof updateSchema>;

export function jsonSize(field: string, value: unknown, limit: number) {
  if (value === undefined || value === null) return;
  const size = Buffer.byteLength(JSON.stringify(value));
  if (size > limit) throw ValidationError.field(field, `is ${size} bytes; the limit is ${limit} bytes`);
}

function dropNulls<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export interface NormalisedRecord {
  id?: string;
  agentName: string;
  status: ExecutionStatus;
  timestamp: Date;
  endedAt: Date | null;
  durationMs: number | null;
  inputs: unknown;
  outputs: unknown;
  error: string | null;
  parentExecutionId: string | null;
  workflowId: string | null;
  workflowRunId: string | null;
  workflowStepId: string | null;
  attempt: number;
}

/** Parses one record; `at` prefixes field paths (`executions[3].`). End time and duration agree. */
export function normaliseRecord(raw: RecordInput, at: string, jsonLimit: number, now: Date): NormalisedRecord {
  const r = parseOrThrow(recordSchema, dropNulls(raw as object), at.replace(/\.$/, ""));
  jsonSize(`${at}inputs`, r.inputs, jsonLimit);
  jsonSize(`${at}outputs`, r.outputs, jsonLimit);
  const timestamp = r.timestamp ?? now;
  let endedAt = r.endedAt ?? null;
  let durationMs = r.durationMs ?? null;
  if (!FINISHED.has(r.status) && (endedAt || durationMs !== null))
    throw ValidationError.field(
      `${at}${endedAt ? "endedAt" : "durationMs"}`,
      `must be empty while status is ${r.status}`,
    );
  if (endedAt && endedAt < timestamp) throw ValidationError.field(`${at}endedAt`, "must not be before timestamp");
  if (endedAt && durationMs === null) durationMs = endedAt.getTime() - timestamp.getTime();
  if (!endedAt && durationMs !== null) endedAt = new Date(timestamp.getTime() + durationMs);
  if (r.parentExecutionId && r.parentExecutionId === r.id)
    throw ValidationError.field(`${at}parentExecutionId`, "an execution cannot hand off to itself");
  return {
    ...(r.id ? { id: r.id } : {}),
    agentName: r.agentName,
    status: r.status,
    timestamp,
    endedAt,
    durationMs,
    inputs: r.inputs ?? null,
    outputs: r.outputs ?? null,
    error: r.error ?? null,
    parentExecutionId: r.parentExecutionId ?? null,
    workflowId: r.workflowId ?? null,
    workflowRunId: r.workflowRunId ?? null,
    workflowStepId: r.workflowStepId ?? null,
    attempt: r.attempt ?? 1,
  };
}

export function parseUpdate(raw: UpdateInput, jsonLimit: number) {
  const u = parseOrThrow(updateSchema, dropNulls(raw as object));
  jsonSize("outputs", u.outputs, jsonLimit);
  return u;
}

/** Rejects dates `new Date` would roll over (2026-02-30 → March 2) and out-of-range times. */
function calendarValid(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth) return false;
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  return !time || (Number(time[1]) <= 23 && Number(time[2]) <= 59 && Number(time[3] ?? 0) <= 59);
}

/**
 * `2026-11-01` or an ISO timestamp. Both bounds are inclusive; a date-only end covers that whole
 * day. Dates and zone-less timestamps are read in `tz` when given (see metrics), else in UTC.
 */
export function parseDateParam(
  value: string | null | undefined,
  field: string,
  end = false,
  tz?: (y: number, m: number, d: number, h: number, min: number, s: number, ms: number) => number,
): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const isoLike = dateOnly || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const d = new Date(dateOnly ? `${value}T00:00:00.000Z` : zoned ? value : `${value}Z`);
  if (!isoLike || Number.isNaN(d.getTime()) || !calendarValid(value))
    throw ValidationError.field(field, `'${value}' is not an ISO-8601 date (2026-11-01) or timestamp`);
  const year = Number(value.slice(0, 4));
  if (year < 1970 || year > 9998) throw ValidationError.field(field, `'${value}' must lie in the years 1970–9998`);
  if (tz && !zoned) {
    // The parsed UTC fields are the wall-clock fields to place in the zone.
    const local = tz(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate() + (dateOnly && end ? 1 : 0),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    );
    return new Date(end && !dateOnly ? local + 1 : local);
  }
  // Ends are exclusive bounds: the day after a date-only end, 1 ms after a timestamp end.
  return end ? new Date(d.getTime() + (dateOnly ? 86_400_000 : 1)) : d;
}
