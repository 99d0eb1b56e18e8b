import { Link } from "react-router-dom";
import { ChipList } from "../../../components/ui/chip.tsx";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { plural } from "../../../lib/format.ts";
import { parseStepTree, treeSteps } from "../lib/step-tree.ts";
import { workflowPath } from "../lib/paths.ts";
import { FlowThumbnail } from "./flow-thumbnail.tsx";

export const WorkflowCard_WorkflowTemplateFragment = graphql(`
  fragment WorkflowCardWorkflowTemplate on WorkflowTemplate {
    id
    name
    description
    patterns
    runCount
    steps
  }
`);

export function WorkflowCard(props: { workflow: FragmentType<typeof WorkflowCard_WorkflowTemplateFragment> }) {
  const w = useFragment(WorkflowCard_WorkflowTemplateFragment, props.workflow);
  const stepCount = treeSteps(parseStepTree(w.steps)).length;
  return (
    <article className="card workflow-card" data-testid="workflow-card" aria-labelledby={`workflow-${w.id}`}>
      <h2 id={`workflow-${w.id}`}>
        <Link className="stretched-link" to={workflowPath(w.name)}>
          {w.name}
        </Link>
      </h2>
      <p className="workflow-card-description">{w.description || <span className="muted-text">No description</span>}</p>
      <FlowThumbnail steps={w.steps} />
      <footer className="workflow-card-foot">
        <span data-testid="workflow-patterns">
          <ChipList items={w.patterns} tone="accent" empty="no pattern" />
        </span>
        <span className="workflow-card-counts" data-testid="workflow-counts">
          {plural(stepCount, "step")} · {plural(w.runCount, "run")}
        </span>
      </footer>
    </article>
  );
}
