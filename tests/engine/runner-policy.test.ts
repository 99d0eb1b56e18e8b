// Secret references and BATON_COMMAND_ALLOWLIST at the runner level: how references resolve (the
// environment, or the secrets file read on every call), and which executables a list lets start.
import { existsSync } from "node:fs";
import { mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commandRefusal } from "../../server/engine/command-allowlist.js";
import { commandRunner } from "../../server/engine/runners/command.js";
import { secretResolver } from "../../server/engine/runners/secrets.js";
import type { Json, JsonObject } from "../../server/engine/types.js";
import { parseEnv } from "../../server/env.js";
import { invocation } from "../testkit/runner-invocation.js";

const node = process.execPath;
let dir: string;
beforeAll(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), "baton-policy-")));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A command invocation of the policy tests' agent. */
const call = (settings: JsonObject, input: Json = null) => invocation("command", settings, input, {}, "PolicyAgent");

describe("secret references", () => {
  test("plain values stay, references read the environment; a missing name is named, no value shown", async () => {
    const resolve = secretResolver({ env: { API_TOKEN: "t0k3n", OTHER: "x" } });
    expect(await resolve({ a: "plain", b: { $secret: "API_TOKEN" } })).toEqual({
      ok: true,
      value: { a: "plain", b: "t0k3n" },
    });
    expect(await resolve(undefined)).toEqual({ ok: true, value: {} });
    expect(await resolve({ b: { $secret: "MISSING" } })).toEqual({
      ok: false,
      error: "secret 'MISSING' is not set (in the server's environment)",
    });
  });

  test("with a secrets file, references read it only, on every call; a broken file is named, never quoted", async () => {
    const file = join(dir, "secrets.json");
    const resolve = secretResolver({ env: { ENV_ONLY: "e" }, file });
    expect(await resolve({ plain: "p" })).toEqual({ ok: true, value: { plain: "p" } });
    expect(await resolve({ a: { $secret: "API_TOKEN" } })).toEqual({
      ok: false,
      error: `secret 'API_TOKEN': cannot read BATON_SECRETS_FILE ${file} (ENOENT)`,
    });
    await writeFile(file, JSON.stringify({ API_TOKEN: "one", NUMBER: 7 }));
    expect(await resolve({ a: { $secret: "API_TOKEN" } })).toEqual({ ok: true, value: { a: "one" } });
    await writeFile(file, JSON.stringify({ API_TOKEN: "two", NUMBER: 7 }));
    expect(await resolve({ a: { $secret: "API_TOKEN" } })).toEqual({ ok: true, value: { a: "two" } });
    expect(await resolve({ a: { $secret: "ENV_ONLY" } })).toEqual({
      ok: false,
      error: `secret 'ENV_ONLY' is not set (in BATON_SECRETS_FILE ${file})`,
    });
    expect(await resolve({ a: { $secret: "NUMBER" } })).toEqual({
      ok: false,
      error: `secret 'NUMBER' is not a string (in BATON_SECRETS_FILE ${file})`,
    });
    await writeFile(file, '{"API_TOKEN": "l3aked",');
    expect(await resolve({ a: { $secret: "API_TOKEN" } })).toEqual({
      ok: false,
      error: `secret 'API_TOKEN': BATON_SECRETS_FILE ${file} is not a JSON object of names to strings`,
    });
  });

  test("a command runner's env references reach the process; a missing one fails before it starts", async () => {
    const runner = commandRunner({ baseEnv: { PATH: process.env.PATH, API_TOKEN: "t0k3n" } });
    const script = "process.stdout.write(JSON.stringify({ token: process.env.TOKEN }))";
    const ok = await runner.run(
      call({ command: node, args: ["-e", script], env: { TOKEN: { $secret: "API_TOKEN" } } }),
    );
    expect(ok).toEqual({ ok: true, outputs: { token: "t0k3n" } });
    const missing = await runner.run(
      call({ command: node, args: ["-e", script], env: { TOKEN: { $secret: "NOPE" } } }),
    );
    expect(missing).toEqual({ ok: false, error: "secret 'NOPE' is not set (in the server's environment)" });
  });
});

describe("BATON_COMMAND_ALLOWLIST", () => {
  test("a name allows that name, a path that absolute path (normalised); never one for the other", () => {
    const list = ["node", "/usr/bin/git"];
    expect(commandRefusal("node", list)).toBeNull();
    expect(commandRefusal("/usr/bin/git", list)).toBeNull();
    expect(commandRefusal("/usr/bin/../bin//git", list)).toBeNull();
    expect(commandRefusal("git", list)).toBe("'git' is not in BATON_COMMAND_ALLOWLIST (allowed: node, /usr/bin/git)");
    expect(commandRefusal("/usr/local/bin/node", list)).toBe(
      "'/usr/local/bin/node' is not in BATON_COMMAND_ALLOWLIST (allowed: node, /usr/bin/git)",
    );
    expect(commandRefusal("bin/node", list)).toBe(
      "'bin/node' is a relative path: only executable names or absolute paths in BATON_COMMAND_ALLOWLIST may start (allowed: node, /usr/bin/git)",
    );
    expect(commandRefusal("anything", null)).toBeNull();
    expect(commandRefusal("node", [])).toBe("'node' is not in BATON_COMMAND_ALLOWLIST (allowed: nothing)");
  });

  test("parsed at start: unset is no restriction, empty allows nothing, a relative path is refused", () => {
    expect(parseEnv({}).BATON_COMMAND_ALLOWLIST).toBeNull();
    expect(parseEnv({ BATON_COMMAND_ALLOWLIST: "" }).BATON_COMMAND_ALLOWLIST).toEqual([]);
    expect(parseEnv({ BATON_COMMAND_ALLOWLIST: " node, /usr/bin/git ,," }).BATON_COMMAND_ALLOWLIST).toEqual([
      "node",
      "/usr/bin/git",
    ]);
    expect(() => parseEnv({ BATON_COMMAND_ALLOWLIST: "node,bin/tool" })).toThrow(
      "BATON_COMMAND_ALLOWLIST.1: each entry must be an executable name (no '/') or an absolute path, e.g. node or /usr/bin/git",
    );
  });

  test("the command runner refuses what the list does not hold, before starting anything", async () => {
    const marker = join(dir, "ran");
    const script = `require("fs").writeFileSync(${JSON.stringify(marker)}, "x"); console.log("{}")`;
    const refused = await commandRunner({ allowlist: ["true"] }).run(call({ command: node, args: ["-e", script] }));
    expect(refused).toEqual({
      ok: false,
      error: `command refused: '${node}' is not in BATON_COMMAND_ALLOWLIST (allowed: true)`,
    });
    expect(existsSync(marker)).toBe(false);
    const allowed = await commandRunner({ allowlist: [node] }).run(call({ command: node, args: ["-e", script] }));
    expect(allowed).toEqual({ ok: true, outputs: {} });
  });
});
