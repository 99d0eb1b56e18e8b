// One refused operation over graphql-ws is answered with an error for that operation alone: the
// socket and every other subscription on it go on (graphql-ws closes the socket, 4500, when
// onSubscribe throws — armor's token limit and syntax errors used to).
import { createClient } from "graphql-ws";
import { vi } from "vitest";
import WebSocket from "ws";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";

describe("graphql-ws errors", () => {
  test("an operation over the token limit or with a syntax error fails alone; the live subscription goes on", async ({
    server,
    api,
  }) => {
    const closes: number[] = [];
    const client = createClient({
      url: `${server.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (e) => closes.push((e as { code: number }).code) },
    });
    const seen: string[] = [];
    const live = client.subscribe<{ agentChanged: { name: string } }>(
      { query: "subscription { agentChanged { name } }" },
      { next: (r) => r.data && seen.push(r.data.agentChanged.name), error: () => undefined, complete: () => undefined },
    );
    const refused = (query: string) =>
      new Promise<string[]>((resolve) => {
        client.subscribe(
          { query },
          {
            next: () => resolve(["unexpected data"]),
            error: (e) => resolve((e as { message: string }[]).map((x) => x.message)),
            complete: () => resolve(["completed"]),
          },
        );
      });
    try {
      // 6,000 tokens: over armor's 5,000.
      const huge = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
      expect(await refused(huge)).toEqual(["Syntax Error: Token limit of 5000 exceeded."]);
      expect(await refused("subscription { agentChanged { name }")).toEqual([
        "Syntax Error: Expected Name, found <EOF>.",
      ]);

      const name = uniqueName("StillLive");
      await vi.waitFor(
        async () => {
          if (!seen.includes(name)) {
            await api.post("/agents", agentBody({ name: uniqueName("Probe") }));
            if (!seen.some((n) => n.startsWith("Probe"))) throw new Error("not live yet");
            await api.post("/agents", agentBody({ name }));
            throw new Error("waiting for the agent");
          }
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(seen).toContain(name);
      expect(closes).toEqual([]);
    } finally {
      live();
      await client.dispose();
    }
  });
});
