// SyncAgent's builtin: writes the docs to a file under the server's working directory. It first
// holds its input to FormatAgent's contract — the Markdown must be exactly as prettier prints it
// — and refuses anything else, so unformatted or hand-edited text never lands. The new content
// lands by rename (a reader never sees half a file); identical content is not rewritten. In a
// run, the file is snapshotted before this step (BuiltinAgent.writes) and a rollback puts it back
// byte for byte (engine/file-snapshots.ts): no backup file is left next to it.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { BuiltinAgent } from "../types.js";
import { formatMarkdown } from "./markdown-format.js";
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

const targetOf = (fields: Record<string, unknown>, options: Record<string, unknown>) => {
  const given = typeof fields.path === "string" && fields.path !== "" ? fields.path : options.path;
  return typeof given === "string" && given !== "" ? given : null;
};

/** Writes `markdown` to `file` unless it holds exactly that already; whether it changed. */
export async function writeIfChanged(file: string, markdown: string): Promise<boolean> {
  const bytes = Buffer.from(markdown, "utf8");
  const previous = await readIfExists(file);
  if (previous?.equals(bytes)) return false;
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return true;
}

export const docsSyncFile: BuiltinAgent = {
  name: "docs-sync-file",
  description:
    "Writes prettier-formatted Markdown to a file under the working directory (input.path, else options.path); refuses unformatted input.",
  writes(input, options) {
    const fields = input && typeof input === "object" && !Array.isArray(input) ? input : {};
    const target = targetOf(fields, options);
    return target ? [target] : [];
  },
  async run(input, options, context) {
    const fields = objectInput(input, "docs-sync-file");
    const markdown = requireString(fields, "markdown", "docs-sync-file");
    const given = targetOf(fields, options);
    if (given === null)
      throw new Error("docs-sync-file: no path to write (give input.path or the agent's options.path)");
    const file = pathInside(context.workdir, given);
    if ((await formatMarkdown(markdown)) !== markdown)
      throw new Error("docs-sync-file: input.markdown is not as prettier formats it: FormatAgent's output is expected");
    context.signal.throwIfAborted();
    const changed = await writeIfChanged(file, markdown);
    return {
      path: file,
      bytes: Buffer.byteLength(markdown, "utf8"),
      sha256: createHash("sha256").update(markdown, "utf8").digest("hex"),
      changed,
    };
  },
};
