// The file snapshots of workflow runs, in the database (RunFileSnapshot): every instance of a
// cluster reads the same rows, so a run can be rolled back by an instance other than the one that
// ran it. The rows go with their run (ON DELETE CASCADE).
import type { Database } from "../../db.js";
import type { SnapshotStore } from "../../engine/file-snapshots.js";

export function createSnapshotStore(db: Database): SnapshotStore {
  return {
    async saved(runId) {
      const rows = await db.prisma.runFileSnapshot.findMany({ where: { runId }, select: { path: true } });
      return new Set(rows.map((r) => r.path));
    },
    async save(runId, s) {
      // The first snapshot of a path is the file as it was before the run: never replaced.
      await db.prisma.runFileSnapshot.upsert({
        where: { runId_path: { runId, path: s.path } },
        create: {
          runId,
          path: s.path,
          existed: s.existed,
          content: s.content ? new Uint8Array(s.content) : null,
          size: s.content?.length ?? 0,
          sha256: s.sha256,
        },
        update: {},
      });
    },
    async load(runId) {
      const rows = await db.prisma.runFileSnapshot.findMany({ where: { runId }, orderBy: { path: "asc" } });
      return rows.map((r) => ({
        path: r.path,
        existed: r.existed,
        content: r.content ? Buffer.from(r.content) : null,
        sha256: r.sha256,
      }));
    },
    async clear(runId) {
      await db.prisma.runFileSnapshot.deleteMany({ where: { runId } });
    },
  };
}
