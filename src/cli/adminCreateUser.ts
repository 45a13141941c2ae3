import { roles, type Role } from "../core/platform/roles.js";
import { Problem } from "../server/http/problem.js";
import { appendAudit } from "../server/platform/audit.repository.js";
import { AuthService, slug } from "../server/platform/auth.service.js";
import { parseArgs } from "./args.js";
import { openDeploymentDb } from "./database.js";
import type { CliIo } from "./main.js";

const usage = "usage: nexus admin create-user --email EMAIL --name NAME --organisation NAME [--role admin] (password from NEXUS_PASSWORD or standard input)";

/** The password from standard input (empty on a terminal). */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return "";
  let data = "";
  for await (const chunk of process.stdin) data += chunk;
  return data.replace(/\r?\n$/, "");
}

/** Creates a user (the first administrator, typically) directly in the deployment's database. */
export async function adminCreateUser(args: string[], io: CliIo, password?: string): Promise<number> {
  const parsed = parseArgs(args, { values: ["--email", "--name", "--organisation", "--role"] });
  if (!parsed.ok) { io.err(`nexus admin create-user: ${parsed.error}\n${usage}`); return 2; }
  const v = parsed.values;
  for (const required of ["--email", "--name", "--organisation"]) {
    if (!v.get(required)) { io.err(`nexus admin create-user: ${required} is required\n${usage}`); return 2; }
  }
  const role = (v.get("--role") ?? "admin") as Role;
  if (!roles.includes(role)) { io.err(`nexus admin create-user: --role must be one of ${roles.join(", ")}`); return 2; }
  const pw = password ?? process.env.NEXUS_PASSWORD ?? (await readStdin());
  if (!pw) { io.err("nexus admin create-user: give the password on standard input or in NEXUS_PASSWORD"); return 2; }
  const db = await openDeploymentDb();
  try {
    const auth = new AuthService(db);
    const user = await db.transaction(async (tx) => {
      const orgName = v.get("--organisation")!;
      const existing = await tx.query<{ id: string }>("select id from organisation where id = $1 or lower(name) = lower($2)", [slug(orgName), orgName]);
      const orgId = existing.rows[0]?.id ?? slug(orgName);
      if (!existing.rows.length) await tx.query("insert into organisation (id, name) values ($1, $2)", [orgId, orgName]);
      const u = await auth.createUser(tx, { email: v.get("--email")!, name: v.get("--name")!, organisationId: orgId, roles: [role], password: pw });
      await appendAudit(tx, { userId: null, organisationId: null, ip: "cli" }, { action: "admin.user-create", targetKind: "user", targetId: u.id, details: { roles: u.roles, organisation: orgId, via: "cli" } });
      return u;
    });
    io.out(`created ${role} ${user.email} (${user.id}) in ${user.organisationId}`);
    return 0;
  } catch (e) {
    if (e instanceof Problem) { io.err(`nexus admin create-user: ${e.message}`); return 2; }
    throw e;
  } finally {
    await db.close();
  }
}
