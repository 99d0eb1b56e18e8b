// The `baton` command line as a person runs it, in a child process: `await batonCli(["agents",
// "--json"], { BATON_URL: server.url })` → { code, stdout, stderr }. The child gets no BATON_URL or
// BATON_TOKEN from the test's own environment, only what the test gives it.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function batonCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const { BATON_URL: _url, BATON_TOKEN: _token, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "server/cli/baton.ts", ...args],
      { cwd: repoRoot, env: { ...inherited, ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** Each line of a plain `run --follow` with times replaced (`+0.52s` → `+T`, `1m01.5s` → `D`) and runs of spaces made one. */
export const withoutTimes = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((l) =>
      l
        .replace(/(\+?)\d+(?:m\d\d\.\d|\.\d\d)s\b/g, (_m, plus: string) => (plus ? "+T" : "D"))
        .replace(/\s+/g, " ")
        .trim(),
    );
