import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 8181);

export default defineConfig({
  testDir: "test/e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // The built UI served by the real server on a fresh PGlite folder with the whole knowledge base.
    // test/e2e/seed.ts first empties the folder and creates the accounts the platform tests sign in with.
    command: `tsx test/e2e/seed.ts && tsx src/server/main.ts`,
    env: { PORT: String(port), DATA_DIR: `.tmp/e2e-data-${port}`, LOG_LEVEL: "silent", HOST: "127.0.0.1" },
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
  },
});
