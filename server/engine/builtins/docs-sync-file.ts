// SyncAgent's builtin: writes the docs to a file under the server's working directory. The file
// it replaces is kept as `<path>.bak` so a failed run can be rolled back, and the new content
// lands by rename, so a reader never sees half a file.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { BuiltinAgent } from "../types.js";
import { objectInput, requireString } from "./input.js";

/** `path` resolved under `workdir`; anything that would land outside it is refused. */
export function pathInside(workdir: string, path: string): string {
  const root = resolve(workdir);
  const target = resolve(root, path);
  const rel = relative(root, target);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new Error(`docs-sync-file: path '${path}' is outside the working directory ${root}`);
  return target;
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

export const docsSyncFile: BuiltinAgent = {
  name: "docs-sync-file",
  description:
    "Writes Markdown to a file under the working directory (input.path, else options.path), keeping <path>.bak.",
  writes(input, options) {
    const fields = input && typeof input === "object" && !Array.isArray(input) ? input : {};
    const given = typeof fields.path === "string" && fields.path !== "" ? fields.path : options.path;
    return typeof given === "string" && given !== "" ? [given, `${given}.bak`] : [];
  },
  async run(input, options, context) {
    const fields = objectInput(input, "docs-sync-file");
    const markdown = requireString(fields, "markdown", "docs-sync-file");
    const given = typeof fields.path === "string" && fields.path !== "" ? fields.path : options.path;
    if (typeof given !== "string" || given === "")
      throw new Error("docs-sync-file: no path to write (give input.path or the agent's options.path)");
    const file = pathInside(context.workdir, given);
    context.signal.throwIfAborted();

    await mkdir(dirname(file), { recursive: true });
    const previous = await readIfExists(file);
    const backup = previous === null ? null : `${file}.bak`;
    if (backup !== null && previous !== null) await writeFile(backup, previous);
    const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
    await writeFile(temp, markdown, "utf8");
    await rename(temp, file);
    return {
      path: file,
      bytes: Buffer.byteLength(markdown, "utf8"),
      previous_backup: backup,
      sha256: createHash("sha256").update(markdown, "utf8").digest("hex"),
    };
  },
};
