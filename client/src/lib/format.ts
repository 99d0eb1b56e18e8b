const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });
const integer = new Intl.NumberFormat("en-US");

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** `90000` → `90,000 ms (1.5 min)`: exact value first, a human reading after it. */
export function formatMs(ms: number): string {
  const exact = `${integer.format(ms)} ms`;
  if (ms < 1000) return exact;
  if (ms < 60_000) return `${exact} (${trim(ms / 1000)} s)`;
  if (ms < 3_600_000) return `${exact} (${trim(ms / 60_000)} min)`;
  return `${exact} (${trim(ms / 3_600_000)} h)`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function plural(n: number, word: string): string {
  return `${integer.format(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** `12345` → `12,345` (token counts and other whole numbers). */
export function formatCount(n: number): string {
  return integer.format(n);
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });
const usdSmall = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumSignificantDigits: 3,
});

/** `0.01234` → `$0.0123`, `12.5` → `$12.50`; a cost under a hundredth of a cent keeps 3 significant digits. */
export function formatUsd(n: number): string {
  return n > 0 && n < 0.0001 ? usdSmall.format(n) : usd.format(n);
}
