// Builds the whole HTTP surface on one port: GraphQL (+ GraphiQL, graphql-ws), the REST shim,
// OpenAPI + docs, diagrams and the dashboard.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { useCSRFPrevention as csrfPreventionPlugin } from "@graphql-yoga/plugin-csrf-prevention";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { type DocumentNode, type ExecutionArgs, GraphQLError } from "graphql";
import { useServer as attachGraphqlWs } from "graphql-ws/use/ws";
import { createYoga } from "graphql-yoga";
import { WebSocketServer } from "ws";
import type { Database } from "./db.js";
import { type Env, inheritedEnv, servedHosts } from "./env.js";
import type { Engine } from "./engine/engine.js";
import type { JsonObject } from "./engine/types.js";
import type { Context } from "./graphql/context.js";
import type { BatonPubSub } from "./graphql/pubsub.js";
import { argumentNamesPlugin } from "./graphql/argument-errors.js";
import { maskError } from "./graphql/errors.js";
import { jitQueriesPlugin } from "./graphql/jit.js";
import { PLAYGROUND_TABS } from "./graphql/playground.js";
import { schema } from "./graphql/schema.js";
import type { Logger } from "./logger.js";
import { createRestHandler, sendJson } from "./rest/handler.js";
import { buildOpenApi } from "./rest/openapi.js";
import { restSchema } from "./rest/rest-schema.js";
import { routes } from "./rest/routes.js";
import { createRequestGuard } from "./security/request-guard.js";
import { createStaticHandler, readVersion } from "./static.js";
import { createWorkflowEngine } from "./modules/workflow-run/workflow-engine.js";

export interface AppDeps {
  env: Env;
  /** What `env` was parsed from, when not process.env: children and secret references see it too. */
  source?: Record<string, string | undefined>;
  db: Database;
  pubsub: BatonPubSub;
  logger: Logger;
}

export interface App {
  server: Server;
  engine: Engine;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createApp({ env, source, db, pubsub, logger }: AppDeps): App {
  // A fresh context per operation: Pothos' Prisma loaders cache per context object.
  const limits = { jsonLimit: env.BATON_JSON_LIMIT, commandAllowlist: env.BATON_COMMAND_ALLOWLIST };
  // The builtin docs agents read the OpenAPI document, which is built from the schema below.
  let openapi: JsonObject = {};
  const engine = createWorkflowEngine({
    db,
    pubsub,
    logger,
    leaseMs: env.BATON_RUN_LEASE_MS,
    jsonLimit: env.BATON_JSON_LIMIT,
    baseEnv: inheritedEnv(source),
    workdir: env.BATON_WORKDIR ?? process.cwd(),
    claudeBin: env.CLAUDE_BIN,
    commandAllowlist: env.BATON_COMMAND_ALLOWLIST,
    secretsFile: env.BATON_SECRETS_FILE,
    openapi: () => openapi,
  });
  const context = (): Context => ({ db, pubsub, limits, engine });
  const yoga = createYoga({
    schema,
    graphqlEndpoint: "/graphql",
    context,
    // Opens with an example per common task; subscriptions go over the same graphql-ws endpoint.
    graphiql: { title: "Baton GraphiQL", subscriptionsProtocol: "WS", defaultTabs: PLAYGROUND_TABS },
    renderGraphiQL,
    landingPage: false,
    // A query's NotFoundError/ValidationError reaches the client with its code; the rest is masked.
    maskedErrors: { maskError },
    // CORS is the request guard's (one policy for every path); bodies are JSON only (the guard
    // refuses other types before Yoga, and Yoga's multipart parser is off).
    cors: false,
    multipart: false,
    logging: {
      debug: (...a: unknown[]) => logger.debug(String(a[0])),
      info: (...a: unknown[]) => logger.info(String(a[0])),
      warn: (...a: unknown[]) => logger.warn(String(a[0])),
      error: (...a: unknown[]) => logger.error(String(a[0]), a[1]),
    },
    plugins: [
      // A GET (the one request a page can send without a preflight) must carry a header a page
      // cannot add cross-origin without asking first: x-graphql-yoga-csrf.
      csrfPreventionPlugin({ requestHeaders: ["x-graphql-yoga-csrf"] }),
      jitQueriesPlugin(),
      argumentNamesPlugin(),
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        costLimit: { maxCost: 20_000 },
        maxAliases: { n: 30 },
        maxDirectives: { n: 30 },
        maxTokens: { n: 5000 },
        blockFieldSuggestion: { enabled: env.NODE_ENV === "production" },
      }),
    ],
  });

  // REST speaks the domain's lowercase enum values (rest/rest-schema.ts); same resolvers.
  const shimSchema = restSchema(schema);
  const rest = createRestHandler({
    schema: shimSchema,
    routes,
    context,
    bodyLimit: env.BATON_BODY_LIMIT,
    onUnexpectedError: (e) => logger.error("REST request failed", e),
  });
  openapi = buildOpenApi(shimSchema, routes, readVersion()) as unknown as JsonObject;
  const statics = createStaticHandler();
  const guard = createRequestGuard({ allowedOrigins: env.BATON_ALLOWED_ORIGINS, allowedHosts: servedHosts(env) });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (guard.handle(req, res, url.pathname)) return;
    if (url.pathname === "/graphql" || url.pathname.startsWith("/graphql/")) {
      void yoga.requestListener(req, res);
      return;
    }
    if (url.pathname === "/openapi.json") return sendJson(res, 200, openapi);
    rest(req, res, url)
      .then((handled) => {
        if (handled || statics(req, res, url)) return;
        sendJson(res, 404, { error: { code: "NOT_FOUND", message: `no route for ${req.method} ${url.pathname}` } });
      })
      .catch((e: unknown) => {
        logger.error("request failed", e);
        if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL", message: "internal error" } });
      });
  });

  const wss = new WebSocketServer({
    server,
    path: "/graphql",
    // Browsers send Origin on every WebSocket: a page elsewhere must not subscribe or run mutations.
    verifyClient: ({ req }, accept) => {
      const refusal = guard.checkUpgrade(req);
      if (refusal) accept(false, refusal.status, refusal.message);
      else accept(true);
    },
  });
  const ws = attachGraphqlWs(
    {
      execute: (args: ExecutionArgs) =>
        (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args: ExecutionArgs) =>
        (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      onSubscribe: async (ctx, _id, params) => {
        const enveloped = yoga.getEnveloped({ ...ctx, req: ctx.extra.request, socket: ctx.extra.socket, params });
        // A refused document (armor's token limit, a syntax error) answers this operation only:
        // thrown here, graphql-ws would close the socket and every subscription on it (4500).
        let document: DocumentNode;
        try {
          document = enveloped.parse(params.query);
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError("the operation could not be parsed")];
        }
        const args = {
          schema: enveloped.schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
        const errors = enveloped.validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
    },
    wss,
  );

  return {
    server,
    engine,
    listen: (port = env.PORT, host = env.HOST) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const { address, port: bound } = server.address() as AddressInfo;
          // Runs left by a stopped server are resumed once this one serves.
          engine
            .start()
            .then(() => resolve(`http://${address.includes(":") ? `[${address}]` : address}:${bound}`), reject);
        });
      }),
    close: async () => {
      await engine.close();
      await ws.dispose();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
