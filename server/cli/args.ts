// Command-line arguments: positionals, `--name value` / `--name=value` options (repeatable) and
// `--flag` switches, with no library.

export class CliError extends Error {}

export interface Args {
  positional: string[];
  option(name: string): string | undefined;
  options(name: string): string[];
  flag(name: string): boolean;
}

/** Options that take no value. */
const FLAGS = new Set(["json", "all", "help", "follow", "quiet", "report-only", "step-input"]);

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (FLAGS.has(name) && eq < 0) {
      flags.add(name);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new CliError(`--${name} needs a value`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return {
    positional,
    option: (name) => values.get(name)?.at(-1),
    options: (name) => values.get(name) ?? [],
    flag: (name) => flags.has(name),
  };
}

export interface Out {
  line(text: string): void;
  json(value: unknown): void;
}

export const stdout: Out = {
  line: (text) => process.stdout.write(`${text}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
};
