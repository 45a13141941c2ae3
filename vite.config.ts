import { defineConfig } from "vite";
import preact from "@preact/preset-vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  root: "src/web",
  plugins: [preact()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    target: "es2020",
    assetsInlineLimit: 0,
    // .vite/manifest.json: the import graph, from which scripts/precompress.mjs picks what the service worker precaches.
    manifest: true,
    // Two pages: the app, and the lean entry of the training participant's pages (learn.html, issue 16).
    rollupOptions: { input: { index: fileURLToPath(new URL("src/web/index.html", import.meta.url)), learn: fileURLToPath(new URL("src/web/learn.html", import.meta.url)) } },
  },
  server: { proxy: { "/api": "http://localhost:8080", "/healthz": "http://localhost:8080" } },
});
