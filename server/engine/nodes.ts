// Small facts about a template's step tree, shared by the executor and whoever reads a definition.
import type { FlatStep, NodeDef, StepDef } from "./types.js";

export function isStep(node: NodeDef): node is StepDef {
  return typeof (node as StepDef).id === "string";
}

/** Every step id under a node, in definition order. */
export function stepIdsOf(node: NodeDef): string[] {
  if (isStep(node)) return [node.id];
  if ("sequential" in node) return node.sequential.flatMap(stepIdsOf);
  if ("parallel" in node) return node.parallel.flatMap(stepIdsOf);
  const h = node.hierarchical;
  return [h.supervisor.id, ...h.workers.flatMap(stepIdsOf), h.aggregate.id];
}

/**
 * For every step, the steps whose completion hands work to it directly (the edges of the flow:
 * the previous node's last steps in a sequence, the supervisor for its workers, the workers' last
 * steps for the aggregate). Linear in the template's size.
 */
export function handoffSources(steps: NodeDef[]): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  // Places `node` after `from`; returns the node's last steps (what the next node starts after).
  const place = (node: NodeDef, from: string[]): string[] => {
    if (isStep(node)) {
      sources.set(node.id, from);
      return [node.id];
    }
    if ("sequential" in node) return node.sequential.reduce((prev, n) => place(n, prev), from);
    if ("parallel" in node) return node.parallel.flatMap((n) => place(n, from));
    const h = node.hierarchical;
    const supervisor = place(h.supervisor, from);
    const workers = h.workers.flatMap((n) => place(n, supervisor));
    return place(h.aggregate as StepDef, workers);
  };
  steps.reduce<string[]>((prev, n) => place(n, prev), []);
  return sources;
}

/**
 * Every step of a stored (already validated) definition with its agent and role, in definition
 * order: what a run's step rows need, without validating the template again.
 */
export function stepRoles(steps: NodeDef[]): Pick<FlatStep, "id" | "agent" | "role">[] {
  const out: Pick<FlatStep, "id" | "agent" | "role">[] = [];
  const walk = (node: NodeDef, role: FlatStep["role"]) => {
    if (isStep(node)) out.push({ id: node.id, agent: node.agent, role });
    else if ("sequential" in node) for (const n of node.sequential) walk(n, role);
    else if ("parallel" in node) for (const n of node.parallel) walk(n, role);
    else {
      const h = node.hierarchical;
      walk(h.supervisor, "supervisor");
      for (const n of h.workers) walk(n, "worker");
      // Stored definitions carry the aggregate's agent (validation fills in the supervisor's).
      walk(h.aggregate as StepDef, "aggregate");
    }
  };
  for (const n of steps) walk(n, "step");
  return out;
}
