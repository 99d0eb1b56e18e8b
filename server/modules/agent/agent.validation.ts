// The rules an agent's metadata must satisfy, one zod schema per concern. Both GraphQL and REST
// reach them through agent.service.ts; zod paths become the `field` of a ValidationError.
import { z } from "zod";
// The engine defines what a runner and a backoff can be; an agent's settings choose among them.
import { type CommandAllowlist, commandRefusal } from "../../engine/command-allowlist.js";
import { BACKOFFS, RETRY_LIMITS, RUNNER_KINDS, type RunnerKind } from "../../engine/types.js";
import { type FieldIssue, ValidationError } from "../../errors.js";
import { isObject } from "../../validation.js";

export { BACKOFFS, RUNNER_KINDS, type RunnerKind };

const token = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

function uniqueList(item: z.ZodString, maxItems: number) {
  return z
    .array(item)
    .max(maxItems, `must have at most ${maxItems} entries`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((v, i) => {
        const key = v.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i], message: `duplicate entry '${v}'` });
        seen.add(key);
      });
    });
}

const timeoutMs = z.number().int().min(1).max(86_400_000);

/** `{"$secret": "NAME"}` in place of a secret's value: resolved when the runner is invoked. */
export type SecretRef = { $secret: string };
export type SecretValue = string | SecretRef;
export const SECRET_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

export const isSecretRef = (v: unknown): v is SecretRef =>
  isObject(v) && Object.keys(v).length === 1 && typeof v.$secret === "string";

function secretValueProblem(v: unknown): string | null {
  if (typeof v === "string") return null;
  if (!isObject(v) || Object.keys(v).join() !== "$secret")
    return 'must be a string or a secret reference {"$secret": "NAME"} (no other keys)';
  if (typeof v.$secret !== "string" || !SECRET_NAME.test(v.$secret))
    return "$secret must be a name of A–Z, 0–9 and _, not starting with a digit, at most 128 characters";
  return null;
}

/** Secret values by key (http headers, command env): each a string or a reference. */
const secretMap = z.record(
  z.string().min(1),
  z.custom<SecretValue>().superRefine((v, ctx) => {
    const problem = secretValueProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
);

export const runnerSettingsSchemas = {
  command: z
    .object({
      command: token(1000),
      args: z.array(z.string()).max(200).optional(),
      cwd: z.string().min(1).optional(),
      env: secretMap.optional(),
      timeout_ms: timeoutMs.optional(),
      max_output_bytes: z
        .number()
        .int()
        .min(1)
        .max(64 * 1024 * 1024)
        .optional(),
    })
    .strict(),
  http: z
    .object({
      url: z
        .string()
        .url("must be an http(s) URL")
        .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL"),
      headers: secretMap.optional(),
      timeout_ms: timeoutMs.optional(),
    })
    .strict(),
  builtin: z.object({ name: token(100), options: z.record(z.string(), z.unknown()).optional() }).strict(),
  mock: z
    .object({
      outputs: z.record(z.string(), z.unknown()).optional(),
      latency_ms: z.number().int().min(0).max(3_600_000).optional(),
      failure_rate: z.number().min(0).max(1).optional(),
      error: z.string().max(2000).optional(),
      seed: z.number().int().optional(),
    })
    .strict(),
  claude: z
    .object({
      agent_file: z.string().min(1).optional(),
      model: z.string().min(1).optional(),
      allowed_tools: z.array(z.string().min(1)).optional(),
      timeout_ms: timeoutMs.optional(),
    })
    .strict(),
} satisfies Record<RunnerKind, z.ZodTypeAny>;

/** What this server lets runners do beyond their settings' own rules (from its environment). */
export interface RunnerPolicy {
  /** BATON_COMMAND_ALLOWLIST: the executables a command runner may start (null or absent: any). */
  commandAllowlist?: CommandAllowlist;
}

/** Issues, named relative to the settings (`command`), with valid settings the policy refuses. */
export function runnerPolicyIssues(kind: RunnerKind, settings: unknown, policy: RunnerPolicy): FieldIssue[] {
  if (kind !== "command" || !isObject(settings) || typeof settings.command !== "string") return [];
  const refusal = commandRefusal(settings.command, policy.commandAllowlist ?? null);
  return refusal ? [{ field: "command", message: refusal }] : [];
}

export const retryPolicySchema = z
  .object({
    maxRetries: z
      .number()
      .int()
      .min(0, "must be ≥ 0")
      .max(RETRY_LIMITS.maxRetries, `must be ≤ ${RETRY_LIMITS.maxRetries}`),
    backoff: z.enum(BACKOFFS),
    initialDelayMs: z.number().int().min(0).max(RETRY_LIMITS.initialDelayMs),
    maxDelayMs: z.number().int().min(0).max(RETRY_LIMITS.maxDelayMs),
  })
  .refine((p) => p.maxDelayMs >= p.initialDelayMs, {
    path: ["maxDelayMs"],
    message: "must be ≥ initialDelayMs",
  });

export const circuitBreakerSchema = z.object({
  failureThreshold: z.number().int().min(1, "must be ≥ 1").max(1000),
  cooldownMs: z.number().int().min(0).max(86_400_000),
});

/** Bounds of an agent's REPEATED_FAILURES policy (docs/alerts.md). */
export const ALERT_POLICY_LIMITS = { failures: 1000, minWindowMs: 1000, maxWindowMs: 7 * 86_400_000 } as const;

export const alertPolicySchema = z.object({
  failures: z.number().int().min(1, "must be ≥ 1").max(ALERT_POLICY_LIMITS.failures),
  windowMs: z.number().int().min(ALERT_POLICY_LIMITS.minWindowMs).max(ALERT_POLICY_LIMITS.maxWindowMs),
});

export const agentFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(64, "must be at most 64 characters")
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, "must start with a letter and use only letters, digits, '_', '.', '-'"),
  description: z.string().trim().max(2000, "must be at most 2000 characters"),
  capabilities: uniqueList(token(64), 50),
  tools: uniqueList(token(128), 100),
  coordinationPatterns: uniqueList(token(64), 10),
  runner: z.object({ kind: z.enum(RUNNER_KINDS), settings: z.unknown() }),
  retryPolicy: retryPolicySchema,
  circuitBreaker: circuitBreakerSchema,
  alertPolicy: alertPolicySchema,
  // JSON Schemas, checked by engine/contracts.ts (Ajv); null or {} is no contract.
  inputSchema: z.unknown().optional(),
  outputSchema: z.unknown().optional(),
});

