import type { Db, Queryable } from "../../db/connection.js";
import { recordAccess, type RecordFacts, type Viewer } from "../../core/platform/access.js";
import type { Marking } from "../../core/platform/markings.js";
import { analyse, type AnalysisResult } from "../../core/watch/analysis.js";
import { textOf } from "../../core/watch/messages.js";
import { isMsg, msg, type Msg } from "../../core/i18n/messages.js";
import { translator } from "../../core/i18n/catalogues.js";
import type { Group, Relationship } from "../../core/watch/evidence.js";
import type { Credibility, Reliability } from "../../core/watch/grades.js";
import type { WatchModel } from "../../core/watch/model.js";
import { areaBody, groupBody, observationInput, relationshipBody, sourceBody, watchRuleBody, type ObservationInput } from "../../core/watch/records.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { fromZod, invalid } from "../http/validation.js";
import { requestContext } from "../http/context.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import { newId } from "../platform/crypto.js";
import { factsOf, type RecordRow } from "../platform/records.repository.js";
import type { RecordsService } from "../platform/records.service.js";
import { insertObservationBatch, insertObservations, ObservationBatch, observationsOf, toAnalysisObservations, type NewObservation } from "./watch.repository.js";
import type { z } from "zod";
import { toCsv, type CsvRow } from "../../core/csv.js";
import { joinList, MAX_LISTED_ERRORS, observationColumns, resolveList } from "./csvList.js";

export interface Latest { leader: string; leader_name: string; score: number; present: number; observations: number; analysed_at: string }
const today = () => new Date().toISOString().slice(0, 10);

/** Parses a body with a zod schema, turning the first issue into a 400 that names the field. */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown, prefix = "body"): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw fromZod(r.error, value, { prefix, whole: prefix });
}

/**
 * Whose evidence an analysis may use: what `viewer` may read (computed on the fly for them),
 * or what everyone who reads `audience` may read (stored with a record: a subject's current
 * reading, an assessment's snapshot).
 */
export type EvidenceScope = { viewer: Viewer } | { audience: RecordFacts };

export class WatchService {
  constructor(private readonly db: Db, private readonly model: WatchModel, private readonly records: RecordsService, private readonly models: Map<string, WatchModel> = new Map()) {}

  /** The watch model in a language (indicator statements and practice titles translated where they are), English otherwise. */
  modelIn(lang: string | undefined): WatchModel {
    return (lang && this.models.get(lang)) || this.model;
  }

  private get kernel() { return this.records.kernel; }

  /** Records of the given kinds the user may read in full, in one workspace (a member's) or all of theirs. */
  async visible(user: User, kinds: string[], workspaceId?: string, q: Queryable = this.db): Promise<RecordRow[]> {
    const { reason, actor } = requestContext();
    return (await this.records.readable(user, { kinds, workspaceId, reason }, actor, q)).rows;
  }

  /**
   * Records a write may refer to: those the user reads in full, AMBER+STRICT and RED ones
   * included without a reason (referring to a record shows none of its content; whatever cites
   * it is checked by the kernel to be at least as narrow).
   */
  private async usable(user: User, kinds: string[], workspaceId: string, q: Queryable): Promise<RecordRow[]> {
    const r = await this.records.readable(user, { kinds, workspaceId }, undefined, q);
    return [...r.rows, ...r.withheld];
  }

  /** A subject the user may read in full (and, to write, belongs to the workspace of). */
  subject(user: User, id: string, write = false, q: Queryable = this.db): Promise<RecordRow> {
    return this.records.ofKind(user, id, ["area", "group"], "subject", write, q);
  }

  private async sourcesIn(workspaceId: string, user: User, q: Queryable = this.db): Promise<Map<string, RecordRow>> {
    return new Map((await this.usable(user, ["source"], workspaceId, q)).map((s) => [s.id, s]));
  }

  /** Runs in the caller's transaction when given one (an import writes many records all or nothing), else in its own. */
  private inTx<T>(q: Queryable | undefined, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return q ? fn(q) : this.db.transaction(fn);
  }

