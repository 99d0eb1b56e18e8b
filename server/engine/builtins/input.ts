// Reading a builtin's input: builtins receive whatever JSON a template wired in, so each says
// precisely which field is missing or of the wrong type instead of failing somewhere deeper.
import type { Json, JsonObject } from "../types.js";

export function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function kindOf(value: Json | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/** The input as an object; no input at all counts as `{}`. */
export function objectInput(input: Json, agent: string): JsonObject {
  if (input === null || input === undefined) return {};
  if (!isObject(input)) throw new Error(`${agent} expects an object as input, got ${kindOf(input)}`);
  return input;
}

export function requireString(object: JsonObject, key: string, agent: string): string {
  const value = object[key];
  if (typeof value !== "string") throw new Error(`${agent}: input.${key} must be a string, got ${kindOf(value)}`);
  return value;
}

/** `input.<key>` if given, else the fallback (e.g. the server's own OpenAPI document). */
export function optionalObject(object: JsonObject, key: string, agent: string, fallback: () => JsonObject): JsonObject {
  const value = object[key];
  if (value === undefined || value === null) return fallback();
  if (!isObject(value)) throw new Error(`${agent}: input.${key} must be an object, got ${kindOf(value)}`);
  return value;
}
