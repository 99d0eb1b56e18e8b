// Claude Code sessions as handoff trees: each hook event is stored once (by its idempotency key),
// the session's tree is derived again from all its events, and the executions are brought in line
// through the execution service (so subscriptions, the timeline, graph, metrics and circuit
// breakers see them). Deriving from every event makes the tree independent of arrival order.
import { readFile, realpath } from "node:fs/promises";
import { isAbsolute, join, sep } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Database } from "../../db.js";
import { ConflictError, ValidationError } from "../../errors.js";
import type { BatonPubSub } from "../../graphql/pubsub.js";
import type { Logger } from "../../logger.js";
import { createAgent } from "../agent/agent.service.js";
import { publishCircuit, reportRecorded } from "../agent/circuit.store.js";
import { publishExecutions, publishWritten } from "../execution/execution.events.js";
import { type ExecutionLimits, recordExecutions } from "../execution/execution.service.js";
import { FINISHED, type ExecutionStatus } from "../execution/execution.validation.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import {
  type DerivedNode,
  deriveTree,
  eventKind,
  idempotencyKey,
  keptFields,
  parsePayload,
  rootExecutionId,
  type StoredEvent,
} from "./claude-code.payload.js";
import { withNotionOutbox } from "../../integrations/notion/outbox.js";

export interface HookResult {
  sessionId: string;
  event: string;
  /** tree: stored and applied; liveness: the session is alive, nothing else; unknown: ignored. */
  kind: "tree" | "liveness" | "unknown";
  /** The same event was delivered before: nothing changed. */
  duplicate: boolean;
  rootExecutionId: string;
  /** Executions recorded or changed by this event. */
  changed: string[];
}

export interface HookDeps {
  db: Database;
  pubsub: BatonPubSub;
  limits: ExecutionLimits;
}

/** Events of one session are applied one at a time on this instance (parallel sub-agents' hooks race). */
const queues = new Map<string, Promise<unknown>>();
function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/** Most seconds a hook's capture time may lie ahead of the server's clock. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function ingestHook(deps: HookDeps, raw: unknown): Promise<HookResult> {
  const p = parsePayload(raw);
  const now = new Date();
  const captured = p.baton_captured_at ? new Date(p.baton_captured_at) : now;
  if (captured.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw ValidationError.field("baton_captured_at", "must not be in the future");
  const kind = eventKind(p);
  const base = {
    sessionId: p.session_id,
    event: p.hook_event_name,
    kind,
    rootExecutionId: rootExecutionId(p.session_id),
  };
  if (kind === "unknown") return { ...base, duplicate: false, changed: [] };
  return serialised(p.session_id, async () => {
    const { db } = deps;
    if (kind === "liveness") {
      await touchSession(db, p.session_id, now, p.cwd);
      return { ...base, duplicate: false, changed: [] };
    }
    const key = idempotencyKey(raw as Record<string, unknown>);
    try {
      await db.prisma.claudeCodeHookEvent.create({
        data: {
          key,
          sessionId: p.session_id,
          event: p.hook_event_name,
          capturedAt: captured,
          payload: keptFields(p) as Prisma.InputJsonValue,
        },
      });
    } catch (e) {
      if ((e as { code?: string }).code !== "P2002") throw e;
      // Seen before: nothing new to store. The tree is still brought in line, so a delivery whose
      // first attempt stored the event but failed before applying it heals on the retry.
      return { ...base, duplicate: true, changed: await reconcileSession(deps, p.session_id) };
    }
    await touchSession(db, p.session_id, now, p.cwd);
    const changed = await reconcileSession(deps, p.session_id);
    return { ...base, duplicate: false, changed };
  });
}

/** The session was heard from `at` (arrival time: a replayed spool is news, whenever its events ran). */
async function touchSession(db: Database, sessionId: string, at: Date, cwd: string | undefined) {
  const current = await db.prisma.claudeCodeSession.findUnique({ where: { sessionId } });
  if (!current) {
    try {
      await db.prisma.claudeCodeSession.create({
        data: { sessionId, rootExecutionId: rootExecutionId(sessionId), cwd: cwd ?? "", lastEventAt: at },
      });
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== "P2002") throw e;
    }
  }
  await db.prisma.claudeCodeSession.updateMany({
    where: { sessionId, lastEventAt: { lt: at } },
    data: { lastEventAt: at },
  });
}

