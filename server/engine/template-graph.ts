// Happens-before over a template's steps, and the references it permits. A step may refer only to
// steps that always finish before it starts: earlier nodes of a sequence, the supervisor (from its
// workers and aggregate), the workers (from the aggregate), and whatever its enclosing groups
// come after. Anything else would read an output that may not exist yet: a race with a parallel
// sibling, or a cycle with a step that itself waits for this one.
import type { FieldIssue } from "../errors.js";
import { pathOf } from "../validation.js";
import { scanReferences } from "./expressions.js";
import { globToRegExp } from "./memory.js";
import { didYouMean } from "./suggest.js";
import type { FlatStep, NodeDef, StepDef } from "./types.js";

export interface FlatGraph {
  /** Definition order; `position` is the index. */
  steps: FlatStep[];
  /** Where each step sits in the definition (`steps[1].parallel[0]`), by position. */
  fields: string[];
  /** Aggregate step id → the ids of every step inside its group's workers, at any depth. */
  workersOf: Map<string, string[]>;
}

type Role = FlatStep["role"];

/**
 * Flattens a (validated) step tree. Group labels in `path` are the group's field path ending in
 * its kind (`steps[1].parallel`, `steps[1].parallel[0].hierarchical`): unique, stable across
 * saves of the same shape, and they say what kind of box to draw. The top-level list is no group.
 */
export function flattenNodes(nodes: NodeDef[]): FlatGraph {
  const graph: FlatGraph = { steps: [], fields: [], workersOf: new Map() };
  type Trail = FlatStep["trail"];

  const addStep = (def: StepDef, field: string, trail: Trail, path: string[], role: Role) => {
    const position = graph.steps.length;
    graph.steps.push({ id: def.id, agent: def.agent, def, role, path, trail, position });
    graph.fields.push(field);
    return [def.id];
  };

  // The members of `list` one after another (`ordered`) or all at once; the ids of their steps.
  const visitList = (list: NodeDef[], field: string, trail: Trail, path: string[], role: Role, ordered: boolean) =>
    list.flatMap((node, index) => visit(node, `${field}[${index}]`, [...trail, { index, ordered }], path, role));

  const visit = (node: NodeDef, field: string, trail: Trail, path: string[], role: Role): string[] => {
    if ("sequential" in node) {
      return visitList(node.sequential, `${field}.sequential`, trail, [...path, `${field}.sequential`], role, true);
    }
    if ("parallel" in node) {
      return visitList(node.parallel, `${field}.parallel`, trail, [...path, `${field}.parallel`], role, false);
    }
    if ("hierarchical" in node) {
      // In order: the supervisor, then the workers (at once, the supervisor's children), then the
      // aggregate. Workers are ordered among themselves only by a sequential group of their own.
      const { supervisor, workers, aggregate } = node.hierarchical;
      const at = `${field}.hierarchical`;
      const inner = [...path, at];
      const slot = (index: number) => [...trail, { index, ordered: true }];
      const sup = addStep(supervisor, `${at}.supervisor`, slot(0), inner, "supervisor");
      const workerIds = visitList(workers, `${at}.workers`, slot(1), inner, "worker", false);
      const agg = { ...aggregate, agent: aggregate.agent ?? supervisor.agent };
      graph.workersOf.set(agg.id, workerIds);
      return [...sup, ...workerIds, ...addStep(agg, `${at}.aggregate`, slot(2), inner, "aggregate")];
    }
    return addStep(node, field, trail, path, role);
  };

  visitList(nodes, "steps", [], [], "step", true);
  return graph;
}

/**
 * Whether `a` always finishes before `b` starts: where their trails part, the level runs its
 * members in order and `a`'s comes first. Linear in the nesting depth, whatever the step count.
 */
export function happensBefore(a: Pick<FlatStep, "trail">, b: Pick<FlatStep, "trail">): boolean {
  const depth = Math.min(a.trail.length, b.trail.length);
  for (let k = 0; k < depth; k++) {
    const x = a.trail[k] as FlatStep["trail"][number];
    const y = b.trail[k] as FlatStep["trail"][number];
    if (x.index !== y.index) return x.ordered && x.index < y.index;
  }
  return false;
}

/** Whether a `context_memories` entry loads `name` (`{{run.id}}` standing for any run). */
function memoryCovers(entry: string, name: string): boolean {
  if (entry === name) return true;
  const glob = entry.replaceAll("{{run.id}}", "*");
  return /[*?[]/.test(glob) ? globToRegExp(glob).test(name) : false;
}

/** Issues for references to unknown parameters or steps, races, cycles and misplaced `{{workers}}`. */
export function checkReferences(
  graph: FlatGraph,
  paramNames: Set<string> | null,
  /** Every step id written, including steps of groups too broken to place in the graph. */
  allIds: Set<string> = new Set(graph.steps.map((s) => s.id)),
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // By id for the steps referred to; with duplicate ids (already reported) the first one counts.
  const byId = new Map<string, FlatStep>();
  for (const s of graph.steps) if (!byId.has(s.id)) byId.set(s.id, s);
  for (const step of graph.steps) {
    if (step.def.input === undefined) continue;
    const label = `step '${step.id}'`;
    for (const { at, ref } of scanReferences(step.def.input).refs) {
      const issue = (message: string) =>
        issues.push({
          field: pathOf([`${graph.fields[step.position]}.input`, ...at]),
          message: `${label}: ${message}`,
        });
      const name = ref.name ?? "";
      if (ref.root === "params") {
        if (ref.name !== undefined && paramNames && !paramNames.has(name)) {
          issue(`unknown parameter '${name}' in ${ref.text}${didYouMean(name, paramNames)}`);
        }
      } else if (ref.root === "steps") {
        if (!allIds.has(name)) issue(`refers to unknown step '${name}'${didYouMean(name, allIds)}`);
        else if (!byId.has(name)) continue;
        else if (name === step.id) issue("refers to itself (a cycle)");
        else if (!happensBefore(byId.get(name) as FlatStep, step)) {
          const after = happensBefore(step, byId.get(name) as FlatStep);
          issue(
            `refers to step '${name}', which runs ${after ? "after it (a cycle)" : "in parallel with it (a race)"}`,
          );
        }
      } else if (ref.root === "memory") {
        const loaded = step.def.context_memories ?? [];
        if (loaded.length === 0) issue(`${ref.text} needs the step to load memories: list them in context_memories`);
        else if (ref.name !== undefined && !loaded.some((m) => memoryCovers(m, name)))
          issue(`${ref.text} is not among the memories the step loads (context_memories: ${loaded.join(", ")})`);
      } else if (ref.root === "workers") {
        const workers = step.role === "aggregate" ? graph.workersOf.get(step.id) : undefined;
        if (workers === undefined) {
          issue(`${ref.text} is only available in the aggregate step of a hierarchical group`);
        } else if (ref.name !== undefined && !workers.includes(name)) {
          issue(`'${name}' is not a worker of this hierarchical group (workers: ${workers.join(", ")})`);
        }
      }
    }
  }
  return issues;
}
