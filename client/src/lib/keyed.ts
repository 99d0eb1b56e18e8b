/**
 * Stable React keys for lists that may repeat a value (a tag typed twice, the same message for two
 * entries): the value itself, with a counter on its repeats.
 */
export function keyed<T>(items: readonly T[], keyOf: (item: T) => string = String): [string, T][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return [n === 1 ? base : `${base}#${n}`, item];
  });
}
