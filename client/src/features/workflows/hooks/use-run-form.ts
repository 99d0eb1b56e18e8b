// The run form's state: values, the page's own checks (on submit, then live on each changed field),
// the server's ValidationError placed on the fields it names, and Run → executeWorkflow → the run.
import { type FormEvent, useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../../../components/ui/query-state.tsx";
import { graphql } from "../../../gql/index.ts";
import type { FieldIssue, PlacedIssue } from "../../../lib/field-issues.ts";
import {
  fieldErrors,
  initialParamValues,
  type ParamErrors,
  type ParamField,
  type ParamValues,
  paramFields,
  placeParamIssues,
  readParams,
} from "../lib/param-form.ts";
import { runPath } from "../lib/paths.ts";

const ExecuteWorkflow = graphql(`
  mutation ExecuteWorkflow($id: ID!, $params: JSON) {
    executeWorkflow(id: $id, params: $params) {
      __typename
      ... on WorkflowRun {
        id
        status
      }
      ... on ValidationError {
        message
        issues {
          field
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

interface ServerVerdict {
  summary: string | null;
  byName: Record<string, PlacedIssue[]>;
  unplaced: FieldIssue[];
}

const NO_VERDICT: ServerVerdict = { summary: null, byName: {}, unplaced: [] };

export function useRunForm(template: { id: string; parameters: unknown }) {
  const fields = useMemo(() => paramFields(template.parameters), [template.parameters]);
  const [values, setValues] = useState<ParamValues>(() => initialParamValues(fields));
  const [errors, setErrors] = useState<ParamErrors>({});
  const [checked, setChecked] = useState(false);
  const [server, setServer] = useState<ServerVerdict>(NO_VERDICT);
  const [{ fetching }, execute] = useMutation(ExecuteWorkflow);
  const navigate = useNavigate();

  const set = (field: ParamField, value: string | boolean) => {
    setValues((v) => ({ ...v, [field.name]: value }));
    // After a first attempt, a corrected field loses its message as soon as it is right.
    if (checked) setErrors((e) => ({ ...e, [field.name]: fieldErrors(field, value) }));
    if (server.byName[field.name]) setServer((s) => ({ ...s, byName: { ...s.byName, [field.name]: [] } }));
  };

  const errorsOf = (name: string): { text: string }[] => [
    ...(errors[name] ?? []).map((text) => ({ text })),
    ...(server.byName[name] ?? []).map((i) => ({ text: i.index === null ? i.text : `item ${i.index}: ${i.text}` })),
  ];

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setChecked(true);
    const read = readParams(fields, values);
    if (!read.ok) {
      setErrors(read.errors);
      setServer(NO_VERDICT);
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    const result = await execute({ id: template.id, params: read.params });
    const out = result.data?.executeWorkflow;
    if (out?.__typename === "WorkflowRun") {
      void navigate(runPath(out.id));
    } else if (out?.__typename === "ValidationError") {
      const placed = placeParamIssues(out.issues, fields);
      setServer({ summary: out.message, ...placed });
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } else if (out?.__typename === "NotFoundError") {
      setServer({ ...NO_VERDICT, summary: out.message });
    } else {
      setServer({
        ...NO_VERDICT,
        summary: result.error ? errorMessage(result.error) : "The run did not start.",
      });
    }
  };

  const reset = () => {
    setValues(initialParamValues(fields));
    setErrors({});
    setChecked(false);
    setServer(NO_VERDICT);
  };

  return { fields, values, set, errorsOf, onSubmit, reset, submitting: fetching, server };
}
