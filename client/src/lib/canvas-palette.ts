// The colours every canvas painter (timeline, trace Gantt) draws besides its bars, named by the
// styles.css token each comes from (read in the theme in force by useThemeTokens).

/** What every canvas painter (timeline, trace Gantt) draws besides its bars, from styles.css tokens. */
export interface CanvasPalette {
  ink: string;
  muted: string;
  grid: string;
  gridMajor: string;
  arrow: string;
  axis: string;
  axisRule: string;
  laneShaded: string;
  laneSelected: string;
}

export const CANVAS_PALETTE_TOKENS: Record<keyof CanvasPalette, `--${string}`> = {
  ink: "--text",
  muted: "--text-muted",
  grid: "--grid",
  gridMajor: "--grid-major",
  arrow: "--arrow",
  axis: "--surface",
  axisRule: "--border",
  laneShaded: "--surface-muted",
  laneSelected: "--lane-selected",
};
