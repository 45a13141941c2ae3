import { contentStats } from "./contentStats.js";
import { contentValidate } from "./contentValidate.js";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

type Command = (args: string[], io: CliIo) => Promise<number> | number;

const commands: Record<string, Command> = {
  "content validate": contentValidate,
  "content stats": contentStats,
};

const usage = `usage: nexus <command> [options]

commands:
  content validate [--dir DIR]    check the knowledge base; exit 1 with one line per problem
  content stats [--json] [--dir DIR]  count practices, indicators, actors, instruments, ...`;

/** Runs one CLI command and returns the process exit code (0 ok, 1 problems found, 2 misuse). */
export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
    io.out(usage);
    return argv.length === 0 ? 2 : 0;
  }
  const key = argv.slice(0, 2).join(" ");
  const command = commands[key];
  if (!command) {
    io.err(`nexus: unknown command "${key}"\n\n${usage}`);
    return 2;
  }
  return command(argv.slice(2), io);
}