  async createSubject(user: User, workspaceId: string, kind: "area" | "group", input: { name: string; marking: Marking; recipients?: string[]; concerns_minor?: boolean; body: unknown }, actor: AuditActor, q?: Queryable) {
    const body = kind === "area" ? parseBody(areaBody, input.body) : parseBody(groupBody, input.body);
    return this.inTx(q, async (tx) => {
      if (kind === "group") {
        const areas = new Set((await this.usable(user, ["area"], workspaceId, tx)).map((a) => a.id));
        const unknown = (body as z.infer<typeof groupBody>).areas.find((a) => !areas.has(a));
        if (unknown) throw invalid("body.areas", "areaNotReadable", { id: unknown });
        const sources = await this.sourcesIn(workspaceId, user, tx);
        (body as z.infer<typeof groupBody>).motivations.forEach((m, i) => m.sources.forEach((id, j) => {
          if (!sources.has(id)) throw invalid(`body.motivations.${i}.sources.${j}`, "sourceNotReadable", { id });
        }));
      }
      const created = await this.records.createIn(tx, user, workspaceId, { kind, title: input.name, body: body as Record<string, unknown>, marking: input.marking, recipients: input.recipients, concerns_minor: input.concerns_minor }, actor);
      if (kind === "group") await this.refreshAll(tx, [created.id, ...(body as z.infer<typeof groupBody>).areas]);
      return created;
    });
  }

  /** Re-reads subjects whose evidence changed with a group or relationship (groups count in their areas' analysis). */
  private async refreshAll(tx: Queryable, ids: string[]) {
    for (const id of new Set(ids)) {
      const row = await this.kernel.fetch(tx, id);
      if (row && ["area", "group"].includes(row.kind)) await this.refresh(tx, row, []);
    }
  }

  async createSource(user: User, workspaceId: string, input: { name: string; marking: Marking; recipients?: string[]; body: unknown }, actor: AuditActor, q?: Queryable) {
    const body = parseBody(sourceBody, input.body);
    const record = { kind: "source", title: input.name, body, marking: input.marking, recipients: input.recipients };
    return this.inTx(q, async (tx) => {
      // The organisation behind a source is an institution of the workspace's directory.
      if (body.institution && !(await this.usable(user, ["institution"], workspaceId, tx)).some((i) => i.id === body.institution)) {
        throw invalid("body.institution", "institutionNotReadable", { id: body.institution });
      }
      return this.records.createIn(tx, user, workspaceId, record, actor);
    });
  }

  /** A relationship cites its two groups and its sources: it is never marked wider than any of them (the kernel checks). */
  async createRelationship(user: User, workspaceId: string, input: { marking: Marking; recipients?: string[]; body: unknown }, actor: AuditActor, q?: Queryable) {
    const body = parseBody(relationshipBody, input.body);
    return this.inTx(q, async (tx) => {
      const groups = new Map((await this.usable(user, ["group"], workspaceId, tx)).map((g) => [g.id, g]));
      for (const end of ["from", "to"] as const) if (!groups.has(body[end])) throw invalid(`body.${end}`, "groupNotReadable", { id: body[end] });
      if (body.from === body.to) throw badRequest("body.to", "a relationship needs two different groups");
      const sources = await this.sourcesIn(workspaceId, user, tx);
      const missing = body.sources.find((s) => !sources.has(s));
      if (missing) throw invalid("body.sources", "sourceNotReadable", { id: missing });
      const title = `${groups.get(body.from)!.title} – ${groups.get(body.to)!.title}: ${body.kind}`;
      const created = await this.records.createIn(tx, user, workspaceId, { kind: "relationship", title, body, marking: input.marking, recipients: input.recipients }, actor);
      const areas = [body.from, body.to].flatMap((g) => ((groups.get(g)!.body as z.infer<typeof groupBody>).areas ?? []));
      await this.refreshAll(tx, [body.from, body.to, ...areas]);
      return created;
    });
  }

