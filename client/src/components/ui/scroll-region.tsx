// A box that scrolls its wide content (a table) sideways inside itself, reachable by keyboard so the
// arrow keys can scroll it (axe: scrollable-region-focusable), named for screen readers.
import type { ReactNode, Ref } from "react";

interface ScrollRegionProps {
  label: string;
  children: ReactNode;
  /** The scrolling element, for a windowed list that follows its scroll. */
  ref?: Ref<HTMLElement>;
  /** Classes beside `table-scroll`. */
  className?: string;
  testId?: string;
}

export function ScrollRegion({ label, children, ref, className, testId }: ScrollRegionProps) {
  return (
    <section
      className={className ? `table-scroll ${className}` : "table-scroll"}
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
      tabIndex={0}
      ref={ref}
      data-testid={testId}
    >
      {children}
    </section>
  );
}
