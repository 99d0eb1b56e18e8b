// The range's key figures, each against the previous period of the same length: executions,
// success rate, average and p95 duration.
import { type CardMetric, comparable, computeChange } from "../lib/change.ts";
import { formatCount, formatDuration, formatRate } from "../lib/format.ts";
import type { MetricsStatsFields } from "../lib/types.ts";

interface CardSpec {
  metric: CardMetric;
  testId: string;
  title: string;
  value: (s: MetricsStatsFields) => number | null;
  format: (v: number | null) => string;
  detail: (s: MetricsStatsFields) => string;
}

const CARDS: CardSpec[] = [
  {
    metric: "executions",
    testId: "metrics-card-executions",
    title: "Executions",
    value: (s) => s.total,
    format: (v) => formatCount(v ?? 0),
    detail: (s) => {
      const other = s.total - s.successes - s.failures;
      return `${formatCount(s.successes)} succeeded · ${formatCount(s.failures)} failed${other > 0 ? ` · ${formatCount(other)} other` : ""}`;
    },
  },
  {
    metric: "successRate",
    testId: "metrics-card-success-rate",
    title: "Success rate",
    value: (s) => s.successRate,
    format: formatRate,
    detail: (s) => `of ${formatCount(s.successes + s.failures)} finished`,
  },
  {
    metric: "avgDuration",
    testId: "metrics-card-avg-duration",
    title: "Avg duration",
    value: (s) => s.avgDurationMs,
    format: formatDuration,
    detail: (s) =>
      s.p50DurationMs === null || s.p50DurationMs === undefined ? "" : `median ${formatDuration(s.p50DurationMs)}`,
  },
  {
    metric: "p95Duration",
    testId: "metrics-card-p95-duration",
    title: "p95 duration",
    value: (s) => s.p95DurationMs,
    format: formatDuration,
    detail: (s) => (s.p95DurationMs === null ? "" : "95% of executions finish within it"),
  },
];

export function MetricsCards({ summary, previous }: { summary: MetricsStatsFields; previous: MetricsStatsFields }) {
  return (
    <div className="metrics-cards">
      {CARDS.map((card) => {
        const current = card.value(summary);
        const before = comparable(card.value(previous), previous.total);
        const change = computeChange(card.metric, current, before);
        const titleId = `${card.testId}-title`;
        return (
          <article key={card.metric} className="card metric-card" data-testid={card.testId} aria-labelledby={titleId}>
            <h2 id={titleId} className="metric-card-title">
              {card.title}
            </h2>
            <p className="metric-card-value">{card.format(current)}</p>
            <p
              className={`metric-card-change metric-change-${change.tone}`}
              data-testid="metrics-card-change"
              data-direction={change.direction}
              data-tone={change.tone}
              title={change.description}
            >
              {change.arrow ? <span aria-hidden="true">{change.arrow}</span> : null}
              <span className="visually-hidden">
                {change.direction === "up" ? "Up " : change.direction === "down" ? "Down " : ""}
              </span>
              <span className="metric-card-delta">{change.text}</span>
              <span className="metric-card-versus">
                {before === null ? "no previous data" : `vs ${card.format(before)} before`}
              </span>
            </p>
            <p className="metric-card-detail">{card.detail(summary) || "\u00a0"}</p>
          </article>
        );
      })}
    </div>
  );
}
