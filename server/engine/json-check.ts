// What every database Baton runs on can store of a JSON value: PostgreSQL's jsonb refuses the NUL
// character and lone UTF-16 surrogates, and values nested thousands deep break readers (Node's own
// JSON.stringify overflows its stack near 5,000 levels). One check, iterative, used for API input
// and for agents' outputs before anything serialises them.

/** The deepest nesting of arrays and objects accepted in inputs, outputs and run parameters. */
export const MAX_JSON_DEPTH = 64;

export interface JsonProblem {
  /** Where: the keys and indexes from the value's root. */
  at: string[];
  /** What, without the where ("contains a NUL character (\u0000)"). */
  problem: string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function stringProblem(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character (\\u0000)";
  return LONE_SURROGATE.test(s) ? "contains a lone UTF-16 surrogate (invalid Unicode)" : null;
}

/** Why `value` cannot be stored as it is, and where, or null when it can. */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, string[]];
    if (typeof v === "string") {
      const problem = stringProblem(v);
      if (problem) return { at, problem };
    } else if (v !== null && typeof v === "object") {
      if (at.length >= maxDepth) return { at: at.slice(0, 1), problem: `is nested deeper than ${maxDepth} levels` };
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      for (const [k, x] of entries) {
        const keyProblem = stringProblem(k);
        if (keyProblem) return { at, problem: `has a key that ${keyProblem}` };
        stack.push([x, [...at, k]]);
      }
    }
  }
  return null;
}

/** `{ at: ["note"], problem }` → "/note contains …"; the root's problem reads on its own. */
export function describeProblem({ at, problem }: JsonProblem, skip = 0): string {
  const path = at.slice(skip);
  return path.length ? `/${path.join("/")} ${problem}` : problem;
}
