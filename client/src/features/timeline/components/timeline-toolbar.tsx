import { formatSpan } from "../lib/time-scale.ts";
import { TimelineLegend } from "./timeline-legend.tsx";

interface TimelineToolbarProps {
  span: number;
  onZoom: (factor: number) => void;
  onFit: () => void;
  onCollapseAll: () => void;
  onExpandAll: () => void;
}

export function TimelineToolbar({ span, onZoom, onFit, onCollapseAll, onExpandAll }: TimelineToolbarProps) {
  return (
    <div className="timeline-toolbar">
      <div className="button-group">
        <button type="button" className="button button-small" aria-label="Zoom out" onClick={() => onZoom(2)}>
          −
        </button>
        <span className="zoom-readout" aria-live="polite" data-testid="timeline-span">
          {formatSpan(span)}
        </span>
        <button type="button" className="button button-small" aria-label="Zoom in" onClick={() => onZoom(0.5)}>
          +
        </button>
        <button type="button" className="button button-small" onClick={onFit}>
          Fit
        </button>
      </div>
      <div className="button-group">
        <button type="button" className="button button-small button-ghost" onClick={onCollapseAll}>
          Collapse all
        </button>
        <button type="button" className="button button-small button-ghost" onClick={onExpandAll}>
          Expand all
        </button>
      </div>
      <TimelineLegend />
    </div>
  );
}
