import { StartupError } from "../db/dataFolder.js";
import { adminCreateUser, readStdin } from "./adminCreateUser.js";
import { auditScope } from "./auditScope.js";
import { auditVerify } from "./auditVerify.js";
import { backup, restore } from "./backup.js";
import { contentStats } from "./contentStats.js";
import { contentTranslate } from "./contentTranslate.js";
import { contentValidate } from "./contentValidate.js";
import { contentExportXliff, contentImportXliff } from "./contentXliff.js";
import { demoLoad } from "./demoLoad.js";
import { databaseCommands, throughServer } from "./throughServer.js";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** What a command may be given besides its arguments: the password read by the CLI when the server runs the command. */
export interface CommandInput { password?: string }

type Command = (args: string[], io: CliIo, input?: CommandInput) => Promise<number> | number;

const commands: Record<string, Command> = {
  "content validate": contentValidate,
  "content stats": contentStats,
  "content translate": contentTranslate,
  "content export-xliff": contentExportXliff,
  "content import-xliff": contentImportXliff,
  "audit verify": auditVerify,
  "audit scope": auditScope,
  "admin create-user": (args, io, input) => adminCreateUser(args, io, input?.password),
  "demo load": demoLoad,
};
/** Commands of one word, taking a file argument. */
const fileCommands: Record<string, Command> = { backup, restore };

const usage = `usage: nexus <command> [options]

commands:
  content validate [--dir DIR]    check the knowledge base; exit 1 with one line per problem
  content stats [--json] [--dir DIR]  count practices, indicators, actors, instruments, ...
  content translate --lang L --path P
                                  print the translation file for content file P in language L
                                  (fr, ar, es, ru, zh): fields missing or stale, with the English
                                  text and its hash, to translate; current ones kept
  content export-xliff --lang L [--path P] [--all | --missing] [--out F]
                                  write the translations of language L as XLIFF 2.1 for a CAT
                                  tool: every text (--all, the default) or only those missing or
                                  stale (--missing); one content file with --path
  content import-xliff --file F [--dry-run]
                                  check an XLIFF file against the content and write its
                                  translations; exit 1 naming file, unit and segment at fault,
                                  with nothing written
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
With PGlite, one process holds the folder: while the server runs, these commands go through
it (restore excepted: stop the server first); otherwise they open the folder themselves.`;

/** Runs one CLI command and returns the process exit code (0 ok, 1 problems found, 2 misuse). */
export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
    io.out(usage);
    return argv.length === 0 ? 2 : 0;
  }
  const key = Object.hasOwn(fileCommands, argv[0]) ? argv[0] : argv.slice(0, 2).join(" ");
  if (databaseCommands.has(key)) {
    const code = await throughServer(argv, io, readStdin);
    if (code !== null) return code;
  }
  return runCommand(argv, io);
}

/** Runs a command in this process (the CLI's own, or the server's for a command sent through its channel). */
export async function runCommand(argv: string[], io: CliIo, input?: CommandInput): Promise<number> {
  const file = Object.hasOwn(fileCommands, argv[0]);
  const key = argv.slice(0, 2).join(" ");
  const command = file ? fileCommands[argv[0]] : Object.hasOwn(commands, key) ? commands[key] : null;
  if (!command) {
    io.err(`nexus: unknown command "${key}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command(argv.slice(file ? 1 : 2), io, input);
  } catch (e) {
    if (!(e instanceof StartupError)) throw e;
    io.err(`nexus ${file ? argv[0] : key}: ${e.message}`); // the data folder is in use, damaged or not a database: one line
    return 1;
  }
}
