// Collision-resistant ids made here rather than by Prisma, for rows written with raw SQL: recorded
// executions (a batch refers to its own members as parents before it is written) and runs.
import { randomBytes } from "node:crypto";

export function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}
