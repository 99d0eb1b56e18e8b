// What a run's builtin steps overwrite, as it was before the run: before a builtin that declares
// the files it writes (BuiltinAgent.writes) runs in a run, each file not yet snapshotted for that
// run is saved (its bytes and SHA-256, or "did not exist"); a rollback puts every one back byte
// for byte (or removes it when it did not exist). The snapshots live in the database
// (SnapshotStore), not on the disk of the instance that took them, so whichever instance rolls
// the run back (a restarted one, another one of a cluster) can restore them. Paths are kept
// relative to the working directory and resolved under the restoring instance's.
import { createHash } from "node:crypto";
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { pathInside } from "./builtins/docs-sync-file.js";

/** The largest file a run may overwrite: its snapshot is kept in one database row. */
export const SNAPSHOT_LIMIT_BYTES = 8 * 1024 * 1024;

export interface FileSnapshot {
  /** Relative to the working directory, `/`-separated. */
  path: string;
  existed: boolean;
  content: Buffer | null;
  /** Hex SHA-256 of `content` (null when the file did not exist). */
  sha256: string | null;
}

/** Where snapshots are kept: one row per (run, path), the first one saved wins. */
export interface SnapshotStore {
  /** The paths already saved for the run. */
  saved(runId: string): Promise<Set<string>>;
  /** Saves one file's snapshot unless the run has one for that path already. */
  save(runId: string, snapshot: FileSnapshot): Promise<void>;
  load(runId: string): Promise<FileSnapshot[]>;
  /** Forgets the run's snapshots (once every file is back). */
  clear(runId: string): Promise<void>;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/**
 * The file's bytes (null when it does not exist), refused past `limit` before it is read whole:
 * the size is checked on the open file, so a file growing meanwhile cannot slip past.
 */
async function readBounded(file: string, shown: string, limit: number): Promise<Buffer | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  try {
    const { size } = await handle.stat();
    const tooLarge = (n: number) =>
      new Error(
        `cannot snapshot '${shown}' before overwriting it: it is ${n} bytes and a snapshot holds at most ${limit} bytes (a rollback could not restore it)`,
      );
    if (size > limit) throw tooLarge(size);
    const buffer = Buffer.alloc(limit + 1);
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    if (read > limit) throw tooLarge(read);
    return Buffer.from(buffer.subarray(0, read));
  } finally {
    await handle.close();
  }
}

/** `file` (absolute, under `workdir`) as a snapshot path. */
function relativePath(workdir: string, file: string): string {
  const rel = relative(resolve(workdir), pathInside(workdir, file));
  return rel.split(sep).join("/");
}

// One run's builtins may write at once (a parallel group): snapshots of one run are serialised.
const queues = new Map<string, Promise<unknown>>();
function serial<T>(key: string, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(key) ?? Promise.resolve()).then(work, work);
  queues.set(key, next);
  const forget = () => {
    if (queues.get(key) === next) queues.delete(key);
  };
  // The caller hears a failure through `next`; the queue's own bookkeeping must not rethrow it.
  next.then(forget, forget);
  return next;
}

export interface FileSnapshots {
  /** Saves each of `files` (paths under the working directory) as it is now, unless this run saved it already. */
  take(runId: string, files: string[]): Promise<void>;
  /** Puts back every file the run's snapshots hold; they are forgotten once all are back. */
  restore(runId: string): Promise<number>;
}

export function fileSnapshots(store: SnapshotStore, workdir: string, limit = SNAPSHOT_LIMIT_BYTES): FileSnapshots {
  return {
    take: (runId, files) =>
      serial(runId, async () => {
        const saved = await store.saved(runId);
        for (const f of files) {
          const path = relativePath(workdir, f);
          if (saved.has(path)) continue;
          const bytes = await readBounded(pathInside(workdir, path), path, limit);
          await store.save(runId, {
            path,
            existed: bytes !== null,
            content: bytes,
            sha256: bytes ? sha256(bytes) : null,
          });
          saved.add(path);
        }
      }),
    restore: (runId) =>
      serial(runId, async () => {
        const snapshots = await store.load(runId);
        for (const s of snapshots) {
          const target = pathInside(workdir, s.path);
          if (!s.existed) {
            await rm(target, { force: true });
            continue;
          }
          const content = s.content ?? Buffer.alloc(0);
          if (sha256(content) !== s.sha256)
            throw new Error(`the snapshot of '${s.path}' is damaged (its SHA-256 does not match): not restored`);
          await mkdir(dirname(target), { recursive: true });
          await writeFile(`${target}.rollback-tmp`, content);
          await rename(`${target}.rollback-tmp`, target);
        }
        await store.clear(runId);
        return snapshots.length;
      }),
  };
}
