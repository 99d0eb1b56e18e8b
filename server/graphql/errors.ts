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
    code: t.exposeString("code", {
      description:
        "What kind of failure, for programs: VALIDATION_FAILED, NOT_FOUND or CONFLICT (a query's GraphQL " +
        "error carries the same code in its extensions)",
    }),
    message: t.exposeString("message", {
      description: "What went wrong, for people (a ValidationError's is its first issue as `field: message`)",
    }),
    field: t.exposeString("field", {
      nullable: true,
      description:
        "The argument or input field at fault as a dotted camelCase path (`retryPolicy.maxRetries`, " +
        "`executions[3].status`); null when the failure is not about one field",
    }),
  }),
});

const FieldIssueRef = builder.objectRef<{ field: string; message: string }>("FieldIssue").implement({
  description: "One problem with one input field.",
  fields: (t) => ({
    field: t.exposeString("field", {
      description: "The field at fault as a dotted camelCase path with list indexes (`steps[1].parallel[0].agent`)",
    }),
    message: t.exposeString("message", { description: "What is wrong with it, for people (`must not be empty`)" }),
  }),
});

builder.objectType(ValidationError, {
  name: "ValidationError",
  description:
    "The input breaks one or more rules (code VALIDATION_FAILED) and nothing was written. Every problem is " +
    "listed at once in `issues`; `field` and `message` are the first one's.",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ValidationError,
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueRef],
      description: "Every problem found (at least one), the first being `field` and `message`",
      resolve: (e) => e.issues,
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  description: "Nothing has the id or name given (code NOT_FOUND); `field` names the argument, usually `id`.",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof NotFoundError,
});

builder.objectType(ConflictError, {
  name: "ConflictError",
  description:
    "The request clashes with what is stored (code CONFLICT): a name or id already taken, or a change the " +
    "current state does not allow (a finished execution or run cannot change). Nothing was written.",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ConflictError,
});

export { ConflictError, NotFoundError, ValidationError };
