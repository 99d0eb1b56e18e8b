// A link to an execution the timeline has not loaded (older than the range shown, or on an older
// page): look up its tree's extent — the root's start to the latest start below it — and widen the
// range to it, so `?execution=<id>` opens however old the execution is. Once per id.
import { useEffect, useRef } from "react";
import { useClient } from "urql";
import { graphql } from "../../../gql/index.ts";

const ExecutionRoot = graphql(`
  query TimelineExecutionRoot($id: ID!) {
    execution(id: $id) {
      id
      timestamp
      ancestors {
        id
      }
    }
  }
`);

const TreeExtent = graphql(`
  query TimelineTreeExtent($id: ID!) {
    execution(id: $id) {
      id
      timestamp
      descendants {
        id
        timestamp
      }
    }
  }
`);

export interface OpenTreeOptions {
  /** The execution in the URL, if any. */
  id: string | null;
  /** The page's data has loaded and does not hold `id`. */
  missing: boolean;
  /** The range shown (ms, end exclusive; null for open) and whether an older page is shown. */
  range: { startMs: number | null; endMs: number | null; paged: boolean };
  open: (startDate: string, endDate: string) => void;
}

export function useOpenExecutionTree({ id, missing, range, open }: OpenTreeOptions) {
  const client = useClient();
  const tried = useRef(new Set<string>());
  const latest = useRef({ range, open });
  latest.current = { range, open };
  useEffect(() => {
    if (!id || !missing || tried.current.has(id)) return;
    tried.current.add(id);
    void (async () => {
      const found = await client.query(ExecutionRoot, { id }, { requestPolicy: "network-only" }).toPromise();
      const execution = found.data?.execution;
      if (!execution) return; // the detail panel says it does not exist
      const rootId = execution.ancestors[0]?.id ?? execution.id;
      const tree = await client.query(TreeExtent, { id: rootId }, { requestPolicy: "network-only" }).toPromise();
      const root = tree.data?.execution;
      if (!root) return;
      const startMs = Date.parse(root.timestamp);
      const endMs = root.descendants.reduce((m, d) => Math.max(m, Date.parse(d.timestamp)), startMs);
      const { range: r, open: openRange } = latest.current;
      const inside = !r.paged && (r.startMs === null || r.startMs <= startMs) && (r.endMs === null || endMs < r.endMs);
      if (!inside) openRange(new Date(startMs).toISOString(), new Date(endMs).toISOString());
    })();
  }, [client, id, missing]);
}
