// `watched()`: in memory a publisher can tell whether anyone on this instance listens to a topic
// (and so skip building its payload); each subscription counts while it is open.
import { describe, expect, test } from "vitest";
import { createBatonPubSub } from "../../server/graphql/pubsub.js";

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
