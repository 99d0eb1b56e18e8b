// Tags typed into one box: Enter or a comma turns the text into a tag, Backspace in an empty box
// removes the last one. The half-typed text stays with the parent so submit can include it.
import type { ClipboardEvent, KeyboardEvent } from "react";
import { keyed } from "../../lib/keyed.ts";

interface TagInputProps {
  id: string;
  tags: string[];
  draft: string;
  onTagsChange: (tags: string[]) => void;
  onDraftChange: (draft: string) => void;
  placeholder?: string;
  /** Entries the server flagged, shown in the error colour. */
  invalidIndexes?: ReadonlySet<number>;
  "aria-invalid"?: boolean | undefined;
  "aria-describedby"?: string | undefined;
}

function split(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export function TagInput(props: TagInputProps) {
  const { id, tags, draft, onTagsChange, onDraftChange, placeholder, invalidIndexes } = props;

  const commit = (text: string) => {
    const added = split(text);
    if (added.length > 0) onTagsChange([...tags, ...added]);
    onDraftChange("");
  };

  const onChange = (text: string) => {
    // Typing or pasting "a, b, c": every finished entry becomes a tag, the last part stays typed.
    if (/[,\n]/.test(text)) {
      const parts = text.split(/[,\n]/);
      const rest = parts.pop() ?? "";
      const added = parts.map((t) => t.trim()).filter(Boolean);
      if (added.length > 0) onTagsChange([...tags, ...added]);
      onDraftChange(rest.trimStart());
    } else {
      onDraftChange(text);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      commit(draft);
    } else if (e.key === "Backspace" && draft === "" && tags.length > 0) {
      onTagsChange(tags.slice(0, -1));
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData("text");
    if (/[,\n]/.test(text)) {
      e.preventDefault();
      onChange(draft + text);
    }
  };

  return (
    <div className={`tag-input${props["aria-invalid"] ? " invalid" : ""}`}>
      <ul className="tag-list">
        {keyed(
          tags.map((tag, i) => ({ tag, i })),
          (t) => t.tag,
        ).map(([key, { tag, i }]) => (
          <li key={key} className={`tag${invalidIndexes?.has(i) ? " tag-invalid" : ""}`} data-testid="tag">
            <span>{tag}</span>
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove ${tag}`}
              onClick={() => onTagsChange(tags.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        type="text"
        value={draft}
        placeholder={tags.length === 0 ? placeholder : undefined}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => commit(draft)}
        aria-invalid={props["aria-invalid"]}
        aria-describedby={props["aria-describedby"]}
      />
    </div>
  );
}
