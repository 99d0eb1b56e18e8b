// Serena project memories (docs/serena.md): plain UTF-8 Markdown files `.serena/memories/<name>.md`,
// a `/` in a name being a sub-folder, read and written directly, so Serena's own tools
// (`read_memory`, `list_memories`, …) see what Baton writes and the other way round.
// `.serena/project.yml` `ignored_memory_patterns` (never read, listed or written) and
// `read_only_memory_patterns` (never written) are regexes matched against the whole name, as
// Serena does. A name that would leave the memories folder (`..`, absolute, a symlink pointing
// outside it) is refused with MEMORY_OUTSIDE. Every refusal is a MemoryError with a code.
import { lstat, mkdir, readdir, readFile, realpath, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { MemoryError, type MemoryErrorCode } from "./memory-error.js";
import { type MemoryPatterns, parseMemoryPatterns } from "./memory-patterns.js";

export { MEMORY_ERROR_CODES, MemoryError, type MemoryErrorCode } from "./memory-error.js";
export { type MemoryPatterns, parseMemoryPatterns } from "./memory-patterns.js";

/** One segment of a name: no leading dot (so no `.`, `..` or hidden files), no separators. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.@+ -]*$/;
const GLOB_SEGMENT = /^[A-Za-z0-9_*?[\]][A-Za-z0-9_.@+ *?[\]!-]*$|^\*\*$/;

/** Why `name` (or a glob, when `glob`) is not a usable memory name; null when it is. */
export function memoryNameProblem(name: string, glob = false): { code: MemoryErrorCode; message: string } | null {
  if (typeof name !== "string" || name.trim() === "")
    return { code: "MEMORY_NAME_INVALID", message: "a memory name must be a non-empty string" };
  const parts = name.split(/[/\\]/);
  if (name.startsWith("/") || name.startsWith("\\") || /^[A-Za-z]:/.test(name) || name.startsWith("~"))
    return {
      code: "MEMORY_OUTSIDE",
      message: `memory name '${name}' is an absolute path: names are relative to .serena/memories`,
    };
  if (parts.includes("..") || parts.includes("."))
    return {
      code: "MEMORY_OUTSIDE",
      message: `memory name '${name}' has a '.' or '..' segment: it would leave .serena/memories`,
    };
  if (name.includes("\\"))
    return { code: "MEMORY_NAME_INVALID", message: `memory name '${name}': use '/' between folders, not '\\'` };
  const bad = parts.find((p) => !(glob ? GLOB_SEGMENT : SEGMENT).test(p));
  if (bad !== undefined)
    return {
      code: "MEMORY_NAME_INVALID",
      message: `memory name '${name}': each '/'-separated part must be non-empty, start with a letter, digit or '_' and use letters, digits, spaces and _ . - @ +${glob ? " (and * ? [ ] in a glob)" : ""}`,
    };
  if (name.length > 400) return { code: "MEMORY_NAME_INVALID", message: "a memory name is at most 400 characters" };
  return null;
}

export const isMemoryGlob = (s: string) => /[*?[]/.test(s);

/** `*` any characters but `/`, `**` any characters, `?` one character but `/`, `[…]` a class. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*" && glob[i + 1] === "*") {
      // `a/**/b` also matches `a/b`.
      if (glob[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i++;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close < 0) re += "\\[";
      else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

// ---- the store -------------------------------------------------------------------------------

export interface MemoryStore {
  /** The `.serena` folder. */
  readonly serenaDir: string;
  /** Every memory name (ignored ones left out), sorted; only those under `folder` when given. */
  list(folder?: string): Promise<string[]>;
  read(name: string): Promise<string>;
  write(name: string, content: string): Promise<void>;
  /** Names and globs (as a step's `context_memories`), loaded in order: name → content. */
  load(entries: string[]): Promise<Record<string, string>>;
  isReadOnly(name: string): boolean;
}

const inside = (root: string, p: string) => p === root || p.startsWith(root + sep);

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The store of a project: `dir` is the project (holding `.serena/`) or the `.serena` folder itself.
 * Reads `.serena/project.yml` once; throws MEMORY_CONFIG when its patterns cannot be read.
 */
export async function openMemoryStore(dir: string): Promise<MemoryStore> {
  const serenaDir = basename(resolve(dir)) === ".serena" ? resolve(dir) : resolve(dir, ".serena");
  const base = join(serenaDir, "memories");
  let patterns: MemoryPatterns = { ignored: [], readOnly: [] };
  const yml = join(serenaDir, "project.yml");
  const text = await readFile(yml, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw new MemoryError("MEMORY_CONFIG", `cannot read ${yml}: ${e.message}`);
  });
  if (text !== null) patterns = parseMemoryPatterns(text, yml);
  const ignored = (name: string) => patterns.ignored.some((r) => r.test(name));
  const readOnly = (name: string) => patterns.readOnly.some((r) => r.test(name));

  const realBase = async () => realpath(base).catch(() => resolve(base));
  const checkName = (name: string) => {
    const problem = memoryNameProblem(name);
    if (problem) throw new MemoryError(problem.code, problem.message);
    if (ignored(name))
      throw new MemoryError("MEMORY_IGNORED", `memory '${name}' matches ignored_memory_patterns in ${yml}`);
  };
  const fileOf = (name: string) => join(base, ...name.split("/")).concat(".md");

  async function read(name: string): Promise<string> {
    checkName(name);
    const file = fileOf(name);
    let real: string;
    try {
      real = await realpath(file);
    } catch {
      throw new MemoryError("MEMORY_NOT_FOUND", `memory '${name}' does not exist (no ${file})`);
    }
    if (!inside(await realBase(), real))
      throw new MemoryError("MEMORY_OUTSIDE", `memory '${name}' is a link to ${real}, outside ${base}: refused`);
    return readFile(real, "utf8");
  }

  async function list(folder = ""): Promise<string[]> {
    if (folder !== "") {
      const problem = memoryNameProblem(folder);
      if (problem) throw new MemoryError(problem.code, problem.message);
    }
    const root = await realBase();
    const names: string[] = [];
    const walk = async (dir: string, prefix: string) => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const path = join(dir, e.name);
        // Links are followed only while they stay inside the memories folder.
        const real = await realpath(path).catch(() => null);
        if (real === null || !inside(root, real)) continue;
        const st = await lstat(real);
        if (st.isDirectory()) await walk(path, `${prefix}${e.name}/`);
        else if (st.isFile() && e.name.endsWith(".md")) {
          const name = `${prefix}${e.name.slice(0, -3)}`;
          if (!memoryNameProblem(name) && !ignored(name)) names.push(name);
        }
      }
    };
    await walk(folder === "" ? base : join(base, ...folder.split("/")), folder === "" ? "" : `${folder}/`);
    return names.sort();
  }

  async function write(name: string, content: string): Promise<void> {
    checkName(name);
    if (readOnly(name))
      throw new MemoryError(
        "MEMORY_READ_ONLY",
        `memory '${name}' matches read_only_memory_patterns in ${yml}: Baton does not write it`,
      );
    await mkdir(base, { recursive: true });
    const root = await realBase();
    const file = fileOf(name);
    // The deepest folder that exists already must be inside: a linked folder may not lead out.
    let probe = dirname(file);
    while (!(await exists(probe))) probe = dirname(probe);
    const realProbe = await realpath(probe);
    if (!inside(root, realProbe))
      throw new MemoryError("MEMORY_OUTSIDE", `memory '${name}': ${probe} leads to ${realProbe}, outside ${base}`);
    if (await exists(file)) {
      const real = await realpath(file).catch(() => null);
      if (real === null || !inside(root, real))
        throw new MemoryError("MEMORY_OUTSIDE", `memory '${name}' is a link leading outside ${base}: refused`);
    }
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.baton-${process.pid}-${Date.now()}.tmp`;
    await writeFile(tmp, content, "utf8");
    await rename(tmp, file);
  }

  async function load(entries: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    let all: string[] | null = null;
    for (const entry of entries) {
      if (!isMemoryGlob(entry)) {
        out[entry] = await read(entry);
        continue;
      }
      all ??= await list();
      const re = globToRegExp(entry);
      for (const name of all) if (re.test(name) && !(name in out)) out[name] = await read(name);
    }
    return out;
  }

  return { serenaDir, list, read, write, load, isReadOnly: readOnly };
}

