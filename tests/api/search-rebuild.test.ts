// `baton search rebuild`: SQLite's full-text index is keyed by each execution's rowid, which a copy
// of the database may renumber (a `.dump` restored elsewhere, a VACUUM that cannot keep them). After
// one, a search finds the wrong trees (or none); the command rebuilds the index from the
// executions and the same searches answer right again.
// On PostgreSQL the index is an expression index: the command reindexes it and searches stay right.
import Sqlite from "better-sqlite3";
import { batonCli } from "../testkit/baton-cli.js";
import { type ExecutionBody, iso, uniqueExecutionId, uniqueWindow } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { getOk, type RestClient } from "../testkit/rest.js";

const word = (prefix: string) =>
  uniqueName(prefix)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

async function searchIds(api: RestClient, text: string, range: { start_date: string; end_date: string }) {
  const page = await getOk<{ nodes: { id: string }[] }>(api, "/traces", { ...range, text });
  return page.nodes.map((n) => n.id);
}

describe("baton search rebuild", () => {
  test("after rows are renumbered the index is rebuilt and every search finds its own tree again", async ({
    server,
    api,
  }) => {
    const t = uniqueWindow();
    const range = { start_date: iso(t), end_date: iso(t + 60_000) };
    const words = [word("alpha"), word("bravo"), word("charlie"), word("delta")];
    const ids = words.map((w) => uniqueExecutionId(w.slice(0, 5)));
    const batch: ExecutionBody[] = words.map((w, i) => ({
      id: ids[i] as string,
      agent_name: "TestAgent",
      status: "success",
      timestamp: iso(t + (i + 1) * 1_000),
      outputs: { note: `${w} done` },
    }));
    expect((await api.post("/executions", batch)).status).toBe(201);
    for (const [i, w] of words.entries()) expect(await searchIds(api, w, range)).toEqual([ids[i]]);

    // Delete the first two; on SQLite, renumber what is left as a restored dump would.
    for (const id of ids.slice(0, 2)) expect((await api.delete(`/executions/${id}`)).status).toBe(200);
    if (server.db.provider === "sqlite") {
      const file = new Sqlite(server.database.url.replace(/^file:/, ""));
      try {
        file.exec(`UPDATE "Execution" SET rowid = rowid + 1000000`);
      } finally {
        file.close();
      }
      // The index now points at rows that moved: charlie's and delta's searches miss their trees.
      const stale = [await searchIds(api, words[2] as string, range), await searchIds(api, words[3] as string, range)];
      expect(stale).not.toEqual([[ids[2]], [ids[3]]]);
    }

    const cli = await batonCli(["search", "rebuild", "--json"], { DATABASE_URL: server.database.url });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    const executions = await server.db.prisma.execution.count();
    expect(JSON.parse(cli.stdout)).toMatchObject({ executions });

    expect(await searchIds(api, words[0] as string, range)).toEqual([]);
    expect(await searchIds(api, words[1] as string, range)).toEqual([]);
    expect(await searchIds(api, words[2] as string, range)).toEqual([ids[2]]);
    expect(await searchIds(api, words[3] as string, range)).toEqual([ids[3]]);
  });

  test("anything but rebuild is a usage error (exit 2)", async ({ server }) => {
    const cli = await batonCli(["search", "rebiuld"], { DATABASE_URL: server.database.url });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain("usage: baton search rebuild [--json]");
  });
});
