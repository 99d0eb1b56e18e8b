// Imports every module for effect, then builds the schema. Only the app imports this file.
import { builder } from "./builder.js";
import "./errors.js";
import "../modules/agent/agent.schema.js";
import "../modules/pattern/pattern.schema.js";
import "../modules/execution/execution.schema.js";
import "../modules/execution/execution-views.schema.js";
import "../modules/metrics/metrics.schema.js";
import "../modules/workflow/workflow.schema.js";
import "../modules/workflow-run/workflow-run.schema.js";

export const schema = builder.toSchema({ sortSchema: true });
