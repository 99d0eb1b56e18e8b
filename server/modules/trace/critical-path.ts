// The critical path of a handoff tree: the executions the tree's end waited on. Pure: the trace
// field reads the tree's times and calls this; tests call it directly.
//
// Definition (docs/traces.md says it in words): let end*(e) be the latest end in e's subtree (an
// unfinished execution ends "now"). The path of e is e, then the children e waited on, walking back
// from end*(e): the child with the latest end* not after t (ties: the later start, then the greater
// id) is taken with its own path, t becomes that child's start, and the walk repeats until no child
// ends at or before t. The tree's critical path is the root's path, in order of start.

export interface PathExecution {
  id: string;
  parentId: string | null;
  startMs: number;
  /** null while unfinished: it then ends at `nowMs`. */
  endMs: number | null;
}

export function criticalPath(executions: readonly PathExecution[], rootId: string, nowMs: number): string[] {
  const byId = new Map(executions.map((e) => [e.id, e]));
  const root = byId.get(rootId);
  if (!root) return [];
  const children = new Map<string, PathExecution[]>();
  for (const e of executions) {
    if (e.parentId === null || e.id === rootId || !byId.has(e.parentId)) continue;
    const list = children.get(e.parentId);
    if (list) list.push(e);
    else children.set(e.parentId, [e]);
  }
  const end = (e: PathExecution) => Math.max(e.startMs, e.endMs ?? nowMs);
  // end* for every execution, children before parents (iteratively: trees may be thousands deep).
  const subtreeEnd = new Map<string, number>();
  const order: PathExecution[] = [];
  const stack = [root];
  while (stack.length) {
    const e = stack.pop() as PathExecution;
    order.push(e);
    for (const c of children.get(e.id) ?? []) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const e = order[i] as PathExecution;
    let latest = end(e);
    for (const c of children.get(e.id) ?? []) latest = Math.max(latest, subtreeEnd.get(c.id) as number);
    subtreeEnd.set(e.id, latest);
  }
  const later = (a: PathExecution, b: PathExecution) => {
    const ea = subtreeEnd.get(a.id) as number;
    const eb = subtreeEnd.get(b.id) as number;
    if (ea !== eb) return eb - ea;
    if (a.startMs !== b.startMs) return b.startMs - a.startMs;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  };
  const path: string[] = [];
  // Walk depth first; each execution's blocking children are found latest first, then visited in start order.
  const visit: PathExecution[] = [root];
  while (visit.length) {
    const e = visit.pop() as PathExecution;
    path.push(e.id);
    const candidates = [...(children.get(e.id) ?? [])].sort(later);
    const blocking: PathExecution[] = [];
    let t = subtreeEnd.get(e.id) as number;
    for (const c of candidates) {
      if ((subtreeEnd.get(c.id) as number) > t) continue;
      blocking.push(c);
      t = c.startMs;
    }
    // blocking is latest first: pushed as is, the earliest is visited next.
    for (const c of blocking) visit.push(c);
  }
  return path;
}
