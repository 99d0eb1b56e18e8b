// One urql client for the dashboard: queries and mutations over HTTP, subscriptions over graphql-ws
// on the same /graphql path. The subscription exchange must sit before fetchExchange. The socket's
// state is watched (live-connection.ts): the shell shows it, and a socket back after a drop makes
// every query on screen fetch again (refetch-on-reconnect.ts).
import { createClient as createWsClient } from "graphql-ws";
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from "urql";
import { SESSION_ENDED } from "./features/access/session.ts";
import { type LiveConnection, watchLiveConnection } from "./lib/live-connection.ts";
import { refetchOnReconnect } from "./lib/refetch-on-reconnect.ts";

export function createBatonClient(origin: Location = window.location): { client: Client; live: LiveConnection } {
  const wsProtocol = origin.protocol === "https:" ? "wss:" : "ws:";
  const ws = createWsClient({
    url: `${wsProtocol}//${origin.host}/graphql`,
    lazy: true,
    // Moving between pages ends one page's subscriptions just before the next page's begin: keep
    // the socket a moment rather than closing and reopening it on every navigation.
    lazyCloseTimeout: 3_000,
    // The server restarts under `npm run dev`; keep trying rather than going silent.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    on: {
      // 4403: the session ended (logged out, token revoked): back to the login form.
      closed: (event) => {
        if ((event as { code?: number }).code === 4403) window.dispatchEvent(new Event(SESSION_ENDED));
      },
    },
  });
  const live = watchLiveConnection(ws);

  const client = new Client({
    url: "/graphql",
    // Queries go as GET (urql's default within the URL limit); Baton answers a GET only with this
    // header, which a page on another origin cannot add without a CORS preflight (CSRF prevention).
    fetchOptions: { headers: { "x-graphql-yoga-csrf": "1" } },
    exchanges: [
      // A 401 means the session ended (expired, logged out elsewhere, token revoked).
      mapExchange({
        onError(error) {
          if (error.response?.status === 401) window.dispatchEvent(new Event(SESSION_ENDED));
        },
      }),
      refetchOnReconnect(live),
      cacheExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
      fetchExchange,
    ],
  });
  return { client, live };
}
