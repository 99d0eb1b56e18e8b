// One table from error codes to HTTP statuses, shared by every REST route.
import type { ErrorCode } from "../errors.js";

export type RestErrorCode = ErrorCode | "INVALID_JSON" | "PAYLOAD_TOO_LARGE" | "METHOD_NOT_ALLOWED" | "INTERNAL";

export const statusOf: Record<RestErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  READ_TIMEOUT: 503,
  READ_TOO_LARGE: 503,
};

export interface RestErrorBody {
  error: { code: RestErrorCode; message: string; field?: string; issues?: { field: string; message: string }[] };
}
