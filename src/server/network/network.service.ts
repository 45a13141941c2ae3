/**
 * Institutions and partnerships (decision 0035): the directory every capability refers to
 * (self-assessment units, exercise agencies, Watch sources, later training cohorts), the
 * partnerships between institutions, and the views drawn from them: the network, its gaps and
 * who should be at the table. Everything is read through the records kernel for the viewer: a
 * view never shows an institution or a partnership the viewer may not read, and a partnership
 * is never readable by someone who cannot read every institution it joins (it cites them).
 */
import type { Db, Queryable } from "../../db/connection.js";
import { toCsv } from "../../core/csv.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import type { Marking } from "../../core/platform/markings.js";
import {
  atTheTable, institutionBody, networkGaps, networkGraph, partnershipBody,
  type Institution, type InstitutionBody, type NetworkFilter, type NetworkKb, type Partnership, type PartnershipBody,
} from "../../core/network/model.js";
import { notFound, Problem } from "../http/problem.js";
import { invalid } from "../http/validation.js";
import { parseBody } from "../watch/watch.service.js";
import type { FieldError } from "../http/problem.js";
import { readCsvUpload } from "../http/uploads.js";
import { requestContext } from "../http/context.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { RecordsService } from "../platform/records.service.js";

const today = () => new Date().toISOString().slice(0, 10);

export interface EnvelopeInput { name?: string; marking: Marking; recipients?: string[]; body: unknown }

/** The CSV columns of the directory, export and import alike; lists separated by ";". */
export const institutionColumns = ["id", "name", "kind", "country", "actors", "mandate", "mailbox", "parent", "marking"] as const;
export const partnershipColumns = ["id", "kind", "members", "network", "network_name", "status", "start", "end", "practices", "notes", "marking"] as const;

const list = (cell: string | undefined) => (cell ?? "").split(";").map((s) => s.trim()).filter(Boolean);


const asInstitution = (r: RecordRow): Institution => ({ id: r.id, name: r.title, body: r.body as InstitutionBody });
const asPartnership = (r: RecordRow): Partnership => ({ id: r.id, title: r.title, body: r.body as PartnershipBody });

export class NetworkService {
  constructor(
    private readonly db: Db,
    private readonly kb: KnowledgeBase,
    private readonly records: RecordsService,
    private readonly kbs: Map<string, KnowledgeBase> = new Map(),
  ) {}

  private kbIn(lang?: string): KnowledgeBase {
    return (lang && this.kbs.get(lang)) || this.kb;
  }

  private netKb(lang?: string): NetworkKb {
    const k = this.kbIn(lang);
    return { practices: k.practices, actors: k.actors.map((a) => ({ id: a.id, name: a.name, parent: a.parent ?? null })) };
  }

  /** Names a view's messages carry, in the reader's language. */
  private names(lang?: string) {
    const actors = new Map(this.kbIn(lang).actors.map((a) => [a.id, a.name]));
    return { actor: (id: string) => actors.get(id) ?? id };
  }

  private async member(user: User, workspaceId: string, q: Queryable = this.db) {
    if ((await this.records.viewerOf(user, q)).memberships.get(workspaceId) !== true) throw notFound(`workspace "${workspaceId}"`);
  }

  /** Institutions and partnerships of the workspace the user reads in full; withheld ones only counted. */
  async directory(user: User, workspaceId: string, q: Queryable = this.db) {
    await this.member(user, workspaceId, q);
    const { reason, actor } = requestContext();
    const r = await this.records.readable(user, { kinds: ["institution", "partnership"], workspaceId, reason }, actor, q);
    const institutions = r.rows.filter((x) => x.kind === "institution");
    const partnerships = r.rows.filter((x) => x.kind === "partnership");
    return { institutions, partnerships, withheld: r.withheld.length };
  }

  private view = (r: RecordRow) => ({ id: r.id, name: r.title, marking: r.marking, recipients: r.recipients, created_at: r.created_at, updated_at: r.updated_at, body: r.body });

  async list(user: User, workspaceId: string) {
    const d = await this.directory(user, workspaceId);
    return { institutions: d.institutions.map(this.view), partnerships: d.partnerships.map(this.view), withheld: d.withheld };
  }

  /** Institutions (and a parent) a body may cite: those of the workspace the user may refer to, withheld ones included. */
  private async citable(user: User, workspaceId: string, q: Queryable): Promise<Set<string>> {
    return new Set((await this.namesIn(user, workspaceId, q)).keys());
  }

  private checkInstitution(body: InstitutionBody, known: Set<string>, self?: string) {
    const actors = new Set(this.kb.actors.map((a) => a.id));
    body.actors.forEach((a, i) => { if (!actors.has(a)) throw invalid(`body.actors.${i}`, "notAnActor", { id: a }); });
    if (body.parent && (body.parent === self || !known.has(body.parent))) throw invalid("body.parent", "institutionNotReadable", { id: body.parent });
  }

