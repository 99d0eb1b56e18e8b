// Windowing for long tables: which rows of a scrolled list to put in the DOM. Rows share one height
// (the table keeps each row to one line), so the window is arithmetic on the scroll position.

export interface RowWindow {
  /** First row rendered. */
  first: number;
  /** One past the last row rendered. */
  last: number;
}

/**
 * The rows in view in a scroller of `viewport` px scrolled to `scrollTop`, whose first row starts
 * `offset` px down (below the table's head), plus `overscan` rows on each side.
 */
export function rowWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  offset: number,
  count: number,
  overscan: number,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const top = Math.min(count - 1, Math.floor(Math.max(0, scrollTop - offset) / rowHeight));
  const shown = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  return { first: Math.max(0, top - overscan), last: Math.min(count, top + shown + overscan) };
}
