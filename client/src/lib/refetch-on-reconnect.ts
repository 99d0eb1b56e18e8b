// An urql exchange that fetches every query on screen again when the live connection is back
// after a drop: the events sent while it was down reached nobody, so subscriptions alone would
// leave the page behind for good. Shaped like urql's refocusExchange (active queries by key,
// forgotten at teardown); place it before the cacheExchange.
import { type Exchange, mapExchange, type Operation } from "urql";
import type { LiveConnection } from "./live-connection.ts";

export function refetchOnReconnect(live: Pick<LiveConnection, "onReconnected">): Exchange {
  return (input) => {
    const { client } = input;
    const active = new Map<number, Operation>();
    live.onReconnected(() => {
      for (const op of active.values())
        client.reexecuteOperation(
          client.createRequestOperation("query", op, { ...op.context, requestPolicy: "network-only" }),
        );
    });
    return mapExchange({
      onOperation(op) {
        if (op.kind === "query") active.set(op.key, op);
        else if (op.kind === "teardown") active.delete(op.key);
      },
    })(input);
  };
}
