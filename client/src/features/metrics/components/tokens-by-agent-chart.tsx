// Tokens per agent over the range as horizontal stacked bars (input, output), the cost in the
// tooltip and the table; agents whose executions reported no tokens are left out.
import { Bar, type BarTooltipProps, type ComputedDatum, ResponsiveBar } from "@nivo/bar";
import { formatUsd } from "../../../lib/format.ts";
import { useChartTheme } from "../lib/chart-theme.ts";
import { formatCount } from "../lib/format.ts";
import type { AgentMetricsFields } from "../lib/types.ts";
import { BAR_ROW_HEIGHT } from "./executions-by-agent-chart.tsx";
import { MetricsTooltip, TooltipRow } from "./metrics-line-chart.tsx";

export const TOKEN_KEYS = ["input", "output"] as const;
export type TokenKey = (typeof TOKEN_KEYS)[number];
export const TOKEN_COLORS: Record<TokenKey, string> = { input: "#4f46e5", output: "#0e9384" };
export const TOKEN_LABELS: Record<TokenKey, string> = { input: "Input tokens", output: "Output tokens" };

export interface TokenBar {
  agent: string;
  input: number;
  output: number;
  /** The cost as shown (`$0.0123`, or `—` when none was reported). */
  cost: string;
  [key: string]: string | number;
}

/** One bar per agent that reported tokens or a cost, fewest tokens first (nivo draws bottom-up). */
export function tokenBars(agents: readonly AgentMetricsFields[]): TokenBar[] {
  return agents
    .filter((a) => a.summary.inputTokens != null || a.summary.outputTokens != null || a.summary.costUsd != null)
    .map((a) => ({
      agent: a.agentName,
      input: a.summary.inputTokens ?? 0,
      output: a.summary.outputTokens ?? 0,
      cost: a.summary.costUsd == null ? "—" : formatUsd(a.summary.costUsd),
    }))
    .sort((x, y) => x.input + x.output - (y.input + y.output) || y.agent.localeCompare(x.agent));
}

const MARGIN = { top: 6, right: 24, bottom: 34 };

export function tokensChartHeight(rows: number): number {
  return Math.max(140, rows * BAR_ROW_HEIGHT + MARGIN.top + MARGIN.bottom);
}

export function TokensByAgentChart({ bars, width }: { bars: TokenBar[]; width?: number }) {
  const longest = bars.reduce((n, b) => Math.max(n, b.agent.length), 0);
  const theme = useChartTheme();
  const chart = {
    data: bars,
    keys: [...TOKEN_KEYS],
    indexBy: "agent",
    layout: "horizontal" as const,
    groupMode: "stacked" as const,
    theme,
    margin: { ...MARGIN, left: Math.min(180, 16 + longest * 7) },
    padding: 0.3,
    colors: ({ id }: ComputedDatum<TokenBar>) => TOKEN_COLORS[id as TokenKey],
    borderRadius: 2,
    enableGridX: true,
    enableGridY: false,
    gridXValues: 5,
    axisBottom: { tickSize: 4, tickPadding: 6, tickValues: 5, format: (v: number) => formatCount(v) },
    axisLeft: { tickSize: 0, tickPadding: 8 },
    enableLabel: false,
    animate: false,
    tooltip: TokenTooltip,
    role: "img",
    ariaLabel: "Tokens by agent: input and output tokens over the range (the data table lists them with the cost)",
  };
  const height = tokensChartHeight(bars.length);
  return (
    <div className="chart-box">
      {width ? <Bar {...chart} width={width} height={height} /> : <ResponsiveBar {...chart} />}
    </div>
  );
}

function TokenTooltip({ id, value, data, color }: BarTooltipProps<TokenBar>) {
  return (
    <MetricsTooltip title={data.agent}>
      <TooltipRow color={color} name={TOKEN_LABELS[id as TokenKey]} value={formatCount(value)} />
      <TooltipRow name="Cost" value={data.cost} />
    </MetricsTooltip>
  );
}