/** Brings the session's executions in line with its events; the ids recorded or changed. */
export async function reconcileSession(deps: HookDeps, sessionId: string): Promise<string[]> {
  const { db, pubsub, limits } = deps;
  const [rows, session] = await Promise.all([
    db.prisma.claudeCodeHookEvent.findMany({
      where: { sessionId },
      orderBy: [{ capturedAt: "asc" }, { createdAt: "asc" }, { key: "asc" }],
    }),
    db.prisma.claudeCodeSession.findUnique({ where: { sessionId } }),
  ]);
  const events: StoredEvent[] = rows.map((r) => ({
    event: r.event,
    capturedAt: r.capturedAt,
    payload: r.payload as Record<string, unknown>,
  }));
  const nodes = deriveTree(sessionId, events, session?.closedAt ?? null);
  if (nodes.length === 0) return [];
  if (nodes[0]?.status && FINISHED.has(nodes[0].status) && session && !session.closedAt)
    await db.prisma.claudeCodeSession.update({ where: { sessionId }, data: { closedAt: nodes[0].endedAt } });

  const existing = new Map(
    (await db.prisma.execution.findMany({ where: { id: { in: nodes.map((n) => n.id) } } })).map((e) => [e.id, e]),
  );
  const fresh = nodes.filter((n) => !existing.has(n.id));
  const cwd = (nodes[0]?.inputs.cwd as string | undefined) ?? session?.cwd;
  await registerDiscovered(db, fresh, cwd);
  const changed: string[] = [];
  if (fresh.length > 0) {
    const recorded = await recordExecutions(
      db,
      fresh.map((n) => ({
        id: n.id,
        agentName: n.agentName,
        status: n.status,
        timestamp: n.timestamp,
        ...(n.endedAt ? { endedAt: n.endedAt, durationMs: n.durationMs ?? undefined } : {}),
        inputs: n.inputs,
        ...(n.outputs ? { outputs: n.outputs } : {}),
        ...(n.error ? { error: n.error } : {}),
        ...(n.parentId ? { parentExecutionId: n.parentId } : {}),
        model: n.model ?? undefined,
        inputTokens: n.inputTokens ?? undefined,
        outputTokens: n.outputTokens ?? undefined,
      })),
      limits,
      { batch: true },
    );
    publishWritten(pubsub, "recorded", recorded);
    await reportRecorded(db, recorded, publishCircuit(pubsub, db));
    changed.push(...recorded.map((r) => r.id));
  }
  const updated = [];
  const finishedNow = [];
  for (const n of nodes) {
    const e = existing.get(n.id);
    if (!e || sameState(e, n)) continue;
    const from = e.status as ExecutionStatus;
    // A finished execution keeps its status (circuits counted it); a late event may still fill in
    // its duration and outputs when it agrees on the status.
    if (FINISHED.has(from) && from !== n.status) continue;
    const agentChanged = e.agentName !== n.agentName;
    const agent = agentChanged
      ? await db.prisma.agent.findUnique({ where: { name: n.agentName }, select: { id: true } })
      : null;
    const row = await withNotionOutbox(
      db,
      [n.id],
      db.prisma.execution.update({
        where: { id: n.id },
        data: {
          status: n.status,
          endedAt: n.endedAt,
          durationMs: n.durationMs,
          inputs: n.inputs as Prisma.InputJsonValue,
          outputs: (n.outputs ?? undefined) as Prisma.InputJsonValue | undefined,
          error: n.error,
          model: n.model,
          inputTokens: n.inputTokens,
          outputTokens: n.outputTokens,
          ...(agentChanged ? { agentName: n.agentName, agentId: agent?.id ?? null } : {}),
        },
      }),
    );
    updated.push(row);
    if (!FINISHED.has(from) && FINISHED.has(n.status)) finishedNow.push(row);
    changed.push(n.id);
  }
  if (updated.length > 0) publishExecutions(pubsub, "updated", updated);
  if (finishedNow.length > 0) await reportRecorded(db, finishedNow, publishCircuit(pubsub, db));
  return changed;
}

function sameState(
  e: {
    agentName: string;
    status: string;
    durationMs: number | null;
    endedAt: Date | null;
    inputs: unknown;
    outputs: unknown;
    error: string | null;
    model: string | null;
    inputTokens: number | null;
    outputTokens: number | null;
  },
  n: DerivedNode,
): boolean {
  return (
    e.agentName === n.agentName &&
    e.model === n.model &&
    e.inputTokens === n.inputTokens &&
    e.outputTokens === n.outputTokens &&
    e.status === n.status &&
    e.durationMs === n.durationMs &&
    (e.endedAt?.getTime() ?? null) === (n.endedAt?.getTime() ?? null) &&
    (e.error ?? null) === n.error &&
    sameJson(e.inputs, n.inputs) &&
    sameJson(e.outputs ?? null, n.outputs ?? null)
  );
}

