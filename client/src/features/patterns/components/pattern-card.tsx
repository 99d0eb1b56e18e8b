import { Link } from "react-router-dom";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { plural } from "../../../lib/format.ts";
import { PatternDiagram } from "./pattern-diagram.tsx";

export const PatternCard_CoordinationPatternFragment = graphql(`
  fragment PatternCardCoordinationPattern on CoordinationPattern {
    id
    slug
    name
    description
    whenToUse
    diagramUrl
    agents {
      id
      name
    }
  }
`);

export function PatternCard(props: { pattern: FragmentType<typeof PatternCard_CoordinationPatternFragment> }) {
  const pattern = useFragment(PatternCard_CoordinationPatternFragment, props.pattern);
  const href = `/patterns/${encodeURIComponent(pattern.slug)}`;
  return (
    <article className="card pattern-card" data-testid="pattern-card" aria-labelledby={`pattern-${pattern.slug}`}>
      <Link to={href} className="pattern-card-diagram" tabIndex={-1} aria-hidden="true">
        <PatternDiagram src={pattern.diagramUrl} name={pattern.name} />
      </Link>
      <div className="pattern-card-body">
        <h2 id={`pattern-${pattern.slug}`}>
          <Link to={href}>{pattern.name}</Link>
        </h2>
        <p className="prose">{pattern.description}</p>
        <h3>When to use</h3>
        <p className="prose">{pattern.whenToUse}</p>
        <h3>{plural(pattern.agents.length, "agent")} support it</h3>
        {pattern.agents.length === 0 ? (
          <span className="muted-text">No agent supports this pattern yet.</span>
        ) : (
          <ul className="chip-list" data-testid="pattern-agents">
            {pattern.agents.map((a) => (
              <li key={a.id}>
                <Link className="chip chip-link" to={`/agents/${encodeURIComponent(a.name)}`}>
                  {a.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
