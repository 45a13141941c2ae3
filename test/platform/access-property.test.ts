/**
 * The kernel's SQL access rule equals the access function. For random deployments (users with
 * random roles and organisations; memberships active, revoked or absent; oversight grants live,
 * expired or revoked; records of every marking, workspace, organisation, author, recipients,
 * minor flag and deletion) and random list filters, what `RecordsKernel.read` returns (content,
 * withheld for want of a reason, metadata for oversight) is exactly what filtering the same
 * records in memory with `recordAccess` (src/core/platform/access.ts) gives.
 *
 * The viewer the expectation uses is built from the generated rows, not by the kernel, so the
 * SQL that loads memberships and grants is under test too. Its one rule beyond recordAccess is
 * decision 0014's: oversight reads only through grants, never through a (stale) membership row.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccess, type RecordFacts, type Viewer } from "../../src/core/platform/access.js";
import { markings, reasonRequired, type Marking } from "../../src/core/platform/markings.js";
import { roles, type Role } from "../../src/core/platform/roles.js";
import type { Db } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import type { User } from "../../src/server/platform/auth.service.js";
import { RecordsKernel, type ReadFilter } from "../../src/server/records/kernel.js";
import { registerKinds } from "../../src/server/records/kinds.js";
import { engines, type TestDatabase } from "../support/databases.js";

const USERS = ["u0", "u1", "u2", "u3", "u4", "u5"];
const ORGS = ["o0", "o1", "o2"];
const WORKSPACES = ["w0", "w1", "w2", "w3"];
const KINDS = ["note", "area", "group"];
const WORDS = ["kestrel", "heron", "Kestrel heron"];
const REASON = "preparing the joint briefing";

type Membership = "none" | "active" | "revoked";
type Grant = "none" | "live" | "expired" | "revoked";

const userArb = fc.record({
  organisation: fc.constantFrom(...ORGS),
  roles: fc.subarray([...roles] as Role[], { minLength: 1, maxLength: 2 }),
  memberships: fc.array(fc.constantFrom<Membership>("none", "none", "active", "revoked"), { minLength: WORKSPACES.length, maxLength: WORKSPACES.length }),
});

const recordArb = fc.record({
  workspace: fc.constantFrom(...WORKSPACES),
  kind: fc.constantFrom(...KINDS),
  marking: fc.constantFrom<Marking>(...markings),
  organisation: fc.constantFrom(...ORGS),
  author: fc.constantFrom(...USERS),
  recipients: fc.subarray(USERS, { maxLength: 3 }),
  minor: fc.boolean(),
  deleted: fc.boolean(),
  word: fc.constantFrom(...WORDS),
  grants: fc.array(fc.constantFrom<Grant>("none", "none", "live", "expired", "revoked"), { minLength: USERS.length, maxLength: USERS.length }),
});

const filterArb = fc.record({
  workspace: fc.option(fc.constantFrom(...WORKSPACES), { nil: undefined, freq: 2 }),
  kinds: fc.option(fc.subarray(KINDS), { nil: undefined, freq: 2 }),
  reason: fc.boolean(),
  q: fc.option(fc.constantFrom("kestrel", "heron", "HERON"), { nil: undefined, freq: 3 }),
  metadata: fc.boolean(),
});

const deploymentArb = fc.record({
  users: fc.array(userArb, { minLength: USERS.length, maxLength: USERS.length }),
  records: fc.array(recordArb, { minLength: 12, maxLength: 40, size: "max" }),
  filter: filterArb,
});
type Deployment = typeof deploymentArb extends fc.Arbitrary<infer T> ? T : never;

/** Writes a generated deployment over the previous one, in one transaction. */
async function store(db: Db, d: Deployment) {
  await db.transaction(async (tx) => {
    await tx.exec("delete from oversight_grant; delete from record; delete from workspace_member;");
    for (const [u, user] of d.users.entries()) {
      for (const [w, m] of user.memberships.entries()) {
        if (m !== "none") await tx.query("insert into workspace_member (workspace_id, user_id, added_by, revoked_at) values ($1, $2, 'u0', $3)", [WORKSPACES[w], USERS[u], m === "revoked" ? "2026-01-01T00:00:00Z" : null]);
      }
    }
    for (const [i, r] of d.records.entries()) {
      // The schema keeps minors at AMBER or narrower; the flag must not change who reads.
      const minor = r.minor && ["AMBER", "AMBER+STRICT", "RED"].includes(r.marking);
      await tx.query(
        `insert into record (id, workspace_id, kind, title, body, marking, recipients, concerns_minor, created_by, organisation_id, created_at, deleted_at)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, now() - make_interval(secs => $11), $12)`,
        [`r${i}`, r.workspace, r.kind, `${r.word} ${i}`, JSON.stringify({ text: r.word }), r.marking, r.recipients, minor, r.author, r.organisation, i, r.deleted ? "2026-01-01T00:00:00Z" : null]);
      for (const [u, g] of r.grants.entries()) {
        if (g === "none") continue;
        await tx.query(
          `insert into oversight_grant (record_id, user_id, granted_by, reason, expires_at, revoked_at)
           values ($1, $2, 'u0', 'checking the handling of this case', now() + make_interval(days => $3), $4)`,
          [`r${i}`, USERS[u], g === "expired" ? -1 : 30, g === "revoked" ? "2026-01-01T00:00:00Z" : null]);
      }
    }
  });
}

