// Copies a value (an id, a JSON document, the page's link) to the clipboard and says so for two
// seconds. `text` may be a function, read at the click: a link must be the address bar's of that
// moment, which changes without re-rendering the button (a zoom written to the URL).
import { useEffect, useState } from "react";

interface CopyButtonProps {
  text: string | (() => string);
  /** What is copied, for the accessible name ("Copy execution id") and the announcement. */
  what: string;
  /** The visible label while idle (default "Copy"). */
  label?: string;
  className?: string;
}

export function CopyButton({ text, what, label = "Copy", className = "copy-button" }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () =>
    navigator.clipboard.writeText(typeof text === "function" ? text() : text).then(
      () => setState("copied"),
      () => setState("failed"),
    );
  return (
    <button
      type="button"
      className={className}
      aria-label={`Copy ${what}`}
      data-state={state}
      onClick={() => void copy()}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
      <span className="visually-hidden" aria-live="polite">
        {state === "copied" ? `${what} copied` : state === "failed" ? `could not copy the ${what}` : ""}
      </span>
    </button>
  );
}
