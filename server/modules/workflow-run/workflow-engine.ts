// Builds this instance's workflow engine from Baton's parts: the database (run store, agent
// registry), the pubsub (live status) and the runners.
import { randomBytes } from "node:crypto";
import type { Database } from "../../db.js";
import type { CommandAllowlist } from "../../engine/command-allowlist.js";
import { createEngine, type Engine } from "../../engine/engine.js";
import { fileSnapshots } from "../../engine/file-snapshots.js";
import type { AgentLookup } from "../../engine/ports.js";
import { createRunners } from "../../engine/runners/index.js";
import type { BaseEnv } from "../../engine/runners/process.js";
import type { JsonObject, RunnerKind } from "../../engine/types.js";
import type { BatonPubSub } from "../../graphql/pubsub.js";
import type { Logger } from "../../logger.js";
import { newId } from "../../ids.js";
import { contractOf } from "../workflow/workflow.service.js";
import { createCircuitBreaker, publishCircuit } from "../agent/circuit.store.js";
import { rollbackWorkflowRun } from "./run-rollback.js";
import { createSnapshotStore } from "./run-snapshots.js";
import { createRunStore } from "./run-store.js";
import { createRunEmitter } from "./workflow-run.events.js";

export interface WorkflowEngineDeps {
  db: Database;
  pubsub: BatonPubSub;
  logger: Logger;
  leaseMs: number;
  jsonLimit: number;
  baseEnv: BaseEnv;
  workdir: string;
  claudeBin?: string;
  commandAllowlist: CommandAllowlist;
  secretsFile?: string;
  openapi: () => JsonObject;
  /** The REST endpoints served (rest/endpoints.ts), for the docs review. */
  routes?: () => string[];
  /** BATON_SERENA_DIR: Serena memory for every run whose template does not turn it off. */
  serenaDir?: string;
}

function agentLookup(db: Database): AgentLookup {
  return async (name) => {
    const a = await db.prisma.agent.findUnique({ where: { name } });
    if (!a) return null;
    return {
      id: a.id,
      runner: { name: a.name, kind: a.runnerKind as RunnerKind, settings: (a.runnerSettings ?? {}) as JsonObject },
      retry: {
        max_retries: a.retryMaxRetries,
        backoff: a.retryBackoff as "fixed" | "linear" | "exponential",
        initial_delay_ms: a.retryInitialDelayMs,
        max_delay_ms: a.retryMaxDelayMs,
      },
      contract: contractOf(a),
    };
  };
}

export function createWorkflowEngine(deps: WorkflowEngineDeps): Engine {
  const ownerId = `i${randomBytes(6).toString("hex")}`;
  const snapshots = fileSnapshots(createSnapshotStore(deps.db), deps.workdir);
  const engine: Engine = createEngine(
    {
      store: createRunStore(deps.db, ownerId),
      emit: createRunEmitter(deps.pubsub),
      runners: createRunners({
        snapshots,
        baseEnv: deps.baseEnv,
        openapi: deps.openapi,
        routes: deps.routes,
        workdir: deps.workdir,
        claudeBin: deps.claudeBin,
        commandAllowlist: deps.commandAllowlist,
        secretsFile: deps.secretsFile,
      }),
      agents: agentLookup(deps.db),
      newId,
      jsonLimit: deps.jsonLimit,
      breaker: createCircuitBreaker(deps.db, publishCircuit(deps.pubsub, deps.db)),
      memory: {
        serenaDir: deps.serenaDir ?? null,
        workdir: deps.workdir,
        onError: (message, e) => deps.logger.warn(message, e),
      },
    },
    {
      ownerId,
      leaseMs: deps.leaseMs,
      onError: (message, e) => deps.logger.error(message, e),
      rollback: (runId, mode, signal) =>
        rollbackWorkflowRun({ db: deps.db, engine, pubsub: deps.pubsub, snapshots }, runId, mode, signal),
    },
  );
  return engine;
}
