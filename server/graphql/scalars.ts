// Scalars beyond graphql-scalars' own: a range bound that is either a whole day or an instant.
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { AppError } from "../errors.js";
import { parseDateParam } from "../modules/execution/execution.validation.js";

/** Checked as the filters read it (calendar dates, offsets, years 1970–9998); passed on as written. */
function checked(value: unknown): string {
  if (typeof value !== "string") throw new GraphQLError("must be an ISO-8601 date or date-time string");
  try {
    parseDateParam(value, "value");
  } catch (e) {
    if (e instanceof AppError) throw new GraphQLError(e.message.replace(/^value: /, ""));
    throw e;
  }
  return value;
}

export const DateOrDateTime = new GraphQLScalarType<string, string>({
  name: "DateOrDateTime",
  description:
    "A range bound: an ISO-8601 date (2026-11-01: as a start, its first instant; as an end, the whole day) or " +
    "date-time (2026-11-01T12:00:00Z; without an offset it is read in the query's time zone, else UTC).",
  specifiedByURL: "https://www.rfc-editor.org/rfc/rfc3339",
  serialize: (value) => checked(value),
  parseValue: (value) => checked(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError("must be an ISO-8601 date or date-time string", { nodes: ast });
    try {
      return checked(ast.value);
    } catch (e) {
      throw new GraphQLError((e as Error).message, { nodes: ast });
    }
  },
});
