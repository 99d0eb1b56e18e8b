import { describe, expect, it } from "vitest";
import { fromEnum, toEnum, toEnumList } from "./graphql-enum.ts";

describe("GraphQL enum values and the dashboard's words", () => {
  it("reads an enum value as the word, and writes the word as the value", () => {
    expect(fromEnum("IN_PROGRESS")).toBe("in_progress");
    expect(fromEnum(null)).toBeNull();
    expect(fromEnum(undefined)).toBeNull();
    expect(toEnum("in_progress")).toBe("IN_PROGRESS");
    expect(toEnum(fromEnum("EXPONENTIAL"))).toBe("EXPONENTIAL");
  });

  it("turns the URL's words into a list variable, null for none", () => {
    expect(toEnumList(["failure", "in_progress"])).toEqual(["FAILURE", "IN_PROGRESS"]);
    expect(toEnumList([])).toBeNull();
  });
});