  /** Checks one observation against the knowledge base and the workspace's sources. */
  private checkObservation(o: ObservationInput, sources: Map<string, RecordRow>, field: (f: string) => string) {
    if (!this.model.indicators.has(o.indicator)) throw invalid(field("indicator"), "notAnIndicator", { id: o.indicator });
    const missing = o.sources.find((s) => !sources.has(s));
    if (missing) throw invalid(field("sources"), "sourceNotReadable", { id: missing });
    if (o.observed_at > today()) throw badRequest(field("observed_at"), "must not be in the future");
    if (o.reported_at && o.reported_at < o.observed_at) throw badRequest(field("reported_at"), "must not be before observed_at");
  }

  /**
   * The sources an observation on `subject` may cite: those the user reads in the subject's
   * workspace that cover the subject (an observation is read with its subject, so a RED source
   * cannot back an observation on a GREEN area). Others give `field` a 400 naming the source.
   */
  private async citeCheck(tx: Queryable, user: User, subject: RecordRow) {
    const viewer = await this.records.viewerOf(user, tx);
    const known = new Map<string, string | null>();
    const check = async (sourceIds: string[], field: string) => {
      for (const id of sourceIds) {
        if (!known.has(id)) {
          known.set(id, await this.kernel.checkCitations(tx, viewer, factsOf(subject), [{ field, id }]).then(() => null, (e: Problem) => {
            if (e instanceof Problem && e.errors[0]) return e.errors[0].message;
            throw e;
          }));
        }
        const failure = known.get(id);
        if (failure) throw badRequest(field, failure);
      }
    };
    // Sources checked before are answered at once, without a promise per row of a large import; the others are looked up.
    return (sourceIds: string[], field: string): Promise<void> | void => {
      if (!sourceIds.every((id) => known.has(id))) return check(sourceIds, field);
      const failure = sourceIds.map((id) => known.get(id)).find(Boolean);
      if (failure) throw badRequest(field, failure);
    };
  }

  async addObservation(user: User, subjectId: string, raw: unknown, actor: AuditActor, q?: Queryable) {
    const o = parseBody(observationInput, raw);
    return this.inTx(q, async (tx) => {
      const subject = await this.subject(user, subjectId, true, tx);
      const sources = await this.sourcesIn(subject.workspace_id, user, tx);
      this.checkObservation(o, sources, (f) => `body.${f}`);
      await (await this.citeCheck(tx, user, subject))(o.sources, "body.sources");
      const row: NewObservation = {
        id: newId(), subject_id: subject.id, indicator: o.indicator, state: o.state, trend: o.trend ?? null, observed_at: o.observed_at,
        reported_at: o.reported_at ?? today(), source_ids: o.sources, credibility: o.credibility, note: o.note ?? "", created_by: user.id,
      };
      await insertObservations(tx, [row]);
      await appendAudit(tx, actor, { action: "watch.observation-add", targetKind: "record", targetId: subject.id, details: { indicator: o.indicator, state: o.state } });
      const latest = await this.refresh(tx, subject, [row]);
      return { observation: row, latest };
    });
  }

