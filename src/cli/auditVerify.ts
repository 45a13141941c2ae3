import { verifyAudit } from "../server/platform/audit.repository.js";
import { parseArgs } from "./args.js";
import { openDeploymentDb } from "./database.js";
import type { CliIo } from "./main.js";

/** `nexus audit verify`: exit 0 when the chain is whole, 1 naming the first bad entry. */
export async function auditVerify(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {});
  if (!parsed.ok) { io.err(`nexus audit verify: ${parsed.error}`); return 2; }
  const db = await openDeploymentDb();
  try {
    const result = await verifyAudit(db);
    if (result.ok) { io.out(`audit chain ok: ${result.count} entries`); return 0; }
    const what = { edited: "was edited", "deleted-or-reordered": "does not follow the entry before it (an entry was deleted or the order changed)", "sequence-gap": "breaks the sequence (an entry is missing or moved)" }[result.first.problem];
    io.err(`audit chain broken at entry ${result.first.seq}: it ${what}`);
    return 1;
  } finally {
    await db.close();
  }
}
