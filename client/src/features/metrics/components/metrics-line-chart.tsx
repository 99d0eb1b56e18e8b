// A nivo line chart of bucketed figures: x = bucket label, gaps where a bucket has no figure.
// `slice` mode (one series group, e.g. overall) shows every line at the hovered bucket; `point`
// mode (one line per agent) picks the nearest point, so a click knows whose series it was.
import {
  Line,
  type LineSvgProps,
  type Point,
  type PointTooltipProps,
  ResponsiveLine,
  type SliceData,
  type SliceTooltipProps,
} from "@nivo/line";
import { createContext, type ReactNode, use } from "react";
import { useChartTheme } from "../lib/chart-theme.ts";
import { formatBucketLabel, thinTicks } from "../lib/format.ts";
import type { LineSeriesData } from "../lib/series.ts";
import type { Granularity } from "../lib/types.ts";

export interface MetricsLineChartProps {
  series: LineSeriesData[];
  colors: string[];
  granularity: Granularity;
  ariaLabel: string;
  mode: "slice" | "point";
  formatValue: (value: number) => string;
  formatTick: (value: number) => string;
  yMin?: number;
  yMax?: number | "auto";
  /** Explicit y ticks (and grid lines), e.g. round durations; else about five. */
  yTicks?: number[];
  /** Extra tooltip lines about a bucket, of one agent's series or (agent null) the overall one. */
  describe?: (label: string, agent: string | null) => ReactNode;
  onOpen: (label: string, agent: string | null) => void;
  /** Fixed size instead of the container's (jsdom measures 0×0). */
  size?: { width: number; height: number };
}

const MAX_X_TICKS = 8;

/** What the tooltips (module-level components, as nivo renders them) need from their chart. */
interface TooltipInfo {
  granularity: Granularity;
  formatValue: (value: number) => string;
  describe: MetricsLineChartProps["describe"];
  agentOf: (seriesId: string | number) => string | null;
}
const TooltipInfoContext = createContext<TooltipInfo | null>(null);

export function MetricsLineChart(props: MetricsLineChartProps) {
  const theme = useChartTheme();
  const { series, colors, granularity, mode, formatValue, formatTick, describe, onOpen } = props;
  const labels = series[0]?.data.map((p) => p.x) ?? [];
  const agentOf = (seriesId: string | number) => series.find((s) => s.id === seriesId)?.agent ?? null;
  const dense = labels.length > 40;

  const open = (datum: Readonly<Point<LineSeriesData>> | Readonly<SliceData<LineSeriesData>>) => {
    const point = "points" in datum ? datum.points[0] : datum;
    if (!point?.data.x) return;
    onOpen(String(point.data.x), mode === "point" ? agentOf(point.seriesId) : (series[0]?.agent ?? null));
  };

  // A line with no point at all (an agent just picked, before its figures arrive, or one with no
  // finished execution) has no path: nivo would write d="null" and the browser log an error.
  // Leave it out; each line keeps its own colour.
  const colorOf = new Map(series.map((s, i) => [s.id, colors[i % colors.length] ?? "#4f46e5"]));
  const drawn = series.filter((s) => s.data.some((p) => p.y !== null));

  const chart: Omit<LineSvgProps<LineSeriesData>, "width" | "height"> = {
    data: drawn,
    colors: (s: LineSeriesData) => colorOf.get(s.id) ?? "#4f46e5",
    theme,
    margin: { top: 14, right: 28, bottom: 34, left: 54 },
    xScale: { type: "point" },
    yScale: { type: "linear", min: props.yMin ?? 0, max: props.yMax ?? "auto" },
    axisBottom: {
      tickSize: 4,
      tickPadding: 6,
      tickValues: thinTicks(labels, MAX_X_TICKS),
      format: (v: string) => formatBucketLabel(v, granularity),
    },
    axisLeft: { tickSize: 4, tickPadding: 6, tickValues: props.yTicks ?? 5, format: (v: number) => formatTick(v) },
    gridYValues: props.yTicks ?? 5,
    enableGridX: false,
    lineWidth: 2,
    pointSize: dense ? 4 : 6,
    pointBorderWidth: 0,
    animate: false,
    enableSlices: mode === "slice" ? "x" : false,
    useMesh: mode === "point",
    sliceTooltip: SliceTooltip,
    tooltip: PointTooltip,
    onClick: open,
    role: "img",
    ariaLabel: props.ariaLabel,
  };
  return (
    <TooltipInfoContext value={{ granularity, formatValue, describe, agentOf }}>
      {props.size ? (
        <Line {...chart} width={props.size.width} height={props.size.height} />
      ) : (
        <ResponsiveLine {...chart} />
      )}
    </TooltipInfoContext>
  );
}

function SliceTooltip({ slice }: SliceTooltipProps<LineSeriesData>) {
  const info = use(TooltipInfoContext);
  const first = slice.points[0];
  if (!info || !first) return null;
  const label = String(first.data.x);
  // nivo lists a slice's points last series first; show them in the legend's order.
  const points = [...slice.points].sort((a, b) => a.seriesIndex - b.seriesIndex);
  return (
    <MetricsTooltip title={formatBucketLabel(label, info.granularity, "long")}>
      {points.map((p) => (
        <TooltipRow
          key={p.id}
          color={p.seriesColor}
          name={String(p.seriesId)}
          value={info.formatValue(Number(p.data.y))}
        />
      ))}
      {info.describe?.(label, info.agentOf(first.seriesId))}
    </MetricsTooltip>
  );
}

function PointTooltip({ point }: PointTooltipProps<LineSeriesData>) {
  const info = use(TooltipInfoContext);
  if (!info) return null;
  const label = String(point.data.x);
  return (
    <MetricsTooltip title={formatBucketLabel(label, info.granularity, "long")}>
      <TooltipRow
        color={point.seriesColor}
        name={String(point.seriesId)}
        value={info.formatValue(Number(point.data.y))}
      />
      {info.describe?.(label, info.agentOf(point.seriesId))}
    </MetricsTooltip>
  );
}

export function MetricsTooltip({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="metrics-tooltip">
      <strong>{title}</strong>
      <dl>{children}</dl>
      <span className="tooltip-hint">Click to open these executions in the timeline</span>
    </div>
  );
}

export function TooltipRow({ color, name, value }: { color?: string; name: string; value: string }) {
  return (
    <>
      <dt>
        {color ? <span className="status-dot" style={{ background: color }} aria-hidden="true" /> : null}
        {name}
      </dt>
      <dd>{value}</dd>
    </>
  );
}
