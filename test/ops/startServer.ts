import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs the server until it exits or announces itself (then stops it): what it printed and how it ended. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const port = await freePort();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { cwd: root, env: { ...process.env, PORT: String(port), LOG_LEVEL: "silent", ...env } });
    let stdout = "", stderr = "";
    const stop = () => child.kill("SIGKILL");
    const timer = setTimeout(stop, 60_000);
    child.stdout.on("data", (c: Buffer) => { stdout += c; if (/Nexus Toolkit on|First run/.test(stdout)) setTimeout(stop, 1500); });
    child.stderr.on("data", (c: Buffer) => { stderr += c; });
    child.on("close", (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    }).on("error", reject);
  });
}
