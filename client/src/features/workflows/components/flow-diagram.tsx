// A template's step tree, left → right: arrows drawn in SVG, steps as HTML boxes over them (so
// their text and badges are real, selectable, accessible text). In a run, each box takes its
// step's status colour.
import { useId, useMemo } from "react";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { DIAGRAM_SIZES, edgePaths, layoutFlow } from "../lib/flow-layout.ts";
import { useStepRunners } from "../hooks/use-step-runners.ts";
import { parseStepTree } from "../lib/step-tree.ts";
import { FlowNode } from "./flow-node.tsx";

export const FlowDiagram_WorkflowStepFragment = graphql(`
  fragment FlowDiagramWorkflowStep on WorkflowStep {
    id
    runnerKind
    runnerSource
  }
`);

interface FlowDiagramProps {
  /** The step tree as written (a template's `steps`, a run's `definition.steps`). */
  steps: unknown;
  /** The template's flattened steps, for each step's runner; null when the template is gone. */
  stepList: readonly FragmentType<typeof FlowDiagram_WorkflowStepFragment>[] | null;
  statuses?: Readonly<Record<string, string>>;
}

const GROUP_LABELS = { parallel: "parallel", hierarchical: "hierarchical" } as const;

export function FlowDiagram({ steps, stepList, statuses }: FlowDiagramProps) {
  const list = useFragment(FlowDiagram_WorkflowStepFragment, stepList);
  const layout = useMemo(() => layoutFlow(parseStepTree(steps), DIAGRAM_SIZES), [steps]);
  const runnerOf = useStepRunners(list, steps);
  const marker = `flow-arrow-${useId().replace(/[^\w-]/g, "")}`;

  return (
    <div className="flow-diagram" data-testid="flow-diagram">
      <div className="flow-canvas" style={{ width: layout.width, height: layout.height }}>
        <svg className="flow-lines" width={layout.width} height={layout.height} aria-hidden="true">
          <defs>
            <marker id={marker} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0 0 10 5 0 10z" />
            </marker>
          </defs>
          {layout.groups.map((g) => (
            <g key={`${g.kind}-${g.x}-${g.y}`} className={`flow-group flow-group-${g.kind}`}>
              <rect x={g.x + 0.5} y={g.y + 0.5} width={g.width - 1} height={g.height - 1} rx={8} />
              <text x={g.x + 10} y={g.y + 14}>
                {GROUP_LABELS[g.kind]}
              </text>
            </g>
          ))}
          {edgePaths(layout).map((e) => (
            <path
              key={e.key}
              className={`flow-edge flow-edge-${e.kind}`}
              d={e.d}
              markerEnd={`url(#${marker})`}
              data-edge={`${e.from}→${e.to}`}
            />
          ))}
        </svg>
        <ol className="flow-nodes" aria-label="Steps, in order">
          {layout.nodes.map((n) => (
            <li key={n.id} style={{ left: n.x, top: n.y, width: n.width, height: n.height }}>
              <FlowNode step={n.step} runner={runnerOf(n.id)} status={statuses?.[n.id]} />
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
