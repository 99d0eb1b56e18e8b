// Small facts about a template's step tree, shared by the executor and whoever reads a definition.
import type { NodeDef, StepDef } from "./types.js";

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
