/**
 * The records kernel: the one door to user records. Every read of records, and of anything
 * derived from them (lists, search, analysis inputs, reports, CSV, the map, alerts, regional
 * views, backups), asks `read` or `one`; every record is written through `create`.
 *
 * - What a viewer may read is decided by `recordAccess` (src/core/platform/access.ts). `read`
 *   pushes the same rule into SQL, so lists never load whole tables; a property test checks
 *   that the SQL and the function agree.
 * - AMBER+STRICT and RED content comes only with a reason, which is audited (`record.read`).
 *   Without one, such records show as withheld: the caller learns they exist, not what they say.
 * - The derived-data rule: a record that cites others (`covers` in access.ts) is never
 *   readable by someone who cannot read everything it cites. Violations are 400s naming the
 *   cited record's field.
 * - Every method takes the caller's connection or transaction handle, so a capability's
 *   command is one transaction.
 */
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from "kysely";
import type { Db, Queryable } from "../../db/connection.js";
import { qb, run, type Tables } from "../../db/schema.js";
import { covers, recordAccess, type AccessDecision, type CoverFailure, type RecordFacts, type Viewer } from "../../core/platform/access.js";
import { isAtLeast, MINOR_MINIMUM, reasonRequired, type Marking } from "../../core/platform/markings.js";
import { profilingField } from "../../core/platform/profiling.js";
import { reasonProblem } from "../../core/platform/reason.js";
import type { ValidationKey } from "../../core/i18n/validation/en.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { fromZod, invalid } from "../http/validation.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import { newId } from "../platform/crypto.js";
import { factsOf, type RecordRow } from "../platform/records.repository.js";
import { policyFor } from "../platform/retention.service.js";
import type { Citation, KindRegistry } from "./kinds.js";

/** Reading AMBER+STRICT or RED content without a real reason: the web client asks for one and retries. */
const reasonNeeded = (why: string, marking: Marking) =>
  new Problem(400, "Bad request", `reason: ${why}`, [{ param: "reason", message: why }], { code: "access.reason_needed", params: { marking } });

export type { RecordRow };

export interface ReadFilter {
  kinds?: readonly string[];
  workspaceId?: string;
  ids?: readonly string[];
  /** text search in title and body (content-readable records only) */
  q?: string;
  /** the reader's reason: includes AMBER+STRICT and RED content, audited */
  reason?: string;
  /** oversight: also list records it sees as metadata only */
  metadata?: boolean;
  /** extra SQL condition on the record (`r`) */
  where?: (eb: ExpressionBuilder<{ r: Tables["record"] }, "r">) => Expression<SqlBool>;
  limit?: number;
  /** keyset paging: only records after this position of the list's order (newest first, then id); see `ReadResult.next` */
  after?: ListPosition;
}

/** A place in the list order (created_at desc, id): created_at as PostgreSQL's text, to the microsecond. */
export interface ListPosition { at: string; id: string }

export interface ReadResult {
  /** records the viewer reads in full */
  rows: RecordRow[];
  /** records the viewer may read in full only with a reason (facts without content) */
  withheld: RecordRow[];
  /** oversight: records seen as metadata only */
  metadata: RecordRow[];
  /** with a `limit`: where the next page starts, when there are more records after this one */
  next?: ListPosition;
  /** the ids of all three, in the list's order (created_at to the microsecond, then id) */
  order: string[];
}

export interface NewRecord {
  kind: string;
  title: string;
  body: Record<string, unknown>;
  marking: Marking;
  recipients?: string[];
  concerns_minor?: boolean;
  derived_from?: string[];
}

const likeText = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const coverMessage: Record<CoverFailure, ValidationKey> = {
  "marking-wider": "citesWider",
  "other-workspace": "citesOtherWorkspace",
  "other-organisation": "citesStrict",
  "readers-wider": "citesRed",
};

export class RecordsKernel {
  constructor(private readonly db: Db, readonly kinds: KindRegistry) {}

