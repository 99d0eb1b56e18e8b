// Mouse, touch and keys on the timeline canvas: drag pans (time sideways, lanes up and down), the
// wheel zooms around the pointer (a sideways or shift+wheel pans), a click selects the bar under
// it; +/−/0 and the arrow keys do the same from the keyboard.
import { type RefObject, useEffect, useRef } from "react";
import { type BarBox, hitTest } from "../lib/layout.ts";
import { panView, xToTime, zoomView } from "../lib/time-scale.ts";
import type { TimeView } from "../lib/types.ts";
import type { Painter } from "./use-timeline-painter.ts";

export interface PointerCallbacks {
  onSelect: (id: string) => void;
  onHover: (bar: BarBox | null, x: number, y: number) => void;
  onFit: () => void;
}

const WHEEL_ZOOM = 0.0015;

export function useTimelinePointer(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  scrollerRef: RefObject<HTMLElement | null>,
  painter: Painter,
  callbacks: PointerCallbacks,
) {
  const latest = useRef(callbacks);
  latest.current = callbacks;
  const { view, bars, setView } = painter;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let drag: { x: number; y: number; view: TimeView; scrollTop: number; moved: boolean } | null = null;
    const local = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top] as const;
    };
    const width = () => canvas.clientWidth || 1;

    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      canvas.setPointerCapture(e.pointerId);
      drag = {
        x: e.clientX,
        y: e.clientY,
        view: view.current,
        scrollTop: scrollerRef.current?.scrollTop ?? 0,
        moved: false,
      };
    };
    const move = (e: PointerEvent) => {
      if (drag) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (!drag.moved && Math.hypot(dx, dy) < 4) return;
        if (!drag.moved) latest.current.onHover(null, 0, 0);
        drag.moved = true;
        canvas.style.cursor = "grabbing";
        setView(panView(drag.view, dx, width()));
        if (scrollerRef.current) scrollerRef.current.scrollTop = drag.scrollTop - dy;
        return;
      }
      const [x, y] = local(e);
      const hit = hitTest(bars.current, x, y);
      canvas.style.cursor = hit ? "pointer" : "grab";
      latest.current.onHover(hit, x, y);
    };
    const up = (e: PointerEvent) => {
      if (!drag) return;
      const clicked = !drag.moved;
      drag = null;
      canvas.style.cursor = "";
      if (!clicked) return;
      const [x, y] = local(e);
      const hit = hitTest(bars.current, x, y);
      if (hit) latest.current.onSelect(hit.id);
    };
    const cancel = () => {
      drag = null;
      canvas.style.cursor = "";
    };
    const leave = () => {
      if (!drag) latest.current.onHover(null, 0, 0);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? canvas.clientHeight : 1;
      const dx = (e.shiftKey ? e.deltaY : e.deltaX) * unit;
      const dy = e.shiftKey ? 0 : e.deltaY * unit;
      if (Math.abs(dx) > Math.abs(dy)) {
        setView(panView(view.current, -dx, width()));
        return;
      }
      const [x] = local(e);
      setView(zoomView(view.current, Math.exp(dy * WHEEL_ZOOM), xToTime(view.current, width(), x)));
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === "0") {
        e.preventDefault();
        latest.current.onFit();
        return;
      }
      const next = keyMove(view.current, e.key, width());
      if (!next) return;
      e.preventDefault();
      setView(next);
    };

    canvas.addEventListener("pointerdown", down);
    canvas.addEventListener("pointermove", move);
    canvas.addEventListener("pointerup", up);
    canvas.addEventListener("pointercancel", cancel);
    canvas.addEventListener("pointerleave", leave);
    canvas.addEventListener("wheel", wheel, { passive: false });
    canvas.addEventListener("keydown", key);
    return () => {
      canvas.removeEventListener("pointerdown", down);
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerup", up);
      canvas.removeEventListener("pointercancel", cancel);
      canvas.removeEventListener("pointerleave", leave);
      canvas.removeEventListener("wheel", wheel);
      canvas.removeEventListener("keydown", key);
    };
  }, [canvasRef, scrollerRef, view, bars, setView]);
}

function keyMove(v: TimeView, key: string, width: number): TimeView | null {
  const mid = (v.startMs + v.endMs) / 2;
  if (key === "+" || key === "=") return zoomView(v, 0.5, mid);
  if (key === "-") return zoomView(v, 2, mid);
  if (key === "ArrowLeft") return panView(v, width / 5, width);
  if (key === "ArrowRight") return panView(v, -width / 5, width);
  return null;
}
