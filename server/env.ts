// The only reader of process.env: every setting is parsed and checked here, all errors at once.
import { z } from "zod";
import { isAllowlistEntry } from "./engine/command-allowlist.js";
import { commaList as items } from "./validation.js";

/** `a, b,,c` → ["a", "b", "c"]; unset → []. */
const commaList = z.string().default("").transform(items);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .default("file:./data/baton.db")
    .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), {
      message: "must be file:<path> (SQLite) or postgresql://… (PostgreSQL)",
    }),
  REDIS_URL: z.string().url().optional(),
  /** Prefix of Baton's Redis channels: instances of one deployment share it, others keep apart. */
  BATON_REDIS_PREFIX: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9:._-]*$/, { message: "letters, digits and : . _ - only" })
    .default("baton:"),
  /** On start, seed an empty database: agents + patterns (auto), plus demo executions (demo), or nothing (off). */
  BATON_SEED: z.enum(["auto", "demo", "off"]).default("auto"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** Largest accepted request body in bytes. */
  BATON_BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1_048_576),
  /** Largest accepted JSON value for an execution's inputs or outputs, in bytes (serialised). */
  BATON_JSON_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /**
   * Time budget of one heavy read (timeline, handoff graph, metrics, an execution list's count or
   * page), ms: past it the read is stopped and answers 503 READ_TIMEOUT (GraphQL: extensions.code).
   */
  BATON_READ_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
  /** Heavy reads that run at once (SQLite: worker threads); more wait, within their time budget. */
  BATON_READ_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** A workflow run whose server stopped renewing its lease for this long is resumed by another. */
  BATON_RUN_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** Where builtin agents read and write relative paths (docs/API.md …); default the working directory. */
  BATON_WORKDIR: z.string().min(1).optional(),
  /** Where alert changes are POSTed as JSON (docs/alerts.md); no webhook when unset. */
  BATON_ALERT_WEBHOOK_URL: z
    .string()
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), { message: "must be an http(s) URL" })
    .optional(),
  /** Delivered webhook outbox items are deleted once older than this, ms (docs/alerts.md); default 7 days. */
  BATON_ALERT_OUTBOX_RETENTION_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(365 * 86_400_000)
    .default(7 * 86_400_000),
  /** Origins whose pages may call Baton from another origin (CORS), comma-separated; none by default. */
  BATON_ALLOWED_ORIGINS: commaList.pipe(
    z.array(
      z.string().refine((v) => /^https?:\/\/[^/?#\s]+$/i.test(v) && URL.canParse(v), {
        message: "each origin must be scheme://host[:port], e.g. http://localhost:5173",
      }),
    ),
  ),
  /** Host names served besides 127.0.0.1, localhost and [::1] (and HOST itself); `*` for any. */
  BATON_ALLOWED_HOSTS: commaList.pipe(
    z.array(
      z.string().refine((v) => v === "*" || /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(v), {
        message: "each host must be a name or an address (no scheme, no port), or *",
      }),
    ),
  ),
  /**
   * Executables a `command` runner may start, comma-separated: bare names (matched as written) or
   * absolute paths. Unset: any executable; set but empty: none.
   */
  BATON_COMMAND_ALLOWLIST: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? null : items(v)))
    .pipe(
      z
        .array(
          z.string().refine(isAllowlistEntry, {
            message: "each entry must be an executable name (no '/') or an absolute path, e.g. node or /usr/bin/git",
          }),
        )
        .nullable(),
    ),
  /** A JSON file of NAME → value that `{"$secret": "NAME"}` references read (instead of the environment). */
  BATON_SECRETS_FILE: z.string().min(1).optional(),
  /**
   * Whether requests must carry an API token: on, or off (allowed only when HOST is a loopback
   * address). Default: off on loopback (the zero-set-up default), on for any other HOST.
   */
  BATON_AUTH: z.enum(["on", "off"]).optional(),
  /**
   * A Claude Code session whose hooks send nothing for this long (ms) is closed as cancelled, with
   * its unfinished sub-agents (docs/claude-code.md). Default 30 minutes.
   */
  BATON_CLAUDE_IDLE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(7 * 86_400_000)
    .default(1_800_000),
  /** A Notion integration token (docs/notion.md): with BATON_NOTION_DATABASE_ID, turns Notion persistence on. */
  NOTION_TOKEN: z.string().min(1).optional(),
  /** The Notion database (shared with the integration) that holds Baton's data source. */
  BATON_NOTION_DATABASE_ID: z.string().min(1).optional(),
  /**
   * What is written to Notion: runs (the root execution of each workflow run), trees (every
   * handoff-tree root: runs and externally recorded trees), or executions (every execution).
   */
  BATON_NOTION_SYNC: z.enum(["runs", "trees", "executions"]).default("trees"),
  /** Notion's API base URL, handed to the Notion MCP server as BASE_URL (tests, proxies). */
  BATON_NOTION_API_URL: z
    .string()
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), { message: "must be an http(s) URL" })
    .optional(),
  /** Requests per second Baton sends to Notion (Notion allows about 3 per integration). */
  BATON_NOTION_RATE: z.coerce.number().min(0.1).max(100).default(3),
  /**
   * Serena memory for every workflow run (docs/serena.md): the project whose `.serena/memories/`
   * Baton writes handoffs to and loads context_memories from (or that `.serena` folder itself).
   * Unset: only templates with memory: { serena: true } use it, under BATON_WORKDIR.
   */
  BATON_SERENA_DIR: z.string().min(1).optional(),
  /** Sync from Notion every this many ms (docs/notion.md); 0 turns the periodic pull off. */
  BATON_NOTION_PULL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** The Claude Code CLI used by `claude` runners (default `claude` on PATH). */
  CLAUDE_BIN: z.string().min(1).optional(),
});

/** HOST values that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

const checked = schema
  .superRefine((env, ctx) => {
    if (env.BATON_AUTH === "off" && !isLoopbackHost(env.HOST))
      ctx.addIssue({
        code: "custom",
        path: ["BATON_AUTH"],
        message: `off is allowed only when HOST is a loopback address (127.0.0.1, ::1, localhost), not ${env.HOST}: anyone who can reach the port could run commands`,
      });
  })
  .transform((env) => ({ ...env, authRequired: env.BATON_AUTH ? env.BATON_AUTH === "on" : !isLoopbackHost(env.HOST) }));

export type Env = z.infer<typeof checked>;

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = checked.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** The Host names this server answers to besides the loopback ones: HOST when it names one. */
export function servedHosts(env: Pick<Env, "HOST" | "BATON_ALLOWED_HOSTS">): string[] {
  const wildcard = env.HOST === "0.0.0.0" || env.HOST === "::" || env.HOST === "[::]";
  return wildcard ? [...env.BATON_ALLOWED_HOSTS] : [env.HOST, ...env.BATON_ALLOWED_HOSTS];
}

/**
 * The environment child processes (command and claude runners) inherit and secret references read:
 * the server's own, with the settings it was started with (`source`, when not process.env) on top.
 */
export function inheritedEnv(source: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ...process.env, ...source };
}

/**
 * What the `baton` CLI's API commands read (server/cli/client.ts): where Baton listens
 * (BATON_URL) and the token to send (BATON_TOKEN); empty counts as unset.
 */
export function clientEnv(source: Record<string, string | undefined> = process.env): {
  BATON_URL?: string;
  BATON_TOKEN?: string;
} {
  return {
    ...(source.BATON_URL ? { BATON_URL: source.BATON_URL } : {}),
    ...(source.BATON_TOKEN ? { BATON_TOKEN: source.BATON_TOKEN } : {}),
  };
}
