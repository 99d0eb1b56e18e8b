// Exports of the trace list (every trace matching the filters, read page by page) and of one
// trace (its root and every execution under it), as JSON or CSV files the browser downloads.

/** Most traces one export reads (20 pages of 500). */
export const MAX_EXPORT_TRACES = 10_000;

export type ExportFormat = "json" | "csv";

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function csvField(v: unknown): string {
  const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows as CSV: a header of `columns`, one line per row, CRLF line ends. */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Hands `text` to the browser as a download named `name`. */
export function download(name: string, text: string, format: ExportFormat) {
  const blob = new Blob([text], { type: format === "json" ? "application/json" : "text/csv" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A file's text: JSON pretty-printed, or CSV of the rows' `columns`. */
export function fileText(rows: readonly Record<string, unknown>[], columns: readonly string[], format: ExportFormat) {
  return format === "json" ? `${JSON.stringify(rows, null, 2)}\n` : toCsv(rows, columns);
}