  /**
   * CSV import for a workspace: every row is checked first; if any row is wrong nothing is
   * written and the answer lists each rejected row with the field and the reason (the first
   * MAX_LISTED_ERRORS of them; `rejected` counts all, `truncated` says some are not listed).
   * Columns (csvList.observationColumns): subject (id or exact name), indicator, state, trend,
   * observed_at, reported_at, sources (ids or exact names, separated by ";"; a name containing
   * ";" in double quotes), credibility, note; subject_name, indicator_statement and
   * source_names, as the export writes them, are read only when the column beside them is empty.
   * `rows` may arrive in batches as they are read (an upload read as a stream, decision 0030):
   * each is checked as it comes and only what the insert needs is kept (an ObservationBatch); the
   * reader's own refusal (a CSV error at the last line) is thrown before anything is written.
   */
  async importCsv(user: User, workspaceId: string, rows: AsyncIterable<CsvRow[]> | Iterable<CsvRow[]>, actor: AuditActor) {
    if ((await this.records.viewerOf(user)).memberships.get(workspaceId) !== true) throw notFound(`workspace "${workspaceId}"`);
    const subjects = await this.usable(user, ["area", "group"], workspaceId, this.db);
    const byKey = new Map<string, RecordRow>();
    for (const s of subjects) { byKey.set(s.id, s); byKey.set(s.title.toLowerCase(), s); }
    const sources = await this.sourcesIn(workspaceId, user);
    const sourceKey = new Map<string, string>();
    for (const s of sources.values()) { sourceKey.set(s.id, s.id); sourceKey.set(s.title.toLowerCase(), s.id); }
    const errors: { row: number; line: number; field: string; message: string }[] = [];
    let rejected = 0;
    const reject = (error: (typeof errors)[number]) => { rejected++; if (errors.length < MAX_LISTED_ERRORS) errors.push(error); };
    const out = new ObservationBatch();
    // The subjects written to, in the order first written, each with the first row that observes an indicator present
    // (the only rows the watch rules look at: raiseAlerts takes the first such row of an indicator).
    const touched = new Map<string, Map<string, number>>();
    const checks = new Map<string, Awaited<ReturnType<WatchService["citeCheck"]>>>();
    const byStatement = new Map([...this.model.indicators.values()].map((ind) => [ind.statement.trim().toLowerCase(), ind.id]));
    const findSource = (key: string) => sourceKey.get(key) ?? sourceKey.get(key.toLowerCase());
    /** A cell, or the name column beside it when the cell is empty. */
    const cell = (r: Record<string, string>, column: string, names: string) => ((r[column] ?? "").trim() ? r[column] : (r[names] ?? "")).trim();
    let i = 0;
    for await (const batch of rows) for (const { record: r, line } of batch) {
      const row = ++i;
      const subjectKey = cell(r, "subject", "subject_name");
      const subject = byKey.get(subjectKey) ?? byKey.get(subjectKey.toLowerCase());
      if (!subject) { reject({ row, line, field: "subject", message: `no area or group "${subjectKey}" in this workspace` }); continue; }
      const sourceList = resolveList(cell(r, "sources", "source_names"), findSource);
      const indicator = (r.indicator ?? "").trim() || (byStatement.get((r.indicator_statement ?? "").trim().toLowerCase()) ?? (r.indicator_statement ?? "").trim());
      const candidate = {
        indicator, state: (r.state ?? "").trim(), ...(r.trend?.trim() ? { trend: r.trend.trim() } : {}),
        observed_at: (r.observed_at ?? "").trim(), ...(r.reported_at?.trim() ? { reported_at: r.reported_at.trim() } : {}),
        sources: "ids" in sourceList ? sourceList.ids : [], credibility: (r.credibility ?? "").trim(), ...(r.note ? { note: r.note } : {}),
      };
      try {
        if ("error" in sourceList) throw badRequest("csv.sources", sourceList.error);
        const o = parseBody(observationInput, candidate, "csv");
        this.checkObservation(o, sources, (f) => `csv.${f}`);
        if (!checks.has(subject.id)) checks.set(subject.id, await this.citeCheck(this.db, user, subject));
        const citing = checks.get(subject.id)!(o.sources, "csv.sources");
        if (citing) await citing;
        // Once a row is rejected nothing will be written: the rest are only checked.
        if (rejected) continue;
        const at = out.add({ subject_id: subject.id, indicator: o.indicator, state: o.state, trend: o.trend ?? null, observed_at: o.observed_at, reported_at: o.reported_at ?? today(), source_ids: o.sources, credibility: o.credibility, note: o.note ?? "" });
        const present = touched.get(subject.id) ?? new Map<string, number>();
        touched.set(subject.id, present);
        if (o.state === "present" && !present.has(o.indicator)) present.set(o.indicator, at);
      } catch (e) {
        const err = e as { errors?: { param: string; message: string }[]; message: string };
        reject({ row, line, field: err.errors?.[0]?.param.replace(/^csv\./, "") ?? "row", message: err.errors?.[0]?.message ?? err.message });
      }
    }
    if (rejected) return { imported: 0, rejected, errors, ...(rejected > errors.length ? { truncated: true } : {}) };
    // For each subject, the rows its watch rules look at, in file order, with the ids they are inserted under.
    const ids = new Map<number, string>();
    const added = new Map([...touched].map(([subjectId, present]) => [subjectId, [...present.values()].sort((a, b) => a - b).map((at): NewObservation => {
      ids.set(at, newId());
      return { id: ids.get(at)!, ...out.row(at), created_by: user.id };
    })]));
    await this.db.transaction(async (tx) => {
      await insertObservationBatch(tx, out, user.id, (at) => ids.get(at) ?? newId());
      await appendAudit(tx, actor, { action: "watch.observation-import", targetKind: "workspace", targetId: workspaceId, details: { rows: out.length } });
      for (const [id, rows] of added) await this.refresh(tx, byKey.get(id)!, rows);
    });
    return { imported: out.length, rejected: 0, errors: [] };
  }

