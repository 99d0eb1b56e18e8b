// What a token may do. Four scopes; admin includes the other three, write and run include read.
//  - read:  every query and subscription
//  - write: record and update executions, edit the registry and templates (mock runners only)
//  - run:   start and cancel workflow runs
//  - admin: runners that execute things (any runner but `mock`, in agents and in template step
//           overrides), deleting executions, tokens and the audit log
// Who is asking is a Principal: a token, or `local` when authentication is off (loopback only).

export const SCOPES = ["read", "write", "run", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** What each scope grants besides itself. */
const INCLUDES: Record<Scope, readonly Scope[]> = {
  read: [],
  write: ["read"],
  run: ["read"],
  admin: ["read", "write", "run"],
};

export const isScope = (v: string): v is Scope => (SCOPES as readonly string[]).includes(v);

/** The scopes a token holds, with what they include (`admin` → all four). */
export function grantedScopes(scopes: Iterable<Scope>): Set<Scope> {
  const out = new Set<Scope>();
  for (const s of scopes) {
    out.add(s);
    for (const included of INCLUDES[s]) out.add(included);
  }
  return out;
}

/** Stored form: the scopes given, deduplicated, in SCOPES order (`read,admin` → `read,admin`). */
export function storedScopes(scopes: Iterable<Scope>): string {
  const set = new Set(scopes);
  return SCOPES.filter((s) => set.has(s)).join(",");
}

export function parseStoredScopes(value: string): Scope[] {
  return value.split(",").filter(isScope);
}

export type Principal =
  | { kind: "token"; tokenId: string; name: string; scopes: ReadonlySet<Scope>; via: "bearer" | "session" }
  | { kind: "local" };

/** Authentication is off (a loopback-only server): the local user may do everything. */
export const LOCAL: Principal = { kind: "local" };

export function can(principal: Principal, scope: Scope): boolean {
  return principal.kind === "local" || principal.scopes.has(scope);
}

/** How a principal is written in the audit log and in messages. */
export function actorOf(principal: Principal): string {
  return principal.kind === "local" ? "local" : principal.name;
}

/**
 * Runner kinds that need `admin` to configure: everything but `mock`. command, claude and http start
 * programs or send requests with stored credentials; builtin runs Baton's own agents, which read
 * and write files under BATON_WORKDIR.
 */
export const runnerNeedsAdmin = (kind: unknown): boolean => typeof kind === "string" && kind !== "mock";

/** A caller proven by nothing (never reached when the HTTP layer authenticates): may do nothing. */
export const NOBODY: Principal = { kind: "token", tokenId: "", name: "nobody", scopes: new Set(), via: "bearer" };
