// `.serena/project.yml`'s two memory pattern lists (docs/serena.md), read without a YAML library:
// Serena writes them as block or flow lists of plain or quoted strings, and nothing else of the
// file matters to Baton. Anything else in those two keys is refused (MEMORY_CONFIG), not guessed.
import { MemoryError } from "./memory-error.js";

export interface MemoryPatterns {
  ignored: RegExp[];
  readOnly: RegExp[];
}

const KEYS = { ignored_memory_patterns: "ignored", read_only_memory_patterns: "readOnly" } as const;

/** A YAML scalar as Serena's project.yml writes one: plain, 'single' or "double" quoted. */
function scalar(raw: string, where: string): string {
  const s = raw.trim();
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new MemoryError("MEMORY_CONFIG", `${where}: unclosed quote in ${s}`);
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (s.startsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      throw new MemoryError("MEMORY_CONFIG", `${where}: cannot read the quoted string ${s}`);
    }
  }
  if (/^[[\]{}&*!|>%@`]/.test(s))
    throw new MemoryError("MEMORY_CONFIG", `${where}: quote the pattern ${s} ('…' or "…")`);
  return s;
}

/** The text before a ` #` comment that is outside quotes. */
function uncomment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) return line.slice(0, i);
  }
  return line;
}

function flowItems(body: string, where: string): string[] {
  const items: string[] = [];
  let cur = "";
  let quote: string | null = null;
  for (const c of body) {
    if (quote) {
      cur += c;
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === ",") {
      items.push(cur);
      cur = "";
    } else cur += c;
  }
  if (quote) throw new MemoryError("MEMORY_CONFIG", `${where}: unclosed quote`);
  if (cur.trim() !== "") items.push(cur);
  return items.map((i) => scalar(i, where));
}

function compilePattern(p: string, where: string): RegExp {
  try {
    // Serena matches with Python's re.fullmatch.
    return new RegExp(`^(?:${p})$`, "u");
  } catch (e) {
    throw new MemoryError(
      "MEMORY_CONFIG",
      `${where}: '${p}' is not a valid regular expression (${(e as Error).message})`,
    );
  }
}

/**
 * The two memory pattern lists of a project.yml (other keys are Serena's business): each a block
 * list (`- "pattern"`) or a flow list (`["a", "b"]`) of strings; empty or `null` means none.
 */
export function parseMemoryPatterns(text: string, file = ".serena/project.yml"): MemoryPatterns {
  const out: MemoryPatterns = { ignored: [], readOnly: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z_]+)\s*:(.*)$/.exec(lines[i] ?? "");
    if (!m || !((m[1] as string) in KEYS)) continue;
    const key = m[1] as keyof typeof KEYS;
    const where = `${file}: ${key}`;
    const rest = uncomment(m[2] ?? "").trim();
    let items: string[] = [];
    if (rest.startsWith("[")) {
      if (!rest.endsWith("]")) throw new MemoryError("MEMORY_CONFIG", `${where}: a [ list must close on the same line`);
      items = flowItems(rest.slice(1, -1), where);
    } else if (rest === "" || rest === "null" || rest === "~") {
      for (; i + 1 < lines.length; i++) {
        const next = uncomment(lines[i + 1] ?? "");
        if (next.trim() === "") continue;
        const item = /^\s*-\s(.*)$|^\s*-$/.exec(next);
        if (!item) break;
        items.push(scalar(item[1] ?? "", where));
      }
    } else throw new MemoryError("MEMORY_CONFIG", `${where}: must be a list of regular expressions`);
    out[KEYS[key]] = items.map((p) => compilePattern(p, where));
  }
  return out;
}
