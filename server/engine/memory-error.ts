// Why Baton refused a Serena memory operation (docs/serena.md): the code ends the message, so a
// step's error string carries it too.
export const MEMORY_ERROR_CODES = [
  "MEMORY_NAME_INVALID",
  "MEMORY_OUTSIDE",
  "MEMORY_IGNORED",
  "MEMORY_READ_ONLY",
  "MEMORY_NOT_FOUND",
  "MEMORY_CONFIG",
] as const;
export type MemoryErrorCode = (typeof MEMORY_ERROR_CODES)[number];

export class MemoryError extends Error {
  constructor(
    readonly code: MemoryErrorCode,
    message: string,
  ) {
    super(`${message} [${code}]`);
    this.name = "MemoryError";
  }
}
