// What a run's builtin steps overwrite, as it was before the run: before a builtin that declares
// the files it writes (BuiltinAgent.writes) runs in a run, each file not yet snapshotted for that
// run is saved (its bytes, or "absent"); a rollback puts every one back byte for byte (or removes
// it when it did not exist). Snapshots live next to the files, under <workdir>/.baton/snapshots/,
// one JSON document per run — the files and their snapshots are on the same disk.
import { mkdir, readFile, rm, writeFile, rename } from "node:fs/promises";
import { dirname, join } from "node:path";

type Snapshot = Record<string, string | null>;

const fileOf = (workdir: string, runId: string) =>
  join(workdir, ".baton", "snapshots", `${runId.replace(/[^\w-]/g, "_")}.json`);

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

// One run's builtins may write at once (a parallel group): snapshots of one run are serialised.
const queues = new Map<string, Promise<unknown>>();
function serial<T>(key: string, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(key) ?? Promise.resolve()).then(work, work);
  queues.set(key, next);
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key);
  });
  return next;
}

async function load(file: string): Promise<Snapshot> {
  const text = await readIfExists(file);
  return text ? (JSON.parse(text.toString("utf8")) as Snapshot) : {};
}

/** Saves each of `files` (absolute paths) as it is now, unless this run saved it already. */
export function takeSnapshots(workdir: string, runId: string, files: string[]): Promise<void> {
  const file = fileOf(workdir, runId);
  return serial(file, async () => {
    const snapshot = await load(file);
    let changed = false;
    for (const f of files) {
      if (Object.hasOwn(snapshot, f)) continue;
      const bytes = await readIfExists(f);
      snapshot[f] = bytes === null ? null : bytes.toString("base64");
      changed = true;
    }
    if (!changed) return;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(snapshot));
    await rename(`${file}.tmp`, file);
  });
}

/** Puts back every file the run's snapshot holds; the snapshot is removed once all are. */
export function restoreSnapshots(workdir: string, runId: string): Promise<void> {
  const file = fileOf(workdir, runId);
  return serial(file, async () => {
    const snapshot = await load(file);
    for (const [path, content] of Object.entries(snapshot)) {
      if (content === null) await rm(path, { force: true });
      else {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(`${path}.rollback-tmp`, Buffer.from(content, "base64"));
        await rename(`${path}.rollback-tmp`, path);
      }
    }
    await rm(file, { force: true });
  });
}
