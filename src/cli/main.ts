import { adminCreateUser } from "./adminCreateUser.js";
import { auditScope } from "./auditScope.js";
import { auditVerify } from "./auditVerify.js";
import { backup, restore } from "./backup.js";
import { contentStats } from "./contentStats.js";
import { contentValidate } from "./contentValidate.js";
import { demoLoad } from "./demoLoad.js";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

type Command = (args: string[], io: CliIo) => Promise<number> | number;

const commands: Record<string, Command> = {
  "content validate": contentValidate,
  "content stats": contentStats,
  "audit verify": auditVerify,
  "audit scope": auditScope,
  "admin create-user": adminCreateUser,
  "demo load": demoLoad,
};
/** Commands of one word, taking a file argument. */
const fileCommands: Record<string, Command> = { backup, restore };

const usage = `usage: nexus <command> [options]

commands:
  content validate [--dir DIR]    check the knowledge base; exit 1 with one line per problem
  content stats [--json] [--dir DIR]  count practices, indicators, actors, instruments, ...
  audit verify                    check the audit hash chain and its signed checkpoints; exit 1
                                  naming each problem (edited entry, cut tail, forged checkpoint)
  audit scope --email E (--deployment | --organisation)
                                  let an oversight user read the whole deployment's audit, or
                                  only their own organisation's (the default)
  admin create-user --email E --name N --organisation O [--role R]
                                  create a user (password on standard input or in NEXUS_PASSWORD)
  demo load [--member EMAIL]      load a synthetic workspace: Nexus Watch areas, a self-assessment
                                  with its action plan, a finished exercise (labelled [Synthetic])
  backup <file>                   write users, workspaces, records and the audit chain to a file
  restore <file>                  restore a backup into an empty deployment

The database is the server's: DATABASE_URL, or PGlite in DATA_DIR (default ./data).
With PGlite, stop the server first: the embedded database has one user at a time.`;

/** Runs one CLI command and returns the process exit code (0 ok, 1 problems found, 2 misuse). */
export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
    io.out(usage);
    return argv.length === 0 ? 2 : 0;
  }
  if (fileCommands[argv[0]]) return fileCommands[argv[0]](argv.slice(1), io);
  const key = argv.slice(0, 2).join(" ");
  const command = commands[key];
  if (!command) {
    io.err(`nexus: unknown command "${key}"\n\n${usage}`);
    return 2;
  }
  return command(argv.slice(2), io);
}
