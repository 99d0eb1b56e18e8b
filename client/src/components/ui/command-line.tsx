// A shell command to copy: the exact text in a code block that scrolls sideways inside itself
// (focusable, so the keyboard can scroll it), and a copy button; the figure is named by its label.
import { CopyButton } from "./copy-button.tsx";

export function CommandLine({ label, command }: { label: string; command: string }) {
  return (
    <figure className="command-line" aria-label={label}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a block that scrolls must be reachable by keyboard */}
      <pre className="code-block" tabIndex={0} data-testid="command">
        <code>{command}</code>
      </pre>
      <CopyButton text={command} what={`command to ${label}`} />
    </figure>
  );
}
