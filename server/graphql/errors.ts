// GraphQL shapes of the domain errors. A mutation's expected failures are members of its result
// union (each implements `Error` with a code); a query's are GraphQL errors whose extensions carry
// the same `code`, `field` (the argument at fault) and `issues`. Anything else is masked.
import { GraphQLError } from "graphql";
import { type MaskError, maskError as maskUnexpected } from "graphql-yoga";
import { AppError, ConflictError, NotFoundError, ValidationError } from "../errors.js";
import { builder } from "./builder.js";

/** A domain error thrown by a query's resolver, as a GraphQL error with code, field and issues. */
export const maskError: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (!(original instanceof AppError) || !(error instanceof GraphQLError)) return maskUnexpected(error, message, isDev);
  return new GraphQLError(original.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: original,
    extensions: {
      code: original.code,
      ...(original.field ? { field: original.field } : {}),
      ...(original instanceof ValidationError ? { issues: original.issues } : {}),
    },
  });
};

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
