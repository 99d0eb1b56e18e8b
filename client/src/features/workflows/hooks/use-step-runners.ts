import { useMemo } from "react";
import { stepRunners } from "../lib/runner-label.ts";
import { parseStepTree, treeSteps } from "../lib/step-tree.ts";

type KnownStep = { id: string; runnerKind?: string | null; runnerSource: string };

/** Each step's runner, from the template's step list (null when gone) and the step tree as written. */
export function useStepRunners(stepList: readonly KnownStep[] | null | undefined, steps: unknown) {
  return useMemo(() => stepRunners(stepList ?? null, treeSteps(parseStepTree(steps))), [stepList, steps]);
}
