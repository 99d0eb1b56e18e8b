// The metrics page's charts (loaded on their own: nivo and d3 are most of the page's weight):
// success rate and durations over time, executions by agent, and the agent comparison. Every point
// and bar opens the timeline for what it counts.
import { agentColor, BAR_COLORS, BAR_LABELS, DURATION_COLORS, SUCCESS_COLOR } from "../lib/chart-theme.ts";
import { formatBucketLabel, formatCount, formatDuration, formatDurationTick, trimDecimal } from "../lib/format.ts";
import {
  agentBars,
  type BarKey,
  compareSeries,
  durationAxis,
  durationSeries,
  hasPoints,
  p95Duration,
  rateAxisMin,
  successPercent,
  successRateSeries,
} from "../lib/series.ts";
import type { AgentMetricsFields, Granularity, MetricsBucketFields } from "../lib/types.ts";
import { byAgentChartHeight, ExecutionsByAgentChart } from "./executions-by-agent-chart.tsx";
import { MetricsLineChart, TooltipRow } from "./metrics-line-chart.tsx";
import { ChartDataTable, ChartLegend, ChartPanel } from "./chart-panel.tsx";
import {
  TOKEN_COLORS,
  TOKEN_KEYS,
  TOKEN_LABELS,
  TokensByAgentChart,
  tokenBars,
  tokensChartHeight,
} from "./tokens-by-agent-chart.tsx";

export interface MetricsChartsProps {
  granularity: Granularity;
  series: readonly MetricsBucketFields[];
  agents: readonly AgentMetricsFields[];
  /** Agents picked for comparison (the page's agent filter). */
  picked: readonly string[];
  /** The label of the bucket still filling up, marked in the data tables. */
  inProgress?: string | null;
  onOpenBucket: (label: string, agent: string | null) => void;
  onOpenAgent: (agent: string, key: BarKey) => void;
  /** Draw every chart this wide instead of filling its panel (jsdom measures containers as 0×0). */
  fixedWidth?: number;
}

const LINE_HEIGHT = 240;
const formatPercent = (v: number) => `${trimDecimal(v)}%`;
const formatPercentTick = (v: number) => `${v}%`;