  private checkPartnership(body: PartnershipBody, known: Set<string>) {
    body.members.forEach((m, i) => { if (!known.has(m)) throw invalid(`body.members.${i}`, "institutionNotReadable", { id: m }); });
    const practices = new Set(this.kb.practices.map((p) => p.id));
    body.practices.forEach((p, i) => { if (!practices.has(p)) throw invalid(`body.practices.${i}`, "notAPractice", { id: p }); });
  }

  /** A partnership's title, for lists and the audit: its kind's network or the names it joins. */
  private partnershipTitle(body: PartnershipBody, names: Map<string, string>) {
    const who = body.members.map((m) => names.get(m) ?? m).join(" – ");
    const hub = body.network_name ?? (body.network && body.network !== "other" ? body.network.toUpperCase() : undefined);
    return (hub ? `${hub}: ${who}` : who).slice(0, 300);
  }

  private async namesIn(user: User, workspaceId: string, q: Queryable) {
    const r = await this.records.readable(user, { kinds: ["institution"], workspaceId }, undefined, q);
    return new Map([...r.rows, ...r.withheld].map((x) => [x.id, x.title]));
  }

  async createInstitution(user: User, workspaceId: string, input: EnvelopeInput, actor: AuditActor, q?: Queryable) {
    const body = parseBody(institutionBody, input.body);
    const run = async (tx: Queryable) => {
      this.checkInstitution(body, await this.citable(user, workspaceId, tx));
      return this.records.createIn(tx, user, workspaceId, { kind: "institution", title: input.name!, body, marking: input.marking, recipients: input.recipients }, actor);
    };
    return q ? run(q) : this.db.transaction(run);
  }

  async createPartnership(user: User, workspaceId: string, input: EnvelopeInput, actor: AuditActor, q?: Queryable) {
    const body = parseBody(partnershipBody, input.body);
    const run = async (tx: Queryable) => {
      const names = await this.namesIn(user, workspaceId, tx);
      this.checkPartnership(body, new Set(names.keys()));
      const title = input.name?.trim() || this.partnershipTitle(body, names);
      return this.records.createIn(tx, user, workspaceId, { kind: "partnership", title, body, marking: input.marking, recipients: input.recipients }, actor);
    };
    return q ? run(q) : this.db.transaction(run);
  }

  /** Changes an institution or a partnership: its body is checked as on creation; marking and title as any record's. */
  async update(user: User, id: string, input: Partial<EnvelopeInput> & { reason?: string }, actor: AuditActor) {
    const row = await this.records.ofKind(user, id, ["institution", "partnership"], "institution", true);
    let body: InstitutionBody | PartnershipBody | undefined;
    if (input.body !== undefined) {
      if (row.kind === "institution") {
        const b = parseBody(institutionBody, input.body);
        this.checkInstitution(b, await this.citable(user, row.workspace_id, this.db), id);
        body = b;
      } else {
        const b = parseBody(partnershipBody, input.body);
        this.checkPartnership(b, new Set((await this.namesIn(user, row.workspace_id, this.db)).keys()));
        body = b;
      }
    }
    return this.records.update(user, id, {
      ...(input.name !== undefined ? { title: input.name } : {}), ...(body ? { body } : {}),
      ...(input.marking ? { marking: input.marking } : {}), ...(input.recipients ? { recipients: input.recipients } : {}), reason: input.reason,
    }, actor, { own: row.kind });
  }

  async graph(user: User, workspaceId: string, filter: NetworkFilter, lang?: string) {
    const d = await this.directory(user, workspaceId);
    const g = networkGraph(this.netKb(lang), d.institutions.map(asInstitution), d.partnerships.map(asPartnership), filter, today());
    return { ...g, withheld: d.withheld };
  }

  async gaps(user: User, workspaceId: string, filter: NetworkFilter, lang?: string) {
    const d = await this.directory(user, workspaceId);
    return { items: networkGaps(this.netKb(lang), d.institutions.map(asInstitution), d.partnerships.map(asPartnership), filter, today(), this.names(lang)) };
  }

  /**
   * Who should be at the table: the actors a scenario casts (its roles), or given practices
   * expect, or a training's audience, each with the institutions of the map that play it.
   */
  async table(user: User, workspaceId: string, need: { scenario?: string; practices?: string[]; actors?: string[]; country?: string }, lang?: string) {
    const d = await this.directory(user, workspaceId);
    const k = this.kbIn(lang);
    let actors: string[] = [];
    if (need.scenario) {
      const sc = k.scenarios.find((s) => s.id === need.scenario);
      if (!sc) throw invalid("scenario", "notAScenario", { id: need.scenario });
      actors.push(...sc.roles.map((r) => r.actor));
    }
    for (const [i, p] of (need.practices ?? []).entries()) {
      const practice = k.practices.find((x) => x.id === p);
      if (!practice) throw invalid(`practices.${i}`, "notAPractice", { id: p });
      actors.push(...practice.actors);
    }
    const known = new Set(k.actors.map((a) => a.id));
    for (const [i, a] of (need.actors ?? []).entries()) {
      if (!known.has(a)) throw invalid(`actors.${i}`, "notAnActor", { id: a });
      actors.push(a);
    }
    actors = [...new Set(actors)];
    return { seats: atTheTable(this.netKb(lang), d.institutions.map(asInstitution), actors, need.country, this.names(lang)) };
  }

