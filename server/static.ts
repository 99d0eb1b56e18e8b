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

const docsHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baton REST API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="swagger"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger", deepLinking: true });</script>
</body></html>`;

const missingClient = `<!doctype html><meta charset="utf-8"><title>Baton</title>
<p>The dashboard has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p>`;

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
