import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";

/** Runs scripts/crash-test.ts: 20 SIGKILLs under concurrent writes; nothing acknowledged may be lost. */
describe.each(engines)("integrity under SIGKILL on $name", ({ name, create }) => {
  it("keeps every acknowledged write and a verifiable audit chain across 20 kills", async () => {
    const t = name === "postgres" ? await create() : undefined;
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/crash-test.ts", "--kills", "20", ...(t?.url ? ["--database-url", t.url] : [])], {
        encoding: "utf8", timeout: 280_000, env: { ...process.env, CRASH_PORT: name === "postgres" ? "8394" : "8393" },
      });
      const start = r.stdout.indexOf("{");
      expect(start, `the crash script printed no summary; stderr:\n${r.stderr}`).toBeGreaterThanOrEqual(0);
      const summary = JSON.parse(r.stdout.slice(start));
      expect(summary.kills).toBe(20);
      expect(summary.acknowledged).toBeGreaterThan(100);
      expect(summary.missing).toBe(0);
      expect(summary.auditChain.ok).toBe(true);
      expect(r.status).toBe(0);
    } finally {
      await t?.drop();
    }
  }, 300_000);
});
