// The three ways to put data into Baton, each with the exact command for this server: record an
// execution over REST, record Claude Code sessions through the hooks, run a workflow.
import { Link } from "react-router-dom";
import { CommandLine } from "../../../components/ui/command-line.tsx";
import {
  hooksInstallCommand,
  recordExecutionCommand,
  runWorkflowCommand,
  shellQuote,
  tokenCommand,
} from "../api-commands.ts";
import { useApiTarget } from "../use-api-target.ts";

export function GetDataIn() {
  const target = useApiTarget();
  return (
    <section className="card get-data-in" aria-labelledby="get-data-in-title">
      <h2 id="get-data-in-title">Get data in</h2>
      {target.auth ? (
        <div className="get-data-in-auth">
          <p>
            This Baton asks for API tokens. Create one on the server (scope <code>write</code> to record,{" "}
            <code>run</code> to start workflows) and export it as <code>BATON_TOKEN</code>; the commands below send it.
          </p>
          <CommandLine label="create a token" command={tokenCommand("write")} />
        </div>
      ) : null}
      <ol className="get-data-in-list">
        <li>
          <h3>Record an execution with curl</h3>
          <p>
            Any script or CI job can post what an agent did; it appears at once on the{" "}
            <Link to="/timeline">Timeline</Link> and in <Link to="/traces">Traces</Link>. Add{" "}
            <code>parent_execution_id</code> to record a handoff.
          </p>
          <CommandLine label="record an execution" command={recordExecutionCommand(target)} />
        </li>
        <li>
          <h3>Record your Claude Code sessions</h3>
          <p>
            In Baton's folder, add its hook to your repository's <code>.claude/settings.json</code>: each session and
            its sub-agents become a handoff tree, live (<code>docs/claude-code.md</code>).
          </p>
          <CommandLine label="install the Claude Code hooks" command={hooksInstallCommand(target)} />
        </li>
        <li>
          <h3>Run a workflow</h3>
          <p>
            Start the seeded TDD cycle (its agents are mocked) and watch its steps on the{" "}
            <Link to="/workflows">Workflows</Link> page, or from the command line with{" "}
            <code>npm run baton -- run tdd-cycle --param task={shellQuote("GET /health answers ok")} --follow</code>.
          </p>
          <CommandLine label="run a workflow" command={runWorkflowCommand(target)} />
        </li>
      </ol>
    </section>
  );
}
