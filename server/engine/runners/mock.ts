// The `mock` runner: scripted outputs, latency and failures for demos and tests, where the real
// tool is not on this machine. Failures are drawn from a PRNG seeded by (seed, run, step, attempt),
// so a run replays identically: the same attempt always fails or succeeds the same way, and a
// retry (the next attempt) gets a fresh draw.
import type { Json, JsonObject, Runner, RunnerInvocation, RunnerResult } from "../types.js";
import { type Outcome, parseSettings, runnerOf, sleep } from "./support.js";

/** 32-bit FNV-1a: spreads similar keys ("step-1", "step-2") far apart before seeding. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The first number of mulberry32 seeded with `seed`, in [0, 1). */
function mulberry32(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The draw compared with `failure_rate`: the attempt fails when it is below the rate. */
export function mockDraw(seed: number, runId: string, stepId: string, attempt: number): number {
  return mulberry32(hash(`${seed}|${runId}|${stepId}|${attempt}`));
}

function lookup(root: Json, path: string[]): Json | undefined {
  let value: Json | undefined = root;
  for (const key of path) {
    if (Array.isArray(value) && /^\d+$/.test(key)) value = value[Number(key)];
    else if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, key))
      value = value[key];
    else return undefined;
  }
  return value;
}

const PLACEHOLDER = /\{\{\s*input((?:\.[^.\s{}]+)*)\s*\}\}/g;
const WHOLE = /^\{\{\s*input((?:\.[^.\s{}]+)*)\s*\}\}$/;
const pathOf = (dotted: string | undefined) => (dotted ? dotted.slice(1).split(".") : []);

/**
 * Fills `{{input.a.b}}` (also `{{input}}`, and `{{input.list.0}}` for array items) in string
 * values. A string that is only a placeholder takes the value's own JSON type (missing: null);
 * inside a longer string the value is written as text (missing: empty). Nothing else is evaluated.
 */
export function fillPlaceholders(value: Json, input: Json): Json {
  if (typeof value === "string") {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(input, pathOf(whole[1])) ?? null;
    return value.replace(PLACEHOLDER, (_, p: string) => {
      const found = lookup(input, pathOf(p));
      return found === undefined || found === null ? "" : typeof found === "string" ? found : JSON.stringify(found);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, input));
  if (value !== null && typeof value === "object") {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = fillPlaceholders(v, input);
    return out;
  }
  return value;
}

interface Script {
  fail?: boolean | string;
  latency_ms?: number;
  outputs?: Json;
}

/**
 * `input.__mock` scripts one invocation, overriding the agent's settings: a template can then
 * drive a mock per step (`{ "__mock": { "fail": "disk full" } }` on one step, a latency on
 * another) without registering an agent per behaviour. `fail: true` uses the settings' error,
 * a string is the error itself, `false` succeeds whatever the failure rate.
 */
function scriptOf(input: Json): Outcome<Script> {
  if (input === null || typeof input !== "object" || Array.isArray(input) || !Object.hasOwn(input, "__mock"))
    return { ok: true, value: {} };
  const raw = input.__mock;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    return { ok: false, error: "input.__mock must be an object { fail?, latency_ms?, outputs? }" };
  const { fail, latency_ms, outputs } = raw;
  if (fail !== undefined && typeof fail !== "boolean" && typeof fail !== "string")
    return { ok: false, error: "input.__mock.fail must be a boolean or an error message" };
  if (latency_ms !== undefined && (typeof latency_ms !== "number" || !(latency_ms >= 0)))
    return { ok: false, error: "input.__mock.latency_ms must be a number ≥ 0" };
  return { ok: true, value: { fail, latency_ms, outputs } };
}

export function mockRunner(): Runner {
  async function run(invocation: RunnerInvocation): Promise<RunnerResult> {
    const parsed = parseSettings("mock", invocation.agent.settings);
    if (!parsed.ok) return parsed;
    const settings = parsed.value;
    const script = scriptOf(invocation.input);
    if (!script.ok) return script;
    const { fail, latency_ms, outputs } = script.value;

    // Zero latency sets no timer: a thousand-step benchmark must not pay a timer tick per step.
    const waited = await sleep(latency_ms ?? settings.latency_ms ?? 0, invocation.signal, invocation.timeoutMs);
    if (!waited.ok) return waited;

    const rate = settings.failure_rate ?? 0;
    const seed = settings.seed ?? 0;
    const failing =
      fail !== undefined
        ? fail !== false
        : rate > 0 && mockDraw(seed, invocation.runId, invocation.stepId, invocation.attempt) < rate;
    if (failing) {
      if (typeof fail === "string" && fail !== "") return { ok: false, error: fail };
      const why =
        fail === undefined ? `failure_rate ${rate}, seed ${seed}, attempt ${invocation.attempt}` : "input.__mock.fail";
      return { ok: false, error: settings.error ?? `${invocation.agent.name}: scripted mock failure (${why})` };
    }
    const scripted = outputs !== undefined ? outputs : ((settings.outputs ?? {}) as JsonObject);
    return { ok: true, outputs: fillPlaceholders(scripted, invocation.input) };
  }

  return runnerOf("mock", run);
}
