// Register and edit share this form. It shows the server's verdict where it belongs: each issue
// beside the input its field path names, the rest in a summary above the form.
import { useEffect, useRef } from "react";
import { Link } from "react-router-dom";
import { describedBy, FieldErrors, FormField } from "../../../components/ui/form-field.tsx";
import { TagInput } from "../../../components/ui/tag-input.tsx";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import type { CreateAgentInput } from "../../../gql/graphql.ts";
import {
  agentFormFrom,
  type Backoff,
  BACKOFFS,
  emptyAgentForm,
  exampleSettings,
  type FormField as Field,
  RUNNER_HINTS,
  RUNNER_KINDS,
  type RunnerKind,
  type SubmitOutcome,
} from "../agent-form-model.ts";
import { useAgentForm } from "../hooks/use-agent-form.ts";
import { keyed } from "../../../lib/keyed.ts";

export const AgentForm_AgentFragment = graphql(`
  fragment AgentFormAgent on Agent {
    id
    name
    description
    capabilities
    tools
    coordinationPatterns
    runner {
      kind
      settings
    }
    retryPolicy {
      maxRetries
      backoff
      initialDelayMs
      maxDelayMs
    }
    circuitBreaker {
      failureThreshold
      cooldownMs
    }
    inputSchema
    outputSchema
    alertPolicy {
      failures
      windowMs
    }
  }
`);

export const AgentForm_CoordinationPatternFragment = graphql(`
  fragment AgentFormCoordinationPattern on CoordinationPattern {
    id
    slug
    name
    description
  }
`);

interface AgentFormProps {
  agent?: FragmentType<typeof AgentForm_AgentFragment> | null;
  patterns: FragmentType<typeof AgentForm_CoordinationPatternFragment>[];
  submitLabel: string;
  cancelTo: string;
  onSubmit: (input: CreateAgentInput) => Promise<SubmitOutcome>;
}

type NumberKey =
  | "maxRetries"
  | "initialDelayMs"
  | "maxDelayMs"
  | "failureThreshold"
  | "cooldownMs"
  | "alertFailures"
  | "alertWindowMs";

