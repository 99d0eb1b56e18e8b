// One urql client for the dashboard: queries and mutations over HTTP, subscriptions over graphql-ws
// on the same /graphql path. The subscription exchange must sit before fetchExchange.
import { createClient as createWsClient } from "graphql-ws";
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "urql";

export function createBatonClient(origin: Location = window.location): Client {
  const wsProtocol = origin.protocol === "https:" ? "wss:" : "ws:";
  const ws = createWsClient({
    url: `${wsProtocol}//${origin.host}/graphql`,
    lazy: true,
    // The server restarts under `npm run dev`; keep trying rather than going silent.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
  });

  return new Client({
    url: "/graphql",
    exchanges: [
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
}
