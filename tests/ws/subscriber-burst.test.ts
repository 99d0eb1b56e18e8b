// A burst of batches to subscribers of executionChanges, one of them a slow reader (its TCP socket
// paused during the burst, so the server's writes back up): nobody's socket is closed, the fast
// subscribers get every row exactly once, the slow one ends up with every row or a resync marker
// (after which a refetch shows the right state), and HTTP answers during the burst (issue 10 §4).
import { vi } from "vitest";
import WebSocket from "ws";
import { uniqueName } from "../testkit/factories.js";
import { iso } from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { subscribe } from "../testkit/subscriptions.js";

const BATCHES = 8;
const ROWS = 1000;
/** ~1 KB of inputs a row: 8 MB in all, more than a paused socket's buffers take. */
const PADDING = "x".repeat(1000);

const CHANGES = `subscription($agent: [String!]) {
  executionChanges(agent: $agent) { resync events { kind execution { id status inputs } } }
}`;
type Changes = {
  executionChanges: { resync: boolean; events: { kind: string; execution: { id: string; status: string } }[] };
};

/** A raw graphql-transport-ws subscriber whose socket can be paused; counts rows and resync markers. */
function rawSubscriber(url: string, variables: Record<string, unknown>) {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", {
    headers: { origin: url },
  });
  const state = { ids: new Set<string>(), rows: 0, resyncs: 0, rowsAfterResync: 0, closed: null as number | null };
  const ready = new Promise<void>((resolve, reject) => {
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
    socket.on("error", reject);
    socket.on("close", (code) => {
      state.closed = code;
      reject(new Error(`closed ${code}`));
    });
    socket.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString("utf8")) as { type: string; payload?: { data?: Changes } };
      if (message.type === "connection_ack") {
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: CHANGES, variables } }));
        resolve();
      } else if (message.type === "next" && message.payload?.data) {
        const changes = message.payload.data.executionChanges;
        if (changes.resync) {
          state.resyncs++;
          state.rowsAfterResync = 0;
        }
        for (const e of changes.events) {
          state.ids.add(e.execution.id);
          state.rows++;
          state.rowsAfterResync++;
        }
      } else if (message.type === "ping") socket.send(JSON.stringify({ type: "pong" }));
    });
  });
  const tcp = () => (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  return { socket, state, ready, pause: () => tcp().pause(), resume: () => tcp().resume() };
}

describe("executionChanges under a burst", () => {
  test("a slow subscriber keeps its socket and resyncs or catches up; fast ones get every row; HTTP answers", {
    timeout: 180_000,
  }, async ({ server, api }) => {
    const agent = uniqueName("Burst");
    const fast = [0, 1, 2].map(() => subscribe<Changes>(server.url, CHANGES, { agent: [agent] }));
    const slow = rawSubscriber(server.url, { agent: [agent] });
    try {
      await slow.ready;
      // Live once every subscriber has seen a probe.
      const probes = new Set<string>();
      const seen = (ids: Iterable<string>) => [...ids].some((id) => probes.has(id));
      const fastIds = (i: number) =>
        (fast[i]?.values ?? []).flatMap((v) => v.executionChanges.events.map((e) => e.execution.id));
      await vi.waitFor(
        async () => {
          if (seen(slow.state.ids) && [0, 1, 2].every((i) => seen(fastIds(i)))) return;
          const id = `probe-${agent}-${probes.size}`;
          probes.add(id);
          expect((await api.post("/executions", { id, agent_name: agent, status: "success" })).status).toBe(201);
          throw new Error("not live yet");
        },
        { timeout: 15_000, interval: 100 },
      );
      await new Promise((r) => setTimeout(r, 300));
      const starts = fast.map((s) => s.values.length);
      slow.state.rows = 0;

      slow.pause();
      const t = Date.now() - 3_600_000;
      const posted = new Set<string>();
      const answered: number[] = [];
      for (let b = 0; b < BATCHES; b++) {
        const rows = Array.from({ length: ROWS }, (_, i) => {
          const id = `${agent}-${b}-${i}`;
          posted.add(id);
          return { id, agent_name: agent, status: "success", timestamp: iso(t + b * ROWS + i), inputs: { PADDING } };
        });
        const [res, probe] = await Promise.all([api.post("/executions", rows), api.get("/agents", { limit: 1 })]);
        expect(res.status).toBe(201);
        answered.push(probe.status);
      }
      // HTTP kept answering while the batches fanned out.
      expect(answered).toEqual(Array(BATCHES).fill(200));

      // Fast subscribers: every row, exactly once, no resync.
      const expected = BATCHES * ROWS;
      const burstOf = (i: number) =>
        (fast[i] as (typeof fast)[number]).values.slice(starts[i]).map((v) => v.executionChanges);
      await vi.waitFor(
        () => {
          for (const i of [0, 1, 2]) {
            const rows = burstOf(i).flatMap((m) => m.events);
            if (rows.length < expected) throw new Error(`subscriber ${i}: ${rows.length} of ${expected}`);
          }
        },
        { timeout: 120_000, interval: 200 },
      );
      for (const i of [0, 1, 2]) {
        const messages = burstOf(i);
        expect(messages.some((m) => m.resync)).toBe(false);
        const ids = messages.flatMap((m) => m.events.map((e) => e.execution.id));
        expect(ids.length).toBe(expected);
        expect(new Set(ids)).toEqual(posted);
        expect(fast[i]?.errors).toEqual([]);
      }

      // The slow one: still connected; once it reads again, every row or a resync marker.
      expect(slow.state.closed).toBeNull();
      slow.resume();
      await vi.waitFor(
        () => {
          if (slow.state.resyncs === 0 && slow.state.rows < expected)
            throw new Error(`slow: ${slow.state.rows} rows, no resync`);
        },
        { timeout: 120_000, interval: 200 },
      );
      expect(slow.state.closed).toBeNull();
      if (slow.state.resyncs === 0) {
        expect(slow.state.rows).toBe(expected);
        for (const id of posted) expect(slow.state.ids.has(id)).toBe(true);
      } else {
        // After the marker the client refetches: the stored state is every row, as written.
        const page = await api.get<{ total: number }>("/executions", { agent, status: "success", limit: 1 });
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(expected + probes.size);
      }
      // A write after the burst reaches the slow subscriber too: its subscription is live.
      const after = `${agent}-after`;
      expect((await api.post("/executions", { id: after, agent_name: agent, status: "success" })).status).toBe(201);
      await vi.waitFor(() => expect(slow.state.ids.has(after)).toBe(true), { timeout: 30_000, interval: 100 });
      expect(slow.state.closed).toBeNull();
    } finally {
      slow.socket.terminate();
      await Promise.all(fast.map((s) => s.close()));
    }
  });
});