  /**
   * What the access rule needs to know about a user. Oversight reads through grants that are
   * neither expired nor revoked, never through workspace membership.
   */
  async viewer(q: Queryable, user: User): Promise<Viewer> {
    const oversight = user.roles.includes("oversight");
    const m = oversight ? [] : await run(q, qb.selectFrom("workspace_member").select(["workspace_id", sql<boolean>`revoked_at is null`.as("active")]).where("user_id", "=", user.id));
    const g = oversight
      ? await run(q, qb.selectFrom("oversight_grant").select("record_id").where("user_id", "=", user.id).where("revoked_at", "is", null).where(sql<SqlBool>`expires_at > now()`))
      : [];
    // An API token limited to some workspaces reads through those memberships only.
    const held = user.workspaces ? m.filter((r) => user.workspaces!.includes(r.workspace_id)) : m;
    const viewer: Viewer = {
      id: user.id, organisationId: user.organisationId, roles: user.roles,
      memberships: new Map(held.map((r) => [r.workspace_id, r.active])),
      grants: new Set(g.map((r) => r.record_id)),
    };
    return g.length ? { ...viewer, grants: await this.grantsThatHold(q, viewer) } : viewer;
  }

  /**
   * A grant opens one record. A record derived from others (it cites them: an assessment cites the
   * groups, relationships and sources its analysis drew on) shows what they hold, so its grant
   * holds only while the grantee can read everything it cites; otherwise the derived-data rule
   * would be broken through the grant.
   */
  private async grantsThatHold(q: Queryable, viewer: Viewer): Promise<ReadonlySet<string>> {
    const granted = await run(q, qb.selectFrom("record").select(["id", "kind", "body"]).where("id", "in", [...viewer.grants]));
    const citing = granted.map((r) => {
      const body = r.body as Record<string, unknown>;
      let cited: string[] = [];
      try { cited = this.kinds.get(r.kind).cites(body as never).map((c) => c.id); } catch { cited = []; }
      return { id: r.id, cited: [...cited, ...((body.derived_from as string[] | undefined) ?? [])] };
    }).filter((r) => r.cited.length);
    if (!citing.length) return viewer.grants;
    const ids = [...new Set(citing.flatMap((r) => r.cited))];
    const rows = await run(q, qb.selectFrom("record").selectAll().where("id", "in", ids));
    const facts = new Map(rows.map((r) => [r.id, factsOf(r as unknown as RecordRow)]));
    const holds = new Set(viewer.grants);
    for (const r of citing) {
      const others = { ...viewer, grants: new Set([...viewer.grants].filter((id) => id !== r.id)) };
      if (!r.cited.every((id) => { const f = facts.get(id); return f !== undefined && recordAccess(others, f).level === "content"; })) holds.delete(r.id);
    }
    return holds;
  }

  /** The SQL form of recordAccess(...).level === "content". */
  private contentRule(viewer: Viewer) {
    const active = [...viewer.memberships].filter(([, a]) => a).map(([w]) => w);
    const grants = viewer.roles.includes("oversight") ? [...viewer.grants] : [];
    return (eb: ExpressionBuilder<{ r: Tables["record"] }, "r">) => eb.and([
      eb("r.deleted_at", "is", null),
      eb.or([
        eb("r.marking", "in", ["CLEAR", "GREEN"]),
        eb.and([
          sql<SqlBool>`r.workspace_id = any(${active}::text[])`,
          eb.or([
            eb("r.marking", "=", "AMBER"),
            eb.and([eb("r.marking", "=", "AMBER+STRICT"), eb("r.organisation_id", "=", viewer.organisationId)]),
            eb.and([eb("r.marking", "=", "RED"), eb.or([eb("r.created_by", "=", viewer.id), sql<SqlBool>`${viewer.id} = any(r.recipients)`])]),
          ]),
        ]),
        sql<SqlBool>`r.id = any(${grants}::text[])`,
      ]),
    ]);
  }

