// The Notion integration in GraphQL (and REST through the shim): its state, each execution's sync
// state, the conflicts sync from Notion settled, and the sync itself. docs/notion.md.
import { builder } from "../../graphql/builder.js";
import { ConflictError, NotFoundError, ValidationError } from "../../graphql/errors.js";
import type { NotionIntegrationStatus } from "../../integrations/notion/notion-sync.js";
import type { SyncChange, SyncReport } from "../../integrations/notion/pull.js";
import { notionFor } from "../../integrations/notion/registry.js";
import { executionNotion, type ExecutionNotionState } from "../../integrations/notion/state.js";
import { readTime } from "../../sql.js";
import { Execution } from "../execution/execution.schema.js";

const parsed = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

builder.prismaObject("NotionConflict", {
  description:
    "A field edited both in Baton and in Notion since they last agreed (or a status edited in Notion), and how it " +
    "was settled: the later edit wins (Notion's time is its minute); Baton always keeps the status.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The conflict's id" }),
    executionId: t.exposeID("executionId", { description: "The execution whose page it was" }),
    field: t.exposeString("field", { description: "notes, tags or status" }),
    localValue: t.field({
      type: "JSON",
      nullable: true,
      description: "Baton's value (a string, a list of tags, or null)",
      resolve: (c) => parsed(c.localValue) as never,
    }),
    localAt: t.expose("localAt", {
      type: "DateTime",
      nullable: true,
      description: "When Baton's value was edited (null for a status)",
    }),
    notionValue: t.field({
      type: "JSON",
      nullable: true,
      description: "Notion's value",
      resolve: (c) => parsed(c.notionValue) as never,
    }),
    notionAt: t.expose("notionAt", { type: "DateTime", description: "The page's last_edited_time (minute precision)" }),
    winner: t.exposeString("winner", { description: "baton or notion: whose value both sides now hold" }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", description: "When the sync settled it" }),
  }),
});

const NotionSyncChangeRef = builder.objectRef<SyncChange>("NotionSyncChange").implement({
  description: "A value a sync moved: from Notion to Baton (pulled) or from Baton to Notion (pushed).",
  fields: (t) => ({
    executionId: t.exposeID("executionId", { description: "The execution" }),
    field: t.exposeString("field", { description: "notes or tags" }),
    direction: t.exposeString("direction", { description: "pulled (Notion → Baton) or pushed (Baton → Notion)" }),
    value: t.field({
      type: "JSON",
      nullable: true,
      description: "The value moved (notes: a string or null; tags: a list)",
      resolve: (c) => c.value as never,
    }),
  }),
});

const NotionSyncReportRef = builder.objectRef<SyncReport>("NotionSyncReport").implement({
  description: "What one sync from Notion did (docs/notion.md).",
  fields: (t) => ({
    seen: t.exposeInt("seen", {
      description: "Pages the query by last_edited_time returned (those re-seen in the cursor's minute included)",
    }),
    pulled: t.exposeInt("pulled", { description: "Pages with an edit in Notion Baton had not seen yet" }),
    updated: t.exposeInt("updated", { description: "Notes or tags values that took Notion's value" }),
    created: t.exposeInt("created", {
      description: "Pages carrying the Baton ID of an execution Baton had no page for, now linked to it",
    }),
    ignored: t.exposeInt("ignored", { description: "Pages that map to no execution (left alone)" }),
    conflicts: t.exposeInt("conflicts", { description: "Conflicts recorded by this sync (notionConflicts)" }),
    pushed: t.exposeInt("pushed", { description: "Pages patched with notes or tags edited in Baton" }),
    pending: t.exposeInt("pending", { description: "Outbox rows not yet written to Notion afterwards" }),
    changes: t.field({
      type: [NotionSyncChangeRef],
      description: "Every value moved, in order",
      resolve: (r) => r.changes,
    }),
    error: t.exposeString("error", {
      nullable: true,
      description: "Why the sync stopped early (what it did before is kept); null when it finished",
    }),
    startedAt: t.expose("startedAt", { type: "DateTime", description: "When it started" }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", description: "When it ended" }),
  }),
});

type Integration = { enabled: false } | ({ enabled: true } & NotionIntegrationStatus);
const on = (i: Integration) => (i.enabled ? i : null);

const NotionIntegrationRef = builder.objectRef<Integration>("NotionIntegration").implement({
  description:
    "Notion persistence (docs/notion.md): whether it is on, what it writes, its outbox and its last success and error.",
  fields: (t) => ({
    enabled: t.exposeBoolean("enabled", {
      description: "Whether NOTION_TOKEN and BATON_NOTION_DATABASE_ID are set (all else is null/0 when not)",
    }),
    mode: t.string({
      nullable: true,
      description: "What is written (BATON_NOTION_SYNC): runs, trees or executions",
      resolve: (i) => on(i)?.level ?? null,
    }),
    state: t.string({
      nullable: true,
      description:
        "starting, ok, degraded (Notion or the MCP server keeps failing; retrying) or error (configuration refused)",
      resolve: (i) => on(i)?.state ?? null,
    }),
    databaseId: t.string({ nullable: true, resolve: (i) => on(i)?.databaseId ?? null, description: "The database" }),
    dataSourceId: t.string({
      nullable: true,
      description: "Baton's data source in it, once found or created",
      resolve: (i) => on(i)?.dataSourceId ?? null,
    }),
    backlog: t.int({ description: "Outbox rows not yet written", resolve: (i) => on(i)?.backlog ?? 0 }),
    failed: t.int({
      description: "Executions Notion refused (validation_error)",
      resolve: (i) => on(i)?.failed ?? 0,
    }),
    conflicts: t.int({ description: "Conflicts recorded so far", resolve: (i) => on(i)?.conflicts ?? 0 }),
    lastSuccessAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When Notion last answered",
      resolve: (i) => readTime(on(i)?.lastSuccessAt ?? null),
    }),
    lastError: t.string({
      nullable: true,
      description: "The last error from Notion or the MCP server (`401 unauthorized: …`)",
      resolve: (i) => on(i)?.lastError ?? null,
    }),
    lastErrorAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When it happened",
      resolve: (i) => readTime(on(i)?.lastErrorAt ?? null),
    }),
    lastPullAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the last sync from Notion ended",
      resolve: (i) => readTime(on(i)?.lastPullAt ?? null),
    }),
    lastPullError: t.string({
      nullable: true,
      description: "Why the last sync from Notion stopped early; null when it finished",
      resolve: (i) => on(i)?.lastPullError ?? null,
    }),
    pullCursor: t.field({
      type: "DateTime",
      nullable: true,
      description: "The next sync pulls pages edited at or after this minute",
      resolve: (i) => readTime(on(i)?.pullCursor ?? null),
    }),
    pullIntervalMs: t.int({
      nullable: true,
      description: "BATON_NOTION_PULL_MS: the periodic sync's interval (0: off)",
      resolve: (i) => on(i)?.pullMs ?? null,
    }),
    mcpServer: t.string({
      nullable: true,
      description: "running, or stopped (not started yet, or exited: started again on the next call)",
      resolve: (i) => on(i)?.mcpServer ?? null,
    }),
  }),
});

