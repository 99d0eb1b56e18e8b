// The three coordination patterns every Baton has. Diagrams are SVGs in docs/diagrams/.
export const seedPatterns = [
  {
    slug: "sequential",
    name: "Sequential",
    position: 0,
    description:
      "Agents run one after another; each hands its output to the next. The chain is only as fast as its slowest step, but every step sees everything before it.",
    whenToUse:
      "When each step needs the previous step's result: a TDD cycle (write failing test → implement → verify), or a docs pipeline (generate → review → format → sync). Prefer it when order matters more than speed.",
    diagramUrl: "/diagrams/sequential.svg",
  },
  {
    slug: "parallel",
    name: "Parallel",
    position: 1,
    description:
      "One step fans out to several agents that run at the same time on independent slices of the work, then a join waits for all of them and merges their results.",
    whenToUse:
      "When the work splits into independent parts: test suites per package, linting several directories, reviewing files in parallel. Mark branches optional when one failing should not fail the whole run.",
    diagramUrl: "/diagrams/parallel.svg",
  },
  {
    slug: "hierarchical",
    name: "Hierarchical",
    position: 2,
    description:
      "A supervisor agent plans the work, hands parts to worker agents that run as its children, and aggregates their outputs in a follow-up step.",
    whenToUse:
      "When the split is decided at run time or needs judgement: a release where a deploy supervisor coordinates build, test and docs workers, or a refactor planned by one agent and carried out by several.",
    diagramUrl: "/diagrams/hierarchical.svg",
  },
] as const;
