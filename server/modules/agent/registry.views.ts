// The REST registry reads written from the read model (registry.read.ts) as JSON text: the same
// bodies, errors and paging as executing the `agents`, `agent` and `patterns` fields (the REST
// and GraphQL registry tests are the contract; tests/rest/registry-read-model.rest.test.ts compares
// the two paths byte for byte).
import { ForbiddenError, NotFoundError } from "../../errors.js";
import type { Context } from "../../graphql/context.js";
import { paging } from "../../graphql/connection.js";
import { actorOf, can, SCOPES } from "../../security/scopes.js";
import { type AgentFilter, agentWhere, MAX_PAGE } from "./agent.service.js";
import {
  type AgentRecord,
  agentJson,
  filterAgents,
  findAgent,
  modelMatchesQuery,
  patternJson,
  registryOf,
} from "./registry.read.js";

const agentPaging = paging(MAX_PAGE, 50);

/** The Query type's `read` scope, as the schema's scope check words its refusal. */
export function requireRead(ctx: Context, field: string) {
  if (can(ctx.auth, "read")) return;
  const has =
    ctx.auth.kind === "token" ? SCOPES.filter((s) => ctx.auth.kind === "token" && ctx.auth.scopes.has(s)) : [];
  throw new ForbiddenError(
    `${field} needs a token with the read scope; '${actorOf(ctx.auth)}' has ${has.join(", ") || "no scope"}`,
  );
}

/** The agents a filter keeps, in the registry's order (the `agents` field's rules and errors). */
export async function matchingAgents(ctx: Context, filter: AgentFilter): Promise<AgentRecord[]> {
  const q = filter.q?.trim();
  const snapshot = await registryOf(ctx.db).current();
  if (q && !modelMatchesQuery(q)) {
    // LIKE's wildcards and non-ASCII case folding are the database's: ask it which agents match.
    const where = await agentWhere(ctx.db, filter);
    const ids = new Set((await ctx.db.prisma.agent.findMany({ where, select: { id: true } })).map((a) => a.id));
    return snapshot.agents.filter((a) => ids.has(a.id));
  }
  return filterAgents(ctx.db, snapshot, filter);
}

/** GET /agents: `{ agents, total, limit, offset }`. */
export async function agentsJson(ctx: Context, args: Record<string, unknown>): Promise<string> {
  requireRead(ctx, "agents");
  const matching = await matchingAgents(ctx, args as AgentFilter);
  const page = agentPaging.page(args, async () => matching.length);
  const now = new Date();
  const agents = matching.slice(page.offset, page.offset + page.limit).map((a) => agentJson(a, now));
  return JSON.stringify({ agents, total: matching.length, limit: page.limit, offset: args.offset ?? 0 });
}

/** GET /agents/{id}: the agent by id or unique name, else 404. */
export async function agentByIdJson(ctx: Context, args: Record<string, unknown>): Promise<string> {
  requireRead(ctx, "agent");
  const key = String(args.id);
  const agent = findAgent(await registryOf(ctx.db).current(), key);
  if (!agent) throw new NotFoundError("Agent", key);
  return JSON.stringify(agentJson(agent, new Date()));
}

/** GET /patterns: `{ patterns: [...] }` in the library's order. */
export async function patternsJson(ctx: Context): Promise<string> {
  requireRead(ctx, "patterns");
  const snapshot = await registryOf(ctx.db).current();
  const now = new Date();
  return JSON.stringify({ patterns: snapshot.patterns.map((p) => patternJson(p, snapshot, now)) });
}