  /**
   * Records the viewer may read, filtered in SQL. Reason-required records come in full only
   * with a reason (each read is audited); otherwise they are returned as `withheld`.
   */
  async read(q: Queryable, viewer: Viewer, f: ReadFilter, actor?: AuditActor): Promise<ReadResult> {
    const oversightMeta = Boolean(f.metadata) && viewer.roles.includes("oversight");
    const content = this.contentRule(viewer);
    // The position as text: a JavaScript Date would drop the microseconds and skip or repeat records across pages.
    let query = qb.selectFrom("record as r").selectAll("r").select((eb) => [content(eb).as("readable"), sql<string>`r.created_at::text`.as("position_at")]);
    if (!oversightMeta) query = query.where(content);
    // No kinds asked for: nothing (a NUL sentinel would be refused by PostgreSQL's text encoding).
    if (f.kinds) query = f.kinds.length ? query.where("r.kind", "in", [...f.kinds]) : query.where(sql<SqlBool>`false`);
    if (f.workspaceId) query = query.where("r.workspace_id", "=", f.workspaceId);
    if (f.ids) query = query.where(sql<SqlBool>`r.id = any(${[...f.ids]}::text[])`);
    if (f.where) query = query.where(f.where);
    if (f.q) {
      // Text search only matches what the viewer may read in full, and reason-required content only with a reason.
      const like = likeText(f.q);
      query = query.where(content).where((eb) => eb.or([sql<SqlBool>`r.title ilike ${like}`, sql<SqlBool>`r.body::text ilike ${like}`]));
      if (!f.reason) query = query.where("r.marking", "not in", ["AMBER+STRICT", "RED"]);
    }
    if (f.after) {
      // Written so that `created_at <= at` bounds the index scan (record_workspace_newest, record_newest): a later page costs what the first does.
      const at = sql<string>`${f.after.at}::timestamptz`;
      query = query.where(sql<SqlBool>`r.created_at <= ${at}`).where(sql<SqlBool>`(r.created_at < ${at} or r.id > ${f.after.id})`);
    }
    query = query.orderBy("r.created_at", "desc").orderBy("r.id");
    // One more than the page, to know whether another page follows.
    if (f.limit) query = query.limit(f.limit + 1);
    let all = (await run(q, query)) as (RecordRow & { readable: boolean; position_at: string })[];
    let next: ListPosition | undefined;
    if (f.limit && all.length > f.limit) {
      all = all.slice(0, f.limit);
      const last = all[all.length - 1];
      next = { at: last.position_at, id: last.id };
    }
    const out: ReadResult = { rows: [], withheld: [], metadata: [], order: all.map((r) => r.id), ...(next ? { next } : {}) };
    for (const { readable, position_at: _, ...row } of all) {
      if (!readable) out.metadata.push(row);
      else if (reasonRequired(row.marking) && !f.reason) out.withheld.push(row);
      else out.rows.push(row);
    }
    const restricted = out.rows.filter((r) => reasonRequired(r.marking));
    if (restricted.length) {
      const why = reasonProblem(f.reason);
      if (why) throw reasonNeeded(why, restricted[0].marking);
      if (actor) await this.audited(q, (tx) => appendAudit(tx, actor, { action: "record.read", targetKind: "record", targetId: restricted.length === 1 ? restricted[0].id : undefined, reason: f.reason, details: { ids: restricted.map((r) => r.id), level: "content", via: "list" } }));
    }
    return out;
  }

  /** Shorthand: the rows the viewer reads in full. */
  async rows(q: Queryable, viewer: Viewer, f: ReadFilter, actor?: AuditActor): Promise<RecordRow[]> {
    return (await this.read(q, viewer, f, actor)).rows;
  }

  /** The facts of one record, whatever the viewer may see (for the kernel and system work only). */
  async fetch(q: Queryable, id: string): Promise<RecordRow | undefined> {
    return (await run(q, qb.selectFrom("record").selectAll().where("id", "=", id)))[0] as RecordRow | undefined;
  }

  /**
   * One record the viewer reads in full, of one of `kinds`; otherwise a 404 naming `what`, so
   * guessed ids learn nothing. To write, the viewer must also be an active member of its
   * workspace (readers of GREEN records of other organisations cannot change them). Reading
   * AMBER+STRICT or RED content needs a real reason and is audited.
   */
  async one(q: Queryable, viewer: Viewer, id: string, opts: { kinds?: readonly string[]; what?: string; write?: boolean; member?: boolean; reason?: string; actor?: AuditActor }): Promise<RecordRow & { access: AccessDecision }> {
    const what = opts.what ?? "record";
    const row = await this.fetch(q, id);
    const decision = row ? recordAccess(viewer, factsOf(row)) : null;
    if (!row || !decision || decision.level !== "content" || (opts.kinds && !opts.kinds.includes(row.kind))) throw notFound(`${what} "${id}"`);
    // `member`: a read reserved to active members of the workspace (facilitators run exercise sessions), reason still needed.
    if ((opts.write || opts.member) && viewer.memberships.get(row.workspace_id) !== true) throw notFound(`${what} "${id}"`);
    if (reasonRequired(row.marking) && !opts.write) {
      const why = reasonProblem(opts.reason);
      if (why) throw reasonNeeded(`${why} (this ${what} is TLP:${row.marking})`, row.marking);
      if (opts.actor) await this.audited(q, (tx) => appendAudit(tx, opts.actor!, { action: "record.read", targetKind: "record", targetId: id, reason: opts.reason, details: { level: "content", marking: row.marking, kind: row.kind } }));
    }
    return { ...row, access: decision };
  }

