// The execution streams' per-subscriber queue: a subscriber that keeps up gets each batch as the
// same (shared) message; one that falls behind gets merged messages, and past the bound a resync
// marker followed by what came after (server/modules/execution/execution.stream.ts).
import { describe, expect, test } from "vitest";
import { createBatonPubSub } from "../../server/graphql/pubsub.js";
import { executionChanges, type Row } from "../../server/modules/execution/execution.stream.js";

const row = (id: string, status = "success"): Row => ({ id, agentName: "A", status });
const all = { key: "", matches: () => true };
const ids = (m: { events: { execution: Row }[] }) => m.events.map((e) => e.execution.id);

describe("executionChanges queue", () => {
  test("subscribers with the same filter share each batch's message", async () => {
    const { pubsub } = await createBatonPubSub();
    const [a, b] = [executionChanges(pubsub, all, {}), executionChanges(pubsub, all, {})];
    const [na, nb] = [a.next(), b.next()];
    await new Promise((r) => setImmediate(r));
    pubsub.publish("executionEvents", { kind: "recorded", executions: [row("1"), row("2")] });
    const [ma, mb] = [(await na).value, (await nb).value];
    expect(ma).toBe(mb);
    expect(ma && ids(ma)).toEqual(["1", "2"]);
    await Promise.all([a.return(undefined), b.return(undefined)]);
  });

  test("updates missed while behind are merged: the latest state per execution, recorded stays recorded", async () => {
    const { pubsub } = await createBatonPubSub();
    const s = executionChanges(pubsub, all, {});
    const first = s.next();
    await new Promise((r) => setImmediate(r));
    pubsub.publish("executionEvents", { kind: "recorded", executions: [row("1", "pending")] });
    await first;
    pubsub.publish("executionEvents", { kind: "recorded", executions: [row("2", "pending")] });
    pubsub.publish("executionEvents", { kind: "updated", executions: [row("2", "in_progress")] });
    pubsub.publish("executionEvents", { kind: "updated", executions: [row("2", "success"), row("1", "failure")] });
    await new Promise((r) => setImmediate(r)); // the queue drains the pubsub as events come
    const merged = (await s.next()).value;
    expect(merged?.resync).toBe(false);
    expect(
      merged?.events.map((e: { kind: string; execution: Row }) => [e.kind, e.execution.id, e.execution.status]),
    ).toEqual([
      ["recorded", "2", "success"],
      ["updated", "1", "failure"],
    ]);
    await s.return(undefined);
  });

  test("past the bound: a resync marker instead of the missed rows, then what follows", async () => {
    const { pubsub } = await createBatonPubSub();
    const s = executionChanges(pubsub, all, {}, { backedUpRows: 5, maxRows: 3 });
    const first = s.next();
    await new Promise((r) => setImmediate(r));
    pubsub.publish("executionEvents", { kind: "recorded", executions: [row("0")] });
    expect((await first).value?.resync).toBe(false);
    pubsub.publish("executionEvents", { kind: "recorded", executions: [row("1"), row("2")] });
    pubsub.publish("executionEvents", { kind: "recorded", executions: [row("3"), row("4")] });
    await new Promise((r) => setImmediate(r));
    pubsub.publish("executionEvents", { kind: "recorded", executions: [row("5")] });
    await new Promise((r) => setImmediate(r));
    const marker = (await s.next()).value;
    expect(marker).toEqual({ resync: true, events: [] });
    const next = (await s.next()).value;
    expect(next && ids(next)).toEqual(["5"]);
    await s.return(undefined);
  });
});