const userOf = (d: Deployment, u: number): User => ({ id: USERS[u], email: `${USERS[u]}@example.org`, name: USERS[u], organisationId: d.users[u].organisation, roles: d.users[u].roles });

/** The viewer as the rules define it, from the generated rows alone. */
function modelViewer(d: Deployment, u: number): Viewer {
  const user = d.users[u];
  const oversight = user.roles.includes("oversight");
  const memberships = new Map<string, boolean>();
  if (!oversight) user.memberships.forEach((m, w) => { if (m !== "none") memberships.set(WORKSPACES[w], m === "active"); });
  const grants = new Set(d.records.flatMap((r, i) => (r.grants[u] === "live" ? [`r${i}`] : [])));
  return { id: USERS[u], organisationId: user.organisation, roles: user.roles, memberships, grants };
}

const factsOf = (r: Deployment["records"][number], i: number): RecordFacts => ({
  id: `r${i}`, workspaceId: r.workspace, marking: r.marking, organisationId: r.organisation, createdBy: r.author, recipients: r.recipients, deleted: r.deleted,
});

/** What the kernel should return for one viewer, filtering in memory with recordAccess. */
function expected(d: Deployment, u: number) {
  const viewer = modelViewer(d, u);
  const f = d.filter;
  const out = { rows: [] as string[], withheld: [] as string[], metadata: [] as string[] };
  d.records.forEach((r, i) => {
    if (f.workspace && r.workspace !== f.workspace) return;
    if (f.kinds && !f.kinds.includes(r.kind)) return;
    const level = recordAccess(viewer, factsOf(r, i)).level;
    const restricted = reasonRequired(r.marking) && !f.reason;
    if (f.q) {
      // Search matches only content the viewer reads in full, restricted content only with a reason.
      const text = `${r.word} ${i} ${JSON.stringify({ text: r.word })}`.toLowerCase();
      if (level !== "content" || restricted || !text.includes(f.q.toLowerCase())) return;
    }
    if (level === "content") (restricted ? out.withheld : out.rows).push(`r${i}`);
    else if (level === "metadata" && f.metadata && viewer.roles.includes("oversight")) out.metadata.push(`r${i}`);
  });
  return out;
}

describe.each(engines)("access rule in SQL equals recordAccess on $name", ({ name, create }) => {
  let t: TestDatabase;
  let kernel: RecordsKernel;

  beforeAll(async () => {
    t = await create();
    await migrate(t.db);
    for (const o of ORGS) await t.db.query("insert into organisation (id, name) values ($1, $1)", [o]);
    for (const u of USERS) await t.db.query("insert into app_user (id, email, name, organisation_id, roles, password_hash) values ($1, $1 || '@example.org', $1, 'o0', '{analyst}', 'x')", [u]);
    for (const w of WORKSPACES) await t.db.query("insert into workspace (id, name, created_by) values ($1, $1, 'u0')", [w]);
    kernel = new RecordsKernel(t.db, registerKinds());
  });
  afterAll(async () => { await t?.drop(); });

  it("for random viewers, records and filters, the kernel returns exactly what recordAccess allows", async () => {
    let checked = 0;
    await fc.assert(fc.asyncProperty(deploymentArb, async (d) => {
      await store(t.db, d);
      for (let u = 0; u < USERS.length; u++) {
        const viewer = await kernel.viewer(t.db, userOf(d, u));
        const filter: ReadFilter = { workspaceId: d.filter.workspace, kinds: d.filter.kinds, q: d.filter.q, metadata: d.filter.metadata, reason: d.filter.reason ? REASON : undefined };
        const got = await kernel.read(t.db, viewer, filter);
        const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
        expect({ rows: ids(got.rows), withheld: ids(got.withheld), metadata: ids(got.metadata) }, `viewer ${USERS[u]}`).toEqual(
          Object.fromEntries(Object.entries(expected(d, u)).map(([k, v]) => [k, v.sort()])));
        checked += got.rows.length + got.withheld.length + got.metadata.length;
      }
    }), { numRuns: name === "pglite" ? 40 : 25, seed: Number(process.env.FC_SEED ?? 1014) });
    // The generator is not degenerate: some records were actually returned.
    expect(checked).toBeGreaterThan(100);
  }, 120_000);
});
