/**
 * STIX 2.1 import into a workspace (decision 0032): the bundle is checked against the OASIS STIX
 * 2.1 schemas and our extension's schema, planned (src/core/stix/import.ts), then written in one
 * transaction through the Watch services and the records kernel, so every body, marking and
 * citation is checked as if a person had entered it. All or nothing: any refusal leaves nothing
 * written and the answer lists every refusal by object and property. A preview runs the same
 * writes and rolls them back. Each imported object is linked to what it became (stix_link), so a
 * second import of the same bundle creates nothing twice.
 */
import { refOf, stixTypeOf } from "../../core/stix/export.js";
import { planImport, type ImportPlan, type PlanItem, type Target } from "../../core/stix/import.js";
import { NEXUS_OBSERVATION, stixId, stixTime } from "../../core/stix/vocabulary.js";
import type { Marking } from "../../core/platform/markings.js";
import type { Db, Queryable } from "../../db/connection.js";
import type { User } from "../platform/auth.service.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import { newId } from "../platform/crypto.js";
import type { RecordsService } from "../platform/records.service.js";
import { notFound, Problem, type FieldError } from "../http/problem.js";
import { keyed } from "../http/validation.js";
import type { WatchModel } from "../../core/watch/model.js";
import type { WatchService } from "../watch/watch.service.js";
import { validateStixBundle } from "./validate.js";

/** Limits of one import: the upload's size, the bundle's objects, and how deep any value nests. */
export const STIX_IMPORT_LIMIT = 16 * 1024 * 1024;
export const MAX_OBJECTS = 10_000;
export const MAX_DEPTH = 32;
/** At most this many refusals are listed (all are counted). */
const MAX_LISTED = 200;

export interface ImportReport {
  import_id: string | null;
  preview: boolean;
  counts: Record<"create" | "keep" | "skip" | "merge" | "recompute" | "definition", number> & { refused: number };
  items: (PlanItem & { record_id?: string })[];
  errors: FieldError[];
  truncated?: boolean;
}

const v = (key: string) => `validation.msg.${key}`;

/** How deep a parsed JSON value nests, stopping as soon as it passes `max`. */
function depthOver(value: unknown, max: number, depth = 0): boolean {
  if (depth > max) return true;
  if (value && typeof value === "object") for (const x of Object.values(value)) if (depthOver(x, max, depth + 1)) return true;
  return false;
}

/** Rolls the transaction back while carrying the result out of it. */
class Rollback extends Error { constructor(readonly report: ImportReport) { super("rollback"); } }

export class StixImportService {
  constructor(private readonly db: Db, private readonly records: RecordsService, private readonly watch: WatchService, private readonly model: WatchModel) {}

  private async links(q: Queryable, workspaceId: string) {
    const { rows } = await q.query<{ stix_id: string; modified: string; target_kind: string; target_id: string; kind: string | null }>(
      `select l.stix_id, l.modified, l.target_kind, l.target_id, r.kind from stix_link l left join record r on r.id = l.target_id and r.deleted_at is null
       where l.workspace_id = $1`, [workspaceId]);
    const out = new Map<string, { target: Target; modified: string; id: string }>();
    for (const r of rows) {
      if (r.target_kind === "observation") out.set(r.stix_id, { target: "observation", modified: r.modified, id: r.target_id });
      else if (r.kind) out.set(r.stix_id, { target: r.kind as Target, modified: r.modified, id: r.target_id });
    }
    // The workspace's own records and observations under the ids its export gives them: coming back
    // (from a hub that re-shares them) they are recognised, not imported a second time.
    const own = await q.query<{ id: string; kind: string; updated_at: string | Date }>(
      "select id, kind, updated_at from record where workspace_id = $1 and deleted_at is null and kind = any($2::text[])", [workspaceId, Object.keys(stixTypeOf)]);
    for (const r of own.rows) out.set(refOf(r.kind, r.id), { target: r.kind as Target, modified: stixTime(r.updated_at), id: r.id });
    const observations = await q.query<{ id: string }>(
      "select o.id from watch_observation o join record r on r.id = o.subject_id where r.workspace_id = $1", [workspaceId]);
    for (const o of observations.rows) out.set(stixId(NEXUS_OBSERVATION, o.id), { target: "observation", modified: "", id: o.id });
    return out;
  }

