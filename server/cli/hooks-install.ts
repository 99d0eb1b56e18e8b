// `baton hooks install|uninstall|flush`: Baton's command hook in a repository's
// .claude/settings.json, merged beside the user's own hooks and removed exactly, and the spool of
// events Baton could not take (docs/claude-code.md).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Args, CliError, type Out } from "./args.js";
import { flushSpool, hookEnv, spoolPath } from "./hook-client.mjs";

const USAGE = `baton hooks install [dir] [--url <baton url>] [--json]
baton hooks uninstall [dir] [--json]
baton hooks flush [--json]`;

/** The events Baton listens to, with the matcher each needs (tool events: the spawning tool only). */
export const HOOK_EVENTS: readonly { event: string; matcher?: string }[] = [
  { event: "SessionStart" },
  { event: "UserPromptSubmit" },
  { event: "PreToolUse", matcher: "Agent|Task" },
  { event: "PostToolUse", matcher: "Agent|Task" },
  { event: "PostToolUseFailure", matcher: "Agent|Task" },
  { event: "SubagentStart" },
  { event: "SubagentStop" },
  { event: "Stop" },
  { event: "StopFailure" },
  { event: "SessionEnd" },
];

/** Seconds Claude Code gives the hook before it gives up on it (the handler itself stops far sooner). */
const HOOK_TIMEOUT_S = 10;

/** Baton's command: its own binary by absolute path, optionally with the server's URL. */
export function hookCommand(binPath: string, url?: string): string {
  return `${url ? `BATON_URL='${url}' ` : ""}node "${binPath}" hook`;
}
/** What `uninstall` recognises as Baton's (any Baton checkout's binary, with or without a URL). */
const OURS = /^(BATON_URL='[^']*' )?node "[^"]*server\/cli\/bin\.mjs" hook$/;

// Through the repository root: the binary in server/cli/ also when this runs compiled (dist-server/).
const thisBin = () => fileURLToPath(new URL("../../server/cli/bin.mjs", import.meta.url));

type Handler = { type?: string; command?: string; [k: string]: unknown };
type Group = { matcher?: string; hooks?: Handler[]; [k: string]: unknown };
type Settings = { hooks?: Record<string, Group[]>; [k: string]: unknown };

function settingsPath(dir: string | undefined): string {
  const root = resolve(dir ?? process.cwd());
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new CliError(`${root} is not a directory`);
  return join(root, ".claude", "settings.json");
}

