// Secrets written in a template step's `runner` override are treated like an agent's: read masked
// (templates and every run's stored copy), kept when the mask is sent back while the step's runner
// destination is unchanged, refused (400 naming the field) otherwise. The walk is tolerant of any
// JSON: it runs before the template is validated.
import { ValidationError } from "../../errors.js";
import { isObject, pathOf } from "../../validation.js";
import { runnerNeedsAdmin } from "../../security/scopes.js";
import { maskSettings, unmaskSettings } from "../agent/agent.validation.js";

interface StepRunner {
  /** The step's path in the template (`steps[1].parallel[0]`). */
  at: string;
  id: string | null;
  runner: { kind: string; settings: unknown };
}

/** Every step node with a runner override, wherever it sits in the tree. */
function stepRunners(value: unknown, path: (string | number)[] = ["steps"]): StepRunner[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => stepRunners(v, [...path, i]));
  if (!isObject(value)) return [];
  const own =
    isObject(value.runner) && typeof value.runner.kind === "string"
      ? [
          {
            at: pathOf(path),
            id: typeof value.id === "string" ? value.id : null,
            runner: { kind: value.runner.kind, settings: value.runner.settings },
          },
        ]
      : [];
  const below = Object.entries(value)
    .filter(([k]) => k !== "runner" && k !== "input" && k !== "output_schema")
    .flatMap(([k, v]) => stepRunners(v, [...path, k]));
  return [...own, ...below];
}

/** Whether a step tree overrides a step's runner with one only admin tokens may configure. */
export function stepsNeedAdmin(steps: unknown): boolean {
  return stepRunners(steps).some((s) => runnerNeedsAdmin(s.runner.kind));
}

/** The step tree with each runner override's secrets masked (for every read). */
export function maskStepSecrets(steps: unknown): unknown {
  if (Array.isArray(steps)) return steps.map(maskStepSecrets);
  if (!isObject(steps)) return steps;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(steps)) {
    if (k === "runner" && isObject(v) && typeof v.kind === "string")
      out[k] = { ...v, settings: maskSettings(v.kind, v.settings) };
    else out[k] = k === "input" || k === "output_schema" ? v : maskStepSecrets(v);
  }
  return out;
}

/** A run's stored definition with its steps' secrets masked. */
export function maskDefinitionSecrets(definition: unknown): unknown {
  return isObject(definition) ? { ...definition, steps: maskStepSecrets(definition.steps) } : definition;
}

/**
 * The incoming steps with each masked secret replaced by the stored step's value (same step id,
 * same runner kind and destination); every mask that cannot be kept is a ValidationError naming it.
 */
export function unmaskStepSecrets(incoming: unknown, stored: unknown): unknown {
  const before = new Map(stepRunners(stored).flatMap((s) => (s.id ? [[s.id, s.runner] as const] : [])));
  const replaced = new Map<string, unknown>();
  const issues = stepRunners(incoming).flatMap((step) => {
    try {
      const settings = unmaskSettings(step.runner.kind, step.runner.settings, (step.id && before.get(step.id)) || null);
      replaced.set(step.at, settings);
      return [];
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return e.issues.map((i) => ({ field: `${step.at}.${i.field}`, message: i.message }));
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return withSettings(incoming, ["steps"], replaced);
}

/** `value` with the runner settings at each path in `replaced` swapped in. */
function withSettings(value: unknown, path: (string | number)[], replaced: Map<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withSettings(v, [...path, i], replaced));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "runner" && isObject(v) && replaced.has(pathOf(path)))
      out[k] = { ...v, settings: replaced.get(pathOf(path)) };
    else out[k] = k === "input" || k === "output_schema" ? v : withSettings(v, [...path, k], replaced);
  }
  return out;
}
