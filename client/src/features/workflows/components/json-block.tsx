import { CopyButton } from "../../../components/ui/copy-button.tsx";

/** A JSON value for reading: two-space indentation, one member per line, with a copy button. */
export function JsonBlock({ value, testId, what = "JSON" }: { value: unknown; testId?: string; what?: string }) {
  const text = JSON.stringify(value, null, 2);
  return (
    <div className="json-with-copy">
      <CopyButton text={text} what={what} />
      <pre className="code-block json-block" data-testid={testId}>
        {text}
      </pre>
    </div>
  );
}