// ---- handoffs --------------------------------------------------------------------------------

/** A fence longer than any run of backticks in `text` (CommonMark), so the block cannot end early. */
function fenced(lang: string, text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

export interface Handoff {
  runId: string;
  workflow: string;
  stepId: string;
  agent: string;
  /** Who handed off: the run itself (its root execution), or an earlier step. */
  from: { kind: "run" } | { kind: "step"; stepId: string; agent: string };
  status: string;
  attempts: number;
  executionId: string | null;
  input: unknown;
  output?: unknown;
  error?: string | null;
}

/** The folder of a run's handoffs, and one step's handoff in it. */
export const handoffFolder = (runId: string) => `baton/handoffs/${runId}`;
export const handoffMemoryName = (runId: string, stepId: string) => `${handoffFolder(runId)}/${stepId}`;

/** A handoff as readable Markdown, its JSON in fenced blocks. */
export function handoffMarkdown(h: Handoff): string {
  const fromLabel = h.from.kind === "run" ? `workflow:${h.workflow}` : h.from.agent;
  const fromLine =
    h.from.kind === "run"
      ? `the start of the run (\`workflow:${h.workflow}\`)`
      : `step \`${h.from.stepId}\` (agent \`${h.from.agent}\`)`;
  const json = (v: unknown) => fenced("json", JSON.stringify(v ?? null, null, 2));
  const parts = [
    `# Handoff: ${fromLabel} → ${h.agent}`,
    "",
    `Baton workflow run \`${h.runId}\` of template \`${h.workflow}\`, step \`${h.stepId}\`.`,
    "",
    `- From: ${fromLine}`,
    `- To: agent \`${h.agent}\` (step \`${h.stepId}\`)`,
    `- Status: ${h.status}`,
    `- Attempts: ${h.attempts}`,
    `- Execution: ${h.executionId ? `\`${h.executionId}\`` : "none"}`,
    "",
    "## Input",
    "",
    json(h.input),
  ];
  if (h.output !== undefined) parts.push("", "## Output", "", json(h.output));
  if (h.error) parts.push("", "## Error", "", fenced("text", h.error));
  return `${parts.join("\n")}\n`;
}

/** What a claude step's appended system prompt gets: each loaded memory under its name. */
export function memoriesPrompt(memories: Record<string, string>): string {
  const names = Object.keys(memories);
  if (names.length === 0) return "";
  const sections = names.map((n) => `## Memory: ${n}\n\n${(memories[n] ?? "").trim()}`);
  return `# Project memories\n\nThese Serena memories (.serena/memories) were loaded for this step by Baton.\n\n${sections.join("\n\n")}`;
}
