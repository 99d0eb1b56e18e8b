// Demo executions: a few weeks of TDD-cycle, docs-sync, test-parallel and release handoff trees
// with realistic failures and retries, generated from a seeded PRNG so the same anchor day always
// gives the same data. Ids are `demo-…`, so re-seeding adds nothing. Each tree carries the id of
// the seeded template it is an example of (as a tool that ran it elsewhere would record), so the
// graph's and timeline's workflow filters have something to show.
import type { Database } from "../db.js";
import { recordExecutions } from "../modules/execution/execution.service.js";
import type { RecordInput } from "../modules/execution/execution.validation.js";

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = ReturnType<typeof mulberry32>;
const pick = <T>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
const between = (r: Rand, lo: number, hi: number) => Math.round(lo + r() * (hi - lo));

const FEATURES = [
  "login form",
  "rate limiter",
  "CSV export",
  "search filters",
  "webhook retries",
  "dark mode",
  "audit log",
  "pagination",
];
const SUITES = ["api", "ui", "engine"];

/** The seeded templates the demo's trees are examples of. */
export const DEMO_WORKFLOWS = ["tdd-cycle", "docs-sync", "test-parallel", "release"] as const;
export type DemoWorkflow = (typeof DEMO_WORKFLOWS)[number];

/** The seeded agents that run on Claude (the `claude` runner): their demo executions say what they used. */
const CLAUDE_AGENTS = new Set(["TestAgent", "CodeAgent", "ReviewAgent"]);
export const DEMO_MODEL = "claude-sonnet-4-5";
/** Claude Sonnet 4.5's list prices, US dollars per million tokens (cache reads and writes folded into input). */
const PRICE_IN = 3;
const PRICE_OUT = 15;

/**
 * Plausible usage of a Claude agent's execution: tokens growing with its duration, cost at the
 * model's prices. Drawn from a generator seeded by the execution's id, so adding usage changed
 * none of the demo's other figures.
 */
export function demoUsage(id: string, ms: number) {
  let seed = 0;
  for (let i = 0; i < id.length; i++) seed = (Math.imul(seed, 31) + id.charCodeAt(i)) >>> 0;
  const r = mulberry32(seed);
  const inputTokens = between(r, 3_000, 12_000) + Math.round((ms / 1000) * between(r, 150, 400));
  const outputTokens = between(r, 300, 1_500) + Math.round((ms / 1000) * between(r, 10, 40));
  const costUsd = Math.round(inputTokens * PRICE_IN + outputTokens * PRICE_OUT) / 1_000_000;
  return { model: DEMO_MODEL, inputTokens, outputTokens, costUsd };
}

class TreeBuilder {
  readonly rows: RecordInput[] = [];
  /** The template id the trees being built are recorded under, if any. */
  workflowId: string | undefined;
  constructor(
    private readonly rand: Rand,
    private next: () => string,
  ) {}

  add(
    agentName: string,
    start: number,
    ms: number,
    ok: boolean,
    parent: string | null,
    io: { inputs: unknown; outputs?: unknown; error?: string },
    attempt = 1,
  ) {
    const id = this.next();
    this.rows.push({
      id,
      agentName,
      status: ok ? "success" : "failure",
      timestamp: new Date(start),
      durationMs: ms,
      inputs: io.inputs,
      ...(ok ? { outputs: io.outputs ?? { ok: true } } : { error: io.error ?? "failed" }),
      ...(parent ? { parentExecutionId: parent } : {}),
      ...(this.workflowId ? { workflowId: this.workflowId } : {}),
      attempt,
      ...(CLAUDE_AGENTS.has(agentName) ? demoUsage(id, ms) : {}),
    });
    return { id, end: start + ms };
  }

  /** TestAgent writes a failing test → CodeAgent implements (maybe retried) → TestAgent verifies. */
  tdd(start: number) {
    const r = this.rand;
    const feature = pick(r, FEATURES);
    const red = this.add("TestAgent", start, between(r, 20_000, 90_000), true, null, {
      inputs: { task: `write failing test for ${feature}`, mode: "red" },
      outputs: { status: "red", failed: between(r, 1, 4), passed: between(r, 40, 120) },
    });
    let parent = red;
    let attempt = 1;
    while (true) {
      const ok = r() > 0.22;
      const step = this.add(
        "CodeAgent",
        parent.end + between(r, 500, 3000),
        between(r, 60_000, 400_000),
        ok,
        parent.id,
        {
          inputs: { feature, failing_tests: between(r, 1, 4) },
          outputs: { changed_files: [`src/${feature.replace(/ /g, "-")}.ts`], summary: `implement ${feature}` },
          error: "tsc: Type 'string' is not assignable to type 'number'",
        },
        attempt,
      );
      parent = step;
      if (ok || attempt >= 2) break;
      attempt++;
    }
    const lastOk = this.rows[this.rows.length - 1]?.status === "success";
    if (!lastOk) return;
    const green = r() > 0.12;
    this.add("TestAgent", parent.end + between(r, 500, 2000), between(r, 15_000, 60_000), green, parent.id, {
      inputs: { task: `verify ${feature}`, mode: "green" },
      outputs: {
        status: "green",
        failed: 0,
        passed: between(r, 45, 130),
        coverage: Number((0.7 + r() * 0.25).toFixed(2)),
      },
      error: `1 test still failing: ${feature} handles empty input`,
    });
  }

