import { MissingAnchorKey, verifyAudit, type AuditProblem } from "../server/platform/audit.repository.js";
import { anchorPaths, AuditAnchor } from "../server/platform/auditAnchor.js";
import { parseArgs } from "./args.js";
import { openDeploymentDb } from "./database.js";
import type { CliIo } from "./main.js";

/** One line naming a problem of the chain or of its signed checkpoints. */
export function describeAuditProblem(p: AuditProblem): string {
  switch (p.problem) {
    case "edited": return `audit chain broken at entry ${p.seq}: it was edited`;
    case "deleted-or-reordered": return `audit chain broken at entry ${p.seq}: it does not follow the entry before it (an entry was deleted or the order changed)`;
    case "sequence-gap": return `audit chain broken at entry ${p.seq}: it breaks the sequence (an entry is missing or moved)`;
    case "truncated": return `audit chain truncated: it ends at entry ${p.head} but a signed checkpoint covers entry ${p.seq}; entries ${p.head + 1} to ${p.seq} at least were deleted`;
    case "checkpoint-mismatch": return `audit chain rewritten: entry ${p.seq} no longer has the hash its signed checkpoint holds; an entry after ${p.after} was edited and the later hashes recomputed`;
    case "bad-signature": return `audit checkpoint for entry ${p.seq} does not verify with this deployment's key (signed as ${p.key_id}): it was forged or altered`;
    case "checkpoint-missing": return `audit checkpoint for entry ${p.seq} is in the checkpoint file but not in the database: checkpoint rows were deleted`;
    case "unreadable-checkpoint-line": return `audit checkpoint file, line ${p.line}: not a checkpoint (damaged or edited)`;
  }
}

/**
 * `nexus audit verify`: exit 0 when the chain is whole and agrees with every signed checkpoint,
 * 1 with one line per problem (the chain's first bad entry, a cut tail, a rewrite, a forged or
 * deleted checkpoint), 2 on misuse or when checkpoints exist but there is no key to check them.
 */
export async function auditVerify(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {});
  if (!parsed.ok) { io.err(`nexus audit verify: ${parsed.error}`); return 2; }
  const paths = anchorPaths(process.env.DATA_DIR ?? "./data");
  const db = await openDeploymentDb({ integrity: false }); // it reports on a damaged database instead of refusing it
  try {
    if (!paths) {
      const chain = await verifyAudit(db);
      if (chain.ok) { io.out(`audit chain ok: ${chain.count} entries (no data folder: checkpoints not checked)`); return 0; }
      io.err(describeAuditProblem(chain.first));
      return 1;
    }
    const result = await verifyAudit(db, AuditAnchor.forVerification(paths));
    if (!result.ok) {
      for (const p of result.problems.slice(0, 20)) io.err(describeAuditProblem(p));
      if (result.problems.length > 20) io.err(`... and ${result.problems.length - 20} more`);
      return 1;
    }
    const last = result.last_checkpoint;
    io.out(`audit chain ok: ${result.count} entries; ` + (last
      ? `${result.checkpoints} signed checkpoints, the last at entry ${last.seq} (${last.at})`
      : "no signed checkpoint yet (the server writes them)"));
    return 0;
  } catch (e) {
    if (!(e instanceof MissingAnchorKey)) throw e;
    io.err(`nexus audit verify: ${e.message}`);
    return 2;
  } finally {
    await db.close();
  }
}
