// The Serena memory store's pure parts and its file handling on a real temp folder: names and globs,
// .serena/project.yml's two pattern lists as Serena writes them, {{memory…}} expressions, and the
// store's reads, lists and writes (ignored, read-only, links leading out).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseReferences, resolveInput } from "../../server/engine/expressions.js";
import {
  globToRegExp,
  MemoryError,
  memoryNameProblem,
  openMemoryStore,
  parseMemoryPatterns,
} from "../../server/engine/memory.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "baton-memory-"));
  dirs.push(d);
  return d;
};

describe("names and globs", () => {
  test.each([
    ["notes", null],
    ["baton/handoffs/cm1/build", null],
    ["v1.2 notes", null],
    ["../../etc/x", "MEMORY_OUTSIDE"],
    ["a/../b", "MEMORY_OUTSIDE"],
    ["./a", "MEMORY_OUTSIDE"],
    ["/etc/passwd", "MEMORY_OUTSIDE"],
    ["~/x", "MEMORY_OUTSIDE"],
    ["C:x", "MEMORY_OUTSIDE"],
    ["a\\b", "MEMORY_NAME_INVALID"],
    ["a//b", "MEMORY_NAME_INVALID"],
    [".hidden", "MEMORY_NAME_INVALID"],
    ["", "MEMORY_NAME_INVALID"],
    ["a*", "MEMORY_NAME_INVALID"],
  ])("%j → %s", (name, code) => {
    expect(memoryNameProblem(name)?.code ?? null).toBe(code);
  });

  test("globs: * stays within a folder, ** crosses folders, ? and classes", () => {
    const names = ["a", "a/b", "a/b/c", "a/bc", "ab", "x/a/b"];
    const match = (g: string) => names.filter((n) => globToRegExp(g).test(n));
    expect(match("a/*")).toEqual(["a/b", "a/bc"]);
    expect(match("a/**")).toEqual(["a/b", "a/b/c", "a/bc"]);
    expect(match("**/b")).toEqual(["a/b", "x/a/b"]);
    expect(match("a?")).toEqual(["ab"]);
    expect(match("a/[b]")).toEqual(["a/b"]);
    expect(match("a.b")).toEqual([]);
  });
});

describe(".serena/project.yml", () => {
  test("block and flow lists, quotes, comments; other keys left alone", () => {
    const p = parseMemoryPatterns(
      [
        "project_name: x",
        "ignored_memory_patterns:",
        "  - 'it''s/.*'   # a quote doubled",
        '  - "secret\\\\d+"',
        "  - plain/.*",
        "",
        "read_only_memory_patterns: [\"ro/.*\", 'a,b']",
        "excluded_tools: []",
      ].join("\n"),
    );
    expect(p.ignored.map(String)).toEqual(["/^(?:it's\\/.*)$/u", "/^(?:secret\\d+)$/u", "/^(?:plain\\/.*)$/u"]);
    expect(p.readOnly.map(String)).toEqual(["/^(?:ro\\/.*)$/u", "/^(?:a,b)$/u"]);
    // Full match, as Serena's re.fullmatch.
    expect(p.ignored[1]?.test("secret42")).toBe(true);
    expect(p.ignored[1]?.test("xsecret42")).toBe(false);
  });

  test("empty, null and absent lists are none", () => {
    expect(parseMemoryPatterns("ignored_memory_patterns:\nread_only_memory_patterns: null\n")).toEqual({
      ignored: [],
      readOnly: [],
    });
    expect(parseMemoryPatterns("project_name: x\n")).toEqual({ ignored: [], readOnly: [] });
  });

  test.each([
    [
      "ignored_memory_patterns: yes",
      "f: ignored_memory_patterns: must be a list of regular expressions [MEMORY_CONFIG]",
    ],
    [
      'ignored_memory_patterns: ["(x"]',
      "f: ignored_memory_patterns: '(x' is not a valid regular expression (Invalid regular expression: /^(?:(x)$/u: Unterminated group) [MEMORY_CONFIG]",
    ],
    [
      "read_only_memory_patterns: [a",
      "f: read_only_memory_patterns: a [ list must close on the same line [MEMORY_CONFIG]",
    ],
    ["read_only_memory_patterns:\n  - 'x", "f: read_only_memory_patterns: unclosed quote in 'x [MEMORY_CONFIG]"],
  ])("%j is refused", (text, message) => {
    expect(() => parseMemoryPatterns(text, "f")).toThrow(
      new MemoryError("MEMORY_CONFIG", message.replace(/ \[MEMORY_CONFIG\]$/, "")),
    );
  });
});

