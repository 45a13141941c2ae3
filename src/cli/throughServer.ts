import { existsSync } from "node:fs";
import { connect } from "node:net";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { adminSocketPath } from "../db/dataFolder.js";
import type { CliIo } from "./main.js";

/** What the CLI sends the running server: one JSON line. The server answers with {out}, {err} lines and one {exit}. */
export interface ChannelRequest {
  argv: string[];
  /** the password of `admin create-user`, read here: the server has no terminal */
  password?: string;
}
export type ChannelAnswer = { out: string } | { err: string } | { exit: number };

/** Commands that open the database: with a server running on DATA_DIR they go through it (docs/decisions/0015). */
export const databaseCommands = new Set(["audit verify", "audit scope", "admin create-user", "demo load", "backup", "restore"]);

/**
 * Sends a database command to the server that holds the PGlite folder, through its local socket,
 * and prints its answer. Returns null when no server listens there (PostgreSQL, no socket, or a
 * dead server's socket): the command then opens the database itself, under the folder lock.
 */
export async function throughServer(argv: string[], io: CliIo, readPassword: () => Promise<string>, env = process.env): Promise<number | null> {
  if (env.DATABASE_URL) return null; // PostgreSQL takes any number of clients
  const dataDir = env.DATA_DIR ?? "./data";
  if (dataDir.startsWith("memory://")) return null;
  const path = adminSocketPath(dataDir);
  if (!existsSync(path)) return null;
  const request: ChannelRequest = { argv: [...argv] };
  // Files are read and written by the server, which runs elsewhere: give it absolute paths.
  if ((argv[0] === "backup" || argv[0] === "restore") && argv[1] && !argv[1].startsWith("--")) request.argv[1] = resolve(argv[1]);
  const socket = connect(path);
  const connected = await new Promise<boolean>((done) => {
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false)); // ECONNREFUSED or ENOENT: nobody listens any more
  });
  if (!connected) return null;
  if (argv.slice(0, 2).join(" ") === "admin create-user") request.password = env.NEXUS_PASSWORD ?? (await readPassword());
  socket.end(JSON.stringify(request) + "\n");
  let exit: number | null = null;
  try {
    for await (const line of createInterface({ input: socket })) {
      const answer = JSON.parse(line) as ChannelAnswer;
      if ("out" in answer) io.out(answer.out);
      else if ("err" in answer) io.err(answer.err);
      else exit = answer.exit;
    }
  } catch (e) {
    io.err(`nexus: the connection to the server on ${path} failed (${(e as Error).message}); see the server's log`);
    return 1;
  }
  if (exit === null) { io.err(`nexus: the server on ${path} closed the connection without an answer; see the server's log`); return 1; }
  return exit;
}
