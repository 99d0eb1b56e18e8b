// `baton run <template>` (start a workflow run; --follow streams its steps until it ends and
// exits with its outcome) and `baton runs show|cancel <id>`, over the REST API of a running Baton.
import { type Args, CliError, type Out } from "./args.js";
import { type BatonClient, EXIT } from "./client.js";
import { FINISHED_RUN, followRun } from "./follow.js";
import { jsonView, lineView, outcomeLine, seconds, terminalView } from "./follow-view.js";

/** A step's state in a run, as REST answers it. */
export interface RestStep {
  step_id: string;
  agent_name: string;
  role: string;
  position: number;
  status: string;
  attempts: number;
  outputs: unknown;
  error: string | null;
  execution_id: string | null;
  started_at: string | null;
  ended_at: string | null;
}

/** A workflow run, as REST answers it. */
export interface RestRun {
  id: string;
  workflow_id: string | null;
  workflow_name: string;
  params: Record<string, unknown>;
  status: string;
  error: string | null;
  failed_step_id: string | null;
  outputs: unknown;
  cancel_requested: boolean;
  steps: RestStep[];
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
}

export const RUN_USAGE = `baton run <template> [--param name=value …] [--params-json '{…}'] [--follow] [--json]
baton runs show <run id> [--json]
baton runs cancel <run id> [--json]

A --param value is read as JSON when it parses as JSON (42, true, ["a"], {"k":1}), else as a string;
quote it as JSON to force a string (--param 'tag="42"'). --param values override --params-json.`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The run's parameters from `--params-json` and each `--param name=value`. */
export function parseParams(args: Pick<Args, "option" | "options">): Record<string, unknown> {
  let params: Record<string, unknown> = {};
  const json = args.option("params-json");
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new CliError(`--params-json is not valid JSON: ${(e as Error).message}`);
    }
    if (!isObject(parsed)) throw new CliError(`--params-json must be a JSON object, like '{"version":"1.2.3"}'`);
    params = parsed;
  }
  for (const p of args.options("param")) {
    const eq = p.indexOf("=");
    if (eq <= 0) throw new CliError(`--param takes name=value (got '${p}')`);
    const raw = p.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: the text itself
    }
    params[p.slice(0, eq)] = value;
  }
  return params;
}

const runPath = (id: string) => `/workflow-runs/${encodeURIComponent(id)}`;

/** `baton run <template> …`: the exit code (with --follow, the run's outcome). */
export async function runCommand(client: BatonClient, args: Args, out: Out): Promise<number> {
  const [template, ...extra] = args.positional;
  if (!template) throw new CliError(`name the workflow template to run\n\n${RUN_USAGE}`);
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'\n\n${RUN_USAGE}`);
  const params = parseParams(args);
  const run = await client.rest<RestRun>("POST", `/workflows/${encodeURIComponent(template)}/execute`, params);
  if (!args.flag("follow")) {
    if (args.flag("json")) out.json(run);
    else {
      out.line(`Started run ${run.id} of '${run.workflow_name}' (${run.steps.length} steps).`);
      out.line(`Follow it: baton runs show ${run.id}   Cancel it: baton runs cancel ${run.id}`);
    }
    return EXIT.ok;
  }

  const write = (text: string) => process.stdout.write(text);
  // A reader that stops reading (`| head`) ends the view quietly; the run goes on.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(EXIT.ok);
    throw e;
  });
  const json = args.flag("json");
  const view = json
    ? jsonView(write)
    : process.stdout.isTTY
      ? terminalView(write, run.workflow_name, run.id, run.created_at)
      : lineView(write, run.steps);
  if (!json && !process.stdout.isTTY)
    write(`run ${run.id} of '${run.workflow_name}' started: ${run.steps.length} steps\n`);
  // Ctrl-C stops following, not the run: it goes on on the server.
  const onInterrupt = () => {
    view.close();
    process.stderr.write(
      `\nbaton: stopped following run ${run.id}; it goes on (baton runs show ${run.id}, baton runs cancel ${run.id})\n`,
    );
    process.exit(130);
  };
  process.once("SIGINT", onInterrupt);
  try {
    const final = await followRun(client, run, view);
    return final.status === "succeeded" ? EXIT.ok : EXIT.failed;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

/** `baton runs show|cancel <id>`. */
export async function runsCommand(client: BatonClient, args: Args, out: Out): Promise<number> {
  const [sub, id, ...extra] = args.positional;
  if (sub !== "show" && sub !== "cancel")
    throw new CliError(sub ? `unknown runs command '${sub}'\n\n${RUN_USAGE}` : RUN_USAGE);
  if (!id) throw new CliError(`give the run's id\n\n${RUN_USAGE}`);
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'\n\n${RUN_USAGE}`);
  const run =
    sub === "show"
      ? await client.get<RestRun>(runPath(id))
      : await client.rest<RestRun>("POST", `${runPath(id)}/cancel`);
  if (args.flag("json")) {
    out.json(run);
    return EXIT.ok;
  }
  if (sub === "cancel") {
    out.line(
      `Cancelling run ${run.id} of '${run.workflow_name}': ${run.status}${run.cancel_requested ? " (stop requested)" : ""}.`,
    );
    return EXIT.ok;
  }
  for (const line of describeRun(run)) out.line(line);
  return EXIT.ok;
}

/** A run for people: its outcome, parameters and one line per step. */
export function describeRun(run: RestRun): string[] {
  const idWidth = Math.max(4, ...run.steps.map((s) => s.step_id.length));
  const agentWidth = Math.max(5, ...run.steps.map((s) => s.agent_name.length));
  const ended = FINISHED_RUN.has(run.status);
  return [
    ended ? outcomeLine(run) : `run ${run.id} ${run.status}`,
    `workflow  ${run.workflow_name}`,
    `params    ${JSON.stringify(run.params)}`,
    `created   ${run.created_at}`,
    "",
    `${"STEP".padEnd(idWidth)}  ${"AGENT".padEnd(agentWidth)}  STATUS     ATTEMPTS  DURATION  ERROR`,
    ...run.steps.map((s) => {
      const took =
        s.started_at && s.ended_at
          ? seconds(Date.parse(s.ended_at) - Date.parse(s.started_at))
          : s.started_at
            ? "…"
            : "";
      return [
        s.step_id.padEnd(idWidth),
        s.agent_name.padEnd(agentWidth),
        s.status.padEnd(9),
        String(s.attempts).padEnd(8),
        took.padEnd(8),
        s.error ?? "",
      ]
        .join("  ")
        .trimEnd();
    }),
  ];
}
