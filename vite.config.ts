import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

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
  },
  server: { proxy: { "/api": "http://localhost:8080", "/healthz": "http://localhost:8080" } },
});
