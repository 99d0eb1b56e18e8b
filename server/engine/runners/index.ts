// Every runner kind, wired with what the server knows (its environment and secrets, the command
// allowlist, its OpenAPI document and working directory). The engine picks one per step by the
// agent's (or the step's) runner kind.
import { builtinAgents } from "../builtins/index.js";
import type { CommandAllowlist } from "../command-allowlist.js";
import type { FileSnapshots } from "../file-snapshots.js";
import type { JsonObject, Runner, RunnerKind } from "../types.js";
import { builtinRunner } from "./builtin.js";
import { claudeRunner } from "./claude.js";
import { commandRunner } from "./command.js";
import { httpRunner } from "./http.js";
import { mockRunner } from "./mock.js";
import type { BaseEnv } from "./process.js";
import { secretResolver } from "./secrets.js";

export interface RunnerDeps {
  /** The environment child processes inherit (the caller passes process.env: only env.ts reads it). */
  baseEnv: BaseEnv;
  openapi: () => JsonObject;
  /** The REST endpoints served, for the docs review (BuiltinContext.routes). */
  routes?: () => string[];
  workdir: string;
  /** The Claude Code executable, when not `claude` on PATH. */
  claudeBin?: string;
  /** BATON_COMMAND_ALLOWLIST: the executables command runners may start (null or absent: any). */
  commandAllowlist?: CommandAllowlist;
  /** BATON_SECRETS_FILE: where secret references are read (unset: from `baseEnv`). */
  secretsFile?: string;
  /** Where run file snapshots are kept (the database), for builtins that write files. */
  snapshots?: FileSnapshots;
}

export function createRunners(deps: RunnerDeps): Record<RunnerKind, Runner> {
  const { baseEnv, workdir } = deps;
  const secrets = secretResolver({ env: baseEnv, file: deps.secretsFile });
  return {
    command: commandRunner({ baseEnv, workdir, allowlist: deps.commandAllowlist, secrets }),
    http: httpRunner({ secrets }),
    builtin: builtinRunner(builtinAgents, { openapi: deps.openapi, routes: deps.routes, workdir }, deps.snapshots),
    mock: mockRunner(),
    claude: claudeRunner({ baseEnv, workdir, claudeBin: deps.claudeBin }),
  };
}