describe("{{memory…}} expressions", () => {
  test("the name is everything after memory., slashes and dots included", () => {
    expect(parseReferences({ a: "{{memory.style/v1.2 notes}}", b: "{{ memory }}" })).toEqual([
      { root: "memory", name: "style/v1.2 notes", path: [], text: "{{memory.style/v1.2 notes}}" },
      { root: "memory", path: [], text: "{{ memory }}" },
    ]);
    const scope = { params: {}, steps: {}, run: { id: "r" }, memory: { "style/py": "Use black." } };
    expect(
      resolveInput({ a: "{{memory.style/py}}", b: "see: {{memory.style/py}}", c: "{{memory.none}}" }, scope),
    ).toEqual({ a: "Use black.", b: "see: Use black.", c: null });
  });
});

describe("the store on a real folder", () => {
  test("lists and reads what Serena wrote; writes atomically; ignored, read-only and outside links refused", async () => {
    const project = tempDir();
    const outside = tempDir();
    const mem = join(project, ".serena", "memories");
    mkdirSync(join(mem, "team"), { recursive: true });
    writeFileSync(
      join(project, ".serena", "project.yml"),
      'ignored_memory_patterns: ["private/.*"]\nread_only_memory_patterns: ["team/.*"]\n',
    );
    writeFileSync(join(mem, "overview.md"), "# Overview\n");
    writeFileSync(join(mem, "team", "rules.md"), "rules");
    writeFileSync(join(mem, "not-a-memory.txt"), "x");
    mkdirSync(join(mem, "private"));
    writeFileSync(join(mem, "private", "key.md"), "k");
    writeFileSync(join(outside, "leak.md"), "leak");
    symlinkSync(join(outside, "leak.md"), join(mem, "leak.md"));
    symlinkSync(outside, join(mem, "away"));
    symlinkSync(join(mem, "overview.md"), join(mem, "alias.md"));

    const store = await openMemoryStore(project);
    expect(await store.list()).toEqual(["alias", "overview", "team/rules"]);
    expect(await store.read("alias")).toBe("# Overview\n");
    expect(await store.load(["team/*", "overview", "*"])).toEqual({
      "team/rules": "rules",
      overview: "# Overview\n",
      alias: "# Overview\n",
    });
    await expect(store.read("private/key")).rejects.toThrow(/\[MEMORY_IGNORED\]$/);
    await expect(store.read("leak")).rejects.toThrow(/outside .*: refused \[MEMORY_OUTSIDE\]$/);
    await expect(store.read("missing")).rejects.toThrow(/^memory 'missing' does not exist .*\[MEMORY_NOT_FOUND\]$/);
    await expect(store.write("team/rules", "changed")).rejects.toThrow(/\[MEMORY_READ_ONLY\]$/);
    await expect(store.write("away/new", "x")).rejects.toThrow(/\[MEMORY_OUTSIDE\]$/);
    await expect(store.write("leak", "x")).rejects.toThrow(/\[MEMORY_OUTSIDE\]$/);
    await expect(store.write("../x", "x")).rejects.toThrow(/\[MEMORY_OUTSIDE\]$/);
    expect(readFileSync(join(mem, "team", "rules.md"), "utf8")).toBe("rules");
    expect(readFileSync(join(outside, "leak.md"), "utf8")).toBe("leak");

    await store.write("baton/handoffs/r1/build", "# Handoff\n");
    expect(readFileSync(join(mem, "baton", "handoffs", "r1", "build.md"), "utf8")).toBe("# Handoff\n");
    expect(await store.list()).toEqual(["alias", "baton/handoffs/r1/build", "overview", "team/rules"]);

    // The .serena folder itself works as well as the project holding it.
    expect(await (await openMemoryStore(join(project, ".serena"))).read("overview")).toBe("# Overview\n");
  });
});
