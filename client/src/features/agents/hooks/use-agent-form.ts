// State of the register/edit form: values, the issues placed on inputs, and submission. The page
// decides what submitting means (createAgent or updateAgent) and reports the server's verdict back.
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { useBlocker } from "react-router-dom";
import { type FieldIssue, placeIssues } from "../../../lib/field-issues.ts";
import {
  type AgentFormValues,
  buildAgentInput,
  exampleSettings,
  FORM_FIELDS,
  inUserWords,
  type RunnerKind,
  type SubmitOutcome,
} from "../agent-form-model.ts";
import type { CreateAgentInput } from "../../../gql/graphql.ts";

export function useAgentForm(initial: AgentFormValues, submit: (input: CreateAgentInput) => Promise<SubmitOutcome>) {
  const [values, setValues] = useState(initial);
  const [start] = useState(initial);
  /** Set while a save is under way or done: the page navigates away on success, unwarned. */
  const leaving = useRef(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(start);
  useUnsavedChangesWarning(dirty, leaving);
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
    if (!built.ok && built.unparsed.length === 0) {
      setIssues(built.issues);
      setSummary(null);
      setRejections((n) => n + 1);
      return;
    }
    setSubmitting(true);
    leaving.current = built.ok;
    try {
      // With a JSON box that does not parse, the server still judges the other fields (it refuses
      // the box, so nothing is saved): every problem shows at once.
      const outcome = await submit(built.input);
      if (outcome.ok) return;
      leaving.current = false;
      const mine = built.ok ? [] : built.issues;
      const unparsed = built.ok ? [] : built.unparsed;
      const theirs = outcome.issues.filter((i) => !unparsed.some((f) => i.field === f || i.field.startsWith(`${f}.`)));
      setIssues([...mine, ...theirs]);
      setSummary(outcome.summary ?? null);
      setRejections((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  };

  const placed = placeIssues(issues, FORM_FIELDS);
  const placement = {
    byField: Object.fromEntries(
      Object.entries(placed.byField).map(([k, list]) => [
        k,
        (list ?? []).map((p) => ({ ...p, text: inUserWords(p.text) })),
      ]),
    ) as typeof placed.byField,
    unplaced: placed.unplaced.map((i) => ({ ...i, message: inUserWords(i.message) })),
  };
  return { values, set, setRunnerKind, onSubmit, submitting, placement, summary, rejections };
}

/**
 * Warns before unsaved changes are lost: leaving the page in the dashboard asks to confirm, and
 * closing or reloading the tab gets the browser's own prompt.
 */
function useUnsavedChangesWarning(dirty: boolean, leaving: { current: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm("You have unsaved changes. Leave this page and lose them?")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (leaving.current) return;
      e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, leaving]);
}
