import { describe, expect, it } from "vitest";
import {
  fieldErrors,
  initialParamValues,
  paramFields,
  placeParamIssues,
  REQUIRED_MESSAGE,
  readParams,
} from "./param-form.ts";

const schema = {
  type: "object",
  properties: {
    topic: { type: "string", description: "What to write about", default: "tests", minLength: 2 },
    count: { type: "integer", default: 2, minimum: 1, maximum: 10 },
    ratio: { type: ["number", "null"], exclusiveMinimum: 0 },
    mode: { type: "string", enum: ["fast", "slow"], default: "slow" },
    level: { enum: [1, 2, 3] },
    dry_run: { type: "boolean", default: true },
    verbose: { type: "boolean" },
    owner: { type: "string", title: "Owner", pattern: "^[a-z]+$" },
    files: { type: "array", items: { type: "string" }, default: ["a.ts"] },
    extra: { type: "object" },
    anything: {},
  },
  required: ["topic", "owner", "level"],
};

describe("paramFields", () => {
  const fields = paramFields(schema);
  const byName = Object.fromEntries(fields.map((f) => [f.name, f]));

  it("makes one field per property, in schema order, with its kind", () => {
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ["topic", "string", true],
      ["count", "integer", false],
      ["ratio", "number", false],
      ["mode", "enum", false],
      ["level", "enum", true],
      ["dry_run", "boolean", false],
      ["verbose", "boolean", false],
      ["owner", "string", true],
      ["files", "json", false],
      ["extra", "json", false],
      ["anything", "string", false],
    ]);
  });

  it("keeps labels, descriptions, defaults, options and constraints", () => {
    expect(byName.topic).toMatchObject({
      label: "topic",
      description: "What to write about",
      defaultValue: "tests",
      minLength: 2,
    });
    expect(byName.owner).toMatchObject({
      label: "Owner",
      description: null,
      defaultValue: undefined,
      pattern: "^[a-z]+$",
    });
    expect(byName.count).toMatchObject({ minimum: 1, maximum: 10, defaultValue: 2 });
    expect(byName.ratio).toMatchObject({ exclusiveMinimum: 0 });
    expect(byName.level?.options).toEqual([1, 2, 3]);
    expect(byName.files?.jsonType).toBe("array");
    expect(byName.extra?.jsonType).toBe("object");
  });

  it("reads nothing from a schema without properties", () => {
    expect(paramFields(null)).toEqual([]);
    expect(paramFields({ type: "object" })).toEqual([]);
  });
});

describe("initialParamValues", () => {
  it("prefills every default as its input shows it", () => {
    expect(initialParamValues(paramFields(schema))).toEqual({
      topic: "tests",
      count: "2",
      ratio: "",
      mode: "1",
      level: "",
      dry_run: true,
      verbose: false,
      owner: "",
      files: '[\n  "a.ts"\n]',
      extra: "",
      anything: "",
    });
  });
});

describe("readParams", () => {
  const fields = paramFields(schema);
  const initial = initialParamValues(fields);

  it("reports a missing required parameter on its field, without sending anything", () => {
    expect(readParams(fields, initial)).toEqual({
      ok: false,
      errors: { owner: [REQUIRED_MESSAGE], level: [REQUIRED_MESSAGE] },
    });
  });

  it("coerces the inputs to the schema's types; empty optional fields are left to the server's defaults", () => {
    const r = readParams(fields, { ...initial, owner: "ada", level: "2", ratio: " 0.5 ", extra: '{"a":1}', count: "" });
    expect(r).toEqual({
      ok: true,
      params: {
        topic: "tests",
        ratio: 0.5,
        mode: "slow",
        level: 3,
        dry_run: true,
        verbose: false,
        owner: "ada",
        files: ["a.ts"],
        extra: { a: 1 },
      },
    });
  });

  it("says what is wrong with each value", () => {
    const r = readParams(fields, {
      ...initial,
      topic: "x",
      count: "2.5",
      ratio: "0",
      level: "0",
      owner: "Ada",
      files: "{",
      extra: "[1]",
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        topic: ["Must be at least 2 characters"],
        count: ["Must be a whole number"],
        ratio: ["Must be greater than 0"],
        owner: ["Must match the pattern ^[a-z]+$"],
        files: ["Must be valid JSON"],
        extra: ["Must be a JSON object"],
      },
    });
    expect(fieldErrors(fields[1] as never, "abc")).toEqual(["Must be a whole number"]);
    expect(fieldErrors(fields[1] as never, "11")).toEqual(["Must be at most 10"]);
    expect(fieldErrors(fields[2] as never, "x")).toEqual(["Must be a number"]);
  });

  it("keeps a string as typed (spaces are a value)", () => {
    const r = readParams(fields, { ...initial, owner: "ada", level: "0", topic: "  " });
    expect(r.ok && r.params.topic).toBe("  ");
  });
});

describe("placeParamIssues", () => {
  it("puts params.<name> issues on their field and the rest in the summary", () => {
    const fields = paramFields(schema);
    const placed = placeParamIssues(
      [
        { field: "params.owner", message: "required parameter 'owner' is missing" },
        { field: "params.files[1]", message: "must be string" },
        { field: "params.ownr", message: "unknown parameter 'ownr' (did you mean 'owner'?)" },
        { field: "params", message: "must be an object of parameter values" },
      ],
      fields,
    );
    expect(placed.byName).toEqual({
      owner: [{ index: null, text: "required parameter 'owner' is missing" }],
      files: [{ index: 1, text: "must be string" }],
    });
    expect(placed.unplaced.map((i) => i.field)).toEqual(["params.ownr", "params"]);
  });
});
