import { chmodSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { createInterface } from "node:readline";
import { runCommand } from "../cli/main.js";
import { serverDatabase } from "../cli/database.js";
import type { ChannelAnswer, ChannelRequest } from "../cli/throughServer.js";
import { adminSocketPath } from "../db/dataFolder.js";
import type { Db } from "../db/connection.js";

/**
 * The local administrative channel (docs/decisions/0015): while the server holds the PGlite
 * folder, `nexus` commands that need the database are sent here instead of opening it a second
 * time. A Unix socket of mode 0600 in DATA_DIR: only the account that owns the data (or root) can
 * connect, the same authority as opening the folder. The server runs the CLI's own command on its
 * database, audited the same way, and streams back what the command prints.
 */
export async function serveAdminChannel(dataDir: string, db: Db, log: (message: string) => void): Promise<{ path: string; close: () => Promise<void> }> {
  const path = adminSocketPath(dataDir);
  rmSync(path, { force: true }); // a killed server's socket: this process holds the folder's lock now
  const running = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    running.add(socket);
    socket.on("close", () => running.delete(socket));
    socket.on("error", () => undefined);
    void answer(socket, db, dataDir, log);
  });
  const umask = process.umask(0o177); // the socket is created 0600, never briefly open to others
  try {
    await new Promise<void>((done, fail) => server.once("error", fail).listen(path, () => done()));
  } finally {
    process.umask(umask);
  }
  chmodSync(path, 0o600);
  return {
    path,
    close: () => new Promise<void>((done) => {
      for (const s of running) s.destroy();
      server.close(() => { rmSync(path, { force: true }); done(); });
    }),
  };
}

async function answer(socket: Socket, db: Db, dataDir: string, log: (message: string) => void) {
  const send = (a: ChannelAnswer) => { if (!socket.destroyed) socket.write(JSON.stringify(a) + "\n"); };
  let request: ChannelRequest;
  try {
    const lines = createInterface({ input: socket });
    const first = await new Promise<string>((done, fail) => { lines.once("line", done); lines.once("close", () => fail(new Error("no request"))); });
    lines.close();
    request = JSON.parse(first) as ChannelRequest;
    if (!Array.isArray(request.argv) || !request.argv.every((a) => typeof a === "string")) throw new Error("argv must be a list of strings");
  } catch (e) {
    send({ err: `nexus: the server did not understand the request (${(e as Error).message})` });
    send({ exit: 2 });
    socket.end();
    return;
  }
  const { argv } = request;
  log(`nexus ${argv.slice(0, 2).join(" ")} through the local channel`);
  let code: number;
  if (argv[0] === "restore") {
    // A restore replaces the whole deployment under a running server's sessions and caches: not while it serves.
    send({ err: `nexus restore: the server (pid ${process.pid}) is running on DATA_DIR=${dataDir}; a restore replaces the whole deployment: stop the server, run nexus restore, then start the server again` });
    code = 1;
  } else {
    try {
      code = await serverDatabase.run(db, () => runCommand(argv, { out: (l) => send({ out: l }), err: (l) => send({ err: l }) }, { password: request.password }));
    } catch (e) {
      send({ err: `nexus ${argv.slice(0, 2).join(" ")}: ${(e as Error).message}` });
      code = 1;
    }
  }
  send({ exit: code });
  socket.end();
}