  /** The directory as CSV (institutions or partnerships), in the columns the import reads (audited). */
  async exportCsv(user: User, workspaceId: string, what: "institutions" | "partnerships", actor: AuditActor): Promise<string> {
    const d = await this.directory(user, workspaceId);
    await appendAudit(this.db, actor, { action: "network.export", targetKind: "workspace", targetId: workspaceId, details: { what, count: what === "institutions" ? d.institutions.length : d.partnerships.length } });
    if (what === "institutions") {
      return toCsv([[...institutionColumns], ...d.institutions.map((r) => {
        const b = r.body as InstitutionBody;
        return [r.id, r.title, b.kind, b.country ?? "", b.actors.join(";"), b.mandate ?? "", b.mailbox ?? "", b.parent ?? "", r.marking];
      })]);
    }
    return toCsv([[...partnershipColumns], ...d.partnerships.map((r) => {
      const b = r.body as PartnershipBody;
      return [r.id, b.kind, b.members.join(";"), b.network ?? "", b.network_name ?? "", b.status, b.start ?? "", b.end ?? "", b.practices.join(";"), b.notes ?? "", r.marking];
    })]);
  }

  /**
   * Imports institutions or partnerships from CSV, all rows or none. Members and parents are
   * named by id or exact name (institutions of the same file count). Every refused row is
   * reported with its line and field; nothing is written unless every row is good.
   */
  async importCsv(user: User, workspaceId: string, what: "institutions" | "partnerships", text: string, defaultMarking: Marking, actor: AuditActor) {
    await this.member(user, workspaceId);
    const columns = what === "institutions" ? institutionColumns : partnershipColumns;
    const table = readCsvUpload(text, { columns, required: what === "institutions" ? ["name", "kind", "actors"] : ["kind", "members"] });
    const errors: (FieldError & { row: number; line: number; field: string })[] = [];
    const refused = new Error("rows refused"); // rolls the transaction back
    const result = await this.db.transaction(async (tx) => {
      const names = await this.namesIn(user, workspaceId, tx);
      const byName = new Map([...names].map(([id, n]) => [n.toLowerCase(), id]));
      const resolve = (key: string) => (names.has(key) ? key : byName.get(key.toLowerCase()) ?? key);
      let created = 0;
      for (const [i, r] of table.records.entries()) {
        const row = i + 1, line = table.lines[i];
        const markingCell = (r.marking ?? "").trim() as Marking;
        try {
          if (what === "institutions") {
            const body = {
              kind: r.kind.trim(), actors: list(r.actors),
              ...(r.country?.trim() ? { country: r.country.trim().toUpperCase() } : {}),
              ...(r.mandate?.trim() ? { mandate: r.mandate.trim() } : {}),
              ...(r.mailbox?.trim() ? { mailbox: r.mailbox.trim() } : {}),
              ...(r.parent?.trim() ? { parent: resolve(r.parent.trim()) } : {}),
            };
            if (!r.name?.trim()) throw invalid("csv.name", "empty");
            const made = await this.createInstitution(user, workspaceId, { name: r.name.trim(), marking: markingCell || defaultMarking, body }, actor, tx);
            names.set(made.id, made.title);
            byName.set(made.title.toLowerCase(), made.id);
          } else {
            const body = {
              kind: r.kind.trim(), members: list(r.members).map(resolve),
              ...(r.network?.trim() ? { network: r.network.trim() } : {}), ...(r.network_name?.trim() ? { network_name: r.network_name.trim() } : {}),
              ...(r.status?.trim() ? { status: r.status.trim() } : {}), ...(r.start?.trim() ? { start: r.start.trim() } : {}), ...(r.end?.trim() ? { end: r.end.trim() } : {}),
              practices: list(r.practices), ...(r.notes?.trim() ? { notes: r.notes.trim() } : {}),
            };
            await this.createPartnership(user, workspaceId, { marking: markingCell || defaultMarking, body }, actor, tx);
          }
          created++;
        } catch (e) {
          const first = e instanceof Problem ? e.errors?.[0] : undefined;
          if (!first) throw e;
          const field = first.param.replace(/^(csv|body)\./, "");
          errors.push({ ...first, param: `csv.${field}`, row, line, field });
        }
      }
      // One refused row and nothing is written: the transaction is rolled back.
      if (errors.length) throw refused;
      await appendAudit(tx, actor, { action: "network.import", targetKind: "workspace", targetId: workspaceId, details: { what, rows: created } });
      return { imported: created };
    }).catch((e) => {
      if (e === refused) return { imported: 0, rejected: errors.length, errors };
      throw e;
    });
    return result;
  }
}
