/** A JSON value for reading: two-space indentation, one member per line. */
export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre className="code-block json-block" data-testid={testId}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
