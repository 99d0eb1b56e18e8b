// Static files next to the API: the dashboard under /ui (SPA fallback), pattern diagrams under
// /diagrams, and the self-hosted Swagger UI at /docs (this machine has no CDN, nor may users).
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";

const root = fileURLToPath(new URL("../", import.meta.url));
export const clientDist = `${root}client/dist`;
const require = createRequire(import.meta.url);

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function serve(dir: string, opts: Parameters<typeof sirv>[1] = {}): Handler {
  return sirv(dir, { dev: false, etag: true, ...opts }) as unknown as Handler;
}

// Swagger UI with what axe asks of it: no deep links (they nest a link inside each operation's
// button), a name for the servers select, and darker text where its greys and version badges fall
// below 4.5:1. The favicon is the dashboard's.
const docsHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baton REST API</title>
<link rel="icon" type="image/svg+xml" href="/favicon.ico">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>
.swagger-ui .info .title small pre, .swagger-ui .info .title small.version-stamp pre { color: #fff; }
.swagger-ui .info .title small { background: #3b4151; }
.swagger-ui .info .title small.version-stamp { background: #2f6b00; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #3b4151; }
.swagger-ui .json-schema-2020-12__title, .swagger-ui .json-schema-2020-12-keyword__name--secondary,
.swagger-ui .json-schema-2020-12-keyword__value--secondary, .swagger-ui .prop-format,
.swagger-ui .parameter__in, .swagger-ui .parameter__deprecated { color: #55595f; }
.swagger-ui .opblock .opblock-summary-description, .swagger-ui .response-col_links { color: #3b4151; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1d5f99; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #13774a; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8f4f00; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #12705c; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b3261e; }
.swagger-ui .info .url, .swagger-ui .info a { color: #1d5f99; }
.swagger-ui .btn.authorize { background: #fff; color: #13774a; border-color: #13774a; }
.swagger-ui .btn.authorize span { color: #13774a; }
.swagger-ui .btn.authorize svg { fill: #13774a; }
</style></head><body><main id="swagger"></main>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger", deepLinking: false });
// Swagger UI's servers select has no label of its own; name it whenever it is (re)drawn.
new MutationObserver(() => {
  const servers = document.getElementById("servers");
  if (servers && !servers.hasAttribute("aria-label")) servers.setAttribute("aria-label", "Server");
}).observe(document.body, { childList: true, subtree: true });
</script>
</body></html>`;

const missingClient = `<!doctype html><meta charset="utf-8"><title>Baton</title>
<p>The dashboard has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p>`;

const favicon = readFileSync(`${root}client/public/favicon.svg`);

export function createStaticHandler() {
  const diagrams = serve(`${root}docs/diagrams`, { maxAge: 3600 });
  const swagger = serve(dirname(require.resolve("swagger-ui-dist/package.json")), { maxAge: 86400 });
  const client = existsSync(clientDist) ? serve(clientDist, { single: true, setHeaders: cacheHashed }) : null;

  return function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const path = url.pathname;
    const notFound = () => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "NOT_FOUND", message: `no route for ${path}` } }));
    };
    if (path === "/" || path === "/ui") {
      res.writeHead(302, { location: "/ui/" });
      res.end();
      return true;
    }
    if (path === "/favicon.ico") {
      // Browsers ask for it on every page outside the dashboard (/docs, GraphiQL): the same mark.
      res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" });
      res.end(favicon);
      return true;
    }
    if (path === "/docs" || path === "/docs/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(docsHtml);
      return true;
    }
    if (path.startsWith("/docs/assets/")) {
      req.url = path.slice("/docs/assets".length);
      swagger(req, res, notFound);
      return true;
    }
    if (path.startsWith("/diagrams/")) {
      req.url = path.slice("/diagrams".length);
      diagrams(req, res, notFound);
      return true;
    }
    if (path.startsWith("/ui/")) {
      if (!client) {
        res.writeHead(503, { "content-type": "text/html; charset=utf-8" });
        res.end(missingClient);
        return true;
      }
      req.url = path.slice("/ui".length) + url.search;
      client(req, res, notFound);
      return true;
    }
    return false;
  };
}

function cacheHashed(res: ServerResponse, path: string) {
  res.setHeader("cache-control", path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
}

export function readVersion(): string {
  return (JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { version: string }).version;
}