  /** Imports (or, with `preview`, tries and rolls back) a bundle; a refused bundle answers a report with status 422. */
  async import(user: User, workspaceId: string, bundle: unknown, opts: { preview: boolean; marking: Marking; origin: string }, actor: AuditActor): Promise<{ status: 200 | 201 | 422; report: ImportReport }> {
    if ((await this.records.viewerOf(user)).memberships.get(workspaceId) !== true) throw notFound(`workspace "${workspaceId}"`);
    if (depthOver(bundle, MAX_DEPTH)) throw new Problem(400, "Bad request", `bundle: nested more than ${MAX_DEPTH} levels`, [keyed("bundle", v("stixTooDeep"), { n: MAX_DEPTH })]);
    const objects = (bundle as { objects?: unknown })?.objects;
    if (Array.isArray(objects) && objects.length > MAX_OBJECTS) throw new Problem(400, "Bad request", `objects: more than ${MAX_OBJECTS}`, [keyed("objects", v("tooMany"), { n: MAX_OBJECTS })]);
    const shape = validateStixBundle(bundle);
    const counts = (): ImportReport["counts"] => ({ create: 0, keep: 0, skip: 0, merge: 0, recompute: 0, definition: 0, refused: 0 });
    if (shape.length && !/^objects\.\d+/.test(shape[0].path)) {
      throw new Problem(400, "Bad request", `${shape[0].path}: not a STIX 2.1 bundle`, [keyed(shape[0].path, v(shape[0].key), shape[0].params)]);
    }
    const list = (Array.isArray(objects) ? objects : []) as (Record<string, any> & { type: string; id: string })[];
    const errors: FieldError[] = shape.map((p) => keyed(p.path, v(p.key), p.params));
    const refused = (report: Omit<ImportReport, "errors" | "truncated">, all: FieldError[]) => ({
      status: 422 as const,
      report: { ...report, import_id: null, counts: { ...report.counts, refused: all.length }, errors: all.slice(0, MAX_LISTED), ...(all.length > MAX_LISTED ? { truncated: true } : {}) },
    });
    // Objects that are not valid STIX: nothing is planned, the refusals say which and why.
    if (errors.length) return refused({ import_id: null, preview: opts.preview, counts: counts(), items: [] }, errors);

    const links = await this.links(this.db, workspaceId);
    const plan = planImport(list, { links, indicators: new Set(this.model.indicators.keys()), defaultMarking: opts.marking });
    const tally = (items: PlanItem[]) => items.reduce((c, i) => { c[i.outcome]++; return c; }, counts());
    if (plan.problems.length) {
      return refused({ import_id: null, preview: opts.preview, counts: tally(plan.items), items: plan.items }, plan.problems.map((p) => keyed(p.path, v(p.key), p.params)));
    }
    try {
      return await this.db.transaction(async (tx) => {
        const result = await this.write(tx, user, workspaceId, plan, links, opts, actor);
        if (result.errors.length) throw new Rollback({ ...result, import_id: null, counts: { ...result.counts, refused: result.errors.length } });
        if (opts.preview) throw new Rollback(result);
        return { status: 201 as const, report: result };
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      if (e.report.errors.length) return refused(e.report, e.report.errors);
      return { status: 200, report: { ...e.report, import_id: null } };
    }
  }

  private async write(tx: Queryable, user: User, workspaceId: string, plan: ImportPlan, links: Map<string, { target: Target; id: string }>, opts: { preview: boolean; origin: string }, actor: AuditActor): Promise<ImportReport> {
    const importId = newId();
    const made = new Map<string, string>();
    const idOf = (stixId: string) => made.get(stixId) ?? links.get(stixId)?.id;
    const errors: FieldError[] = [];
    const linked: { stixId: string; modified: string; kind: "record" | "observation"; id: string }[] = [];
    const itemAt = new Map(plan.items.map((i) => [i.index, i as PlanItem & { record_id?: string }]));
    /** A refusal by the services names a field of our record: it is reported on the object that would have become it. */
    const attempt = async (index: number, fn: () => Promise<string>) => {
      try {
        const id = await fn();
        itemAt.get(index)!.record_id = id;
        return id;
      } catch (e) {
        if (!(e instanceof Problem) || e.status >= 500) throw e;
        const first = e.errors[0];
        // body.observed_at of our record is the object's observed_at.
        const field = first?.param.replace(/^body\./, "");
        errors.push(first ? { ...first, param: `objects.${index}${field ? `.${field}` : ""}` } : { param: `objects.${index}`, message: e.message });
        return undefined;
      }
    };
    const recipients = (m: Marking) => (m === "RED" ? [user.id] : undefined);
    for (const r of plan.records) {
      const body: Record<string, any> = structuredClone(r.body);
      for (const ref of r.refs) {
        const [head, ...rest] = ref.field.split(".");
        const id = idOf(ref.stixId);
        if (!id) continue;
        if (head === "from" || head === "to") body[head] = id;
        else if (head === "areas") body.areas.push(id);
        else if (head === "sources") body.sources.push(id);
        else if (head === "motivations") body.motivations[Number(rest[0])].sources.push(id);
      }
      const id = await attempt(r.index, async () => {
        const input = { name: r.name, marking: r.marking, recipients: recipients(r.marking), body };
        if (r.kind === "source") return (await this.watch.createSource(user, workspaceId, input, actor, tx)).id;
        if (r.kind === "relationship") return (await this.watch.createRelationship(user, workspaceId, input, actor, tx)).id;
        return (await this.watch.createSubject(user, workspaceId, r.kind, input, actor, tx)).id;
      });
      if (id) { made.set(r.stixId, id); linked.push({ stixId: r.stixId, modified: r.modified, kind: "record", id }); }
    }
    for (const o of plan.observations) {
      const subject = idOf(o.subject);
      if (!subject) continue;
      const id = await attempt(o.index, async () => (await this.watch.addObservation(user, subject, { ...o.input, sources: o.sources.map((s) => idOf(s)!).filter(Boolean) }, actor, tx)).observation.id);
      if (id) linked.push({ stixId: o.stixId, modified: o.modified, kind: "observation", id });
    }
    for (const r of plan.raw) {
      const id = await attempt(r.index, async () => (await this.records.createIn(tx, user, workspaceId, {
        kind: "stix-object", title: r.name, body: { stix_type: r.object.type, stix_id: r.object.id, object: r.object, import_id: importId }, marking: r.marking, recipients: recipients(r.marking),
      }, actor)).id);
      if (id) linked.push({ stixId: r.stixId, modified: r.modified, kind: "record", id });
    }
    const items = [...itemAt.values()];
    const counts = items.reduce((c, i) => { c[i.outcome]++; return c; }, { create: 0, keep: 0, skip: 0, merge: 0, recompute: 0, definition: 0, refused: 0 });
    const report: ImportReport = { import_id: importId, preview: opts.preview, counts, items, errors };
    if (errors.length) return report;
    await tx.query("insert into stix_import (id, workspace_id, created_by, origin, counts, report) values ($1, $2, $3, $4, $5::jsonb, $6::jsonb)",
      // What happened to each object, without names (the records hold those, behind the kernel).
      [importId, workspaceId, user.id, opts.origin, JSON.stringify(counts), JSON.stringify({ items: items.map(({ index, stix_type, outcome, target, why }) => ({ index, stix_type, outcome, target, why })) })]);
    for (const l of linked) {
      await tx.query(
        `insert into stix_link (workspace_id, stix_id, modified, target_kind, target_id, import_id) values ($1, $2, $3, $4, $5, $6)
         on conflict (workspace_id, stix_id) do update set modified = excluded.modified, target_kind = excluded.target_kind, target_id = excluded.target_id, import_id = excluded.import_id`,
        [workspaceId, l.stixId, l.modified, l.kind, l.id, importId]);
    }
    await appendAudit(tx, actor, { action: "watch.stix-import", targetKind: "workspace", targetId: workspaceId, details: { import: importId, origin: opts.origin, ...counts } });
    return report;
  }

  /** The imports into a workspace, newest first, with their counts (the member reads them). */
  async list(user: User, workspaceId: string) {
    if ((await this.records.viewerOf(user)).memberships.get(workspaceId) !== true) throw notFound(`workspace "${workspaceId}"`);
    const { rows } = await this.db.query(
      `select i.id, i.created_at, i.origin, i.counts, u.name as created_by_name from stix_import i join app_user u on u.id = i.created_by
       where i.workspace_id = $1 order by i.created_at desc limit 50`, [workspaceId]);
    return { items: rows };
  }
}
