import { useState } from "react";

/** The pattern's SVG as the server serves it; a quiet placeholder while no diagram exists. */
export function PatternDiagram({ src, name }: { src: string; name: string }) {
  const [failed, setFailed] = useState(false);
  if (failed)
    return (
      <div
        className="diagram diagram-missing"
        data-testid="pattern-diagram"
        role="img"
        aria-label={`${name} diagram (not available yet)`}
      >
        Diagram not available yet
      </div>
    );
  return (
    <div className="diagram">
      <img
        src={src}
        alt={`${name} pattern diagram`}
        data-testid="pattern-diagram"
        loading="lazy"
        onError={() => setFailed(true)}
      />
    </div>
  );
}
