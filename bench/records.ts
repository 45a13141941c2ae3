/**
 * Records kernel benchmark (issue 10): listing readable records with 100,000 records in 50
 * workspaces on PGlite. Records are inserted set-based (generate_series) into the real schema,
 * then RecordsKernel.read lists them as several viewers, the way the routes do: a workspace's
 * records (GET /workspaces/{id}/records: a page of 50, the first and one 500 records in), the
 * newest 50 of everything readable, and a text search; and, for comparison, a whole workspace
 * read without a limit (what that route did before it paged). Prints latency percentiles, the number of queries per list (constant, not per record)
 * and memory before, during and after the timed runs. Figures, not assertions.
 */
import { openDatabase, type Db } from "../src/db/connection.js";
import { migrate } from "../src/db/migrate.js";
import type { Role } from "../src/core/platform/roles.js";
import type { User } from "../src/server/platform/auth.service.js";
import { RecordsKernel, type ListPosition, type ReadFilter } from "../src/server/records/kernel.js";
import { registerKinds } from "../src/server/records/kinds.js";
import { round, stats } from "./watch.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const WORKSPACES = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const mb = (n: number) => round(n / 1024 / 1024, 1);

/** Organisations a, b (the analysts) and c (another agency), an ombudsman; 50 workspaces of a and b. */
async function seed(db: Db) {
  await migrate(db);
  await db.exec(`
    insert into organisation (id, name) values ('org-a', 'Agency A'), ('org-b', 'Agency B'), ('org-c', 'Agency C'), ('org-o', 'Ombudsman');
    insert into app_user (id, email, name, organisation_id, roles, password_hash)
      select 'user-' || n, 'user-' || n || '@example.org', 'User ' || n, case when n % 2 = 0 then 'org-a' else 'org-b' end, '{analyst}', 'x' from generate_series(0, 99) n;
    insert into app_user (id, email, name, organisation_id, roles, password_hash) values
      ('one', 'one@example.org', 'Member of one', 'org-a', '{analyst}', 'x'),
      ('ten', 'ten@example.org', 'Member of ten', 'org-a', '{analyst}', 'x'),
      ('other', 'other@example.org', 'Other agency', 'org-c', '{analyst}', 'x'),
      ('ombud', 'ombud@example.org', 'Ombudsman', 'org-o', '{oversight}', 'x');
    insert into workspace (id, name, created_by) select 'ws-' || w, 'Workspace ' || w, 'user-' || (w % 100) from generate_series(0, ${WORKSPACES - 1}) w;
    -- Every workspace has 20 members of the 100 analysts, plus the two viewers under test.
    insert into workspace_member (workspace_id, user_id, added_by, role)
      select 'ws-' || w, 'user-' || ((w * 7 + k) % 100), 'user-' || (w % 100), case when k = 0 then 'owner' else 'member' end
      from generate_series(0, ${WORKSPACES - 1}) w, generate_series(0, 19) k on conflict do nothing;
    insert into workspace_member (workspace_id, user_id, added_by) values ('ws-0', 'one', 'user-0');
    insert into workspace_member (workspace_id, user_id, added_by) select 'ws-' || w, 'ten', 'user-0' from generate_series(0, 9) w;
    -- Markings: 10 % CLEAR, 20 % GREEN, 40 % AMBER, 15 % AMBER+STRICT, 15 % RED (named recipients).
    insert into record (id, workspace_id, kind, title, body, marking, recipients, concerns_minor, created_by, organisation_id, created_at)
      select 'rec-' || n, 'ws-' || (n % ${WORKSPACES}),
        (array['note', 'area', 'group', 'source'])[1 + (n / ${WORKSPACES}) % 4],
        'Record ' || n || ' about ' || (array['harbour', 'market', 'border', 'airport', 'river'])[1 + n % 5],
        jsonb_build_object('text', 'Body of record ' || n || ', observed near the ' || (array['harbour', 'market', 'border', 'airport', 'river'])[1 + (n / 5) % 5], 'seq', n),
        m.marking,
        case when m.marking = 'RED' then array['user-' || ((n % ${WORKSPACES}) * 7 % 100), 'one'] else '{}' end,
        m.marking in ('AMBER', 'RED') and n % 50 = 0,
        'user-' || (((n % ${WORKSPACES}) * 7 + n % 20) % 100),
        case when (((n % ${WORKSPACES}) * 7 + n % 20) % 100) % 2 = 0 then 'org-a' else 'org-b' end,
        timestamptz '2026-01-01' + make_interval(secs => n * 60)
      from generate_series(0, ${RECORDS - 1}) n,
      lateral (select (n / ${WORKSPACES}) % 20 as k) s,
      lateral (select case when k < 2 then 'CLEAR' when k < 6 then 'GREEN' when k < 14 then 'AMBER' when k < 17 then 'AMBER+STRICT' else 'RED' end as marking) m;
    update record set deleted_at = now() where id in (select 'rec-' || n from generate_series(0, ${RECORDS - 1}, 97) n);
    insert into oversight_grant (record_id, user_id, granted_by, reason, expires_at)
      select 'rec-' || n, 'ombud', 'user-0', 'review of the handling of this case', now() + interval '30 days' from generate_series(2, ${RECORDS - 1}, 500) n;
    analyze;
  `);
}

