import { useMemo } from "react";
import type { RunnerKind } from "../../../gql/graphql.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";
import { stepRunners } from "../lib/runner-label.ts";
import { parseStepTree, treeSteps } from "../lib/step-tree.ts";

type KnownStep = { id: string; runnerKind?: RunnerKind | null; runnerSource: string };

/**
 * Each step's runner, from the template's step list (null when gone; its kinds as the step tree
 * writes them, `mock`) and the step tree as written.
 */
export function useStepRunners(stepList: readonly KnownStep[] | null | undefined, steps: unknown) {
  return useMemo(() => {
    const known = stepList?.map((s) => ({ ...s, runnerKind: fromEnum(s.runnerKind) })) ?? null;
    return stepRunners(known, treeSteps(parseStepTree(steps)));
  }, [stepList, steps]);
}
