import { loadContent } from "../content/readContent.js";
import { formatProblem } from "../core/knowledge/validate.js";
import { openDatabase } from "../db/connection.js";
import { checkIntegrity } from "../db/integrity.js";
import { migrate } from "../db/migrate.js";
import { serveAdminChannel } from "./adminChannel.js";
import { buildAppWithServices } from "./app.js";
import { retentionGuardsFromEnv } from "./platform/retention.service.js";
import { loadKnowledge } from "./knowledge/knowledge.repository.js";
import { anchorPaths, AuditAnchor } from "./platform/auditAnchor.js";
import { guardStartup, listenError } from "./startup.js";
import { lowDiskWarning } from "./diskSpace.js";

// Until it listens, a failure ends the server with one line naming the setting and the fix (docs/decisions/0015).
const startupDone = guardStartup();
const port = Number(process.env.PORT ?? 8080);
if (!/^\d+$/.test(process.env.PORT ?? "8080") || port > 65535) {
  console.error(`PORT="${process.env.PORT}" is not a port number; set PORT to a whole number from 0 to 65535, e.g. PORT=8080`);
  process.exit(2);
}
const dataDir = process.env.DATA_DIR ?? "./data";
const databaseUrl = process.env.DATABASE_URL || undefined;

const content = loadContent();
if (content.problems.length) {
  for (const p of content.problems) console.error(formatProblem(p));
  console.error(`The knowledge base has ${content.problems.length} problem(s); run "npx nexus content validate".`);
  process.exit(1);
}

const db = await openDatabase({ databaseUrl, dataDir });
if (!databaseUrl && !dataDir.startsWith("memory://")) { const low = lowDiskWarning(dataDir); if (low) console.warn(low); }
const applied = await migrate(db);
// A database damaged outside the app is refused before anything serves it (docs/decisions/0018).
await checkIntegrity(db, databaseUrl ? "DATABASE_URL" : `DATA_DIR=${dataDir}`);
const loaded = await loadKnowledge(db, content.kb, content.version);
// Signed checkpoints of the audit chain's head, with a key outside the database (docs/decisions/0012).
const paths = anchorPaths(dataDir);
const auditAnchor = paths ? await AuditAnchor.open(db, paths).catch((e: Error) => { console.error(e.message); process.exit(1); }) : null;
const { app, services } = await buildAppWithServices({ db, kb: content.kb, translations: content.translations, logger: process.env.LOG_LEVEL !== "silent", trustProxy: process.env.TRUST_PROXY === "1", auditAnchor, retentionGuards: retentionGuardsFromEnv(process.env) });
auditAnchor?.start(db, Number(process.env.AUDIT_CHECKPOINT_SECONDS) || 30, (e) => app.log.error(e));
// nexus commands beside the running server go through it, not through a second opener of the PGlite folder (docs/decisions/0015).
const adminChannel = databaseUrl || dataDir.startsWith("memory://") ? null : await serveAdminChannel(dataDir, db, (m) => app.log.info(m));

// The retention job runs hourly in every instance; its transaction makes concurrent runs safe.
const retentionTimer = setInterval(() => {
  services.retention.run({ userId: null, organisationId: null, ip: null })
    .then((r) => { if (r.status !== "done") app.log.warn(`retention run ${r.run} refused, nothing deleted: ${r.problems.map((p) => p.message).join("; ")}`); })
    .catch((e) => app.log.error(e));
}, 60 * 60 * 1000);
retentionTimer.unref();
// TAXII subscriptions due for a pull are looked for every minute (TAXII_PULL_CHECK_SECONDS); each is claimed before it is pulled, so instances share the work.
services.subscriptions.start((Number(process.env.TAXII_PULL_CHECK_SECONDS) || 60) * 1000, { userId: null, organisationId: null, ip: "scheduled TAXII pull" });

const shutdown = async () => {
  clearInterval(retentionTimer);
  await adminChannel?.close();
  await app.close();
  await auditAnchor?.stop(db).catch((e) => console.error(e));
  await db.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

const host = process.env.HOST ?? "0.0.0.0";
await app.listen({ port, host }).catch((e) => { throw listenError(e, port, host); });
startupDone();
console.log(
  `Nexus Toolkit on http://localhost:${port} — database: ${databaseUrl ? "PostgreSQL" : `PGlite in ${dataDir}`}, ` +
    `migrations applied: ${applied.length}, content ${content.version} ${loaded}`,
);

const setupSecret = await services.auth.setupLink();
if (setupSecret) {
  const base = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  console.log(`\nFirst run: create the first administrator at\n  ${base}/setup?token=${setupSecret}\nThis link works once. Or run: npx nexus admin create-user --help\n`);
}
