// A repository's test suites, as `baton test …` and `/test-parallel` run them: `baton.config.json`
// at the repository's root (or, when there is none, the "baton" key of its package.json) maps each
// suite name to a vitest project and/or file globs, or to a command. Paths stay inside the repository.
import { type Dirent, existsSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { z } from "zod";

export const CONFIG_FILE = "baton.config.json";
export const DEFAULT_COVERAGE_DIR = "coverage/baton";

/** The reason a configuration or a suite name was refused; the CLI prints it and exits 2. */
export class SuiteConfigError extends Error {}

const suiteName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "a suite name is letters, digits, '-' and '_' (at most 64)");
const relPath = z.string().min(1).max(1000);
const globs = z.array(relPath).min(1).max(200);

const suiteSchema = z
  .object({
    description: z.string().max(500).optional(),
    /** The vitest config file (default: the `test.config` of the file, else vitest's own lookup). */
    config: relPath.optional(),
    /** The vitest project to run (`--project`). */
    project: z.string().min(1).max(200).optional(),
    /** Test files, as globs relative to the repository (`**`, `*`, `?`, `{a,b}`). */
    files: globs.optional(),
    /** A program and its arguments (no shell) instead of vitest: see docs/test-parallel.md. */
    command: z.array(z.string().min(1).max(4000)).min(1).max(200).optional(),
    /** Source files whose coverage is measured (default: `test.coverage_include`, else what the tests load). */
    coverage_include: globs.optional(),
    /** Retries of a failing test (vitest `--retry`); a test that passes on a retry is reported flaky. */
    retry: z.number().int().min(0).max(10).optional(),
    /** The suite is stopped and reported crashed after this long. */
    timeout_ms: z.number().int().min(1000).max(86_400_000).optional(),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(4000)).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const vitest = s.project !== undefined || s.files !== undefined;
    if (s.command && (vitest || s.config || s.coverage_include || s.retry !== undefined))
      ctx.addIssue({
        code: "custom",
        message: "a suite has either `command` or vitest settings (project, files, config, coverage_include, retry)",
      });
    if (!s.command && !vitest)
      ctx.addIssue({ code: "custom", message: "a suite needs `project`, `files` or `command`" });
  });

const fileSchema = z
  .object({
    $schema: z.string().optional(),
    test: z
      .object({
        config: relPath.optional(),
        coverage_dir: relPath.optional(),
        coverage_include: globs.optional(),
        suites: z.record(suiteName, suiteSchema).refine((s) => Object.keys(s).length > 0, "define at least one suite"),
      })
      .strict(),
  })
  .passthrough();

export type SuiteDef = z.infer<typeof suiteSchema>;

export interface TestConfig {
  /** The repository's absolute path. */
  repo: string;
  /** Where the suites were read: `baton.config.json` or `package.json#baton`. */
  source: string;
  config: string | undefined;
  coverageDir: string;
  coverageInclude: string[] | undefined;
  suites: Record<string, SuiteDef>;
}

/** `path` under `root` (the root itself allowed); anything outside is refused, naming `what`. */
export function insideRoot(root: string, path: string, what: string): string {
  const base = resolve(root);
  const target = resolve(base, path);
  const rel = relative(base, target);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new SuiteConfigError(`${what} '${path}' is outside ${base}`);
  return target;
}

function readJson(file: string, label: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch (e) {
    throw new SuiteConfigError(`${label} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Reads and validates the suites of the repository at `repo`. */
export function loadTestConfig(repo: string): TestConfig {
  const root = resolve(repo);
  let raw: unknown;
  let source: string;
  const configFile = join(root, CONFIG_FILE);
  const packageFile = join(root, "package.json");
  if (existsSync(configFile)) {
    raw = readJson(configFile, CONFIG_FILE);
    source = CONFIG_FILE;
  } else {
    const pkg = existsSync(packageFile) ? readJson(packageFile, "package.json") : null;
    const key = pkg && typeof pkg === "object" ? (pkg as Record<string, unknown>).baton : undefined;
    if (key === undefined)
      throw new SuiteConfigError(
        `no test suites configured in ${root}: add ${CONFIG_FILE} (or a "baton" key in package.json) with {"test": {"suites": {"<name>": {"project" | "files" | "command": …}}}}`,
      );
    raw = key;
    source = "package.json#baton";
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(top)"}: ${i.message}`);
    throw new SuiteConfigError(`${source} is invalid:\n  ${issues.join("\n  ")}`);
  }
  const test = parsed.data.test;
  // Checked now, so a bad path is a configuration error before anything starts.
  if (test.config) insideRoot(root, test.config, `${source}: test.config`);
  const coverageDir = insideRoot(root, test.coverage_dir ?? DEFAULT_COVERAGE_DIR, `${source}: test.coverage_dir`);
  for (const [name, suite] of Object.entries(test.suites)) {
    if (suite.config) insideRoot(root, suite.config, `${source}: test.suites.${name}.config`);
    for (const g of suite.files ?? []) insideRoot(root, g, `${source}: test.suites.${name}.files`);
  }
  return {
    repo: root,
    source,
    config: test.config,
    coverageDir,
    coverageInclude: test.coverage_include,
    suites: test.suites,
  };
}

/** The named suite, or an error listing the known ones. */
export function pickSuite(config: TestConfig, name: string): SuiteDef {
  const suite = Object.hasOwn(config.suites, name) ? config.suites[name] : undefined;
  if (!suite)
    throw new SuiteConfigError(
      `unknown suite '${name}' (known in ${config.source}: ${Object.keys(config.suites).sort().join(", ")})`,
    );
  return suite;
}

/** A glob (`**`, `*`, `?`, `{a,b}`) as a regular expression over '/'-separated relative paths. */
export function globRegExp(glob: string): RegExp {
  let re = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*" && glob[i + 1] === "*") {
      // `**/` matches any number of directories, including none
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") {
      braces++;
      re += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (c === "," && braces > 0) re += "|";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** The files under `root` matching any of `patterns`, relative and sorted (node_modules, .git and dot-directories skipped). */
export function expandGlobs(root: string, patterns: readonly string[]): string[] {
  const res = patterns.map((p) => globRegExp(p.replace(/^\.\//, "")));
  const found: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // A directory removed while we walk (another run cleaning up) holds no test of ours.
      if (rel !== "" && (e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) walk(join(dir, entry.name), path);
      } else if (entry.isFile() && res.some((re) => re.test(path))) found.push(path);
    }
  };
  walk(root, "");
  return found.sort();
}
