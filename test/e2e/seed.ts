/**
 * Before the browser tests: a fresh PGlite folder with migrations applied and a few accounts
 * with known passwords (admin, analysts, oversight), created the way the server creates them.
 * The server then starts on the same folder and loads the knowledge base as usual. The database
 * is closed before this script ends: PGlite allows one process at a time.
 */
import { rmSync } from "node:fs";
import type { Role } from "../../src/core/platform/roles.js";
import { openDatabase } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { AuthService } from "../../src/server/platform/auth.service.js";
import { E2E_PASSWORD, e2eUsers, organisations } from "./users.js";

const dataDir = process.env.DATA_DIR;
if (!dataDir || dataDir.startsWith("memory://")) throw new Error("DATA_DIR must name a folder for the e2e database");
rmSync(dataDir, { recursive: true, force: true });

const db = await openDatabase({ dataDir });
try {
  await migrate(db);
  const auth = new AuthService(db);
  for (const [id, name] of organisations) await db.query("insert into organisation (id, name) values ($1, $2)", [id, name]);
  for (const u of Object.values(e2eUsers)) {
    await db.transaction((tx) => auth.createUser(tx, { email: u.email, name: u.name, organisationId: u.organisation, roles: [...u.roles] as Role[], password: E2E_PASSWORD }));
    // The ombudsman oversees the whole deployment (set from the host, as `nexus audit scope --deployment` does).
    if (u.roles.includes("oversight" as never)) await db.query("update app_user set deployment_oversight_at = now() where email = $1", [u.email]);
  }
  console.log(`e2e seed: ${Object.keys(e2eUsers).length} accounts in ${dataDir}`);
} finally {
  await db.close();
}
