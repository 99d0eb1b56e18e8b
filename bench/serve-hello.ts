// Baseline server for the benches: a bare graphql-yoga hello-world on node:http, nothing else.
// Env: PORT (default 0 = free port). Prints `READY <url>` once listening; stops on SIGTERM/SIGINT.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSchema, createYoga } from "graphql-yoga";

const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { hello: String }", resolvers: { Query: { hello: () => "world" } } }),
  logging: false,
});
const server = createServer(yoga);

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`READY http://127.0.0.1:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
