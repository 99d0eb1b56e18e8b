// BATON_COMMAND_ALLOWLIST: which executables a `command` runner may start. A bare name is allowed
// only when the list holds that name (it is looked up in PATH when started); a path only when it is
// absolute and the list holds the same path (normalised, symlinks not followed). A name never
// allows a path nor a path a name. Checked on registration and again before every start.
import { isAbsolute, normalize } from "node:path";

/** The allowlist; null: any executable may start. */
export type CommandAllowlist = readonly string[] | null;

/** An entry of the list: an executable name (no '/') or an absolute path. */
export const isAllowlistEntry = (entry: string): boolean => !entry.includes("/") || isAbsolute(entry);

const canonical = (command: string) => (command.includes("/") ? normalize(command) : command);

/** Why `command` may not start under `allowlist`, or null when it may. */
export function commandRefusal(command: string, allowlist: CommandAllowlist): string | null {
  if (allowlist === null) return null;
  const listed = allowlist.length > 0 ? allowlist.join(", ") : "nothing";
  if (command.includes("/") && !isAbsolute(command))
    return `'${command}' is a relative path: only executable names or absolute paths in BATON_COMMAND_ALLOWLIST may start (allowed: ${listed})`;
  if (allowlist.some((entry) => canonical(entry) === canonical(command))) return null;
  return `'${command}' is not in BATON_COMMAND_ALLOWLIST (allowed: ${listed})`;
}
