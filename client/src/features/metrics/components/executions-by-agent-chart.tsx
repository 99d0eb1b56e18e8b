// Executions per agent over the range as horizontal stacked bars (successes, failures, the rest);
// a segment opens the timeline for that agent and those statuses.
import { Bar, type BarTooltipProps, type ComputedDatum, ResponsiveBar } from "@nivo/bar";
import { type RefObject, useEffect, useRef } from "react";
import { BAR_COLORS, BAR_LABELS, useChartTheme } from "../lib/chart-theme.ts";
import { formatCount, formatRate } from "../lib/format.ts";
import { type AgentBar, BAR_KEYS, type BarKey } from "../lib/series.ts";
import { MetricsTooltip, TooltipRow } from "./metrics-line-chart.tsx";

export const BAR_ROW_HEIGHT = 34;
const MARGIN = { top: 6, right: 24, bottom: 34 };

export function byAgentChartHeight(rows: number): number {
  return Math.max(140, rows * BAR_ROW_HEIGHT + MARGIN.top + MARGIN.bottom);
}

interface ExecutionsByAgentChartProps {
  bars: AgentBar[];
  onOpen: (agent: string, key: BarKey) => void;
  width?: number;
}

export function ExecutionsByAgentChart({ bars, onOpen, width }: ExecutionsByAgentChartProps) {
  const theme = useChartTheme();
  const longest = bars.reduce((n, b) => Math.max(n, b.agent.length), 0);
  const chart = {
    data: bars,
    keys: BAR_KEYS,
    indexBy: "agent",
    layout: "horizontal" as const,
    groupMode: "stacked" as const,
    theme,
    margin: { ...MARGIN, left: Math.min(180, 16 + longest * 7) },
    padding: 0.3,
    colors: ({ id }: ComputedDatum<AgentBar>) => BAR_COLORS[id as BarKey],
    borderRadius: 2,
    enableGridX: true,
    enableGridY: false,
    gridXValues: 5,
    axisBottom: { tickSize: 4, tickPadding: 6, tickValues: 5, format: (v: number) => formatCount(v) },
    axisLeft: { tickSize: 0, tickPadding: 8 },
    labelSkipWidth: 26,
    labelSkipHeight: 12,
    labelTextColor: "#ffffff",
    animate: false,
    tooltip: BarTooltip,
    onClick: (d: ComputedDatum<AgentBar>) => onOpen(String(d.indexValue), d.id as BarKey),
    // The chart is a group of bars, each an image with its own label (a bar's label needs a role).
    role: "group",
    ariaLabel: "Executions by agent: successes, failures and other statuses",
    barAriaLabel: (d: ComputedDatum<AgentBar>) =>
      `${d.indexValue}: ${d.value ?? 0} ${BAR_LABELS[d.id as BarKey].toLowerCase()}`,
  };
  const height = byAgentChartHeight(bars.length);
  const box = useRef<HTMLDivElement>(null);
  useLabelledBarsAreImages(box);
  return (
    <div ref={box} className="chart-box">
      {width ? <Bar {...chart} width={width} height={height} /> : <ResponsiveBar {...chart} />}
    </div>
  );
}

/**
 * nivo's SVG bars carry an aria-label but no role, and ARIA allows a label only on an element with a
 * role: each labelled bar becomes an image (what it is), also when nivo redraws it.
 */
function useLabelledBarsAreImages(box: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const root = box.current;
    if (!root) return;
    const mark = () => {
      for (const rect of root.querySelectorAll("rect[aria-label]:not([role])")) rect.setAttribute("role", "img");
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });
    return () => observer.disconnect();
  }, [box]);
}

function BarTooltip({ id, value, data, color }: BarTooltipProps<AgentBar>) {
  return (
    <MetricsTooltip title={data.agent}>
      <TooltipRow color={color} name={BAR_LABELS[id as BarKey]} value={formatCount(value)} />
      <TooltipRow name="Executions" value={formatCount(data.total)} />
      <TooltipRow name="Success rate" value={formatRate(successRate(data))} />
    </MetricsTooltip>
  );
}

function successRate(bar: AgentBar): number | null {
  const finished = bar.successes + bar.failures;
  return finished ? bar.successes / finished : null;
}
