// The dashboard is served by the API server under /ui/ (client/dist); in development Vite serves it
// on :5173 and proxies every API path, websockets included, to the server.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.BATON_API_URL ?? "http://127.0.0.1:4000";
const apiPaths = [
  "/agents",
  "/patterns",
  "/executions",
  "/workflows",
  "/workflow-runs",
  "/metrics",
  "/openapi.json",
  "/docs",
  "/diagrams",
];

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/ui/",
  // One dependency cache for the repo, not a node_modules folder inside client/.
  cacheDir: fileURLToPath(new URL("../node_modules/.vite", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/graphql": { target: api, ws: true, changeOrigin: true },
      ...Object.fromEntries(apiPaths.map((p) => [p, { target: api, changeOrigin: true }])),
    },
  },
  preview: { port: 4173 },
});