  /** Appends an audit entry in the caller's transaction, or in a new one when given the database. */
  private audited(q: Queryable, fn: (tx: Queryable) => Promise<unknown>) {
    return q === this.db ? this.db.transaction(fn) : fn(q);
  }

  /**
   * Checks that `derived` may cite each of `cited`: the viewer reads it in full, and everyone
   * who can read `derived` can read it (same workspace unless it is CLEAR or GREEN, marking and
   * readers no wider). Throws a 400 naming the field of the first one that fails.
   */
  async checkCitations(q: Queryable, viewer: Viewer, derived: RecordFacts, cited: Citation[]): Promise<Map<string, RecordRow>> {
    if (!cited.length) return new Map();
    // Citing a record shows none of its content, so reason-gated records count as readable here.
    const found = await this.read(q, viewer, { ids: [...new Set(cited.map((c) => c.id))] });
    const rows = [...found.rows, ...found.withheld];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const readers = [...new Set([derived.createdBy, ...derived.recipients, ...rows.flatMap((r) => [r.created_by, ...r.recipients])])];
    const orgs = await this.orgsOf(q, readers);
    for (const c of cited) {
      const parent = byId.get(c.id);
      if (!parent) throw invalid(c.field, "recordNotReadable", { id: c.id });
      const failure = covers(factsOf(parent), derived, (u) => orgs.get(u));
      if (failure) throw invalid(c.field, coverMessage[failure], { title: parent.title, marking: parent.marking });
    }
    return byId;
  }

  /**
   * Of `rows`, those that cover `derived`: what a stored derived datum (a subject's current
   * reading, an assessment's snapshot, a report) may be computed from, so that everyone who
   * reads it could read its inputs.
   */
  async covering(q: Queryable, rows: RecordRow[], derived: RecordFacts): Promise<RecordRow[]> {
    const readers = [...new Set([derived.createdBy, ...derived.recipients])];
    const orgs = derived.marking === "RED" ? await this.orgsOf(q, readers) : new Map<string, string>();
    return rows.filter((r) => covers(factsOf(r), derived, (u) => orgs.get(u)) === null);
  }

  /** Every live record of some kinds in a workspace, whoever may read them: only for `covering` and system jobs. */
  async inWorkspace(q: Queryable, workspaceId: string, kinds: readonly string[]): Promise<RecordRow[]> {
    return (await run(q, qb.selectFrom("record").selectAll().where("workspace_id", "=", workspaceId).where("deleted_at", "is", null).where("kind", "in", [...kinds]))) as RecordRow[];
  }

  /**
   * Records their owners released to a regional workspace (plan_share: a country's consent to
   * share its self-assessment), for a member of that region. A release is the owner's act, so
   * the region reads them without membership of the source workspace; AMBER+STRICT and RED are
   * never released, whatever the share says, and deleted records stop being read at once.
   */
  async released(q: Queryable, viewer: Viewer, regionId: string, kind: string): Promise<(RecordRow & { consent: "aggregate" | "full"; decided_at: string })[]> {
    if (viewer.memberships.get(regionId) !== true) throw notFound(`workspace "${regionId}"`);
    return (await run(q, qb.selectFrom("plan_share as s").innerJoin("record as r", "r.id", "s.self_assessment_id")
      .selectAll("r").select(["s.consent", "s.decided_at"])
      .where("s.region_workspace_id", "=", regionId).where("r.kind", "=", kind).where("r.deleted_at", "is", null)
      .where("r.marking", "not in", ["AMBER+STRICT", "RED"]).orderBy("s.decided_at"))) as (RecordRow & { consent: "aggregate" | "full"; decided_at: string })[];
  }

