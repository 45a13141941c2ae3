import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";

/**
 * Runs a command without blocking this worker: a synchronous child would stall vitest's own
 * messages for the minute the script takes, and vitest would report a timeout.
 */
function run(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv; timeout: number }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env });
    let stdout = "", stderr = "";
    child.stdout.on("data", (c: Buffer) => { stdout += c; });
    child.stderr.on("data", (c: Buffer) => { stderr += c; });
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeout);
    child.on("close", (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

/** Runs scripts/crash-test.ts: 20 SIGKILLs under concurrent writes; nothing acknowledged may be lost. */
describe.each(engines)("integrity under SIGKILL on $name", ({ name, create }) => {
  it("keeps every acknowledged write and a verifiable audit chain across 20 kills", async () => {
    const t = name === "postgres" ? await create() : undefined;
    try {
      const r = await run(process.execPath, ["--import", "tsx", "scripts/crash-test.ts", "--kills", "20", ...(t?.url ? ["--database-url", t.url] : [])], {
        timeout: 280_000, env: { ...process.env, CRASH_PORT: name === "postgres" ? "8394" : "8393" },
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