export default function MetricsCharts(props: MetricsChartsProps) {
  const { granularity, series, agents, picked, inProgress = null, onOpenBucket, onOpenAgent, fixedWidth } = props;
  const size = fixedWidth ? { width: fixedWidth, height: LINE_HEIGHT } : undefined;
  const overall = new Map(series.map((b) => [b.label, b]));
  const byAgent = new Map(agents.map((a) => [a.agentName, new Map(a.series.map((b) => [b.label, b]))]));
  const bucketOf = (label: string, agent: string | null) =>
    agent === null ? overall.get(label) : byAgent.get(agent)?.get(label);
  const executions = (label: string, agent: string | null) => {
    const b = bucketOf(label, agent);
    return b ? (
      <>
        <TooltipRow name="Executions" value={formatCount(b.total)} />
        <TooltipRow name="Failures" value={formatCount(b.failures)} />
      </>
    ) : null;
  };
  const durationDetails = (label: string, agent: string | null) => {
    const b = bucketOf(label, agent);
    return b ? (
      <>
        <TooltipRow name="p50" value={formatDuration(b.p50DurationMs)} />
        <TooltipRow name="Executions" value={formatCount(b.total)} />
      </>
    ) : null;
  };

  const success = successRateSeries(series);
  const durations = durationSeries(series);
  const bars = agentBars(agents);
  const tokens = tokenBars(agents);
  const compareRate = compareSeries(picked, agents, series, successPercent);
  const compareP95 = compareSeries(picked, agents, series, p95Duration);
  const durationScale = durationAxis(durations);
  const compareP95Scale = durationAxis(compareP95);
  const compareColors = compareRate.map((_, i) => agentColor(i));
  const successMin = rateAxisMin(success);
  const compareMin = rateAxisMin(compareRate);
  const axisNote = (min: number) => (min > 0 ? `The axis starts at ${min}%, not 0.` : null);
  /** A bucket's name in the tables: `Dec 3, 2026`, marked when it is still filling up. */
  const bucketName = (label: string) =>
    `${formatBucketLabel(label, granularity, "long")}${label === inProgress ? " (in progress)" : ""}`;
  const rate = (v: number | null) => (v === null ? "—" : formatPercent(v));
  const duration = (v: number | null) => (v === null ? "—" : formatDuration(v));

  return (
    <div className="metrics-charts">
      <ChartPanel
        title="Success rate"
        caption="Successes of finished executions, per bucket"
        legend={<ChartLegend items={[{ name: "Success rate", color: SUCCESS_COLOR }]} />}
        testId="metrics-success-chart"
        height={LINE_HEIGHT}
        empty={hasPoints(success) ? null : "No finished executions in this range"}
        note={axisNote(successMin)}
        table={
          <ChartDataTable
            title="Success rate"
            columns={["Bucket", "Success rate", "Executions", "Failures"]}
            rows={series.map((b) => [
              bucketName(b.label),
              rate(successPercent(b)),
              formatCount(b.total),
              formatCount(b.failures),
            ])}
          />
        }
      >
        <MetricsLineChart
          series={success}
          colors={[SUCCESS_COLOR]}
          granularity={granularity}
          ariaLabel="Success rate per bucket"
          mode="slice"
          formatValue={formatPercent}
          formatTick={formatPercentTick}
          yMin={successMin}
          yMax={100}
          describe={executions}
          onOpen={onOpenBucket}
          size={size}
        />
      </ChartPanel>
      <ChartPanel
        title="Duration"
        caption="Average and 95th percentile of finished executions"
        legend={
          <ChartLegend
            items={[
              { name: "p95", color: DURATION_COLORS.p95 },
              { name: "Average", color: DURATION_COLORS.Average },
            ]}
          />
        }
        testId="metrics-duration-chart"
        height={LINE_HEIGHT}
        empty={hasPoints(durations) ? null : "No finished executions in this range"}
        table={
          <ChartDataTable
            title="Duration"
            columns={["Bucket", "p95", "Average", "Executions"]}
            rows={series.map((b) => [
              bucketName(b.label),
              duration(p95Duration(b)),
              duration(b.avgDurationMs),
              formatCount(b.total),
            ])}
          />
        }
      >
        <MetricsLineChart
          series={durations}
          colors={[DURATION_COLORS.p95, DURATION_COLORS.Average]}
          granularity={granularity}
          ariaLabel="Average and p95 duration per bucket"
          mode="slice"
          formatValue={formatDuration}
          formatTick={formatDurationTick}
          yMax={durationScale.max}
          yTicks={durationScale.ticks}
          describe={durationDetails}
          onOpen={onOpenBucket}
          size={size}
        />
      </ChartPanel>
      <ChartPanel
        title="Executions by agent"
        caption="Over the whole range; click a segment to see those executions"
        legend={
          <ChartLegend
            items={(["successes", "failures", "other"] as const).map((k) => ({
              name: k === "other" ? "Other" : BAR_LABELS[k],
              color: BAR_COLORS[k],
            }))}
          />
        }
        testId="metrics-by-agent-chart"
        height={byAgentChartHeight(bars.length)}
        empty={bars.length ? null : "No executions in this range"}
        wide
        table={
          <ChartDataTable
            title="Executions by agent"
            columns={["Agent", "Successes", "Failures", "Other", "Total"]}
            rows={[...bars]
              .reverse()
              .map((b) => [
                b.agent,
                formatCount(b.successes),
                formatCount(b.failures),
                formatCount(b.other),
                formatCount(b.total),
              ])}
          />
        }
      >
        <ExecutionsByAgentChart bars={bars} onOpen={onOpenAgent} width={fixedWidth} />
      </ChartPanel>
      <ChartPanel
        title="Tokens and cost by agent"
        caption="Over the whole range, from the executions that reported them (the claude runner, Claude Code's hooks, or the recorder)"
        legend={<ChartLegend items={TOKEN_KEYS.map((k) => ({ name: TOKEN_LABELS[k], color: TOKEN_COLORS[k] }))} />}
        testId="metrics-tokens-chart"
        height={tokensChartHeight(tokens.length)}
        empty={tokens.length ? null : "No execution in this range reported tokens or a cost"}
        wide
        table={
          <ChartDataTable
            title="Tokens and cost by agent"
            columns={["Agent", "Input tokens", "Output tokens", "Cost"]}
            rows={[...tokens].reverse().map((b) => [b.agent, formatCount(b.input), formatCount(b.output), b.cost])}
          />
        }
      >
        <TokensByAgentChart bars={tokens} width={fixedWidth} />
      </ChartPanel>
      <section className="panel metrics-panel metrics-panel-wide" aria-labelledby="metrics-compare-title">
        <header className="metrics-panel-head">
          <div>
            <h2 id="metrics-compare-title">Agent comparison</h2>
            <p className="metrics-panel-caption">
              {picked.length
                ? "One line per picked agent"
                : "All agents together — pick agents in the Agents filter to overlay them"}
            </p>
          </div>
          <ChartLegend items={compareRate.map((s, i) => ({ name: s.id, color: compareColors[i] ?? "#4f46e5" }))} />
        </header>
        <div className="metrics-compare" data-testid="metrics-compare-chart">
          <figure className="metrics-compare-item">
            <figcaption>Success rate</figcaption>
            <div className="metrics-chart" style={{ height: LINE_HEIGHT }}>
              <MetricsLineChart
                series={compareRate}
                colors={compareColors}
                granularity={granularity}
                ariaLabel="Success rate per agent and bucket"
                mode="point"
                formatValue={formatPercent}
                formatTick={formatPercentTick}
                yMin={compareMin}
                yMax={100}
                describe={executions}
                onOpen={onOpenBucket}
                size={size}
              />
            </div>
            {axisNote(compareMin) ? <p className="axis-note">{axisNote(compareMin)}</p> : null}
          </figure>
          <figure className="metrics-compare-item">
            <figcaption>p95 duration</figcaption>
            <div className="metrics-chart" style={{ height: LINE_HEIGHT }}>
              <MetricsLineChart
                series={compareP95}
                colors={compareColors}
                granularity={granularity}
                ariaLabel="p95 duration per agent and bucket"
                mode="point"
                formatValue={formatDuration}
                formatTick={formatDurationTick}
                yMax={compareP95Scale.max}
                yTicks={compareP95Scale.ticks}
                describe={durationDetails}
                onOpen={onOpenBucket}
                size={size}
              />
            </div>
          </figure>
        </div>
        <ChartDataTable
          title="Agent comparison"
          columns={[
            "Bucket",
            ...compareRate.map((s) => `${s.id} success rate`),
            ...compareP95.map((s) => `${s.id} p95`),
          ]}
          rows={series.map((b) => [
            bucketName(b.label),
            ...compareRate.map((s) => rate(s.data.find((p) => p.x === b.label)?.y ?? null)),
            ...compareP95.map((s) => duration(s.data.find((p) => p.x === b.label)?.y ?? null)),
          ])}
        />
      </section>
    </div>
  );
}
