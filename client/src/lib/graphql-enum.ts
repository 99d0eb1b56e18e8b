// GraphQL enum values are UPPER_CASE (`IN_PROGRESS`, `MOCK`, `DAY`); the dashboard's URLs, labels,
// colours and data attributes keep the domain's lowercase words (`in_progress`, `mock`, `day`).
// Values cross that line here, once, where a query's result is read or its variables are built.

/** A GraphQL enum value as the dashboard's word: `IN_PROGRESS` → `in_progress`. */
export function fromEnum<T extends string>(value: T): Lowercase<T>;
export function fromEnum<T extends string>(value: T | null | undefined): Lowercase<T> | null;
export function fromEnum<T extends string>(value: T | null | undefined): Lowercase<T> | null {
  return value == null ? null : (value.toLowerCase() as Lowercase<T>);
}

/** The dashboard's word as a GraphQL enum value: `in_progress` → `IN_PROGRESS`. */
export function toEnum<T extends string>(value: T): Uppercase<T> {
  return value.toUpperCase() as Uppercase<T>;
}

/**
 * Words from the URL (`?status=failure,in_progress`) as a list variable of enum `E`, or null for
 * none. A word the enum lacks is sent as it is upper-cased, for the API to refuse with its message.
 */
export function toEnumList<E extends string>(words: readonly string[]): E[] | null {
  return words.length ? words.map((w) => w.toUpperCase() as E) : null;
}