/** Equal as stored JSON: key order does not count (PostgreSQL's jsonb reorders keys). */
function sameJson(stored: unknown, derived: unknown): boolean {
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(derived ?? null)));
}

/** Sub-agent type names the registry accepts (plugin types such as `a:b` are recorded, not registered). */
const REGISTRABLE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Registers sub-agent types seen for the first time, marked as discovered. */
async function registerDiscovered(db: Database, nodes: DerivedNode[], cwd: string | undefined) {
  const types = [...new Set(nodes.flatMap((n) => (n.subagentType ? [n.subagentType] : [])))].filter((t) =>
    REGISTRABLE.test(t),
  );
  if (types.length === 0) return;
  const known = new Set(
    (await db.prisma.agent.findMany({ where: { name: { in: types } }, select: { name: true } })).map((a) => a.name),
  );
  for (const type of types.filter((t) => !known.has(t))) {
    const file = cwd ? await readAgentFile(cwd, type) : null;
    try {
      await createAgent(db, {
        name: type,
        description: file?.description ?? `Claude Code sub-agent '${type}', discovered from its hooks.`,
        capabilities: ["claude-code", "discovered"],
        tools: file?.tools ?? [],
        // The Claude runner that would run it: the agent file when there is one (as the seeded agents).
        runner: { kind: "claude", settings: file ? { agent_file: `.claude/agents/${type}.md` } : {} },
      });
    } catch (e) {
      // Registered meanwhile (another event, another instance), or a name or file the registry
      // refuses: the executions are recorded all the same, under the type's name.
      if (!(e instanceof ConflictError) && !(e instanceof ValidationError)) throw e;
    }
  }
}

/**
 * `description` and `tools` from `<cwd>/.claude/agents/<type>.md`, when that file is readable and
 * really lies in that folder (a symlink pointing elsewhere is not followed out of it).
 */
export async function readAgentFile(
  cwd: string,
  type: string,
): Promise<{ description: string; tools: string[] } | null> {
  if (!isAbsolute(cwd) || !REGISTRABLE.test(type)) return null;
  try {
    const folder = await realpath(join(cwd, ".claude", "agents"));
    const file = await realpath(join(folder, `${type}.md`));
    if (!file.startsWith(folder + sep)) return null;
    const text = (await readFile(file, "utf8")).slice(0, 65_536);
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
    if (!front) return null;
    const value = (key: string) => new RegExp(`^${key}:[ \\t]*(.*)$`, "m").exec(front)?.[1]?.trim();
    const description = value("description")?.replace(/^["']|["']$/g, "");
    if (!description) return null;
    const tools = (value("tools") ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter((t) => /^[A-Za-z][A-Za-z0-9_*().:-]{0,127}$/.test(t));
    return { description: description.slice(0, 2000), tools: [...new Set(tools)].slice(0, 100) };
  } catch {
    return null;
  }
}

/**
 * Closes sessions silent for longer than `idleMs` as cancelled (their open sub-agents too).
 * Runs every `idleMs / 4` (at most a minute); the number closed.
 */
export async function closeIdleSessions(deps: HookDeps, idleMs: number, now = new Date()): Promise<number> {
  const idle = await deps.db.prisma.claudeCodeSession.findMany({
    where: { closedAt: null, lastEventAt: { lt: new Date(now.getTime() - idleMs) } },
    select: { sessionId: true },
    take: 200,
  });
  for (const { sessionId } of idle)
    await serialised(sessionId, async () => {
      const closed = await deps.db.prisma.claudeCodeSession.updateMany({
        where: { sessionId, closedAt: null },
        data: { closedAt: now },
      });
      if (closed.count > 0) await reconcileSession(deps, sessionId);
    });
  return idle.length;
}

export function createIdleSweeper(deps: HookDeps & { logger: Logger; idleMs: number }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const every = Math.min(60_000, Math.max(250, Math.floor(deps.idleMs / 4)));
  return {
    start() {
      timer = setInterval(() => {
        running = closeIdleSessions(deps, deps.idleMs).catch((e: unknown) =>
          deps.logger.error("closing idle Claude Code sessions failed", e),
        );
      }, every);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