const ExecutionNotionRef = builder.objectRef<ExecutionNotionState>("ExecutionNotion").implement({
  description: "How an execution stands with Notion, with the person-owned fields synced with its page.",
  fields: (t) => ({
    state: t.exposeString("state", {
      description:
        "synced (its page shows it), pending (a write is queued or under way), failed (Notion refused it: see error), " +
        "or not_written (Notion is off, or the BATON_NOTION_SYNC level does not write this execution)",
    }),
    pageId: t.exposeString("pageId", { nullable: true, description: "Its Notion page's id" }),
    pageUrl: t.exposeString("pageUrl", { nullable: true, description: "Its Notion page" }),
    error: t.exposeString("error", { nullable: true, description: "Why Notion refused it (state failed)" }),
    syncedAt: t.expose("syncedAt", { type: "DateTime", nullable: true, description: "When its page was last written" }),
    notes: t.exposeString("notes", { nullable: true, description: "Its notes (as Execution.notes)" }),
    tags: t.exposeStringList("tags", { description: "Its tags (as Execution.tags)" }),
  }),
});

builder.prismaObjectField(Execution, "notion", (t) =>
  t.field({
    type: ExecutionNotionRef,
    description: "How it stands with Notion (docs/notion.md)",
    resolve: (e, _a, ctx) => executionNotion(ctx.db, e.id) as Promise<ExecutionNotionState>,
  }),
);

builder.queryFields((t) => ({
  notionIntegration: t.field({
    type: NotionIntegrationRef,
    description: "The Notion integration's state (enabled false when it is not configured).",
    resolve: async (_r, _a, ctx): Promise<Integration> => {
      const notion = notionFor(ctx.db);
      return notion ? { enabled: true, ...(await notion.integration()) } : { enabled: false };
    },
  }),
  notionConflicts: t.prismaField({
    type: ["NotionConflict"],
    description: "Conflicts sync from Notion settled, most recent first.",
    args: {
      executionId: t.arg.id({ description: "Only this execution's" }),
      limit: t.arg.int({ description: "At most this many: 1 to 1,000; default 100" }),
    },
    resolve: async (query, _r, args, ctx) => {
      const limit = args.limit ?? 100;
      if (limit < 1 || limit > 1000) throw ValidationError.field("limit", "must be 1 to 1000");
      return ctx.db.prisma.notionConflict.findMany({
        ...query,
        where: args.executionId ? { executionId: String(args.executionId) } : {},
        orderBy: [{ resolvedAt: "desc" }, { id: "asc" }],
        take: limit,
      });
    },
  }),
  executionNotion: t.field({
    type: ExecutionNotionRef,
    description: "How an execution stands with Notion; a NOT_FOUND error when there is no such execution.",
    args: { id: t.arg.id({ required: true, description: "The execution's id" }) },
    resolve: async (_r, { id }, ctx) => {
      const state = await executionNotion(ctx.db, String(id));
      if (!state) throw new NotFoundError("Execution", String(id));
      return state;
    },
  }),
}));

builder.mutationFields((t) => ({
  syncNotion: t.field({
    authScopes: { admin: true },
    type: NotionSyncReportRef,
    description:
      "Sync from Notion now: pull the pages edited since the cursor, apply notes and tags, record conflicts, push " +
      "notes and tags edited in Baton. A Notion failure midway is the report's `error`. ConflictError when Notion " +
      "is not configured.",
    errors: { types: [ConflictError], union: { description: "The sync's report, or why none ran." } },
    resolve: async (_r, _a, ctx) => {
      const notion = notionFor(ctx.db);
      if (!notion)
        throw new ConflictError("Notion is not configured: set NOTION_TOKEN and BATON_NOTION_DATABASE_ID", null);
      return notion.sync();
    },
  }),
}));
