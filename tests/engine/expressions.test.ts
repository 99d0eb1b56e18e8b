// Step input expressions: what parses into which reference, the exact message for each malformed
// form, and resolution (types kept for whole-string expressions, interpolation, missing paths,
// escapes, workers), all pure.
import { describe, expect, test } from "vitest";
import {
  ExpressionError,
  parseReferences,
  type ResolveScope,
  resolveInput,
  scanReferences,
} from "../../server/engine/expressions.js";
import type { Json } from "../../server/engine/types.js";

function parseError(value: Json): string {
  try {
    parseReferences(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return (e as Error).message;
  }
  throw new Error("expected an ExpressionError");
}

describe("parseReferences()", () => {
  test("every root, dotted paths and indexes; whitespace inside the braces", () => {
    expect(
      parseReferences([
        "{{params.suite}}",
        "{{ steps.build.output.artifact }}",
        "{{steps.build.output}}",
        "{{steps.build.status}}",
        "{{workers}}",
        "{{workers.test.passed}}",
        "{{run.id}}",
        "{{steps.t.output.files[0]}}",
        "{{steps.t-2.output.matrix[1][12].name}}",
        "{{params}}",
      ]),
    ).toEqual([
      { root: "params", name: "suite", path: [], text: "{{params.suite}}" },
      { root: "steps", name: "build", path: ["output", "artifact"], text: "{{ steps.build.output.artifact }}" },
      { root: "steps", name: "build", path: ["output"], text: "{{steps.build.output}}" },
      { root: "steps", name: "build", path: ["status"], text: "{{steps.build.status}}" },
      { root: "workers", path: [], text: "{{workers}}" },
      { root: "workers", name: "test", path: ["passed"], text: "{{workers.test.passed}}" },
      { root: "run", path: ["id"], text: "{{run.id}}" },
      { root: "steps", name: "t", path: ["output", "files", 0], text: "{{steps.t.output.files[0]}}" },
      {
        root: "steps",
        name: "t-2",
        path: ["output", "matrix", 1, 12, "name"],
        text: "{{steps.t-2.output.matrix[1][12].name}}",
      },
      { root: "params", path: [], text: "{{params}}" },
    ]);
  });

  test("walks objects and arrays in order, several expressions per string; escapes and plain values give none", () => {
    const refs = parseReferences({
      a: "x {{params.a}} y {{run.id}}",
      b: [1, null, true, { c: "{{steps.s.status}}" }],
      d: "\\{{params.not}} and {{params.yes}}",
      e: "no braces } { here }}",
    });
    expect(refs.map((r) => r.text)).toEqual(["{{params.a}}", "{{run.id}}", "{{steps.s.status}}", "{{params.yes}}"]);
  });

  test.each([
    ["{{}}", "empty expression '{{}}'"],
    ["{{   }}", "empty expression '{{   }}'"],
    ["{{ foo.bar }}", "unknown root 'foo' in '{{ foo.bar }}' (expected params, steps, workers, run or memory)"],
    ["a {{params.x", "unclosed '{{' in 'a {{params.x' (write '\\{{' for a literal '{{')"],
    ["{{ {{params.x}} }}", "'{{' inside an expression in '{{ {{params.x}} }}' (write '\\{{' for a literal '{{')"],
    ["{{steps}}", "'{{steps}}' needs a step id: {{steps.<id>.output}} or {{steps.<id>.status}}"],
    ["{{steps[0].output}}", "'{{steps[0].output}}' needs a step id: {{steps.<id>.output}} or {{steps.<id>.status}}"],
    ["{{steps.build}}", "'{{steps.build}}': a step id is followed by .output or .status"],
    ["{{steps.build.outputs}}", "'{{steps.build.outputs}}': a step id is followed by .output or .status"],
    ["{{steps.build.status.code}}", "'{{steps.build.status.code}}': a step's status is a string, it has no fields"],
    [
      "{{steps.t.output.files[x]}}",
      "bad index '[x]' in '{{steps.t.output.files[x]}}': indexes are whole numbers like [0]",
    ],
    [
      "{{steps.t.output.files[-1]}}",
      "bad index '[-1]' in '{{steps.t.output.files[-1]}}': indexes are whole numbers like [0]",
    ],
    [
      "{{steps.t.output.files[1}}",
      "bad index '[1' in '{{steps.t.output.files[1}}': indexes are whole numbers like [0]",
    ],
    ["{{params.0}}", "expected a name after 'params.' in '{{params.0}}' (write an index as [0])"],
    ["{{params.}}", "expected a name after 'params.' in '{{params.}}'"],
    ["{{.params}}", "expected a name at the start in '{{.params}}'"],
    ["{{params.a b}}", "unexpected ' ' in '{{params.a b}}'"],
    ["{{workers[0]}}", "'{{workers[0]}}': workers are named, not indexed"],
    ["{{run.name}}", "'{{run.name}}': the only run field is {{run.id}}"],
    ["{{run}}", "'{{run}}': the only run field is {{run.id}}"],
  ])("%s → %s", (input, message) => {
    expect(parseError({ deep: [input] })).toBe(message);
  });

  test("scanReferences reports every malformed string with where it sits, and the good references too", () => {
    const { refs, errors } = scanReferences({ args: ["ok {{params.a}}", "{{}}"], env: { X: "{{ nope }}" } });
    expect(refs).toEqual([{ at: ["args", 0], ref: { root: "params", name: "a", path: [], text: "{{params.a}}" } }]);
    expect(errors.map((e) => [e.at, e.message])).toEqual([
      [["args", 1], "empty expression '{{}}'"],
      [["env", "X"], "unknown root 'nope' in '{{ nope }}' (expected params, steps, workers, run or memory)"],
    ]);
  });
});

describe("resolveInput()", () => {
  const scope: ResolveScope = {
    params: { suite: "unit", count: 3, flags: { fast: true }, none: null, list: ["a", "b"] },
    steps: {
      build: {
        output: { artifact: "app.tgz", size: 42, files: ["a.js", "b.js"], meta: { ok: true } },
        status: "succeeded",
      },
      empty: { output: null, status: "failed" },
    },
    workers: { unit: { passed: 10 }, e2e: { passed: 2, failed: ["login"] } },
    run: { id: "run_1" },
  };

  test("a whole-string expression takes the referenced value with its type", () => {
    expect(
      resolveInput(
        {
          obj: "{{steps.build.output.meta}}",
          num: "{{ params.count }}",
          bool: "{{params.flags.fast}}",
          nil: "{{params.none}}",
          arr: "{{steps.build.output.files}}",
          item: "{{steps.build.output.files[1]}}",
          status: "{{steps.build.status}}",
          run: "{{run.id}}",
          all: "{{params}}",
        },
        scope,
      ),
    ).toEqual({
      obj: { ok: true },
      num: 3,
      bool: true,
      nil: null,
      arr: ["a.js", "b.js"],
      item: "b.js",
      status: "succeeded",
      run: "run_1",
      all: scope.params,
    });
  });

  test("interpolation: strings as-is, null as empty, other values as JSON", () => {
    expect(
      resolveInput(
        "{{params.suite}}:{{params.count}}:{{params.none}}:{{steps.build.output.meta}}:{{params.list}}:{{params.flags.fast}}",
        scope,
      ),
    ).toBe('unit:3::{"ok":true}:["a","b"]:true');
    // Surrounding whitespace makes it interpolation, so the number becomes a string.
    expect(resolveInput(" {{params.count}} ", scope)).toBe(" 3 ");
  });

  test("missing paths: null for a whole-string expression, empty inside a string", () => {
    const missing = [
      "{{params.nope}}",
      "{{params.suite.length}}",
      "{{steps.build.output.files[5]}}",
      "{{steps.build.output.meta[0]}}",
      "{{steps.build.output.files.length}}",
      "{{steps.empty.output.x}}",
      "{{steps.unknown.output}}",
      "{{steps.unknown.status}}",
      "{{workers.nobody}}",
      "{{params.constructor}}",
      "{{params.list.map}}",
    ];
    expect(resolveInput(missing, scope)).toEqual(missing.map(() => null));
    expect(resolveInput(missing.map((m) => `<${m}>`).join(""), scope)).toBe("<>".repeat(missing.length));
  });

  test("workers: all outputs by worker id, one worker, a path inside; null where there are none", () => {
    expect(resolveInput(["{{workers}}", "{{workers.e2e}}", "{{workers.e2e.failed[0]}}"], scope)).toEqual([
      scope.workers,
      { passed: 2, failed: ["login"] },
      "login",
    ]);
    expect(resolveInput("{{workers}}", { ...scope, workers: undefined })).toBeNull();
  });

  test("walks nested objects and arrays; keys and non-string values are left alone; the input is not changed", () => {
    const input: Json = { "{{params.suite}}": ["{{params.suite}}", 1, false, null, { deep: "v={{params.count}}" }] };
    const copy = structuredClone(input);
    expect(resolveInput(input, scope)).toEqual({ "{{params.suite}}": ["unit", 1, false, null, { deep: "v=3" }] });
    expect(input).toEqual(copy);
  });

  test("\\{{ is a literal {{, also next to real expressions; a lone }} is text", () => {
    expect(resolveInput("\\{{params.suite}}", scope)).toBe("{{params.suite}}");
    expect(resolveInput("\\{{ x }} {{params.suite}} }}", scope)).toBe("{{ x }} unit }}");
    expect(resolveInput("{{params.suite}}\\{{", scope)).toBe("unit{{");
  });

  test("a JSON key __proto__ stays data", () => {
    const input = JSON.parse('{"__proto__": "{{params.suite}}"}') as Json;
    const out = resolveInput(input, scope) as Record<string, Json>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toBe("unit");
  });

  test("the same string resolves against each scope (the cache holds the parse, not the value)", () => {
    expect(resolveInput("{{run.id}}", { ...scope, run: { id: "a" } })).toBe("a");
    expect(resolveInput("{{run.id}}", { ...scope, run: { id: "b" } })).toBe("b");
  });

  test("a malformed string throws ExpressionError", () => {
    expect(() => resolveInput({ a: "{{ foo }}" }, scope)).toThrow(ExpressionError);
  });
});
