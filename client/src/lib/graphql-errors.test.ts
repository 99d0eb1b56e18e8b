import { GraphQLError } from "graphql";
import { CombinedError } from "urql";
import { describe, expect, it } from "vitest";
import { errorWithCode, invalidArgument } from "./graphql-errors.ts";

const combined = (...errors: GraphQLError[]) => new CombinedError({ graphQLErrors: errors });

describe("coded GraphQL errors", () => {
  it("finds the error with the code, with its field and issues", () => {
    const error = combined(
      new GraphQLError("Agent 'X' was not found", { extensions: { code: "NOT_FOUND" } }),
      new GraphQLError("endDate: is before startDate", {
        extensions: { code: "VALIDATION_FAILED", field: "endDate", issues: [{ field: "endDate", message: "x" }] },
      }),
    );
    expect(errorWithCode(error, "NOT_FOUND")).toEqual({
      code: "NOT_FOUND",
      message: "Agent 'X' was not found",
      field: null,
      issues: [],
    });
    expect(invalidArgument(error)).toEqual({
      code: "VALIDATION_FAILED",
      message: "endDate: is before startDate",
      field: "endDate",
      issues: [{ field: "endDate", message: "x" }],
    });
  });

  it("counts a value its argument's type refuses as an invalid argument", () => {
    const error = combined(
      new GraphQLError('startDate: Variable "$startDate" got invalid value "x"; not a date', {
        extensions: { code: "BAD_USER_INPUT", field: "startDate" },
      }),
    );
    expect(invalidArgument(error)?.field).toBe("startDate");
    expect(errorWithCode(error, "NOT_FOUND")).toBeNull();
  });

  it("finds nothing in a network failure or no error", () => {
    expect(errorWithCode(new CombinedError({ networkError: new Error("down") }), "NOT_FOUND")).toBeNull();
    expect(invalidArgument(undefined)).toBeNull();
  });
});
