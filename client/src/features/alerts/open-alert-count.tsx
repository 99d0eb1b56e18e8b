// The number of open alerts, live: counted once, then counted again at each alert change (the
// `alerts` subscription), so the sidebar follows raises, acknowledgements and resolutions.
import { useEffect } from "react";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../../gql/index.ts";

const OpenAlertCountQuery = graphql(`
  query OpenAlertCount {
    alerts(state: [OPEN], first: 1) {
      totalCount
    }
  }
`);

export const AlertChangesSubscription = graphql(`
  subscription AlertChanges {
    alerts {
      event
      alert {
        id
        state
      }
    }
  }
`);

export function useOpenAlertCount(): number | null {
  const [{ data }, recount] = useQuery({ query: OpenAlertCountQuery, requestPolicy: "cache-and-network" });
  const [{ data: change }] = useSubscription({ query: AlertChangesSubscription });
  useEffect(() => {
    if (change) recount({ requestPolicy: "network-only" });
  }, [change, recount]);
  return data?.alerts.totalCount ?? null;
}

export function OpenAlertBadge() {
  const count = useOpenAlertCount();
  if (!count) return null;
  return (
    <span className="nav-badge" data-testid="open-alert-count" title={`${count} open alert${count === 1 ? "" : "s"}`}>
      {count}
    </span>
  );
}
