// Builds the whole HTTP surface on one port: GraphQL (+ GraphiQL, graphql-ws), the REST shim,
// OpenAPI + docs, diagrams and the dashboard.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { useCSRFPrevention as csrfPreventionPlugin } from "@graphql-yoga/plugin-csrf-prevention";
import { type DocumentNode, type ExecutionArgs, GraphQLError } from "graphql";
import { createYoga } from "graphql-yoga";
import { WebSocketServer } from "ws";
import type { Database } from "./db.js";
import { type Env, inheritedEnv, servedHosts } from "./env.js";
import type { Engine } from "./engine/engine.js";
import type { JsonObject } from "./engine/types.js";
import type { Context, RequestOrigin } from "./graphql/context.js";
import type { BatonPubSub } from "./graphql/pubsub.js";
import { argumentNamesPlugin } from "./graphql/argument-errors.js";
import { maskError } from "./graphql/errors.js";
import { jitQueriesPlugin } from "./graphql/jit.js";
import { registryReadPath } from "./modules/agent/registry.graphql.js";
import { PLAYGROUND_TABS } from "./graphql/playground.js";
import { schema } from "./graphql/schema.js";
import { attachGraphqlWs } from "./graphql/ws-delivery.js";
import type { Logger } from "./logger.js";
import { createRestHandler, sendJson } from "./rest/handler.js";
import { servedEndpoints } from "./rest/endpoints.js";
import { buildOpenApi } from "./rest/openapi.js";
import { restSchema } from "./rest/rest-schema.js";
import { routes } from "./rest/routes.js";
import { createRequestGuard } from "./security/request-guard.js";
import { createAuthenticator, paramsCredential, requestCredential } from "./security/auth.js";
import { NOBODY, type Principal } from "./security/scopes.js";
import { createSessionRoutes, SESSION_PATH } from "./security/session-routes.js";
import { createHealthHandler, HEALTH_PATH } from "./health.js";
import { createStaticHandler, readVersion } from "./static.js";
import { createWorkflowEngine } from "./modules/workflow-run/workflow-engine.js";
import { configureAlerts } from "./modules/alert/alert.store.js";
import { createAlertWebhook } from "./modules/alert/alert.webhook.js";
import { createIdleSweeper } from "./modules/claude-code/claude-code.service.js";
import { configureNotionOutbox } from "./integrations/notion/outbox.js";
import { createNotionSync, type NotionSync } from "./integrations/notion/notion-sync.js";
import { registerNotion } from "./integrations/notion/registry.js";

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
  /** The Notion integration, when configured. */
  notion: NotionSync | undefined;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createApp({ env, source, db, pubsub, logger }: AppDeps): App {
  // A fresh context per operation: Pothos' Prisma loaders cache per context object.
  const limits = { jsonLimit: env.BATON_JSON_LIMIT, commandAllowlist: env.BATON_COMMAND_ALLOWLIST };
  // The builtin docs agents and GET /openapi.json read the OpenAPI document, built from the schema
  // below on first use (not every server is asked for it: it stays out of idle memory until then).
  let openapiDoc: JsonObject | undefined;
  const openapi = (): JsonObject =>
    (openapiDoc ??= buildOpenApi(shimSchema(), routes, readVersion()) as unknown as JsonObject);
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
    serenaDir: env.BATON_SERENA_DIR,
    openapi,
    routes: () => servedEndpoints(routes),
  });
  // Alert changes are queued for the webhook only when one is configured; its worker starts and
  // stops with the app (and drains what an earlier run left in the outbox).
  const webhook = env.BATON_ALERT_WEBHOOK_URL
    ? createAlertWebhook({
        url: env.BATON_ALERT_WEBHOOK_URL,
        db,
        logger,
        retentionMs: env.BATON_ALERT_OUTBOX_RETENTION_MS,
      })
    : undefined;
  configureAlerts(db, { webhook: webhook !== undefined, queued: () => webhook?.wake() });
  // Claude Code sessions whose hooks fell silent are closed as cancelled (docs/claude-code.md).
  const sweeper = createIdleSweeper({ db, pubsub, logger, limits, idleMs: env.BATON_CLAUDE_IDLE_MS });
  // Notion persistence (docs/notion.md) only with a token and a database; its worker starts and
  // stops with the app and drains what an earlier run left in the outbox.
  const notion: NotionSync | undefined =
    env.NOTION_TOKEN && env.BATON_NOTION_DATABASE_ID
      ? createNotionSync({
          db,
          logger,
          token: env.NOTION_TOKEN,
          databaseId: env.BATON_NOTION_DATABASE_ID,
          apiUrl: env.BATON_NOTION_API_URL,
          perSecond: env.BATON_NOTION_RATE,
          pullMs: env.BATON_NOTION_PULL_MS,
          level: env.BATON_NOTION_SYNC,
        })
      : undefined;
  if (!notion && (env.NOTION_TOKEN || env.BATON_NOTION_DATABASE_ID))
    logger.warn(
      `notion: off: ${env.NOTION_TOKEN ? "BATON_NOTION_DATABASE_ID" : "NOTION_TOKEN"} is not set (both are needed)`,
    );
  configureNotionOutbox(db, notion ? { level: env.BATON_NOTION_SYNC, queued: () => notion.wake() } : undefined);
  registerNotion(db, notion);
  const auth = createAuthenticator({ db, required: env.authRequired });
  // Open graphql-ws sockets by token: revoking a token closes its sockets on this instance.
  const socketsOf = new Map<string, Set<{ close(code: number, reason: string): void }>>();
  const tokenRevoked = (tokenId: string) => {
    auth.forget();
    for (const socket of socketsOf.get(tokenId) ?? []) socket.close(4403, "token revoked");
    socketsOf.delete(tokenId);
  };
  const context = (principal: Principal, origin: RequestOrigin): Context => ({
    db,
    pubsub,
    limits,
    engine,
    memory: { serenaDir: env.BATON_SERENA_DIR ?? null, workdir: env.BATON_WORKDIR ?? process.cwd() },
    auth: principal,
    origin,
    tokenRevoked,
  });
  // Who sent each HTTP request, found before Yoga or the REST shim see it.
  const principals = new WeakMap<IncomingMessage, Principal>();
  const yoga = createYoga({
    schema,
    graphqlEndpoint: "/graphql",
    // graphql-ws passes its connection's principal; HTTP requests were authenticated on arrival.
    context: (initial: { req?: IncomingMessage; principal?: Principal; origin?: RequestOrigin }) =>
      context(
        initial.principal ?? (initial.req && principals.get(initial.req)) ?? NOBODY,
        initial.origin ?? { via: "graphql" },
      ),
    // Opens with an example per common task; subscriptions go over the same graphql-ws endpoint.
    graphiql: { title: "Baton GraphiQL", subscriptionsProtocol: "WS", defaultTabs: PLAYGROUND_TABS },
    // GraphiQL's page (a 9 MB bundle, ~44 MB of memory) is loaded when a browser first asks for it.
    renderGraphiQL: async (options) => (await import("@graphql-yoga/render-graphiql")).renderGraphiQL(options),
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
      // Registry reads answer from the registry's read model (modules/agent/registry.graphql.ts).
      jitQueriesPlugin({ readPath: registryReadPath }),
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
  // Made on the first REST request (or OpenAPI read), not at start-up.
  let shim: ReturnType<typeof restSchema> | undefined;
  const shimSchema = () => (shim ??= restSchema(schema));
  const rest = createRestHandler({
    schema: shimSchema,
    routes,
    context: (req) =>
      context(principals.get(req) ?? NOBODY, { via: "rest", request: `${req.method} ${req.url?.split("?")[0]}` }),
    bodyLimit: env.BATON_BODY_LIMIT,
    onUnexpectedError: (e) => logger.error("REST request failed", e),
  });
  const statics = createStaticHandler();
  const guard = createRequestGuard({
    allowedOrigins: env.BATON_ALLOWED_ORIGINS,
    allowedHosts: servedHosts(env),
    stateChangingGets: routes.filter((r) => r.method === "GET" && r.operation === "mutation").map((r) => r.path),
  });

  const sessionRoutes = createSessionRoutes({ db, auth });

  /** The API's paths need a caller; the dashboard's files, docs and GraphiQL's page do not. */
  const isGraphql = (path: string) => path === "/graphql" || path.startsWith("/graphql/");
  const needsCaller = (req: IncomingMessage, url: URL) =>
    isGraphql(url.pathname)
      ? !(req.method === "GET" && /text\/html/.test(req.headers.accept ?? "") && !url.searchParams.has("query"))
      : rest.handles(url.pathname);

  /** Finds the caller; answers 401 (and returns false) when the API needs one and none is proven. */
  async function admit(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!needsCaller(req, url)) return true;
    const principal = await auth.authenticate(requestCredential(req));
    if (principal) {
      principals.set(req, principal);
      return true;
    }
    const sent =
      req.headers.authorization !== undefined
        ? "the token sent is not valid (unknown, revoked or expired)"
        : "no token was sent";
    res.setHeader("www-authenticate", 'Bearer realm="baton"');
    sendJson(res, 401, {
      error: {
        code: "UNAUTHENTICATED",
        message: `${sent}: send Authorization: Bearer <token> (create one with \`npm run baton -- tokens create --name <name> --scope read\`) or log in to the dashboard`,
      },
    });
    return false;
  }

  const health = createHealthHandler({ db, engine, pubsub, notion });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (guard.handle(req, res, url.pathname)) return;
    if (url.pathname === SESSION_PATH) {
      sessionRoutes(req, res).catch((e: unknown) => {
        logger.error("session request failed", e);
        if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL", message: "internal error" } });
      });
      return;
    }
    if (url.pathname === "/openapi.json") return sendJson(res, 200, openapi());
    // Public and tiny, ahead of authentication and the REST shim: a probe must answer at once.
    if (url.pathname === HEALTH_PATH) return void health(req, res);
    admit(req, res, url)
      .then((admitted) => {
        if (!admitted) return;
        if (isGraphql(url.pathname)) return void yoga.requestListener(req, res);
        return serveRest(req, res, url);
      })
      .catch((e: unknown) => {
        logger.error("request failed", e);
        if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL", message: "internal error" } });
      });
  });

  function serveRest(req: IncomingMessage, res: ServerResponse, url: URL) {
    return rest(req, res, url)
      .then((handled) => {
        if (handled || statics(req, res, url)) return;
        sendJson(res, 404, { error: { code: "NOT_FOUND", message: `no route for ${req.method} ${url.pathname}` } });
      })
      .catch((e: unknown) => {
        logger.error("request failed", e);
        if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL", message: "internal error" } });
      });
  }

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
      // A token in connectionParams ({ authorization: "Bearer …" } or { token }), else the
      // dashboard's session cookie on the upgrade; refused with 4403 when neither proves a caller.
      onConnect: async (ctx) => {
        const principal = await auth.authenticate(
          paramsCredential(ctx.connectionParams) ?? requestCredential(ctx.extra.request),
        );
        if (!principal) return false;
        (ctx.extra as { principal?: Principal }).principal = principal;
        if (principal.kind === "token") {
          const sockets = socketsOf.get(principal.tokenId) ?? new Set();
          sockets.add(ctx.extra.socket);
          socketsOf.set(principal.tokenId, sockets);
          ctx.extra.socket.once("close", () => sockets.delete(ctx.extra.socket));
        }
        return true;
      },
      onSubscribe: async (ctx, _id, params) => {
        const enveloped = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          principal: (ctx.extra as { principal?: Principal }).principal ?? NOBODY,
          origin: { via: "ws" },
        });
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
    notion,
    listen: (port = env.PORT, host = env.HOST) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const { address, port: bound } = server.address() as AddressInfo;
          // Runs left by a stopped server are resumed once this one serves.
          webhook?.start();
          sweeper.start();
          notion?.start();
          engine
            .start()
            .then(() => resolve(`http://${address.includes(":") ? `[${address}]` : address}:${bound}`), reject);
        });
      }),
    close: async () => {
      await webhook?.stop();
      await sweeper.stop();
      await notion?.stop();
      await engine.close();
      await ws.dispose();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