  /**
   * What the analysis needs about a subject: its observations, groups and relationships, taken
   * only from what `scope` may read. `withheld` says that evidence exists that this scope
   * cannot see (never what it is), so the reader knows the picture is partial.
   */
  async inputFor(q: Queryable, subject: RecordRow, scope: EvidenceScope, asOf = today()) {
    const kinds = ["group", "relationship", "source"];
    const everything = await this.kernel.inWorkspace(q, subject.workspace_id, kinds);
    let usable: RecordRow[];
    if ("viewer" in scope) {
      const { reason, actor } = requestContext();
      usable = await this.kernel.rows(q, scope.viewer, { workspaceId: subject.workspace_id, kinds, reason }, actor);
    } else {
      usable = await this.kernel.covering(q, everything, scope.audience);
    }
    const allowed = new Set(usable.map((r) => r.id));
    const reliability = new Map(usable.filter((r) => r.kind === "source").map((s) => [s.id, (s.body as { reliability: Reliability }).reliability]));
    const relevant = (rows: RecordRow[]) => {
      const groups = rows.filter((r) => r.kind === "group" && (subject.kind === "group" ? r.id === subject.id : ((r.body as { areas?: string[] }).areas ?? []).includes(subject.id)));
      const relationships = rows.filter((r) => r.kind === "relationship").map((r) => ({ id: r.id, ...(r.body as z.infer<typeof relationshipBody>) }))
        .filter((r) => groups.some((g) => g.id === r.from || g.id === r.to));
      return { groups, relationships };
    };
    const all = relevant(everything);
    const mine = relevant(usable);
    const relationships = mine.relationships.filter((r) => allowed.has(r.from) && allowed.has(r.to) && r.sources.every((s) => allowed.has(s)));
    const involved = new Set([...mine.groups.map((g) => g.id), ...relationships.flatMap((r) => [r.from, r.to])]);
    const source = (id: string) => ({ id, reliability: reliability.get(id) ?? ("F" as Reliability) });
    const groupRows = usable.filter((g) => g.kind === "group" && involved.has(g.id));
    const groups: Group[] = groupRows.map((g) => {
      const b = g.body as z.infer<typeof groupBody>;
      // A group's aims count in its own reading and in its areas'; a group only tied to this one by a relationship brings its type.
      const own = subject.kind === "area" || g.id === subject.id;
      const motivations = !own ? [] : b.motivations.filter((m) => m.from <= asOf && m.sources.every((s) => allowed.has(s))).map((m) => ({
        from: m.from, kind: m.kind, aim: m.aim, credibility: m.credibility as Credibility | undefined, sources: m.sources.map(source),
      }));
      return { id: g.id, name: g.title, type: b.type, types: b.types, motivations };
    });
    const rels: Relationship[] = relationships.filter((r) => !r.start || r.start <= asOf).map((r) => ({
      kind: r.kind, from: r.from, to: r.to, start: r.start, end: r.end ?? null, credibility: r.credibility as never,
      sources: r.sources.map(source),
    }));
    // An area's reading combines what was observed on the area and on the groups in it that the scope may read.
    const inArea = subject.kind === "area" ? mine.groups : [];
    const names = new Map(inArea.map((g) => [g.id, g.title]));
    const rows = await observationsOf(q, [subject.id, ...inArea.map((g) => g.id)], asOf);
    const readableRows = rows.filter((o) => o.source_ids.every((s) => allowed.has(s)));
    const observations = toAnalysisObservations(readableRows, reliability).map((o, i) => {
      const on = readableRows[i].subject_id;
      return on === subject.id ? o : { ...o, subject: names.get(on) ?? on };
    });
    const allInArea = subject.kind === "area" ? all.groups.length : 0;
    const withheld = all.groups.length > mine.groups.length || all.relationships.length > relationships.length || rows.length > readableRows.length
      || (subject.kind === "area" && allInArea > inArea.length);
    const context = subject.kind === "area" ? ((subject.body as { context?: string }).context ?? null) : null;
    // The records this reading draws on: a stored snapshot cites them, so whoever reads it can read them (decision 0014).
    const used = [...new Set([
      ...groupRows.map((g) => g.id), ...relationships.filter((r) => !r.start || r.start <= asOf).map((r) => r.id),
      ...rels.flatMap((r) => r.sources.map((x) => x.id)), ...groups.flatMap((g) => g.motivations.flatMap((m) => (m.sources ?? []).map((x) => x.id))),
      ...readableRows.flatMap((o) => o.source_ids),
    ])].filter((id) => id !== subject.id).sort();
    return { observations, groups, relationships: rels, asOf, withheld, context, used };
  }

