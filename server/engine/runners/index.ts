// Every runner kind, wired with what the server knows (its environment, OpenAPI document and
// working directory). The engine picks one per step by the agent's (or the step's) runner kind.
import { builtinAgents } from "../builtins/index.js";
import type { JsonObject, Runner, RunnerKind } from "../types.js";
import { builtinRunner } from "./builtin.js";
import { claudeRunner } from "./claude.js";
import { commandRunner } from "./command.js";
import { httpRunner } from "./http.js";
import { mockRunner } from "./mock.js";
import type { BaseEnv } from "./process.js";

export interface RunnerDeps {
  /** The environment child processes inherit (the caller passes process.env: only env.ts reads it). */
  baseEnv: BaseEnv;
  openapi: () => JsonObject;
  workdir: string;
  /** The Claude Code executable, when not `claude` on PATH. */
  claudeBin?: string;
}

export function createRunners(deps: RunnerDeps): Record<RunnerKind, Runner> {
  const { baseEnv, workdir } = deps;
  return {
    command: commandRunner({ baseEnv, workdir }),
    http: httpRunner(),
    builtin: builtinRunner(builtinAgents, { openapi: deps.openapi, workdir }),
    mock: mockRunner(),
    claude: claudeRunner({ baseEnv, workdir, claudeBin: deps.claudeBin }),
  };
}
