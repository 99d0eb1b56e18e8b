// The Serena memories a run's handoffs were written to (docs/serena.md), read from the memories
// folder itself: what Serena's tools and the next session see, whoever wrote it.
import { memoryDirOf } from "../../engine/executor.js";
import { handoffFolder, openMemoryStore } from "../../engine/memory.js";
import type { TemplateDefinition } from "../../engine/types.js";

export interface MemoryPlace {
  /** BATON_SERENA_DIR, or null. */
  serenaDir: string | null;
  /** BATON_WORKDIR (a template's memory: { serena: true } without BATON_SERENA_DIR). */
  workdir: string;
}

/**
 * The names under baton/handoffs/<run>/, sorted; empty when memory is off for the run. A memory
 * folder that cannot be read (a broken project.yml) gives none rather than failing the request.
 */
export async function runMemories(run: { id: string; definition: unknown }, place: MemoryPlace | undefined) {
  const dir = memoryDirOf(run.definition as TemplateDefinition, place);
  if (dir === null) return [];
  try {
    const store = await openMemoryStore(dir);
    return await store.list(handoffFolder(run.id));
  } catch {
    return [];
  }
}
