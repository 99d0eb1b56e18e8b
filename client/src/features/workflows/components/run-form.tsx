// The execution form: one input per parameter of the template's schema, checked here before the
// server sees it; Run starts the run and opens its page.
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { keyed } from "../../../lib/keyed.ts";
import { useRunForm } from "../hooks/use-run-form.ts";
import { ParamInput } from "./param-input.tsx";

export const RunForm_WorkflowTemplateFragment = graphql(`
  fragment RunFormWorkflowTemplate on WorkflowTemplate {
    id
    name
    parameters
  }
`);

export function RunForm(props: { workflow: FragmentType<typeof RunForm_WorkflowTemplateFragment> }) {
  const workflow = useFragment(RunForm_WorkflowTemplateFragment, props.workflow);
  const form = useRunForm(workflow);
  const { server } = form;
  return (
    <form
      className="run-form"
      onSubmit={(e) => void form.onSubmit(e)}
      noValidate
      data-testid="run-form"
      aria-label={`Run ${workflow.name}`}
    >
      {server.summary ? (
        <div className="form-summary" role="alert" data-testid="form-summary">
          <strong>{server.summary}</strong>
          {server.unplaced.length ? (
            <ul>
              {keyed(server.unplaced, (i) => `${i.field} ${i.message}`).map(([key, i]) => (
                <li key={key}>
                  <code>{i.field}</code> {i.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {form.fields.length === 0 ? <p className="muted-text">This workflow takes no parameters.</p> : null}
      {form.fields.map((f) => (
        <ParamInput
          key={f.name}
          field={f}
          value={form.values[f.name] ?? ""}
          errors={form.errorsOf(f.name)}
          onChange={(v) => form.set(f, v)}
        />
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.submitting}>
          <span aria-hidden="true">▶</span> {form.submitting ? "Starting…" : "Run"}
        </button>
        <button type="button" className="button button-ghost" onClick={form.reset}>
          Reset to defaults
        </button>
      </div>
    </form>
  );
}