export type AgentFields = z.infer<typeof agentFieldsSchema>;
export type RunnerSettings = z.infer<(typeof runnerSettingsSchemas)[RunnerKind]>;

export const DEFAULT_RETRY_POLICY: AgentFields["retryPolicy"] = {
  maxRetries: 2,
  backoff: "exponential",
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
};
export const DEFAULT_CIRCUIT_BREAKER: AgentFields["circuitBreaker"] = { failureThreshold: 5, cooldownMs: 60_000 };
/** 3 failed executions within 10 minutes raise REPEATED_FAILURES (the columns' defaults too). */
export const DEFAULT_ALERT_POLICY: AgentFields["alertPolicy"] = { failures: 3, windowMs: 10 * 60_000 };

/**
 * Settings whose values are secrets (HTTP headers: tokens; process environment: keys). Reads show
 * them masked; a write that sends the mask back keeps the stored value, so an edit form can
 * round-trip an agent without ever holding its secrets. A reference (`{"$secret": "NAME"}`) is not
 * a secret: it reads as written and is sent back as read.
 */
const SECRET_MAPS: Partial<Record<RunnerKind, string>> = { http: "headers", command: "env" };
export const SECRET_MASK = "********";

export function maskSettings(kind: string, settings: unknown): unknown {
  const key = SECRET_MAPS[kind as RunnerKind];
  if (!key || !isObject(settings) || !isObject(settings[key])) return settings;
  const masked = Object.fromEntries(
    Object.entries(settings[key]).map(([k, v]) => [k, isSecretRef(v) ? v : SECRET_MASK]),
  );
  return { ...settings, [key]: masked };
}

/** The settings that say where a runner's secrets go: change one and every secret must be sent again. */
const DESTINATION: Partial<Record<RunnerKind, string[]>> = { http: ["url"], command: ["command", "args", "cwd"] };

/** The stored secret values a mask can keep: plain ones (a reference reads as itself, never masked). */
function plainSecrets(settings: unknown, key: string): Record<string, string> {
  const values = isObject(settings) && isObject(settings[key]) ? settings[key] : {};
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/**
 * Incoming settings with each masked secret replaced by its stored value of the same name — only
 * while the destination it protects (kind, URL, command, args, cwd) is unchanged, so a masked
 * token can never be carried to a new URL or program. A mask that cannot be kept is a
 * ValidationError naming the secret: it must be sent again.
 */
export function unmaskSettings(
  kind: string,
  incoming: unknown,
  stored: { kind: string; settings: unknown } | null,
): unknown {
  const key = SECRET_MAPS[kind as RunnerKind];
  if (!key || !isObject(incoming) || !isObject(incoming[key])) return incoming;
  const masked = Object.keys(incoming[key]).filter(
    (k) => (incoming[key] as Record<string, unknown>)[k] === SECRET_MASK,
  );
  if (masked.length === 0) return incoming;
  const storedSettings = stored?.settings;
  const kept = plainSecrets(storedSettings, key);
  const same = (f: string) =>
    isObject(storedSettings) && JSON.stringify(storedSettings[f] ?? null) === JSON.stringify(incoming[f] ?? null);
  const moved =
    stored && (stored.kind !== kind ? "kind" : (DESTINATION[kind as RunnerKind] ?? []).find((f) => !same(f)));
  const issues = masked.flatMap((k) => {
    const field = `runner.settings.${key}.${k}`;
    if (!stored) return [{ field, message: `${SECRET_MASK} is how Baton shows a secret: send its value` }];
    if (moved) return [{ field, message: `send this secret again: the runner's ${moved} changed` }];
    return Object.hasOwn(kept, k) ? [] : [{ field, message: "no stored secret of this name to keep: send its value" }];
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const values = Object.fromEntries(
    Object.entries(incoming[key]).map(([k, v]) => [k, v === SECRET_MASK ? kept[k] : v]),
  );
  return { ...incoming, [key]: values };
}
