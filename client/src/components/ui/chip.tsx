import type { ReactNode } from "react";
import { keyed } from "../../lib/keyed.ts";

export function Chip({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "accent" }) {
  return <span className={`chip chip-${tone}`}>{children}</span>;
}

export function ChipList({
  items,
  tone,
  empty = "none",
}: {
  items: string[];
  tone?: "neutral" | "accent";
  empty?: string;
}) {
  if (items.length === 0) return <span className="muted-text">{empty}</span>;
  return (
    <ul className="chip-list">
      {keyed(items).map(([key, item]) => (
        <li key={key}>
          <Chip tone={tone}>{item}</Chip>
        </li>
      ))}
    </ul>
  );
}
