// Sections whose features land later. Each says what it will show; each is replaced by its feature.
import { ComingSoon } from "../components/ui/coming-soon.tsx";

export function HealthPage() {
  return (
    <ComingSoon
      title="Health"
      feature="health and alerts"
      summary="Whether each agent can take work right now, and what needs attention."
      points={[
        "Circuit-breaker state per agent (closed, open, half-open) and when it reopens",
        "Recent failure streaks and error messages",
        "Active alerts, with acknowledgement",
      ]}
    />
  );
}
