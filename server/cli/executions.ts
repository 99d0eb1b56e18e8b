// `baton executions record …` (one execution through POST /executions, as an agent or a hook
// reports its work) and `baton executions list`, over a running Baton's API. The server validates
// every field and names the one it refuses.
import { type Args, CliError, type Out } from "./args.js";
import { type BatonClient, EXIT } from "./client.js";
import { seconds } from "./follow-view.js";

export interface RestExecution {
  id: string;
  agent_name: string;
  status: string;
  timestamp: string;
  ended_at: string | null;
  duration_ms: number | null;
  inputs: unknown;
  outputs: unknown;
  error: string | null;
  parent_execution_id: string | null;
  root_id: string;
  depth: number;
  workflow_id: string | null;
  workflow_run_id: string | null;
  workflow_step_id: string | null;
  attempt: number;
  created_at: string;
  updated_at: string;
}

export const EXECUTIONS_USAGE = `baton executions record --agent <name> [--status success|failure|pending|in_progress|cancelled]
      [--input-json '<json>'] [--output-json '<json>'] [--error <text>] [--parent <execution id>]
      [--duration-ms <ms>] [--timestamp <ISO time>] [--id <your id>]
      [--model <name>] [--input-tokens <n>] [--output-tokens <n>] [--cost-usd <dollars>] [--json]
baton executions list [--agent <name>] [--status <status>[,…]] [--limit <n>] [--json]`;

function jsonOption(args: Args, name: string): unknown {
  const text = args.option(name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`--${name} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A number when the text is one, else the text (so the server's refusal names the field). */
const numeric = (text: string | undefined) =>
  text === undefined ? undefined : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;

export async function executionsCommand(client: BatonClient, args: Args, out: Out): Promise<number> {
  const [sub, ...extra] = args.positional;
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'\n\n${EXECUTIONS_USAGE}`);
  if (sub === "record") return record(client, args, out);
  if (sub === "list") return list(client, args, out);
  throw new CliError(sub ? `unknown executions command '${sub}'\n\n${EXECUTIONS_USAGE}` : EXECUTIONS_USAGE);
}

async function record(client: BatonClient, args: Args, out: Out): Promise<number> {
  const agent = args.option("agent");
  if (!agent) throw new CliError(`--agent is required\n\n${EXECUTIONS_USAGE}`);
  const body: Record<string, unknown> = {
    agent_name: agent,
    status: args.option("status") ?? "success",
    inputs: jsonOption(args, "input-json"),
    outputs: jsonOption(args, "output-json"),
    error: args.option("error"),
    parent_execution_id: args.option("parent"),
    duration_ms: numeric(args.option("duration-ms")),
    timestamp: args.option("timestamp"),
    id: args.option("id"),
    model: args.option("model"),
    input_tokens: numeric(args.option("input-tokens")),
    output_tokens: numeric(args.option("output-tokens")),
    cost_usd: numeric(args.option("cost-usd")),
  };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  const recorded = await client.rest<RestExecution>("POST", "/executions", body);
  if (args.flag("json")) out.json(recorded);
  else
    out.line(
      `Recorded execution ${recorded.id}: ${recorded.agent_name} ${recorded.status}${
        recorded.duration_ms !== null ? ` in ${seconds(recorded.duration_ms)}` : ""
      }${recorded.parent_execution_id ? `, handed off from ${recorded.parent_execution_id}` : ""}.`,
    );
  return EXIT.ok;
}

async function list(client: BatonClient, args: Args, out: Out): Promise<number> {
  const page = await client.get<{ executions: RestExecution[]; total: number; limit: number; offset: number }>(
    "/executions",
    { agent: args.option("agent"), status: args.option("status"), limit: numeric(args.option("limit")) },
  );
  if (args.flag("json")) {
    out.json(page);
    return EXIT.ok;
  }
  if (page.executions.length === 0) {
    out.line("No executions match.");
    return EXIT.ok;
  }
  const rows = page.executions.map((e) => [
    e.id,
    e.agent_name,
    e.status,
    e.timestamp,
    e.duration_ms === null ? "" : seconds(e.duration_ms),
    e.parent_execution_id ?? "",
  ]);
  const header = ["ID", "AGENT", "STATUS", "STARTED", "DURATION", "PARENT"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  for (const r of [header, ...rows])
    out.line(
      r
        .map((c, i) => c.padEnd(widths[i] as number))
        .join("  ")
        .trimEnd(),
    );
  out.line(`${page.executions.length} of ${page.total}`);
  return EXIT.ok;
}
