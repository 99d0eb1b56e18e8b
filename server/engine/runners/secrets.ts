// Secret references (`{"$secret": "NAME"}` in http headers and command env) resolved when a runner
// is invoked: from the server's environment, or — when BATON_SECRETS_FILE is set — from that JSON
// file only, read on every invocation so edits apply without a restart. Messages name the secret
// and the file, never a value.
import { readFile } from "node:fs/promises";
import { isSecretRef, type SecretValue } from "../../modules/agent/agent.validation.js";
import { isObject } from "../../validation.js";
import type { BaseEnv } from "./process.js";
import { type Outcome, parseJson } from "./support.js";

export interface SecretSources {
  /** The server's environment (what command runners inherit). */
  env: BaseEnv;
  /** BATON_SECRETS_FILE: when set, references are read from it instead of the environment. */
  file?: string;
}

/** Resolves a map of secret values: plain strings as they are, references by name. */
export type SecretResolver = (
  values: Readonly<Record<string, SecretValue>> | undefined,
) => Promise<Outcome<Record<string, string>>>;

async function readSecretsFile(file: string): Promise<Outcome<Record<string, unknown>>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    return { ok: false, error: `cannot read BATON_SECRETS_FILE ${file} (${code})` };
  }
  // Not the parser's message: it may quote the file.
  const json = parseJson(text);
  if (json.ok && isObject(json.value)) return { ok: true, value: json.value };
  return { ok: false, error: `BATON_SECRETS_FILE ${file} is not a JSON object of names to strings` };
}

function lookup(source: Readonly<Record<string, unknown>>, name: string, where: string): Outcome<string> {
  const value = Object.hasOwn(source, name) ? source[name] : undefined;
  if (value === undefined) return { ok: false, error: `secret '${name}' is not set (${where})` };
  if (typeof value !== "string") return { ok: false, error: `secret '${name}' is not a string (${where})` };
  return { ok: true, value };
}

export function secretResolver(sources: SecretSources): SecretResolver {
  return async (values) => {
    const entries = Object.entries(values ?? {});
    const names = entries.flatMap(([, v]) => (isSecretRef(v) ? [v.$secret] : []));
    if (names.length === 0) return { ok: true, value: Object.fromEntries(entries) as Record<string, string> };
    const read = sources.file ? await readSecretsFile(sources.file) : { ok: true as const, value: sources.env };
    if (!read.ok) return { ok: false, error: `secret '${names[0]}': ${read.error}` };
    const where = sources.file ? `in BATON_SECRETS_FILE ${sources.file}` : "in the server's environment";
    const resolved: Record<string, string> = {};
    for (const [key, v] of entries) {
      const value = isSecretRef(v) ? lookup(read.value, v.$secret, where) : { ok: true as const, value: v };
      if (!value.ok) return value;
      resolved[key] = value.value;
    }
    return { ok: true, value: resolved };
  };
}
