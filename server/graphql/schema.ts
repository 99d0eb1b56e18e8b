// Imports every module for effect, then builds the schema. Only the app imports this file.
import { builder } from "./builder.js";
import "./errors.js";
import "../modules/agent/agent.schema.js";
import "../modules/pattern/pattern.schema.js";
import "../modules/execution/execution.schema.js";
import "../modules/execution/execution-views.schema.js";
import "../modules/trace/trace.schema.js";
import "../modules/metrics/metrics.schema.js";
import "../modules/workflow/workflow.schema.js";
import "../modules/workflow-run/workflow-run.schema.js";
import "../modules/workflow-run/recovery.schema.js";
import "../modules/access/access.schema.js";
import "../modules/alert/alert.schema.js";
import "../modules/claude-code/claude-code.schema.js";
import "../modules/notion/notion.schema.js";
import { auditMutations } from "../security/audit.js";
import { describeMutationScopes } from "../security/scope-docs.js";

// Every mutation writes an audit row, however it arrives (GraphQL, REST, graphql-ws).
export const schema = describeMutationScopes(auditMutations(builder.toSchema({ sortSchema: true })));