  /** Each user's organisation, for the readers of RED records (`covers` needs them). */
  private async orgsOf(q: Queryable, userIds: string[]): Promise<Map<string, string>> {
    return new Map((await run(q, qb.selectFrom("app_user").select(["id", "organisation_id"]).where(sql<SqlBool>`id = any(${userIds}::text[])`))).map((u) => [u.id, u.organisation_id]));
  }

  /** The facts a record would have, to check citations before it exists. */
  factsFor(id: string, workspaceId: string, user: User, marking: Marking, recipients: string[]): RecordFacts {
    return { id, workspaceId, marking, organisationId: user.organisationId, createdBy: user.id, recipients, deleted: false };
  }

  /** Marking rules shared by create and update (minors, RED recipients who are members). */
  async checkMarking(q: Queryable, workspaceId: string, input: { marking: Marking; recipients: string[]; concerns_minor: boolean }) {
    if (input.concerns_minor && !isAtLeast(input.marking, MINOR_MINIMUM)) {
      throw invalid("marking", "minorMarking", { marking: MINOR_MINIMUM });
    }
    if (input.recipients.length && input.marking !== "RED") throw badRequest("recipients", "named recipients are only used with TLP:RED");
    if (input.recipients.length) {
      const members = new Set((await run(q, qb.selectFrom("workspace_member").select("user_id").where("workspace_id", "=", workspaceId).where("revoked_at", "is", null).where(sql<SqlBool>`user_id = any(${input.recipients}::text[])`))).map((r) => r.user_id));
      const outside = input.recipients.find((r) => !members.has(r));
      if (outside) throw invalid("recipients", "notAMember", { id: outside });
    }
  }

  /** Validates a body against its kind: the declared schema and no profiling fields at any depth. */
  parseBody(kind: string, body: unknown): Record<string, unknown> {
    const spec = this.kinds.get(kind);
    const r = spec.body.safeParse(body);
    if (!r.success) throw fromZod(r.error, body, { prefix: "body", whole: "body" });
    const profiling = profilingField(r.data);
    if (profiling) throw badRequest(`body.${profiling}`, "fields about ethnicity, religion or similar attributes are not allowed (no profiling)");
    return r.data as Record<string, unknown>;
  }

  /**
   * Creates a record in the caller's transaction: the viewer belongs to the workspace, the body
   * fits its kind, the marking fits minors and recipients, and everything it cites covers it.
   */
  async create(tx: Queryable, viewer: Viewer, user: User, workspaceId: string, input: NewRecord, actor: AuditActor): Promise<RecordRow> {
    if (viewer.memberships.get(workspaceId) !== true) throw notFound(`workspace "${workspaceId}"`);
    const body = this.parseBody(input.kind, input.body);
    const recipients = input.recipients ?? [];
    const concernsMinor = input.concerns_minor ?? false;
    await this.checkMarking(tx, workspaceId, { marking: input.marking, recipients, concerns_minor: concernsMinor });
    const id = newId();
    const derivedFrom = input.derived_from ?? [];
    const cited = [...this.kinds.get(input.kind).cites(body), ...derivedFrom.map((d, i) => ({ field: `derived_from.${i}`, id: d }))];
    await this.checkCitations(tx, viewer, this.factsFor(id, workspaceId, user, input.marking, recipients), cited);
    const policy = await policyFor(tx, input.kind);
    await tx.query(
      `insert into record (id, workspace_id, kind, title, body, marking, recipients, concerns_minor, created_by, organisation_id, review_due_at)
       values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, case when $8 then now() + make_interval(days => $11) else null end)`,
      [id, workspaceId, input.kind, input.title, JSON.stringify({ ...body, derived_from: derivedFrom }), input.marking, recipients, concernsMinor, user.id, user.organisationId, policy.minor_review_days]);
    await appendAudit(tx, actor, { action: "record.create", targetKind: "record", targetId: id, details: { workspace: workspaceId, kind: input.kind, marking: input.marking, concerns_minor: concernsMinor } });
    return (await this.fetch(tx, id))!;
  }
}
