import { describe, expect, it } from "vitest";
import { type LiveSocketEvents, watchLiveConnection } from "./live-connection.ts";

/** A stand-in for graphql-ws's client events: `emit` plays what the client would report. */
function fakeSocket() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const socket = {
    on(event: string, listener: (...args: never[]) => void) {
      listeners.set(event, listener as (...args: unknown[]) => void);
    },
  } as LiveSocketEvents;
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.(...args);
  return { socket, emit };
}

describe("the live connection", () => {
  it("goes idle → connecting → live, and back to idle when closed for want of subscriptions", () => {
    const { socket, emit } = fakeSocket();
    const live = watchLiveConnection(socket);
    const seen: string[] = [live.state()];
    live.onChange(() => seen.push(live.state()));
    emit("connecting", false);
    emit("connected", {}, undefined, false);
    emit("closed", { code: 1000 });
    expect(seen).toEqual(["idle", "connecting", "live", "idle"]);
  });

  it("is reconnecting from a drop until connected again, and only then says it is back", () => {
    const { socket, emit } = fakeSocket();
    const live = watchLiveConnection(socket);
    let back = 0;
    live.onReconnected(() => back++);
    emit("connecting", false);
    emit("connected", {}, undefined, false);
    expect(back).toBe(0);
    emit("closed", { code: 1012 });
    expect(live.state()).toBe("reconnecting");
    emit("connecting", true);
    expect([live.state(), back]).toEqual(["reconnecting", 0]);
    emit("closed", { code: 1006 }); // a retry that failed
    emit("connecting", true);
    emit("connected", {}, undefined, true);
    expect([live.state(), back]).toEqual(["live", 1]);
  });

  it("stops calling a listener once it unsubscribed", () => {
    const { socket, emit } = fakeSocket();
    const live = watchLiveConnection(socket);
    let changes = 0;
    let back = 0;
    const offChange = live.onChange(() => changes++);
    const offBack = live.onReconnected(() => back++);
    emit("connecting", true);
    offChange();
    offBack();
    emit("connected", {}, undefined, true);
    expect([changes, back]).toEqual([1, 0]);
  });
});
