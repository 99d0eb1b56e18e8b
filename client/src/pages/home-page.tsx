// The first screen: what Baton is, how many agents, executions and runs it holds (live), and the
// three ways to get data in with the exact commands for this server.
import { Link } from "react-router-dom";
import { useQuery, useSubscription } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel } from "../components/ui/query-state.tsx";
import { GetDataIn } from "../features/onboarding/components/get-data-in.tsx";
import { graphql } from "../gql/index.ts";
import { useThrottled } from "../lib/use-throttled.ts";

const HomePageQuery = graphql(`
  query HomePage {
    agents(first: 1) {
      totalCount
    }
    executions(first: 1) {
      totalCount
    }
    workflowRuns(first: 1) {
      totalCount
    }
  }
`);

const HomeExecutionChanges = graphql(`
  subscription HomeExecutionChanges {
    executionChanges {
      resync
    }
  }
`);

/** New executions (a run's steps are executions too) refresh the counts at most this often. */
export const HOME_REFRESH_MS = 1000;

export function HomePage() {
  const [{ data, error }, refetch] = useQuery({ query: HomePageQuery, requestPolicy: "cache-and-network" });
  const refresh = useThrottled(() => refetch({ requestPolicy: "network-only" }), HOME_REFRESH_MS);
  useSubscription({ query: HomeExecutionChanges }, () => {
    refresh();
    return null;
  });
  const counts = [
    { to: "/agents", label: "agents", value: data?.agents.totalCount, testId: "home-agents" },
    { to: "/traces", label: "executions", value: data?.executions.totalCount, testId: "home-executions" },
    { to: "/workflows", label: "workflow runs", value: data?.workflowRuns.totalCount, testId: "home-runs" },
  ];
  return (
    <>
      <title>Home · Baton</title>
      <PageHeader
        title="Baton"
        subtitle={
          <>
            Baton records what your AI coding agents do — every execution and every handoff from one agent to another —
            and shows it live as traces, a timeline, a handoff graph and metrics. It also runs reusable multi-agent
            workflows and watches each agent's health, so you can see why a run failed and which agent to fix.
          </>
        }
      />
      {error && !data ? <ErrorPanel error={error} title="Could not load the counts" /> : null}
      <ul className="home-counts" aria-label="What this Baton holds">
        {counts.map((c) => (
          <li key={c.to}>
            <Link className="card home-count" to={c.to} data-testid={c.testId}>
              <span className="home-count-value">{c.value === undefined ? "…" : c.value.toLocaleString("en-US")}</span>
              <span className="home-count-label">{c.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      <GetDataIn />
    </>
  );
}
