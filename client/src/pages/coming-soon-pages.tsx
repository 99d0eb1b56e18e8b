// Sections whose features land later. Each says what it will show; each is replaced by its feature.
import { ComingSoon } from "../components/ui/coming-soon.tsx";

export function WorkflowsPage() {
  return (
    <ComingSoon
      title="Workflows"
      feature="workflow templates"
      summary="Workflow templates built from the coordination patterns, and the runs started from them."
      points={[
        "Templates with their steps: sequential chains, parallel fan-out/join, supervisor and workers",
        "Start a run with its inputs and follow each step's status and output",
        "Retries, circuit-breaker skips and rollbacks of a run, step by step",
        "The example workflow of each pattern",
      ]}
    />
  );
}

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