  /** DocsAgent → ReviewAgent → FormatAgent → SyncAgent; a rejected review stops the chain. */
  docsSync(start: number) {
    const r = this.rand;
    let step = this.add("DocsAgent", start, between(r, 8_000, 30_000), true, null, {
      inputs: { source: "/openapi.json" },
      outputs: { markdown_bytes: between(r, 9_000, 15_000), endpoints: 18 },
    });
    const approved = r() > 0.15;
    step = this.add("ReviewAgent", step.end + 800, between(r, 20_000, 80_000), approved, step.id, {
      inputs: { check: "docs match routes" },
      outputs: { approved: true, issues: [] },
      error: "review rejected: GET /agents/{id}/health documented but not routed",
    });
    if (!approved) return;
    step = this.add("FormatAgent", step.end + 500, between(r, 1_000, 4_000), true, step.id, {
      inputs: { style: "gfm" },
      outputs: { changed_lines: between(r, 0, 40) },
    });
    const synced = r() > 0.05;
    this.add("SyncAgent", step.end + 500, between(r, 500, 3_000), synced, step.id, {
      inputs: { path: "docs/API.md" },
      outputs: { written: "docs/API.md" },
      error: "EACCES: permission denied, open 'docs/API.md'",
    });
  }

  /** One TestAgent fans out to three TestAgents on different suites. */
  testParallel(start: number) {
    const r = this.rand;
    const root = this.add("TestAgent", start, between(r, 2_000, 5_000), true, null, {
      inputs: { suites: SUITES },
      outputs: { fan_out: 3 },
    });
    for (const suite of SUITES) {
      const ok = r() > 0.1;
      this.add("TestAgent", root.end + between(r, 100, 900), between(r, 30_000, 180_000), ok, root.id, {
        inputs: { suite },
        outputs: { suite, passed: between(r, 60, 300), failed: 0, coverage: Number((0.65 + r() * 0.3).toFixed(2)) },
        error: `${suite}: 2 failed (timeout in fixture)`,
      });
    }
  }

  /** DeployAgent supervises build, test and docs workers, then aggregates and deploys. */
  release(start: number) {
    const r = this.rand;
    const version = `1.${between(r, 2, 9)}.${between(r, 0, 20)}`;
    const sup = this.add("DeployAgent", start, between(r, 3_000, 8_000), true, null, {
      inputs: { version, environment: "staging" },
      outputs: { plan: ["build", "test", "docs"] },
    });
    let allOk = true;
    let end = sup.end;
    for (const [agent, lo, hi, p] of [
      ["BuildAgent", 40_000, 200_000, 0.1],
      ["TestAgent", 60_000, 240_000, 0.12],
      ["DocsAgent", 8_000, 30_000, 0.03],
    ] as const) {
      const ok = r() > p;
      allOk &&= ok;
      const w = this.add(agent, sup.end + between(r, 200, 1500), between(r, lo, hi), ok, sup.id, {
        inputs: { version },
        outputs: { version, artifact: agent === "BuildAgent" ? `dist/baton-${version}.tgz` : undefined },
        error: `${agent} failed for ${version}`,
      });
      end = Math.max(end, w.end);
    }
    this.add("DeployAgent", end + 1000, between(r, 20_000, 90_000), allOk && r() > 0.05, sup.id, {
      inputs: { version, aggregate: true },
      outputs: { deployed: true, environment: "staging", version },
      error: allOk ? "health check failed after rollout" : "a worker failed: release aborted",
    });
  }
}

export interface DemoOptions {
  /** Last day of data (UTC); default yesterday, so no demo execution lies in the future. */
  anchor?: Date;
  days?: number;
  seed?: number;
  /** Template ids by name: trees of a template listed here are recorded under its id. */
  workflowIds?: Partial<Record<DemoWorkflow, string>>;
}

export function generateDemoExecutions(opts: DemoOptions = {}): RecordInput[] {
  const days = opts.days ?? 60;
  const rand = mulberry32(opts.seed ?? 20261125);
  const anchor = opts.anchor ?? new Date(Date.now() - 86_400_000);
  const lastDay = Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate());
  let n = 0;
  const b = new TreeBuilder(rand, () => `demo-${String(n++).padStart(5, "0")}`);
  for (let d = days - 1; d >= 0; d--) {
    const day = lastDay - d * 86_400_000;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    const trees = weekend ? between(rand, 1, 4) : between(rand, 8, 16);
    for (let t = 0; t < trees; t++) {
      const start = day + between(rand, 7, 19) * 3_600_000 + between(rand, 0, 3_599_999);
      const kind = rand();
      const workflow: DemoWorkflow =
        kind < 0.45 ? "tdd-cycle" : kind < 0.65 ? "docs-sync" : kind < 0.85 ? "test-parallel" : "release";
      b.workflowId = opts.workflowIds?.[workflow];
      if (workflow === "tdd-cycle") b.tdd(start);
      else if (workflow === "docs-sync") b.docsSync(start);
      else if (workflow === "test-parallel") b.testParallel(start);
      else b.release(start);
    }
  }
  return b.rows;
}

export async function seedDemo(db: Database, opts: DemoOptions = {}, jsonLimit = 256 * 1024) {
  if (await db.prisma.execution.findFirst({ where: { id: { startsWith: "demo-" } }, select: { id: true } }))
    return { created: 0 };
  const templates = await db.prisma.workflowTemplate.findMany({
    where: { name: { in: [...DEMO_WORKFLOWS] } },
    select: { id: true, name: true },
  });
  const workflowIds = Object.fromEntries(templates.map((t) => [t.name, t.id]));
  const rows = generateDemoExecutions({ workflowIds, ...opts });
  for (let i = 0; i < rows.length; i += 2000) await recordExecutions(db, rows.slice(i, i + 2000), { jsonLimit });
  return { created: rows.length };
}
