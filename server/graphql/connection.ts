// Relay-style connections for list queries: `edges { cursor node }`, `nodes`, `pageInfo` and
// `totalCount`, paged by `first` + `after` (a cursor from an earlier page) or by `first` + `offset`.
// A cursor is the opaque position of a row in the list's order; a row written before it moves
// later pages by one, as with offsets. Each connection's rows are read with the selection the
// query asked for (Pothos' Prisma selection), and its count at most once.
import { ValidationError } from "../errors.js";
import { builder } from "./builder.js";
import type { Context } from "./context.js";

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type FieldBuilder = PothosSchemaTypes.QueryFieldBuilder<Types, Record<string, never>>;

/** A page as resolvers see it: where it starts, how many, and the list's count (read once). */
export interface Page {
  offset: number;
  limit: number;
  totalCount: () => Promise<number>;
}

export const encodeCursor = (position: number) => Buffer.from(`position:${position}`).toString("base64url");

function decodeCursor(cursor: string): number {
  const match = /^position:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match)
    throw ValidationError.field("after", "is not a cursor of this list (use an edge's cursor or pageInfo.endCursor)");
  return Number(match[1]);
}

type PagingArgs = { first?: number | null; after?: string | null; offset?: number | null };

/**
 * A list's paging, stated once: its arguments (`first` 1…max, default `fallback`; `after`;
 * `offset`) and the page they ask for (`count` reads the list's size, at most once, when asked).
 */
export function paging(max: number, fallback: number) {
  return {
    args: (t: FieldBuilder["arg"]) => ({
      first: t.int({ defaultValue: fallback, description: `How many to return: 1 to ${max} (default ${fallback})` }),
      after: t.string({ description: "Start after this cursor (an edge's cursor or pageInfo.endCursor)" }),
      offset: t.int({ description: "Start after skipping this many (instead of after)" }),
    }),
    page(args: PagingArgs, count: () => Promise<number>): Page {
      const limit = args.first ?? fallback;
      if (!Number.isInteger(limit) || limit < 1 || limit > max)
        throw ValidationError.field("first", `must be an integer from 1 to ${max}`);
      if (args.after != null && args.offset != null)
        throw ValidationError.field("after", "give after or offset, not both");
      const offset = args.after != null ? decodeCursor(args.after) + 1 : (args.offset ?? 0);
      if (!Number.isInteger(offset) || offset < 0) throw ValidationError.field("offset", "must be an integer ≥ 0");
      let counted: Promise<number> | undefined;
      return { offset, limit, totalCount: () => (counted ??= count()) };
    },
  };
}

interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** Where a page (`offset`, `limit`) sits in a list of `total` items. */
export function pageInfoOf(page: { offset: number; limit: number }, total: number): PageInfoShape {
  const shown = Math.max(0, Math.min(page.limit, total - page.offset));
  return {
    hasNextPage: page.offset + shown < total,
    hasPreviousPage: page.offset > 0,
    startCursor: shown > 0 ? encodeCursor(page.offset) : null,
    endCursor: shown > 0 ? encodeCursor(page.offset + shown - 1) : null,
  };
}

export const PageInfo = builder.objectRef<PageInfoShape>("PageInfo").implement({
  description: "Where a page sits in its list.",
  fields: (t) => ({
    hasNextPage: t.exposeBoolean("hasNextPage", { description: "More items follow this page" }),
    hasPreviousPage: t.exposeBoolean("hasPreviousPage", {
      description: "Items come before this page (it does not start the list)",
    }),
    startCursor: t.exposeString("startCursor", {
      nullable: true,
      description: "The first item's cursor; null when the page is empty",
    }),
    endCursor: t.exposeString("endCursor", {
      nullable: true,
      description: "The last item's cursor: pass it as `after` for the next page; null when the page is empty",
    }),
  }),
});

type Model = "Agent" | "Alert" | "Execution" | "WorkflowTemplate" | "WorkflowRun" | "ApiToken" | "AuditEntry";

export interface ConnectionSpec<P extends Page> {
  /** The GraphQL name of the node type, e.g. `Agent` (its connection is `AgentConnection`). */
  name: string;
  model: Model;
  description: string;
  /** The page's rows, with Prisma's `query` (the selection asked for) spread in. */
  rows: (page: P, query: object, ctx: Context) => Promise<unknown[]>;
  /** One row by id, with `query` (an edge's node). */
  row: (id: string, query: object, ctx: Context) => Promise<unknown>;
}

/** The connection type for `spec.model`; resolvers return a `Page` (with what `rows` needs). */
export function connectionType<P extends Page>(spec: ConnectionSpec<P>) {
  const Edge = builder.objectRef<{ cursor: string; id: string }>(`${spec.name}Edge`).implement({
    description: `${spec.name} in a page, with its cursor.`,
    fields: (t) => ({
      cursor: t.exposeString("cursor", { description: "Pass as `after` to continue after this item" }),
      node: t.prismaField({
        type: spec.model as never,
        description: `The ${spec.name} at this position in the list`,
        // Prisma batches the lookups of one tick into one query.
        resolve: (query: object, edge: { id: string }, _args: object, ctx: Context) =>
          spec.row(edge.id, query, ctx) as never,
      }),
    }),
  });
  return builder.objectRef<P>(`${spec.name}Connection`).implement({
    description: spec.description,
    fields: (t) => ({
      edges: t.field({
        type: [Edge],
        description: "The page's items with their cursors",
        resolve: async (page, _args, ctx) =>
          ((await spec.rows(page, { select: { id: true } }, ctx)) as { id: string }[]).map((row, i) => ({
            cursor: encodeCursor(page.offset + i),
            id: row.id,
          })),
      }),
      nodes: t.prismaField({
        type: [spec.model] as never,
        description: "The page's items",
        resolve: (query: object, page: P, _args: object, ctx: Context) => spec.rows(page, query, ctx) as never,
      }),
      pageInfo: t.field({
        type: PageInfo,
        description: "Cursors of this page and whether others follow or precede it",
        resolve: async (page) => pageInfoOf(page, await page.totalCount()),
      }),
      totalCount: t.int({ description: "Items in the whole list, all pages", resolve: (page) => page.totalCount() }),
    }),
  });
}