  /** The analysis as this user may see it: computed only from evidence they may read. */
  async analysis(user: User, subjectId: string, asOf?: string): Promise<AnalysisResult & { withheld: boolean }> {
    const subject = await this.subject(user, subjectId);
    const input = await this.inputFor(this.db, subject, { viewer: await this.records.viewerOf(user) }, asOf ?? today());
    // Indicator statements and link reasoning in the reader's language where translated (decision 0022).
    const model = this.models.get(requestContext().language ?? "en") ?? this.model;
    return { ...analyse(model, input), withheld: input.withheld };
  }

  /** Indicator states and the ranking at the end of each month, from the first observation to now. */
  async timeline(user: User, subjectId: string) {
    const subject = await this.subject(user, subjectId);
    const all = await this.inputFor(this.db, subject, { viewer: await this.records.viewerOf(user) });
    if (!all.observations.length) return { subject_id: subjectId, points: [], withheld: all.withheld };
    const first = all.observations.map((o) => o.observedAt).sort()[0];
    const points: { date: string; leader: string; scores: Record<string, number>; states: Record<string, string> }[] = [];
    const end = new Date(`${today()}T00:00:00Z`);
    for (let d = new Date(`${first.slice(0, 7)}-01T00:00:00Z`); d <= end; d.setUTCMonth(d.getUTCMonth() + 1)) {
      const monthEnd = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
      const date = (monthEnd > end ? end : monthEnd).toISOString().slice(0, 10);
      const input = {
        observations: all.observations.filter((o) => o.observedAt <= date),
        groups: all.groups.map((g) => ({ ...g, motivations: g.motivations.filter((m) => m.from <= date) })),
        relationships: all.relationships.filter((r) => !r.start || r.start <= date),
        asOf: date,
      };
      const r = analyse(this.model, input);
      const states: Record<string, string> = {};
      for (const o of input.observations) states[o.indicator] = o.state;
      points.push({ date, leader: r.evidenceCount ? r.ranking[0].id : "none", scores: Object.fromEntries(r.ranking.map((h) => [h.id, h.score])), states });
    }
    return { subject_id: subjectId, points, withheld: all.withheld };
  }

