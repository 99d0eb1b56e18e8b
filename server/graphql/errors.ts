// GraphQL shapes of the domain errors: every expected failure implements `Error` with a code.
import { type AppError, ConflictError, NotFoundError, ValidationError } from "../errors.js";
import { builder } from "./builder.js";

export const ErrorInterface = builder.interfaceRef<AppError>("Error").implement({
  description: "An expected failure: the request was understood but cannot be carried out.",
  fields: (t) => ({
    code: t.exposeString("code"),
    message: t.exposeString("message"),
    field: t.exposeString("field", {
      nullable: true,
      description: "The input field at fault (dotted path), when one is.",
    }),
  }),
});

const FieldIssueRef = builder.objectRef<{ field: string; message: string }>("FieldIssue").implement({
  fields: (t) => ({ field: t.exposeString("field"), message: t.exposeString("message") }),
});

builder.objectType(ValidationError, {
  name: "ValidationError",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ValidationError,
  fields: (t) => ({
    issues: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }),
  }),
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof NotFoundError,
});

builder.objectType(ConflictError, {
  name: "ConflictError",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ConflictError,
});

export { ConflictError, NotFoundError, ValidationError };
