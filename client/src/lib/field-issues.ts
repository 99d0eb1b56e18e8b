// Places the server's field issues (`capabilities[1]`, `runner.settings.url`, `retryPolicy.maxRetries`)
// on the form inputs that own them; whatever matches no input goes to the summary at the top.

export interface FieldIssue {
  field: string;
  message: string;
}

export interface PlacedIssue {
  /** Entry of a list field the issue is about (`capabilities[1]` → 1). */
  index: number | null;
  /** The text to show beside the input: the server's message, prefixed by any sub-path. */
  text: string;
}

export interface IssuePlacement<K extends string> {
  byField: Partial<Record<K, PlacedIssue[]>>;
  unplaced: FieldIssue[];
}

function ownerOf<K extends string>(field: string, keys: readonly K[]): K | null {
  let best: K | null = null;
  for (const key of keys) {
    const owns = field === key || field.startsWith(`${key}.`) || field.startsWith(`${key}[`);
    if (owns && (best === null || key.length > best.length)) best = key;
  }
  return best;
}

export function placeIssues<K extends string>(issues: FieldIssue[], keys: readonly K[]): IssuePlacement<K> {
  const byField: Partial<Record<K, PlacedIssue[]>> = {};
  const unplaced: FieldIssue[] = [];
  for (const issue of issues) {
    const key = ownerOf(issue.field, keys);
    if (key === null) {
      unplaced.push(issue);
      continue;
    }
    let rest = issue.field.slice(key.length);
    const indexMatch = /^\[(\d+)\]/.exec(rest);
    const index = indexMatch ? Number(indexMatch[1]) : null;
    if (indexMatch) rest = rest.slice(indexMatch[0].length);
    const subPath = rest.replace(/^\./, "");
    const text = subPath ? `${subPath}: ${issue.message}` : issue.message;
    const list = byField[key] ?? [];
    list.push({ index, text });
    byField[key] = list;
  }
  return { byField, unplaced };
}
