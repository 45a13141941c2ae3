import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connection.js";
import { LOCK_FILE } from "../../src/db/dataFolder.js";
import { freePort, nexus, serverUntilExit, type Exited } from "./processes.js";

// Issue 17, failure 8: start-up problems ended in raw stack traces or said nothing of the path.
// Each is now one line naming the setting, the path or port, and the fix; exit code non-zero.

const temp = mkdtempSync(join(tmpdir(), "nexus-startup-"));
chmodSync(temp, 0o755); // the unwritable case runs as another account, which must reach its folder
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function oneLine(r: Exited): string {
  expect({ signal: r.signal, stderr: r.stderr }).toMatchObject({ signal: null });
  expect(r.code).not.toBe(0);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe("start-up failures are one line naming the setting and the fix", () => {
  it("a PORT that is not a number", async () => {
    const r = await serverUntilExit({ DATA_DIR: join(temp, "unused"), PORT: "eighty" });
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe('PORT="eighty" is not a port number; set PORT to a whole number from 0 to 65535, e.g. PORT=8080');
    expect(existsSync(join(temp, "unused"))).toBe(false);
  });

  it("a port in use, and the folder is released for the next start", async () => {
    const port = await freePort();
    const busy: Server = await new Promise((done) => { const s = createServer().listen(port, "127.0.0.1", () => done(s)); });
    try {
      const dir = join(temp, "port-in-use");
      const r = await serverUntilExit({ DATA_DIR: dir, PORT: String(port) });
      expect(oneLine(r)).toBe(`PORT=${port} is already in use on 127.0.0.1; stop the process listening there or set PORT to a free port`);
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    } finally {
      busy.close();
    }
  }, 120_000);

  it("a DATA_DIR that is a file (with LOG_LEVEL=debug, the stack trace follows)", async () => {
    const file = join(temp, "a-file");
    writeFileSync(file, "not a folder");
    const r = await serverUntilExit({ DATA_DIR: file, PORT: "0" });
    expect(oneLine(r)).toBe(`DATA_DIR=${file} is a file, not a folder; set DATA_DIR to a folder for the database (it is created when missing)`);
    const debug = await serverUntilExit({ DATA_DIR: file, PORT: "0", LOG_LEVEL: "debug" });
    expect(debug.stderr.split("\n")[0]).toBe(`DATA_DIR=${file} is a file, not a folder; set DATA_DIR to a folder for the database (it is created when missing)`);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 60_000);

  it("a DATA_DIR that holds other files and no database is refused, and nothing is written there", async () => {
    const dir = join(temp, "documents");
    mkdirSync(dir);
    for (const f of ["notes.txt", "report.pdf", "photo.jpg", "budget.xlsx"]) writeFileSync(join(dir, f), "x");
    const r = await serverUntilExit({ DATA_DIR: dir, PORT: "0" });
    expect(oneLine(r)).toBe(`DATA_DIR=${dir} holds other files (budget.xlsx, notes.txt, photo.jpg, … (4 in all)) but no database; set DATA_DIR to the folder that holds PG_VERSION, or to an empty or new folder for a new deployment`);
    expect(readdirSync(dir).sort()).toEqual(["budget.xlsx", "notes.txt", "photo.jpg", "report.pdf"]);
  }, 60_000);

  it("a DATA_DIR the server's account cannot write", async () => {
    const dir = join(temp, "read-only");
    mkdirSync(dir, { mode: 0o755 });
    // root writes anywhere: run the server as nobody then; otherwise take the write bit away.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) chmodSync(dir, 0o555);
    const r = await serverUntilExit({ DATA_DIR: dir, PORT: "0", HOME: temp }, asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(oneLine(r)).toBe(`DATA_DIR=${dir} is not writable (EACCES); give the account running Nexus write access to it or set DATA_DIR to a writable folder`);
  }, 60_000);

  it("damaged database files (a truncated control file) name the folder and the way back, for the server and the CLI", async () => {
    const dir = join(temp, "damaged");
    await (await openDatabase({ dataDir: dir })).close();
    truncateSync(join(dir, "global", "pg_control"), 100);
    const expected = `DATA_DIR=${dir}: the embedded database does not open (Aborted()); its files are damaged or unreadable: restore the latest backup into a new folder (DATA_DIR=NEW npx nexus restore FILE) and start with DATA_DIR=NEW`;
    const r = await serverUntilExit({ DATA_DIR: dir, PORT: "0" });
    expect(oneLine(r)).toBe(expected);
    const cli = await nexus(["backup", join(temp, "never.json")], { DATA_DIR: dir });
    expect(oneLine(cli)).toBe(`nexus backup: ${expected}`);
    expect(existsSync(join(temp, "never.json"))).toBe(false);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 120_000);
});
