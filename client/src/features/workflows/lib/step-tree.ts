// A template's `steps` JSON read into a typed tree for drawing. The server validated the template,
// but the client still reads defensively: a node it cannot read is left out rather than thrown on.
// A list is sequential; a node is a step `{ id, agent, … }` or a `sequential`, `parallel` or
// `hierarchical` group (docs/workflows.md).

export type StepRole = "step" | "supervisor" | "worker" | "aggregate";

export interface TreeStep {
  kind: "step";
  id: string;
  /** The aggregate's agent defaults to its supervisor's. */
  agent: string;
  role: StepRole;
  optional: boolean;
  /** The runner kind the step sets for itself (`runner.kind`), else null: its agent's runner. */
  runnerOverride: string | null;
}

export type TreeNode =
  | TreeStep
  | { kind: "sequential"; nodes: TreeNode[] }
  | { kind: "parallel"; nodes: TreeNode[] }
  | { kind: "hierarchical"; supervisor: TreeStep; workers: TreeNode[]; aggregate: TreeStep };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function readStep(v: unknown, role: StepRole, inheritedAgent = ""): TreeStep | null {
  if (!isObject(v) || typeof v.id !== "string" || v.id === "") return null;
  const runner = isObject(v.runner) && typeof v.runner.kind === "string" ? v.runner.kind : null;
  return {
    kind: "step",
    id: v.id,
    agent: typeof v.agent === "string" ? v.agent : inheritedAgent,
    role,
    optional: v.optional === true,
    runnerOverride: runner,
  };
}

function readNodes(list: unknown, role: StepRole): TreeNode[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((n) => readNode(n, role) ?? []);
}

function readNode(v: unknown, role: StepRole): TreeNode | null {
  if (!isObject(v)) return null;
  if (Array.isArray(v.sequential)) return { kind: "sequential", nodes: readNodes(v.sequential, role) };
  if (Array.isArray(v.parallel)) return { kind: "parallel", nodes: readNodes(v.parallel, role) };
  if (isObject(v.hierarchical)) {
    const h = v.hierarchical;
    const supervisor = readStep(h.supervisor, "supervisor");
    const aggregate = supervisor && readStep(h.aggregate, "aggregate", supervisor.agent);
    if (!supervisor || !aggregate) return null;
    return { kind: "hierarchical", supervisor, workers: readNodes(h.workers, "worker"), aggregate };
  }
  return readStep(v, role);
}

/** The top-level list of a template's `steps` (a sequence). */
export function parseStepTree(steps: unknown): TreeNode[] {
  return readNodes(steps, "step");
}

/** Every step of the tree, in definition order. */
export function treeSteps(nodes: readonly TreeNode[]): TreeStep[] {
  return nodes.flatMap((n): TreeStep[] => {
    if (n.kind === "step") return [n];
    if (n.kind === "hierarchical") return [n.supervisor, ...treeSteps(n.workers), n.aggregate];
    return treeSteps(n.nodes);
  });
}
