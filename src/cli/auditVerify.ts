import { describeAuditProblem, MissingAnchorKey, verifyAudit } from "../server/platform/audit.repository.js";
import { anchorPaths, AuditAnchor } from "../server/platform/auditAnchor.js";
import { parseArgs } from "./args.js";
import { openDeploymentDb } from "./database.js";
import type { CliIo } from "./main.js";

export { describeAuditProblem };

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
      if (chain.ok) { io.out(`audit chain ok: ${chain.count} entries (no data folder: checkpoints not checked); ${chain.records} records match it`); return 0; }
      const problems = chain.problems ?? [chain.first];
      for (const p of problems.slice(0, 20)) io.err(describeAuditProblem(p));
      if (problems.length > 20) io.err(`... and ${problems.length - 20} more`);
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
      : "no signed checkpoint yet (the server writes them)") + `; ${result.records} records match it`);
    return 0;
  } catch (e) {
    if (!(e instanceof MissingAnchorKey)) throw e;
    io.err(`nexus audit verify: ${e.message}`);
    return 2;
  } finally {
    await db.close();
  }
}
