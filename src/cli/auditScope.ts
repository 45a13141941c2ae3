import { appendAudit } from "../server/platform/audit.repository.js";
import { parseArgs } from "./args.js";
import { openDeploymentDb } from "./database.js";
import type { CliIo } from "./main.js";

const usage = "usage: nexus audit scope --email EMAIL (--deployment | --organisation)";

/**
 * `nexus audit scope`: gives an oversight user the whole deployment's audit (--deployment), or
 * confines them again to their own organisation's (--organisation, the default). Only here,
 * from the host, never through the API: no account can widen its own or anyone's audit view.
 */
export async function auditScope(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { flags: ["--deployment", "--organisation"], values: ["--email"] });
  if (!parsed.ok) { io.err(`nexus audit scope: ${parsed.error}\n${usage}`); return 2; }
  const email = parsed.values.get("--email");
  const deployment = parsed.flags.has("--deployment");
  if (!email || deployment === parsed.flags.has("--organisation")) { io.err(`nexus audit scope: give --email and one of --deployment, --organisation\n${usage}`); return 2; }
  const db = await openDeploymentDb();
  try {
    const done = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; roles: string[]; organisation_id: string }>("select id, roles, organisation_id from app_user where lower(email) = lower($1)", [email]);
      const user = rows[0];
      if (!user) return `no user with email ${email}`;
      if (!user.roles.includes("oversight")) return `${email} does not hold the oversight role`;
      await tx.query(`update app_user set deployment_oversight_at = ${deployment ? "coalesce(deployment_oversight_at, now())" : "null"} where id = $1`, [user.id]);
      await appendAudit(tx, { userId: null, organisationId: null, ip: "cli" }, {
        action: "admin.audit-scope", targetKind: "user", targetId: user.id, details: { scope: deployment ? "deployment" : "organisation", organisation: user.organisation_id, via: "cli" },
      });
      return null;
    });
    if (done) { io.err(`nexus audit scope: ${done}`); return 1; }
    io.out(`${email} now oversees the audit of ${deployment ? "the whole deployment" : "their own organisation"}`);
    return 0;
  } finally {
    await db.close();
  }
}
