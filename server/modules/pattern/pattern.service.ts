import type { Database } from "../../db.js";
import { NotFoundError } from "../../errors.js";

/** A pattern by id, key (`sequential`) or name (`Sequential`). */
export async function getPatternId(db: Database, key: string): Promise<string> {
  const pattern = await db.prisma.coordinationPattern.findFirst({
    where: { OR: [{ id: key }, { slug: key.toLowerCase() }, { name: key }] },
    select: { id: true },
  });
  if (!pattern) throw new NotFoundError("Pattern", key);
  return pattern.id;
}
