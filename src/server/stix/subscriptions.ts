/**
 * The TAXII 2.1 client (decision 0034): a workspace subscribes to a remote collection (another
 * Nexus Toolkit deployment, MISP, OpenCTI) and pulls from it on a schedule. A pull asks for what
 * was added after the last successful pull, follows `next` to the end, and imports everything in
 * one all-or-nothing import as the member who subscribed (so the records kernel checks each
 * record as if they had entered it). Refused data is quarantined with the report and the cursor
 * stays where it was: nothing is half-applied, and the next pull tries again. A pull that stops
 * half-way (a crash) is resumed by the next one: objects already imported are recognised and
 * skipped. Each import records its origin (the subscription) and time.
 */
import { z } from "zod";
import type { Marking } from "../../core/platform/markings.js";
import type { Db } from "../../db/connection.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import { newId } from "../platform/crypto.js";
import type { RecordsService } from "../platform/records.service.js";
import { randomUUID } from "node:crypto";
import { notFound, Problem, type FieldError } from "../http/problem.js";
import { requestContext } from "../http/context.js";
import { invalid, keyed, localizeErrors } from "../http/validation.js";
import { messageKey } from "../../core/fields.js";
import type { ValidationKey } from "../../core/i18n/validation/en.js";
import { MAX_OBJECTS, STIX_IMPORT_LIMIT, type StixImportService } from "./import.service.js";
import type { StixService } from "./stix.service.js";

const TAXII_ACCEPT = "application/taxii+json;version=2.1";
/** How long one request to a remote may take, and how many pages one pull follows. */
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_PAGES = 100;

export const subscriptionInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  collection_url: z.url({ protocol: /^https?$/, error: messageKey("format.url") }).max(2000),
  token: z.string().min(1).max(2000).optional(),
  interval_minutes: z.number().int().min(5).max(10080).default(60),
  marking: z.enum(["CLEAR", "GREEN", "AMBER", "AMBER+STRICT"]).default("AMBER"),
});

interface SubscriptionRow {
  id: string; workspace_id: string; created_by: string; title: string; collection_url: string; token: string | null;
  interval_minutes: number; marking: Marking; added_after: string | null;
}

/** A remote that could not be read: the pull is recorded with this reason, a validation message key and its parameters. */
class RemoteError extends Error {
  constructor(readonly key: ValidationKey, readonly params?: Record<string, string | number>) { super(key); }
}

/** Reads every page of a remote collection's objects added after `after`. */
async function fetchObjects(collectionUrl: string, token: string | null, after: string | null): Promise<{ objects: unknown[]; last: string | null }> {
  const base = new URL("objects/", collectionUrl.endsWith("/") ? collectionUrl : `${collectionUrl}/`);
  const objects: unknown[] = [];
  let last = after;
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(base);
    if (after) url.searchParams.set("added_after", after);
    if (next) url.searchParams.set("next", next);
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: TAXII_ACCEPT, ...(token ? { authorization: `Bearer ${token}` } : {}) }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), redirect: "error" });
    } catch (e) {
      // The reason as a code (ECONNREFUSED, ENOTFOUND, timeout), the same in every language.
      const err = e as Error & { cause?: { code?: string } };
      throw new RemoteError("remote.unreachable", { reason: err.name === "TimeoutError" ? "timeout" : err.cause?.code ?? "network" });
    }
    if (!res.ok) throw new RemoteError("remote.status", { status: res.status });
    if (Number(res.headers.get("content-length") ?? 0) > STIX_IMPORT_LIMIT) throw new RemoteError("remote.tooLarge");
    const text = await res.text();
    if (text.length > STIX_IMPORT_LIMIT) throw new RemoteError("remote.tooLarge");
    let envelope: { more?: unknown; next?: unknown; objects?: unknown };
    try { envelope = JSON.parse(text); } catch { throw new RemoteError("remote.notEnvelope"); }
    if (!envelope || typeof envelope !== "object" || (envelope.objects !== undefined && !Array.isArray(envelope.objects))) throw new RemoteError("remote.notEnvelope");
    objects.push(...((envelope.objects as unknown[] | undefined) ?? []));
    if (objects.length > MAX_OBJECTS) throw new RemoteError("remote.tooMany", { n: MAX_OBJECTS });
    const lastAdded = res.headers.get("x-taxii-date-added-last");
    if (lastAdded && (!last || lastAdded > last)) last = lastAdded;
    if (envelope.more !== true || typeof envelope.next !== "string") return { objects, last };
    next = envelope.next;
  }
  throw new RemoteError("remote.tooMany", { n: MAX_OBJECTS });
}

