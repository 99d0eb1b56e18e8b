import { builder } from "../../graphql/builder.js";
import { ValidationError } from "../../graphql/errors.js";
import { type HookResult, ingestHook } from "./claude-code.service.js";

const HookEventKind = builder.enumType("ClaudeCodeHookKind", {
  description: "What Baton did with a Claude Code hook event.",
  values: {
    TREE: { value: "tree", description: "Stored and applied to the session's handoff tree" },
    LIVENESS: { value: "liveness", description: "A known event that only says the session is alive" },
    UNKNOWN: { value: "unknown", description: "An event Baton does not know: accepted and ignored" },
  } as const,
});

const ClaudeCodeHookResult = builder.objectRef<HookResult>("ClaudeCodeHookResult").implement({
  description: "What one Claude Code hook event did.",
  fields: (t) => ({
    sessionId: t.exposeString("sessionId", { description: "The Claude Code session (payload session_id)" }),
    event: t.exposeString("event", { description: "The hook event (payload hook_event_name)" }),
    kind: t.field({ type: HookEventKind, description: "How the event was used", resolve: (r) => r.kind }),
    duplicate: t.exposeBoolean("duplicate", {
      description: "True when this very event was delivered before: it was recorded once, nothing changed",
    }),
    rootExecutionId: t.exposeID("rootExecutionId", {
      description: "The id of the session's root execution (derived from the session id)",
    }),
    changed: t.idList({
      description: "The executions this event recorded or changed",
      resolve: (r) => r.changed,
    }),
  }),
});

builder.mutationFields((t) => ({
  recordClaudeCodeHook: t.field({
    // It records executions and registers sub-agent types it sees for the first time.
    authScopes: { write: true },
    type: ClaudeCodeHookResult,
    description:
      "Record one Claude Code hook event (the payload exactly as the hook received it, as `baton hook` sends it): " +
      "sessions and their sub-agent spawns become a handoff tree of executions. The same event twice is recorded once; " +
      "unknown events are accepted and ignored.",
    errors: {
      types: [ValidationError],
      union: { description: "What the event did, or why the payload was refused (nothing changed)." },
    },
    args: {
      payload: t.arg({
        type: "JSON",
        required: true,
        description:
          "The hook payload: session_id and hook_event_name are required; baton_captured_at (ISO-8601) is when the hook ran",
      }),
    },
    resolve: (_r, { payload }, ctx) => ingestHook(ctx, payload),
  }),
}));