function readSettings(file: string): Settings {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(`${file} is not valid JSON (${(e as Error).message}): fix it first, nothing was changed`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new CliError(`${file} must hold a JSON object: nothing was changed`);
  const s = parsed as Settings;
  if (s.hooks !== undefined && (s.hooks === null || typeof s.hooks !== "object" || Array.isArray(s.hooks)))
    throw new CliError(`${file}: "hooks" must be an object: nothing was changed`);
  return s;
}

function writeSettings(file: string, settings: Settings) {
  mkdirSync(join(file, ".."), { recursive: true });
  const tmp = `${file}.baton-tmp`;
  writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(tmp, file);
}

const isOurs = (h: Handler) => h?.type === "command" && typeof h.command === "string" && OURS.test(h.command);

/** Adds Baton's hook to each event that lacks it; the user's groups and handlers are left as they are. */
export function installHooks(settings: Settings, command: string): { settings: Settings; added: string[] } {
  const hooks: Record<string, Group[]> = { ...(settings.hooks ?? {}) };
  const added: string[] = [];
  for (const { event, matcher } of HOOK_EVENTS) {
    const groups = Array.isArray(hooks[event]) ? [...(hooks[event] as Group[])] : [];
    const present = groups.some((g) => (g.matcher ?? "") === (matcher ?? "") && (g.hooks ?? []).some(isOurs));
    if (present) continue;
    groups.push({ ...(matcher ? { matcher } : {}), hooks: [{ type: "command", command, timeout: HOOK_TIMEOUT_S }] });
    hooks[event] = groups;
    added.push(event);
  }
  return { settings: { ...settings, hooks }, added };
}

/** Removes Baton's handlers, then the groups and events that only held them. */
export function uninstallHooks(settings: Settings): { settings: Settings; removed: string[] } {
  if (!settings.hooks) return { settings, removed: [] };
  const hooks: Record<string, Group[]> = {};
  const removed = new Set<string>();
  for (const [event, groups] of Object.entries(settings.hooks)) {
    if (!Array.isArray(groups)) {
      hooks[event] = groups;
      continue;
    }
    const kept: Group[] = [];
    for (const g of groups) {
      const handlers = Array.isArray(g?.hooks) ? g.hooks : null;
      if (!handlers?.some(isOurs)) {
        kept.push(g);
        continue;
      }
      removed.add(event);
      const rest = handlers.filter((h) => !isOurs(h));
      if (rest.length > 0) kept.push({ ...g, hooks: rest });
    }
    if (kept.length > 0) hooks[event] = kept;
  }
  const { hooks: _old, ...others } = settings;
  return { settings: Object.keys(hooks).length > 0 ? { ...others, hooks } : others, removed: [...removed] };
}

export async function hooksCommand(args: Args, out: Out): Promise<void> {
  const [sub, dir, ...extra] = args.positional;
  if (extra.length > 0) throw new CliError(`unexpected '${extra.join(" ")}'\n\n${USAGE}`);
  if (sub === "install") {
    const url = args.option("url");
    if (url !== undefined && !/^https?:\/\/[^\s'"]+$/.test(url))
      throw new CliError(`--url must be an http(s) URL without quotes or spaces (got '${url}')`);
    const file = settingsPath(dir);
    const before = readSettings(file);
    const command = hookCommand(thisBin(), url);
    const { settings, added } = installHooks(before, command);
    if (added.length > 0) writeSettings(file, settings);
    if (args.flag("json")) return out.json({ settings: file, command, added });
    out.line(
      added.length > 0
        ? `Added Baton's hook to ${added.length} events in ${file}: ${added.join(", ")}.`
        : `Baton's hook is already in ${file}: nothing changed.`,
    );
    return;
  }
  if (sub === "uninstall") {
    const file = settingsPath(dir);
    const { settings, removed } = uninstallHooks(readSettings(file));
    if (removed.length > 0) writeSettings(file, settings);
    if (args.flag("json")) return out.json({ settings: file, removed });
    out.line(
      removed.length > 0
        ? `Removed Baton's hook from ${removed.length} events in ${file}.`
        : `No Baton hook in ${file}: nothing changed.`,
    );
    return;
  }
  if (sub === "flush") {
    if (dir !== undefined) throw new CliError(`unexpected '${dir}'\n\n${USAGE}`);
    const env = hookEnv();
    const r = await flushSpool(env);
    const spool = spoolPath(env);
    if (args.flag("json")) out.json({ spool, ...r });
    else if (r.busy) out.line("Another process is delivering the spool right now; try again in a moment.");
    else
      out.line(
        `Delivered ${r.sent} spooled event${r.sent === 1 ? "" : "s"}${r.dropped ? `, dropped ${r.dropped} Baton refused as malformed` : ""}; ${r.left} left in ${spool}.`,
      );
    if (!args.flag("json") && r.left > 0 && r.lastError) out.line(`Baton could not take the rest: ${r.lastError}`);
    if (r.left > 0 || r.busy) throw new FlushIncomplete();
    return;
  }
  throw new CliError(`unknown subcommand '${sub ?? ""}'\n\n${USAGE}`);
}

/** `baton hooks flush` left events in the spool: exit code 1. */
export class FlushIncomplete extends Error {
  constructor() {
    super("the spool was not fully delivered");
  }
}
