import { Link } from "react-router-dom";
import { AgentCard } from "../../agents/components/agent-card.tsx";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { workflowPath } from "../../workflows/lib/paths.ts";
import { PatternDiagram } from "./pattern-diagram.tsx";

export const PatternDetail_CoordinationPatternFragment = graphql(`
  fragment PatternDetailCoordinationPattern on CoordinationPattern {
    id
    slug
    name
    description
    whenToUse
    diagramUrl
    exampleWorkflow {
      id
      name
      description
    }
    agents {
      id
      ...AgentCardAgent
    }
  }
`);

export function PatternDetail(props: { pattern: FragmentType<typeof PatternDetail_CoordinationPatternFragment> }) {
  const pattern = useFragment(PatternDetail_CoordinationPatternFragment, props.pattern);
  return (
    <div className="pattern-detail" data-testid="pattern-detail">
      <div className="pattern-detail-top">
        <section className="card pattern-detail-diagram" aria-label="Diagram">
          <PatternDiagram src={pattern.diagramUrl} name={pattern.name} />
        </section>
        <div className="pattern-detail-text">
          <section className="card" aria-labelledby="sec-pattern-description">
            <h2 id="sec-pattern-description">How it works</h2>
            <p className="prose">{pattern.description}</p>
          </section>
          <section className="card" aria-labelledby="sec-when">
            <h2 id="sec-when">When to use</h2>
            <p className="prose">{pattern.whenToUse}</p>
          </section>
          <section className="card" aria-labelledby="sec-example" data-testid="pattern-example">
            <h2 id="sec-example">Example workflow</h2>
            {pattern.exampleWorkflow ? (
              <>
                <p className="prose">{pattern.exampleWorkflow.description}</p>
                <Link to={workflowPath(pattern.exampleWorkflow.name)}>Open {pattern.exampleWorkflow.name}</Link>
              </>
            ) : (
              <p className="muted-text">No example workflow is linked to this pattern.</p>
            )}
          </section>
        </div>
      </div>
      <section aria-labelledby="sec-pattern-agents">
        <h2 id="sec-pattern-agents" className="section-title">
          Agents supporting {pattern.name.toLowerCase()} coordination ({pattern.agents.length})
        </h2>
        {pattern.agents.length === 0 ? (
          <p className="muted-text">No agent supports this pattern yet.</p>
        ) : (
          <div className="card-grid">
            {pattern.agents.map((a) => (
              <AgentCard key={a.id} agent={a} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
