// What a query asks for below a field, so a resolver can leave out columns nobody reads.
import type { FieldNode, GraphQLResolveInfo, SelectionNode } from "graphql";

/**
 * The names of the fields selected at `path` below the field being resolved (`["executions"]`:
 * the fields of its `executions`), through inline fragments and fragment spreads. Directives are
 * not evaluated: a field under `@skip` still counts, so the answer is never less than what is read.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, path: string[]) {
  const fields = (selections: readonly SelectionNode[]): FieldNode[] =>
    selections.flatMap((s) => {
      if (s.kind === "Field") return [s];
      if (s.kind === "InlineFragment") return fields(s.selectionSet.selections);
      const fragment = info.fragments[s.name.value];
      return fragment ? fields(fragment.selectionSet.selections) : [];
    });
  let level = fields(info.fieldNodes.flatMap((f) => f.selectionSet?.selections ?? []));
  for (const name of path)
    level = fields(level.filter((f) => f.name.value === name).flatMap((f) => f.selectionSet?.selections ?? []));
  return new Set(level.map((f) => f.name.value));
}
