// A windowed table body: the rows around the scroller's view are rendered, the rest stand in as
// two spacer rows of the same height, so 2,000 rows cost what 60 do. The scroller is measured on
// scroll and resize, the row height from a rendered row (rows are one line high).
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { type RowWindow, rowWindow } from "./row-window.ts";

export interface WindowedRows extends RowWindow {
  /** Put on the element that scrolls. */
  scroller: React.RefObject<HTMLElement | null>;
  /** Heights of the spacers above and below the rendered rows. */
  above: number;
  below: number;
}

export function useRowWindow(count: number, rowSelector: string, overscan: number, estimate = 56): WindowedRows {
  const scroller = useRef<HTMLElement | null>(null);
  const [m, setM] = useState({ scrollTop: 0, viewport: 0, rowHeight: estimate, offset: 0 });
  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const row = el.querySelector<HTMLElement>(rowSelector);
    const rowHeight = row ? row.getBoundingClientRect().height : estimate;
    // Rows start below the table's head (not below the spacer, which is part of the window).
    const head = el.querySelector("thead");
    const next = {
      scrollTop: el.scrollTop,
      viewport: el.clientHeight,
      rowHeight: rowHeight > 0 ? rowHeight : estimate,
      offset: head ? head.getBoundingClientRect().height : 0,
    };
    setM((p) =>
      p.scrollTop === next.scrollTop &&
      p.viewport === next.viewport &&
      p.rowHeight === next.rowHeight &&
      p.offset === next.offset
        ? p
        : next,
    );
  }, [rowSelector, estimate]);
  // Again when the count changes: the scroller appears with the first rows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: count marks the scroller's arrival
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    measure();
    el.addEventListener("scroll", measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      el.removeEventListener("scroll", measure);
      observer.disconnect();
    };
  }, [measure, count]);
  const w = rowWindow(m.scrollTop, m.viewport, m.rowHeight, m.offset, count, overscan);
  return { ...w, scroller, above: w.first * m.rowHeight, below: (count - w.last) * m.rowHeight };
}
