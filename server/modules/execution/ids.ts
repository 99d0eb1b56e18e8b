// Collision-resistant ids for executions recorded in bulk: createMany gets explicit ids so a
// batch can reference its own members as parents before it is written.
import { randomBytes } from "node:crypto";

export function newExecutionId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}
