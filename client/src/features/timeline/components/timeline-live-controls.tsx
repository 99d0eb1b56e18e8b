// Live updates away from "now": "N new trees — show" counts the trees that arrived while the user
// looks at older trees or a zoomed axis (they are not drawn under the reader); "Follow live" keeps
// the view on the newest trees and the present instead.
import { plural } from "../../../lib/format.ts";

interface TimelineLiveControlsProps {
  /** New trees held out of the view. */
  held: number;
  follow: boolean;
  onShow: () => void;
  onFollow: (on: boolean) => void;
}

export function TimelineLiveControls({ held, follow, onShow, onFollow }: TimelineLiveControlsProps) {
  return (
    <section className="timeline-live" aria-label="Live updates">
      <button
        type="button"
        className={`button button-small${follow ? " button-primary" : ""}`}
        aria-pressed={follow}
        data-testid="timeline-follow"
        onClick={() => onFollow(!follow)}
      >
        <span className={`follow-dot${follow ? " follow-dot-on" : ""}`} aria-hidden="true" />
        Follow live
      </button>
      {held > 0 ? (
        <button type="button" className="button button-small" data-testid="timeline-new" onClick={onShow}>
          {plural(held, "new tree")} — show
        </button>
      ) : null}
      <span className="visually-hidden" aria-live="polite">
        {held > 0 ? `${plural(held, "new tree")} arrived` : ""}
      </span>
    </section>
  );
}
