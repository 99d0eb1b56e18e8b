// "Did you mean …?" for names typed by template authors (keys, parameters, step ids). Matching
// ignores case, '_' and '-' first (timeoutMs → timeout_ms), then allows two typos, so the
// suggestion is usually the one the author meant and never a random neighbour of a short name.

const squash = (s: string) => s.toLowerCase().replace(/[_-]/g, "");

/** Edits between a and b, a swap of neighbours counting as one ("bulid" → "build"). */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    const prev = rows[i - 1] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = d;
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}

/** The candidate `name` most likely stands for, or null. */
export function closest(name: string, candidates: Iterable<string>): string | null {
  const target = squash(name);
  const limit = Math.min(2, Math.floor(target.length / 3));
  let best: string | null = null;
  let bestScore = limit + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const score = squash(c) === target ? 0 : distance(squash(c), target, limit);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** ` (did you mean 'x'?)`, or "" when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closest(name, candidates);
  return match === null ? "" : ` (did you mean '${match}'?)`;
}

/** A case-insensitive match only: for agent names, where a near-miss may be a different agent. */
export function sameIgnoringCase(name: string, candidates: Iterable<string>): string | null {
  const lower = name.toLowerCase();
  for (const c of candidates) if (c !== name && c.toLowerCase() === lower) return c;
  return null;
}
