// Types of hook-client.mjs (plain JavaScript so `baton hook` starts with no loader).
type Env = Record<string, string | undefined>;
export function hookEnv(): Env;
export function spoolPath(env?: Env): string;
export function hookEndpoint(env?: Env): string;
export function hookBudget(env?: Env): number;
export function spool(line: string, env?: Env): Promise<void>;
export function flushSpool(
  env?: Env,
  budgetMs?: number,
): Promise<{ sent: number; dropped: number; left: number; busy: boolean; lastError?: string }>;
export function handleHook(
  input: string,
  env?: Env,
): Promise<{ outcome: "sent" | "spooled" | "dropped" | "invalid"; ms: number; error?: string }>;
export function readStdin(limit?: number): Promise<string>;
export function hookMain(env?: Env): Promise<number>;
