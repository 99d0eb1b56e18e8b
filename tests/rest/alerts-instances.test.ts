// Two instances (two connections to one database) raising, acknowledging and resolving the same
// alert at the same moment: one alert per episode, one acknowledgement, one resolution.
import { openDatabase } from "../../server/db.js";
import { createBatonPubSub } from "../../server/graphql/pubsub.js";
import {
  AlertNotOpen,
  acknowledgeAlert,
  configureAlerts,
  raiseAlert,
  resolveAlert,
} from "../../server/modules/alert/alert.store.js";
import { raw, sql } from "../../server/sql.js";
import { describe, expect, test } from "vitest";
import { createTestDatabase } from "../testkit/server.js";

describe("alerts shared by two instances", () => {
  test("an episode raises one alert, acknowledged once and resolved once, with one outbox item each", async () => {
    const database = await createTestDatabase();
    const a = await openDatabase(database.url);
    const b = await openDatabase(database.url);
    const pa = await createBatonPubSub();
    const pb = await createBatonPubSub();
    try {
      for (const db of [a, b]) configureAlerts(db, { webhook: true });
      const agent = { agentId: "agent-1", name: "Agent1" };
      const raised = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          raiseAlert(i % 2 ? a : b, (i % 2 ? pa : pb).pubsub, agent, "circuit_open", "circuit open"),
        ),
      );
      const winners = raised.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      const id = winners[0]?.id as string;
      const count = async (table: "Alert" | "AlertOutbox") =>
        Number((await a.sql.all<{ n: unknown }>(sql`SELECT COUNT(*) AS "n" FROM ${raw(`"${table}"`)}`))[0]?.n);
      expect(await count("Alert")).toBe(1);
      expect(await count("AlertOutbox")).toBe(1);

      const acks = await Promise.allSettled([
        acknowledgeAlert(a, pa.pubsub, id, "x"),
        acknowledgeAlert(b, pb.pubsub, id, "y"),
      ]);
      expect(acks.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = acks.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(AlertNotOpen);

      const resolved = await Promise.all([
        resolveAlert(a, pa.pubsub, agent.agentId, "circuit_open"),
        resolveAlert(b, pb.pubsub, agent.agentId, "circuit_open"),
      ]);
      expect(resolved.filter((r) => r !== null)).toHaveLength(1);
      expect(await count("AlertOutbox")).toBe(3);
      // The next episode raises a new alert.
      expect(await raiseAlert(a, pa.pubsub, agent, "circuit_open", "again")).not.toBeNull();
      expect(await count("Alert")).toBe(2);
    } finally {
      await pa.close();
      await pb.close();
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});
