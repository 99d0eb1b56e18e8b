// `watched()`: in memory a publisher can tell whether anyone on this instance listens to a topic
// (and so skip building its payload); each subscription counts while it is open.
import { Redis } from "ioredis";
import { describe, expect, test } from "vitest";
import { createBatonPubSub } from "../../server/graphql/pubsub.js";
import { ensureLocalRedis } from "../testkit/baton-process.js";

describe("pubsub.watched", () => {
  test("true exactly while a subscription to the topic (and id) is open", async () => {
    const { pubsub, close } = await createBatonPubSub();
    expect(pubsub.watched("executionEvents")).toBe(false);
    const one = pubsub.subscribe("executionEvents")[Symbol.asyncIterator]();
    const two = pubsub.subscribe("executionEvents")[Symbol.asyncIterator]();
    const run = pubsub.subscribe("workflowRun", "run-1")[Symbol.asyncIterator]();
    // A subscription starts listening when it is first read.
    const first = one.next();
    const second = two.next();
    const runEvent = run.next();
    expect(pubsub.watched("executionEvents")).toBe(true);
    expect(pubsub.watched("workflowRun", "run-1")).toBe(true);
    expect(pubsub.watched("workflowRun", "run-2")).toBe(false);
    expect(pubsub.watched("agentChanged")).toBe(false);

    pubsub.publish("executionEvents", { kind: "recorded", executions: [] });
    expect((await first).value).toEqual({ kind: "recorded", executions: [] });
    expect((await second).value).toEqual({ kind: "recorded", executions: [] });

    await one.return?.();
    expect(pubsub.watched("executionEvents")).toBe(true);
    await two.return?.();
    expect(pubsub.watched("executionEvents")).toBe(false);
    await run.return?.();
    expect(pubsub.watched("workflowRun", "run-1")).toBe(false);
    void runEvent;
    await close();
  });
});

describe("Redis channel prefix (BATON_REDIS_PREFIX)", () => {
  test("instances with one prefix see each other's events; another prefix sees none", async ({ skip }) => {
    const url = "redis://127.0.0.1:6379";
    if (!(await ensureLocalRedis(url))) skip("Redis is not reachable at 127.0.0.1:6379");
    const tag = Math.random().toString(36).slice(2, 8);
    const a = await createBatonPubSub(url, `p-${tag}-a:`);
    const b = await createBatonPubSub(url, `p-${tag}-a:`);
    const other = await createBatonPubSub(url, `p-${tag}-b:`);
    const admin = new Redis(url);
    try {
      const onB = b.pubsub.subscribe("agentChanged")[Symbol.asyncIterator]();
      const onOther = other.pubsub.subscribe("agentChanged")[Symbol.asyncIterator]();
      const fromB = onB.next();
      const fromOther = onOther.next();
      // The channels are `<prefix><topic>`: wait until both subscriptions are registered in Redis.
      const channels = [`p-${tag}-a:agentChanged`, `p-${tag}-b:agentChanged`];
      for (let i = 0; ; i++) {
        const counts = (await admin.pubsub("NUMSUB", ...channels)) as (string | number)[];
        if (Number(counts[1]) === 1 && Number(counts[3]) === 1) break;
        if (i > 200) throw new Error(`subscriptions never reached Redis: ${JSON.stringify(counts)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      const publish = (p: typeof a.pubsub, payload: unknown) =>
        (p as unknown as { publish: (t: string, v: unknown) => void }).publish("agentChanged", payload);
      publish(a.pubsub, { kind: "from-a", tag });
      expect((await fromB).value).toEqual({ kind: "from-a", tag });
      // Redis delivers in publish order: had `other` received a's event, it would come before this.
      publish(other.pubsub, { kind: "own", tag });
      expect((await fromOther).value).toEqual({ kind: "own", tag });
      await onB.return?.();
      await onOther.return?.();
    } finally {
      admin.disconnect();
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });
});
