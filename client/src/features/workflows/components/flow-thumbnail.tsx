// The small flow diagram on a template card: boxes and arrows only, scaled to the card.
import { useMemo } from "react";
import { edgePaths, layoutFlow, THUMBNAIL_SIZES } from "../lib/flow-layout.ts";
import { parseStepTree } from "../lib/step-tree.ts";

const PAD = 2;
/** Screen pixels per layout unit, so every card draws its boxes at one size (shrunk only to fit). */
const SCALE = 2;

export function FlowThumbnail({ steps }: { steps: unknown }) {
  const layout = useMemo(() => layoutFlow(parseStepTree(steps), THUMBNAIL_SIZES), [steps]);
  if (layout.nodes.length === 0) return null;
  const width = layout.width + 2 * PAD;
  const height = layout.height + 2 * PAD;
  return (
    <div className="flow-thumbnail">
      <svg
        viewBox={`${-PAD} ${-PAD} ${width} ${height}`}
        width={width * SCALE}
        height={height * SCALE}
        role="img"
        aria-label={`Flow of ${layout.nodes.length} steps: ${layout.nodes.map((n) => n.id).join(", ")}`}
        data-testid="flow-thumbnail"
      >
        {layout.groups.map((g) => (
          <rect
            key={`${g.kind}-${g.x}-${g.y}`}
            className={`flow-group flow-group-${g.kind}`}
            x={g.x}
            y={g.y}
            width={g.width}
            height={g.height}
            rx={3}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {edgePaths(layout).map((e) => (
          <path key={e.key} className={`flow-edge flow-edge-${e.kind}`} d={e.d} vectorEffect="non-scaling-stroke" />
        ))}
        {layout.nodes.map((n) => (
          <rect
            key={n.id}
            className={`flow-thumb-node flow-role-${n.step.role}`}
            x={n.x}
            y={n.y}
            width={n.width}
            height={n.height}
            rx={3}
            vectorEffect="non-scaling-stroke"
          >
            <title>{`${n.id} · ${n.step.agent}`}</title>
          </rect>
        ))}
      </svg>
    </div>
  );
}