export class SubscriptionsService {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db, private readonly records: RecordsService, private readonly imports: StixImportService, private readonly stix: StixService) {}

  private async member(user: User, workspaceId: string) {
    if ((await this.records.viewerOf(user)).memberships.get(workspaceId) !== true) throw notFound(`workspace "${workspaceId}"`);
  }

  async create(user: User, workspaceId: string, input: z.infer<typeof subscriptionInput>) {
    await this.member(user, workspaceId);
    const id = newId();
    await this.db.query(
      `insert into taxii_subscription (id, workspace_id, created_by, title, collection_url, token, interval_minutes, marking) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, workspaceId, user.id, input.title, input.collection_url, input.token ?? null, input.interval_minutes, input.marking]);
    return this.one(user, id);
  }

  /** A workspace's subscriptions, with their last pull: when, how it went, what it brought (never the token). */
  async list(user: User, workspaceId: string) {
    await this.member(user, workspaceId);
    const { rows } = await this.db.query(
      `select id, title, collection_url, token is not null as has_token, interval_minutes, marking, added_after, next_pull_at, last_pull_at, last_status, last_counts, last_errors, created_at
       from taxii_subscription where workspace_id = $1 and removed_at is null order by created_at`, [workspaceId]);
    // The refusals of the last pull, in the reader's language.
    const lang = requestContext().language ?? "en";
    return { items: rows.map((r: Record<string, unknown>): Record<string, unknown> => ({ ...r, last_errors: Array.isArray(r.last_errors) ? localizeErrors(lang, "", r.last_errors as FieldError[]).errors : r.last_errors })) };
  }

  async one(user: User, id: string) {
    const { rows } = await this.db.query<{ workspace_id: string }>("select workspace_id from taxii_subscription where id = $1 and removed_at is null", [id]);
    if (!rows[0]) throw notFound(`subscription "${id}"`);
    await this.member(user, rows[0].workspace_id).catch(() => { throw notFound(`subscription "${id}"`); });
    return (await this.list(user, rows[0].workspace_id)).items.find((s) => s.id === id)!;
  }

  async remove(user: User, id: string) {
    await this.one(user, id);
    await this.db.query("update taxii_subscription set removed_at = now() where id = $1", [id]);
    return { ok: true };
  }

  /** Pulls now, on a member's request. */
  async pullNow(user: User, id: string, actor: AuditActor) {
    await this.one(user, id);
    const { rows } = await this.db.query<SubscriptionRow>("select * from taxii_subscription where id = $1", [id]);
    await this.pull(rows[0], actor);
    return this.one(user, id);
  }

  /** One pull: fetch what is new, import it all or nothing as the subscriber, move the cursor only when it landed. */
  async pull(s: SubscriptionRow, actor: AuditActor): Promise<void> {
    const record = (status: string, counts: unknown, errors: unknown, after: string | null) => this.db.query(
      `update taxii_subscription set last_pull_at = now(), last_status = $2, last_counts = $3::jsonb, last_errors = $4::jsonb, added_after = $5,
         next_pull_at = now() + make_interval(mins => interval_minutes) where id = $1`,
      [s.id, status, JSON.stringify(counts), JSON.stringify(errors), after]);
    let fetched: { objects: unknown[]; last: string | null };
    try {
      fetched = await fetchObjects(s.collection_url, s.token, s.added_after);
    } catch (e) {
      if (!(e instanceof RemoteError)) throw e;
      await record("unreachable", null, [keyed("collection_url", `validation.msg.${e.key}`, e.params)], s.added_after);
      return;
    }
    if (!fetched.objects.length) { await record("ok", { create: 0, keep: 0, skip: 0 }, [], fetched.last ?? s.added_after); return; }
    const { rows } = await this.db.query<User & { organisation_id: string }>("select id, email, name, organisation_id, roles from app_user where id = $1 and disabled_at is null", [s.created_by]);
    if (!rows[0]) { await record("failed", null, [keyed("created_by", "validation.msg.subscriberGone")], s.added_after); return; }
    const subscriber: User = { id: rows[0].id, email: rows[0].email, name: rows[0].name, organisationId: rows[0].organisation_id, roles: rows[0].roles };
    const bundle = { type: "bundle", id: `bundle--${randomUUID()}`, objects: fetched.objects };
    let result;
    try {
      result = await this.imports.import(subscriber, s.workspace_id, bundle, { preview: false, marking: s.marking, origin: `taxii:${s.id}` }, actor);
    } catch (e) {
      // The whole bundle refused before planning (not a bundle, too deep, the subscriber no longer a member): quarantined too.
      if (!(e instanceof Problem) || e.status >= 500) throw e;
      const errors: unknown[] = e.errors.length ? e.errors : [{ param: "bundle", message: e.message }];
      await this.quarantine(s, fetched.objects, errors);
      await record("quarantined", null, errors.slice(0, 50), s.added_after);
      return;
    }
    if (result.status === 422) {
      await this.quarantine(s, fetched.objects, result.report.errors);
      await record("quarantined", result.report.counts, result.report.errors.slice(0, 50), s.added_after);
      return;
    }
    await record("ok", result.report.counts, [], fetched.last ?? s.added_after);
  }

  /**
   * Pushes a published assessment to a subscription's remote collection (a regional hub): the
   * coordinator's push is the consent, as for the regional view of self-assessments. The bundle is
   * the assessment's export as the coordinator reads it (RED never); the remote's status resource
   * is kept with who pushed what, where and when.
   */
  async push(user: User, assessmentId: string, subscriptionId: string, actor: AuditActor) {
    const sub = await this.db.query<SubscriptionRow>("select * from taxii_subscription where id = $1 and removed_at is null", [subscriptionId]);
    const s = sub.rows[0];
    // Every refusal before anything is written (the export is audited): the assessment first, so
    // someone who cannot read it learns nothing about subscriptions.
    const a = await this.stix.exportableAssessment(user, assessmentId);
    if (!s) throw invalid("subscription", "unknownId", { id: subscriptionId });
    await this.member(user, s.workspace_id).catch(() => { throw invalid("subscription", "unknownId", { id: subscriptionId }); });
    if (a.workspace_id !== s.workspace_id) throw invalid("subscription", "pushOtherWorkspace");
    if (a.body.status !== "published") throw invalid("assessment", "pushUnpublished");
    const bundle = await this.stix.assessment(user, assessmentId, actor);
    const url = new URL("objects/", s.collection_url.endsWith("/") ? s.collection_url : `${s.collection_url}/`);
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST", body: JSON.stringify({ objects: bundle.objects }), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), redirect: "error",
        headers: { accept: TAXII_ACCEPT, "content-type": TAXII_ACCEPT, ...(s.token ? { authorization: `Bearer ${s.token}` } : {}) },
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      throw invalid("subscription", "remote.unreachable", { reason: err.name === "TimeoutError" ? "timeout" : err.cause?.code ?? "network" });
    }
    const text = await res.text();
    if (!res.ok) throw invalid("subscription", "remote.status", { status: res.status });
    let remote: { success_count?: number; failure_count?: number; failures?: unknown[] };
    try { remote = JSON.parse(text); } catch { throw invalid("subscription", "remote.notEnvelope"); }
    const id = newId();
    await this.db.transaction(async (tx) => {
      await tx.query("insert into stix_push (id, assessment_id, subscription_id, pushed_by, status) values ($1, $2, $3, $4, $5::jsonb)", [id, assessmentId, s.id, user.id, JSON.stringify(remote)]);
      await appendAudit(tx, actor, { action: "watch.stix-push", targetKind: "record", targetId: assessmentId, details: { subscription: s.id, objects: bundle.objects.length, accepted: remote.success_count ?? 0 } });
    });
    return { id, objects: bundle.objects.length, status: remote };
  }

  private async quarantine(s: SubscriptionRow, objects: unknown[], errors: unknown[]) {
    await this.db.query("insert into stix_quarantine (id, subscription_id, workspace_id, objects, errors) values ($1, $2, $3, $4::jsonb, $5::jsonb)",
      [newId(), s.id, s.workspace_id, JSON.stringify(objects), JSON.stringify(errors)]);
  }

  /**
   * Pulls every subscription that is due. Each is claimed first (its next pull moved on in the
   * same statement that checks it is due), so two instances never pull the same one at once.
   */
  async pullDue(actor: AuditActor): Promise<number> {
    const { rows } = await this.db.query<SubscriptionRow>(
      `update taxii_subscription set next_pull_at = now() + make_interval(mins => interval_minutes)
       where id in (select id from taxii_subscription where removed_at is null and next_pull_at <= now() order by next_pull_at limit 10)
         and next_pull_at <= now()
       returning *`);
    // Audited as the member who subscribed, from the scheduler.
    for (const s of rows) await this.pull(s, { ...actor, userId: s.created_by }).catch(() => this.db.query("update taxii_subscription set last_status = 'failed', last_pull_at = now() where id = $1", [s.id]));
    return rows.length;
  }

  /** Checks for due subscriptions every `everyMs` until close(). */
  start(everyMs: number, actor: AuditActor) {
    if (this.timer) return;
    let running = false;
    this.timer = setInterval(() => {
      if (running) return;
      running = true;
      this.pullDue(actor).catch(() => undefined).finally(() => { running = false; });
    }, everyMs);
    this.timer.unref();
  }

  close() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
