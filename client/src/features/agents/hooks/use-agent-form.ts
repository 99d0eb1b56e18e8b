// State of the register/edit form: values, the issues placed on inputs, and submission. The page
// decides what submitting means (createAgent or updateAgent) and reports the server's verdict back.
import { type FormEvent, useCallback, useState } from "react";
import { type FieldIssue, placeIssues } from "../../../lib/field-issues.ts";
import {
  type AgentFormValues,
  buildAgentInput,
  exampleSettings,
  FORM_FIELDS,
  type RunnerKind,
  type SubmitOutcome,
} from "../agent-form-model.ts";
import type { CreateAgentInput } from "../../../gql/graphql.ts";

export function useAgentForm(initial: AgentFormValues, submit: (input: CreateAgentInput) => Promise<SubmitOutcome>) {
  const [values, setValues] = useState(initial);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [summary, setSummary] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  /** Bumped on every rejected submit, so the form can bring the first problem into view. */
  const [rejections, setRejections] = useState(0);

  const set = useCallback(<K extends keyof AgentFormValues>(key: K, value: AgentFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
  }, []);

  /** A new kind brings its example settings, unless the user already wrote their own. */
  const setRunnerKind = useCallback((kind: RunnerKind) => {
    setValues((v) => {
      const untouched = v.runnerSettings.trim() === "" || v.runnerSettings === exampleSettings(v.runnerKind);
      return { ...v, runnerKind: kind, runnerSettings: untouched ? exampleSettings(kind) : v.runnerSettings };
    });
  }, []);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const built = buildAgentInput(values);
    if (!built.ok) {
      setIssues(built.issues);
      setSummary(null);
      setRejections((n) => n + 1);
      return;
    }
    setSubmitting(true);
    try {
      const outcome = await submit(built.input);
      if (outcome.ok) return;
      setIssues(outcome.issues);
      setSummary(outcome.summary ?? null);
      setRejections((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  };

  const placement = placeIssues(issues, FORM_FIELDS);
  return { values, set, setRunnerKind, onSubmit, submitting, placement, summary, rejections };
}
