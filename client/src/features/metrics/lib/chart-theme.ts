// The charts in the dashboard's colours (styles.css tokens): quiet axes and grid, status colours for
// successes and failures, and a palette of agent colours that stays readable when overlaid.
import type { LineSvgProps } from "@nivo/line";
import { useMemo } from "react";
import { useThemeTokens } from "../../../lib/theme.ts";
import { STATUS_COLORS } from "../../timeline/lib/status-colors.ts";
import type { BarKey, LineSeriesData } from "./series.ts";

type ChartTheme = NonNullable<LineSvgProps<LineSeriesData>["theme"]>;

/** The styles.css tokens the charts' text and lines take (read by useThemeTokens). */
export const CHART_TOKENS = {
  text: "--text-muted",
  strong: "--text-strong",
  axis: "--border-strong",
  grid: "--hover-bg",
} as const;

export function chartTheme(p: Record<keyof typeof CHART_TOKENS, string>): ChartTheme {
  return {
    background: "transparent",
    text: {
      fontFamily: '"Inter", ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
      fontSize: 11.5,
      fill: p.text,
    },
    axis: {
      domain: { line: { stroke: p.axis, strokeWidth: 1 } },
      ticks: { line: { stroke: p.axis, strokeWidth: 1 }, text: { fill: p.text } },
      legend: { text: { fill: p.strong, fontSize: 12, fontWeight: 600 } },
    },
    grid: { line: { stroke: p.grid, strokeWidth: 1 } },
    crosshair: { line: { stroke: p.text, strokeWidth: 1, strokeOpacity: 0.5 } },
    labels: { text: { fill: "#ffffff", fontSize: 11, fontWeight: 600 } },
    legends: { text: { fill: p.text } },
  };
}

/** The charts' theme in the dashboard's theme in force. */
export function useChartTheme(): ChartTheme {
  const tokens = useThemeTokens(CHART_TOKENS);
  return useMemo(() => chartTheme(tokens), [tokens]);
}

export const SUCCESS_COLOR = STATUS_COLORS.success;
export const DURATION_COLORS = { p95: "#f79009", Average: "#4f46e5" } as const;

export const BAR_COLORS: Record<BarKey, string> = {
  successes: STATUS_COLORS.success,
  failures: STATUS_COLORS.failure,
  other: STATUS_COLORS.pending,
};

export const BAR_LABELS: Record<BarKey, string> = {
  successes: "Successes",
  failures: "Failures",
  other: "Other (pending, running, cancelled)",
};

/** Agent lines: distinct hues, none of them the success green or failure red. */
const AGENT_PALETTE = [
  "#4f46e5",
  "#f79009",
  "#0e9384",
  "#dd2590",
  "#2e90fa",
  "#7a5af8",
  "#b54708",
  "#66c61c",
  "#475467",
  "#06aed4",
];

export function agentColor(index: number): string {
  return AGENT_PALETTE[index % AGENT_PALETTE.length] ?? "#4f46e5";
}
