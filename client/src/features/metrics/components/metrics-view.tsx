// What the metrics page shows for a loaded range: the key-figure cards, then the charts (a chunk of
// their own, nivo being most of the page's weight), or a note when the range has no executions.
import { recordExecutionCommand } from "../../onboarding/api-commands.ts";
import { EmptyWithCommand } from "../../onboarding/components/empty-with-command.tsx";
import { lazy, Suspense } from "react";
import { Loading } from "../../../components/ui/query-state.tsx";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";
import type { BarKey } from "../lib/series.ts";
import { MetricsCards } from "./metrics-cards.tsx";

const MetricsCharts = lazy(() => import("./metrics-charts.tsx"));

export const MetricsView_MetricsFragment = graphql(`
  fragment MetricsViewMetrics on Metrics {
    granularity
    summary {
      total
      successes
      failures
      successRate
      avgDurationMs
      p50DurationMs
      p95DurationMs
    }
    previous {
      total
      successes
      failures
      successRate
      avgDurationMs
      p50DurationMs
      p95DurationMs
    }
    series {
      label
      start
      total
      successes
      failures
      successRate
      avgDurationMs
      p50DurationMs
      p95DurationMs
    }
    agents {
      agentName
      summary {
        total
        successes
        failures
        successRate
        avgDurationMs
        p95DurationMs
        inputTokens
        outputTokens
        costUsd
      }
      series {
        label
        start
        total
        successes
        failures
        successRate
        avgDurationMs
        p50DurationMs
        p95DurationMs
      }
    }
  }
`);

interface MetricsViewProps {
  metrics: FragmentType<typeof MetricsView_MetricsFragment>;
  picked: readonly string[];
  /** The label of the bucket still filling up (the range reaches past now), if any. */
  inProgress?: string | null;
  onOpenBucket: (label: string, agent: string | null) => void;
  onOpenAgent: (agent: string, key: BarKey) => void;
}

export function MetricsView({ metrics: ref, picked, inProgress = null, onOpenBucket, onOpenAgent }: MetricsViewProps) {
  const metrics = useFragment(MetricsView_MetricsFragment, ref);
  return (
    <>
      <MetricsCards summary={metrics.summary} previous={metrics.previous} />
      {metrics.summary.total === 0 ? (
        <EmptyWithCommand
          title="No executions in this range"
          label="record an execution"
          command={(t) => recordExecutionCommand(t)}
        >
          <p>Widen the dates or pick other agents. New executions show up here live, for example:</p>
        </EmptyWithCommand>
      ) : (
        <Suspense fallback={<Loading label="Loading the charts…" />}>
          <MetricsCharts
            granularity={fromEnum(metrics.granularity)}
            series={metrics.series}
            agents={metrics.agents}
            picked={picked}
            inProgress={inProgress}
            onOpenBucket={onOpenBucket}
            onOpenAgent={onOpenAgent}
          />
        </Suspense>
      )}
    </>
  );
}
