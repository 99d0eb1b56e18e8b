import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { keyed } from "../../lib/keyed.ts";

export function Chip({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "accent" }) {
  return <span className={`chip chip-${tone}`}>{children}</span>;
}

export function ChipList({
  items,
  tone,
  empty = "none",
  href,
}: {
  items: string[];
  tone?: "neutral" | "accent";
  empty?: string;
  /** Each chip a link (e.g. to the list filtered on it). */
  href?: (item: string) => string;
}) {
  if (items.length === 0) return <span className="muted-text">{empty}</span>;
  return (
    <ul className="chip-list">
      {keyed(items).map(([key, item]) => (
        <li key={key}>
          {href ? (
            <Link className={`chip chip-${tone ?? "neutral"} chip-link`} to={href(item)}>
              {item}
            </Link>
          ) : (
            <Chip tone={tone}>{item}</Chip>
          )}
        </li>
      ))}
    </ul>
  );
}