export function AgentForm(props: AgentFormProps) {
  const agent = useFragment(AgentForm_AgentFragment, props.agent);
  const patterns = useFragment(AgentForm_CoordinationPatternFragment, props.patterns);
  const form = useAgentForm(agent ? agentFormFrom(agent) : emptyAgentForm(), props.onSubmit);
  const { values, set, placement } = form;
  const errorsOf = (field: Field) => placement.byField[field];
  const indexes = (field: Field) =>
    new Set((errorsOf(field) ?? []).flatMap((e) => (e.index === null ? [] : [e.index])));

  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (form.rejections === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[data-form-summary], [aria-invalid="true"]');
    first?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [form.rejections]);

  const numberInput = (id: string, key: NumberKey, field: Field, label: string, min: number) => (
    <FormField id={id} label={label} errors={errorsOf(field)}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        step={1}
        value={values[key]}
        onChange={(e) => set(key, e.target.value)}
        {...describedBy(id, errorsOf(field))}
      />
    </FormField>
  );

  const togglePattern = (slug: string, on: boolean) =>
    set(
      "coordinationPatterns",
      on ? [...values.coordinationPatterns, slug] : values.coordinationPatterns.filter((s) => s !== slug),
    );

  return (
    <form
      ref={formRef}
      className="agent-form"
      onSubmit={(e) => void form.onSubmit(e)}
      noValidate
      data-testid="agent-form"
    >
      {form.summary || placement.unplaced.length > 0 ? (
        <div className="form-summary" role="alert" data-form-summary data-testid="form-summary">
          <strong>{form.summary ?? "The server rejected some values"}</strong>
          {placement.unplaced.length > 0 ? (
            <ul>
              {keyed(placement.unplaced, (issue) => `${issue.field} ${issue.message}`).map(([key, issue]) => (
                <li key={key}>
                  <code>{issue.field}</code> {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <fieldset className="form-section">
        <legend>Identity</legend>
        <FormField
          id="agent-name"
          label="Name"
          hint="Starts with a letter; letters, digits, '_', '.', '-'. Unique."
          errors={errorsOf("name")}
        >
          <input
            id="agent-name"
            type="text"
            autoComplete="off"
            value={values.name}
            onChange={(e) => set("name", e.target.value)}
            {...describedBy("agent-name", errorsOf("name"), true)}
          />
        </FormField>
        <FormField id="agent-description" label="Description" errors={errorsOf("description")}>
          <textarea
            id="agent-description"
            rows={3}
            value={values.description}
            onChange={(e) => set("description", e.target.value)}
            {...describedBy("agent-description", errorsOf("description"))}
          />
        </FormField>
      </fieldset>

      <fieldset className="form-section">
        <legend>Capabilities &amp; tools</legend>
        <FormField
          id="agent-capabilities"
          label="Capabilities"
          hint="What the agent can do. Press Enter or type a comma after each."
          errors={errorsOf("capabilities")}
        >
          <TagInput
            id="agent-capabilities"
            tags={values.capabilities}
            draft={values.capabilitiesDraft}
            onTagsChange={(t) => set("capabilities", t)}
            onDraftChange={(d) => set("capabilitiesDraft", d)}
            placeholder="testing, coverage"
            invalidIndexes={indexes("capabilities")}
            {...describedBy("agent-capabilities", errorsOf("capabilities"), true)}
          />
        </FormField>
        <FormField
          id="agent-tools"
          label="Tools"
          hint="Tools the agent may use. Press Enter or type a comma after each."
          errors={errorsOf("tools")}
        >
          <TagInput
            id="agent-tools"
            tags={values.tools}
            draft={values.toolsDraft}
            onTagsChange={(t) => set("tools", t)}
            onDraftChange={(d) => set("toolsDraft", d)}
            placeholder="Read, Bash"
            invalidIndexes={indexes("tools")}
            {...describedBy("agent-tools", errorsOf("tools"), true)}
          />
        </FormField>
      </fieldset>

      <fieldset className="form-section" {...describedBy("agent-patterns", errorsOf("coordinationPatterns"))}>
        <legend>Coordination patterns</legend>
        <div className="checkbox-grid">
          {patterns.map((p) => (
            <div key={p.slug} className="checkbox-card">
              <input
                id={`agent-pattern-${p.slug}`}
                type="checkbox"
                checked={values.coordinationPatterns.includes(p.slug)}
                onChange={(e) => togglePattern(p.slug, e.target.checked)}
                aria-describedby={`agent-pattern-${p.slug}-description`}
              />
              <label className="checkbox-title" htmlFor={`agent-pattern-${p.slug}`}>
                {p.name}
              </label>
              <p className="checkbox-description" id={`agent-pattern-${p.slug}-description`}>
                {p.description}
              </p>
            </div>
          ))}
        </div>
        <FieldErrors id="agent-patterns" errors={errorsOf("coordinationPatterns")} />
      </fieldset>

      <fieldset className="form-section">
        <legend>Runner</legend>
        <FormField id="agent-runner-kind" label="Runner kind" errors={errorsOf("runner.kind")}>
          <select
            id="agent-runner-kind"
            value={values.runnerKind}
            onChange={(e) => form.setRunnerKind(e.target.value as RunnerKind)}
            {...describedBy("agent-runner-kind", errorsOf("runner.kind"))}
          >
            {RUNNER_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          id="agent-runner-settings"
          label="Runner settings"
          className="field-wide"
          hint={
            <>
              JSON for the <code>{values.runnerKind}</code> runner: {RUNNER_HINTS[values.runnerKind]}.{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => set("runnerSettings", exampleSettings(values.runnerKind))}
              >
                Insert example
              </button>
            </>
          }
          errors={errorsOf("runner.settings")}
        >
          <textarea
            id="agent-runner-settings"
            className="code-input"
            rows={8}
            spellCheck={false}
            value={values.runnerSettings}
            onChange={(e) => set("runnerSettings", e.target.value)}
            {...describedBy("agent-runner-settings", errorsOf("runner.settings"), true)}
          />
        </FormField>
      </fieldset>

      <div className="form-columns">
        <fieldset className="form-section">
          <legend>Retry policy</legend>
          <div className="field-row">
            {numberInput("agent-max-retries", "maxRetries", "retryPolicy.maxRetries", "Max retries", 0)}
            <FormField id="agent-backoff" label="Backoff" errors={errorsOf("retryPolicy.backoff")}>
              <select
                id="agent-backoff"
                value={values.backoff}
                onChange={(e) => set("backoff", e.target.value as Backoff)}
                {...describedBy("agent-backoff", errorsOf("retryPolicy.backoff"))}
              >
                {BACKOFFS.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </FormField>
          </div>
          <div className="field-row">
            {numberInput(
              "agent-initial-delay",
              "initialDelayMs",
              "retryPolicy.initialDelayMs",
              "Initial delay (ms)",
              0,
            )}
            {numberInput("agent-max-delay", "maxDelayMs", "retryPolicy.maxDelayMs", "Max delay (ms)", 0)}
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>Circuit breaker</legend>
          <div className="field-row">
            {numberInput(
              "agent-failure-threshold",
              "failureThreshold",
              "circuitBreaker.failureThreshold",
              "Failure threshold",
              1,
            )}
            {numberInput("agent-cooldown", "cooldownMs", "circuitBreaker.cooldownMs", "Cooldown (ms)", 0)}
          </div>
          <p className="field-hint">Opens after this many consecutive failures; retries again after the cooldown.</p>
        </fieldset>

        <fieldset className="form-section">
          <legend>Alert policy</legend>
          <div className="field-row">
            {numberInput("agent-alert-failures", "alertFailures", "alertPolicy.failures", "Failures", 1)}
            {numberInput("agent-alert-window", "alertWindowMs", "alertPolicy.windowMs", "Window (ms)", 1000)}
          </div>
          <p className="field-hint">Raises a repeated-failures alert after this many failures within the window.</p>
        </fieldset>
      </div>

      <fieldset className="form-section">
        <legend>Contracts</legend>
        <p className="field-hint">
          JSON Schemas of what the agent takes and hands on. Templates may only read output fields the output contract
          declares; each step's input and output are checked against them when it runs. Leave empty for none.
        </p>
        {(
          [
            ["agent-input-schema", "inputSchema", "Input schema", '{ "type": "object", "required": ["task"] }'],
            ["agent-output-schema", "outputSchema", "Output schema", '{ "type": "object", "properties": { … } }'],
          ] as const
        ).map(([id, key, label, placeholder]) => (
          <FormField key={id} id={id} label={label} className="field-wide" errors={errorsOf(key)}>
            <textarea
              id={id}
              className="code-input"
              rows={6}
              spellCheck={false}
              placeholder={placeholder}
              value={values[key]}
              onChange={(e) => set(key, e.target.value)}
              {...describedBy(id, errorsOf(key))}
            />
          </FormField>
        ))}
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.submitting}>
          {form.submitting ? "Saving…" : props.submitLabel}
        </button>
        <Link className="button button-ghost" to={props.cancelTo}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
