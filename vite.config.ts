// Builds the client pages (phone `/`, dashboard `/host`, projector `/screen/CODE`, report
// `/report/SESSION`) from
// client/ into dist/client, which the party server serves. In `vite` dev the same URLs work
// through the rewrite below, and the pages talk to the server on :2567 (client/net/endpoint.ts).
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "client");

/** Dev only: mirror the server's routes (/host → host.html, /screen/CODE → screen.html, /report/ID → report.html). */
function pageRoutes(): Plugin {
  return {
    name: "cocktail-page-routes",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? "/";
        if (/^\/host\/?(\?|$)/.test(url)) req.url = "/host.html";
        else if (/^\/screen\/[^/.]+\/?(\?|$)/.test(url)) req.url = "/screen.html";
        else if (/^\/report\/[^/.]+\/?(\?|$)/.test(url)) req.url = "/report.html";
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  // Absolute asset URLs: /screen/CODE must load /assets/…, not /screen/assets/….
  base: "/",
  plugins: [pageRoutes()],
  server: {
    proxy: {
      "/api": "http://localhost:2567",
      "/healthz": "http://localhost:2567",
    },
  },
  build: {
    outDir: resolve(root, "../dist/client"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // The projector bundles Phaser (~1.2 MB); it is one page on one laptop, so do not warn.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: {
        index: resolve(root, "index.html"),
        host: resolve(root, "host.html"),
        screen: resolve(root, "screen.html"),
        report: resolve(root, "report.html"),
      },
    },
  },
});
