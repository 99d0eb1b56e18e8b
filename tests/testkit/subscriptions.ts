// A graphql-ws subscription for tests: `const sub = await subscribe<T>(server.url, query)` collects
// every `data` into `sub.values`; `sub.close()` ends it and its socket.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

export interface Subscription<T> {
  /** Every result's data, in arrival order. */
  values: T[];
  /** Errors the server sent for this subscription (a failed subscribe, a resolver error). */
  errors: unknown[];
  close(): Promise<void>;
}

export function subscribe<T>(
  serverUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  connectionParams?: Record<string, unknown>,
): Subscription<T> {
  const client = createClient({
    url: `${serverUrl.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
  });
  const values: T[] = [];
  const errors: unknown[] = [];
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) values.push(result.data);
      },
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return {
    values,
    errors,
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}
