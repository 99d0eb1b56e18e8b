// A box that scrolls its wide content (a table) sideways inside itself, reachable by keyboard so the
// arrow keys can scroll it (axe: scrollable-region-focusable), named for screen readers.
import type { ReactNode } from "react";

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
