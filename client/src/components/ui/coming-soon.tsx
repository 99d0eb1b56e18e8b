// A placeholder for a section whose feature has not landed yet: it says what the page will show,
// so the navigation is honest about the product's shape.
import type { ReactNode } from "react";
import { PageHeader } from "./page-header.tsx";

interface ComingSoonProps {
  title: string;
  feature: string;
  summary: ReactNode;
  points: string[];
}

export function ComingSoon({ title, feature, summary, points }: ComingSoonProps) {
  return (
    <>
      <title>{`${title} · Baton`}</title>
      <PageHeader title={title} />
      <section className="panel coming-soon" data-testid="coming-soon" aria-label={`${title} — coming soon`}>
        <span className="coming-soon-tag">Coming with the {feature} feature</span>
        <p className="coming-soon-summary">{summary}</p>
        <h2>What this page will show</h2>
        <ul>
          {points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
