// FormatAgent's builtin: normalises Markdown without changing what it says. LF line endings, no
// trailing whitespace, exactly one blank line between blocks and around headings, GFM tables
// with padded, aligned cells, one final newline. Fenced code is copied byte for byte (after LF).
import type { BuiltinAgent } from "../types.js";
import { objectInput, requireString } from "./input.js";

type Block =
  | { kind: "blank" }
  | { kind: "heading"; line: string }
  | { kind: "lines"; lines: string[] }
  | { kind: "verbatim"; lines: string[] };

type Align = "none" | "left" | "right" | "center";

const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DELIMITER_CELL = /^:?-+:?$/;

/** Cells of a table row, split on unescaped pipes, outer pipes dropped. */
function cells(row: string): string[] {
  let line = row.trim();
  if (line.startsWith("|")) line = line.slice(1);
  if (line.endsWith("|") && !line.endsWith("\\|")) line = line.slice(0, -1);
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\" && line[i + 1] === "|") {
      current += "\\|";
      i++;
    } else if (ch === "|") {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

function isDelimiterRow(line: string): boolean {
  return line.includes("-") && line.includes("|") && cells(line).every((c) => DELIMITER_CELL.test(c));
}

const width = (s: string) => [...s].length;

function pad(text: string, size: number, align: Align): string {
  const gap = size - width(text);
  if (align === "right") return " ".repeat(gap) + text;
  if (align === "center") return " ".repeat(Math.floor(gap / 2)) + text + " ".repeat(Math.ceil(gap / 2));
  return text + " ".repeat(gap);
}

function formatTable(header: string, delimiter: string, body: string[]): string[] {
  const rows = [cells(header), ...body.map(cells)];
  const aligns: Align[] = cells(delimiter).map((c) =>
    c.startsWith(":") && c.endsWith(":") ? "center" : c.endsWith(":") ? "right" : c.startsWith(":") ? "left" : "none",
  );
  // Extra cells are kept (and the header widened) rather than silently dropped.
  const columns = Math.max(aligns.length, ...rows.map((r) => r.length));
  const sizes = Array.from({ length: columns }, (_, i) => Math.max(3, ...rows.map((r) => width(r[i] ?? ""))));
  const line = (row: string[]) =>
    `| ${sizes.map((size, i) => pad(row[i] ?? "", size, aligns[i] ?? "none")).join(" | ")} |`;
  const rule = sizes.map((size, i) => {
    const align = aligns[i] ?? "none";
    const left = align === "left" || align === "center" ? ":" : "";
    const right = align === "right" || align === "center" ? ":" : "";
    return left + "-".repeat(size - left.length - right.length) + right;
  });
  const [head = [], ...rest] = rows;
  return [line(head), `| ${rule.join(" | ")} |`, ...rest.map(line)];
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fence = FENCE.exec(line);
    if (fence?.[1]) {
      // Closed by the same character, at least as long, and nothing else; unclosed runs to the end.
      const marker = fence[1];
      const closer = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
      const verbatim = [line];
      while (++i < lines.length) {
        verbatim.push(lines[i] ?? "");
        if (closer.test(lines[i] ?? "")) break;
      }
      out.push({ kind: "verbatim", lines: verbatim });
    } else if (line.trim() === "") out.push({ kind: "blank" });
    else if (HEADING.test(line)) out.push({ kind: "heading", line: line.trimEnd() });
    else if (line.includes("|") && isDelimiterRow(lines[i + 1] ?? "")) {
      const body: string[] = [];
      let j = i + 2;
      for (; j < lines.length && (lines[j] ?? "").includes("|") && (lines[j] ?? "").trim() !== ""; j++)
        body.push(lines[j] ?? "");
      out.push({ kind: "lines", lines: formatTable(line, lines[i + 1] ?? "", body) });
      i = j - 1;
    } else out.push({ kind: "lines", lines: [line.trimEnd()] });
  }
  return out;
}

export function formatMarkdown(source: string): string {
  const out: string[] = [];
  let blankPending = false;
  let afterHeading = false;
  for (const block of blocks(source.replace(/\r\n?/g, "\n").split("\n"))) {
    if (block.kind === "blank") {
      blankPending = true;
      continue;
    }
    const heading = block.kind === "heading";
    if (out.length > 0 && (blankPending || heading || afterHeading)) out.push("");
    out.push(...(block.kind === "heading" ? [block.line] : block.lines));
    blankPending = false;
    afterHeading = heading;
  }
  return out.length === 0 ? "" : `${out.join("\n").replace(/\n+$/, "")}\n`;
}

export const markdownFormat: BuiltinAgent = {
  name: "markdown-format",
  description: "Normalises Markdown: LF endings, no trailing spaces, blank lines around headings, aligned tables.",
  async run(input) {
    const markdown = requireString(objectInput(input, "markdown-format"), "markdown", "markdown-format");
    const formatted = formatMarkdown(markdown);
    return { markdown: formatted, changed: formatted !== markdown };
  },
};