  /**
   * Observations of a subject as CSV, in the columns the import reads: the ids, and beside them
   * the subject's name, the indicator's statement and the sources' names (a source the user
   * reads only with a reason they have not given is named by its id).
   */
  async observationsCsv(user: User, subjectId: string, actor: AuditActor): Promise<string> {
    const subject = await this.subject(user, subjectId);
    const rows = await this.readableObservations(user, subject);
    const titles = new Map((await this.visible(user, ["source"], subject.workspace_id)).map((s) => [s.id, s.title]));
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "watch.observation-export", targetKind: "record", targetId: subject.id, details: { rows: rows.length } }));
    return toCsv([[...observationColumns], ...rows.map((r) => [
      subject.id, subject.title, r.indicator, this.model.indicators.get(r.indicator)?.statement ?? "", r.state, r.trend ?? "", r.observed_at, r.reported_at,
      r.source_ids.join(";"), joinList(r.source_ids.map((s) => titles.get(s) ?? s)), r.credibility, r.note,
    ])]);
  }

  /** Every observation of a subject, newest first, with the history of each indicator. */
  async observations(user: User, subjectId: string) {
    const subject = await this.subject(user, subjectId);
    return { items: (await this.readableObservations(user, subject)).reverse() };
  }

  /** A subject's observations whose every source the user may read. */
  private readableObservations(user: User, subject: RecordRow) {
    return this.observationsReadable(user, [subject]);
  }

  /** The observations of subjects of one workspace (which the user reads) whose every source the user may read. */
  async observationsReadable(user: User, subjects: RecordRow[]) {
    if (!subjects.length) return [];
    const sources = await this.sourcesIn(subjects[0].workspace_id, user);
    return (await observationsOf(this.db, subjects.map((s) => s.id))).filter((o) => o.source_ids.every((s) => sources.has(s)));
  }

  /**
   * Recomputes a subject's current reading after a write, stores it on the subject (so the
   * overview map and table read one row per area), and raises the alerts that watch rules ask for.
   */
  async refresh(tx: Queryable, subject: RecordRow, added: NewObservation[]): Promise<Latest> {
    // Stored on the subject and shown to everyone who reads it: computed only from evidence they all may read.
    const result = analyse(this.model, await this.inputFor(tx, subject, { audience: factsOf(subject) }));
    const previous = (subject.body as { latest?: Latest }).latest;
    const states = await tx.query<{ indicator: string; state: string }>(
      "select distinct on (indicator) indicator, state from watch_observation where subject_id = $1 order by indicator, observed_at desc, created_at desc", [subject.id]);
    const present = states.rows.filter((r) => r.state === "present");
    const leader = result.evidenceCount ? { ...result.ranking[0], name: textOf(result.ranking[0].name) } : { id: "none", name: "Not enough evidence", score: 0 };
    const latest: Latest = { leader: leader.id, leader_name: leader.name, score: leader.score, present: present.length, observations: result.evidenceCount, analysed_at: new Date().toISOString() };
    await tx.query("update record set body = jsonb_set(body, '{latest}', $2::jsonb) where id = $1", [subject.id, JSON.stringify(latest)]);
    await this.raiseAlerts(tx, subject, previous, latest, added);
    // What is observed on a group counts in its areas' readings too.
    if (subject.kind === "group") {
      for (const id of (subject.body as { areas?: string[] }).areas ?? []) {
        const area = await this.kernel.fetch(tx, id);
        if (area?.kind === "area") await this.refresh(tx, area, []);
      }
    }
    return latest;
  }

  private async raiseAlerts(tx: Queryable, subject: RecordRow, previous: Latest | undefined, latest: Latest, added: NewObservation[]) {
    const rules = (await tx.query<RecordRow>("select * from record where workspace_id = $1 and kind = 'watch-rule' and deleted_at is null", [subject.workspace_id])).rows;
    for (const rule of rules) {
      const body = rule.body as z.infer<typeof watchRuleBody>;
      // Stored as a message (decision 0025), rendered in each reader's language when read.
      let message: Msg | null = null;
      if (body.rule === "indicator-present") {
        const hit = added.find((o) => o.indicator === body.indicator && o.state === "present");
        if (hit) message = msg("watch.msg.alert.present", { indicator: body.indicator, subject: subject.title, date: hit.observed_at });
      } else if (body.rule === "leader-changed" && previous && previous.leader !== latest.leader) {
        message = msg("watch.msg.alert.leader", { subject: subject.title, from: previous.leader, to: latest.leader });
      }
      if (!message) continue;
      // The rule's owner gets the alert only while they may still read the subject.
      const owner = (await tx.query<User>(`select id, email, name, organisation_id as "organisationId", roles from app_user where id = $1 and disabled_at is null`, [rule.created_by])).rows[0];
      if (!owner || recordAccess(await this.records.viewerOf(owner, tx), factsOf(subject)).level !== "content") continue;
      await tx.query("insert into watch_alert (id, rule_id, user_id, subject_id, message) values ($1, $2, $3, $4, $5)", [newId(), rule.id, owner.id, subject.id, JSON.stringify(message)]);
    }
  }

  async createRule(user: User, workspaceId: string, input: { marking: Marking; body: unknown }, actor: AuditActor) {
    const body = parseBody(watchRuleBody, input.body);
    if (body.rule === "indicator-present" && !this.model.indicators.has(body.indicator)) throw invalid("body.indicator", "notAnIndicator", { id: body.indicator });
    // The record's title, as lists of records show it: the indicator by its statement, never its id (the rules page words it in the reader's language from the body).
    const title = body.rule === "indicator-present" ? `When present: ${this.model.indicators.get(body.indicator)!.statement}` : "When the leading manifestation changes";
    return this.records.create(user, workspaceId, { kind: "watch-rule", title, body, marking: input.marking }, actor);
  }

  /** The user's alerts, re-checked against the access function at read time. */
  async alerts(user: User) {
    const viewer = await this.records.viewerOf(user);
    const { rows } = await this.db.query<{ id: string; subject_id: string; message: string; created_at: string; read_at: string | null; rule_id: string }>(
      "select * from watch_alert where user_id = $1 order by created_at desc limit 500", [user.id]);
    // Alerts name their subject: only those whose subject the user reads (restricted ones with a reason) are shown.
    const { reason } = requestContext();
    const readable = new Set((await this.kernel.rows(this.db, viewer, { ids: [...new Set(rows.map((r) => r.subject_id))], reason })).map((r) => r.id));
    return rows.filter((a) => readable.has(a.subject_id)).map((a) => ({ ...a, ...this.alertText(a.message) }));
  }

  /**
   * An alert's text in the reader's language, and the language it is in: alerts are stored as
   * messages whose indicator is named by id (its statement comes from the reader's knowledge
   * base); an alert stored as an English sentence, before they were messages, stays English.
   */
  private alertText(stored: string): { message: string; language: string } {
    const lang = requestContext().language ?? "en";
    let m: Msg;
    try { m = JSON.parse(stored) as Msg; } catch { return { message: stored, language: "en" }; }
    if (!isMsg(m)) return { message: stored, language: "en" };
    const indicator = m.params?.indicator;
    const params = typeof indicator === "string" ? { ...m.params, indicator: this.modelIn(lang).indicators.get(indicator)?.statement.replace(/[.。]\s*$/, "") ?? indicator } : m.params;
    return { message: translator(lang)({ key: m.key, params }), language: lang };
  }

  async markAlertRead(user: User, id: string) {
    const { rows } = await this.db.query("update watch_alert set read_at = now() where id = $1 and user_id = $2 returning id", [id, user.id]);
    if (!rows.length) throw notFound(`alert "${id}"`);
  }

  /** Areas for the map and the comparison table: one row each, from the stored current reading. */
  async overview(user: User, workspaceId?: string) {
    const areas = await this.visible(user, ["area"], workspaceId);
    return {
      items: areas.map((a) => {
        const b = a.body as z.infer<typeof areaBody> & { latest?: Latest };
        return { id: a.id, name: a.title, workspace_id: a.workspace_id, marking: a.marking, country: b.country, subnational: b.subnational ?? null, point: b.point ?? null, context: b.context ?? null, latest: b.latest ?? null };
      }),
    };
  }
}