const user = (id: string, organisationId: string, roles: Role[]): User => ({ id, email: `${id}@example.org`, name: id, organisationId, roles });

/** Counts the queries a list sends, by wrapping the connection's query function. */
function counting(db: Db) {
  let n = 0;
  const q = { query: ((sql: string, params?: unknown[]) => { n++; return db.query(sql, params); }) as Db["query"], exec: (sql: string) => db.exec(sql) };
  return { q, take: () => { const v = n; n = 0; return v; } };
}

export async function recordsBench() {
  const db = await openDatabase({ dataDir: "memory://" });
  try {
    const t0 = performance.now();
    await seed(db);
    const seedSeconds = round((performance.now() - t0) / 1000, 1);
    const kernel = new RecordsKernel(db, registerKinds());
    const viewers = {
      memberOfOne: user("one", "org-a", ["analyst"]),
      memberOfTen: user("ten", "org-a", ["analyst"]),
      otherOrganisation: user("other", "org-c", ["analyst"]),
      oversight: user("ombud", "org-o", ["oversight"]),
    };
    const workspace = (v: User): ReadFilter => ({ workspaceId: "ws-0", metadata: v.roles.includes("oversight") });
    // Where the 11th page of 50 starts for each viewer (the cursor a client would hold after 10 pages); each viewer reads more than 500 there.
    const deep = new Map<string, ListPosition | undefined>();
    for (const u of Object.values(viewers)) deep.set(u.id, (await kernel.read(db, await kernel.viewer(db, u), { ...workspace(u), limit: 500 })).next);
    const lists: Record<string, (v: User) => ReadFilter> = {
      workspaceFirstPage: (v) => ({ ...workspace(v), limit: 50 }),
      workspacePage11: (v) => {
        const after = deep.get(v.id);
        if (!after) throw new Error(`${v.id} reads 500 records or fewer in ws-0: no 11th page`);
        return { ...workspace(v), limit: 50, after };
      },
      workspaceUnpaged: workspace,
      newest50: () => ({ limit: 50 }),
      search: () => ({ q: "harbour", limit: 50 }),
    };
    const c = counting(db);
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const results: Record<string, Record<string, unknown>> = {};
    for (const [vname, u] of Object.entries(viewers)) {
      results[vname] = {};
      for (const [lname, filter] of Object.entries(lists)) {
        const times: number[] = [];
        const queries = new Set<number>();
        let returned = { rows: 0, withheld: 0, metadata: 0 };
        for (let i = 0; i < RUNS + 10; i++) {
          const t = performance.now();
          // What a route does: the viewer (memberships, grants), then one read.
          const viewer = await kernel.viewer(c.q, u);
          const r = await kernel.read(c.q, viewer, filter(u));
          if (i >= 10) times.push(performance.now() - t);
          queries.add(c.take());
          returned = { rows: r.rows.length, withheld: r.withheld.length, metadata: r.metadata.length };
          if (i % 20 === 0) {
            const m = process.memoryUsage();
            peakRss = Math.max(peakRss, m.rss);
            peakHeap = Math.max(peakHeap, m.heapUsed);
          }
        }
        results[vname][lname] = { ...stats(times), queriesPerList: [...queries], returned };
      }
    }
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    const plan = await db.query<{ "QUERY PLAN": string }>(
      `explain analyze select r.* from record r where r.deleted_at is null and (r.marking in ('CLEAR', 'GREEN') or (r.workspace_id = any('{ws-0}'::text[]) and r.marking = 'AMBER')) order by r.created_at desc, r.id limit 50`);
    return {
      database: "pglite",
      workload: `${RECORDS} records in ${WORKSPACES} workspaces (set-based insert, ${seedSeconds} s); per viewer and list ${RUNS} timed runs after 10 warm-up runs; each run builds the viewer and reads once`,
      lists: {
        workspaceFirstPage: "a workspace's records (2,000 candidates), first page of 50, as GET /workspaces/{id}/records; oversight as metadata",
        workspacePage11: "the same list's 11th page of 50 (after 500 records), as GET /workspaces/{id}/records?cursor=…",
        workspaceUnpaged: "the whole workspace without a limit, for comparison (what that route returned before it paged)",
        newest50: "the newest 50 records the viewer reads, across all workspaces", search: "text search 'harbour', first 50" },
      results,
      budgetP95Ms: 50,
      memory: {
        beforeRssMB: mb(before.rss), peakRssMB: mb(peakRss), afterRssMB: mb(after.rss), rssGrowthMB: mb(after.rss - before.rss),
        beforeHeapMB: mb(before.heapUsed), peakHeapMB: mb(peakHeap), afterHeapMB: mb(after.heapUsed), heapGrowthMB: mb(after.heapUsed - before.heapUsed),
      },
      newest50PlanForMemberOfOne: plan.rows.map((r) => r["QUERY PLAN"]),
    };
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await recordsBench(), null, 2));
}
