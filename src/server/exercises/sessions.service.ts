import { randomInt } from "node:crypto";
import type { Db } from "../../db/connection.js";
import type { KnowledgeBase, Scenario } from "../../core/knowledge/schema.js";
import { reasonRequired, type Marking } from "../../core/platform/markings.js";
import type { Member, Status } from "../../core/exercises/events.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import { newId, newSecret, sha256 } from "../platform/crypto.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { RecordsService } from "../platform/records.service.js";
import type { WatchService } from "../watch/watch.service.js";
import type { ExerciseHub } from "./hub.js";
import { invalid } from "../http/validation.js";

/** Codes avoid letters and digits that are easy to confuse (0/O, 1/I/L), and ignore case. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** A random code of `length` characters from that alphabet (join codes, certificate codes). */
export const code = (length: number) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
/**
 * A participant's join code is short, to read off a projector (about 30 bits; joining is
 * rate-limited per address and only open while the facilitator lets people in). An evaluator's
 * code lets someone rate the exercise and read every answer, so it is as strong as a password:
 * 26 characters, about 128 bits (31^26).
 */
export const JOIN_CODE_LENGTH = 6;
export const EVALUATOR_CODE_LENGTH = 26;
/** A code as typed: spaces and hyphens (the console groups the evaluator code) dropped, upper case. */
export const normaliseCode = (typed: string) => typed.replace(/[\s-]+/g, "").toUpperCase();
/** The six UN languages: a participant reads the scenario in theirs, the projector in the session's. */
export const LANGUAGES = ["en", "fr", "ar", "es", "ru", "zh"] as const;
export type SessionLanguage = (typeof LANGUAGES)[number];

/**
 * The base of join links and QR codes: PUBLIC_URL, an absolute http(s) address, never the Host
 * header of a request (which a client or a proxy chooses). Null when unset: links are then
 * relative, and the console completes them with the address its own browser shows.
 */
export function publicBase(value = process.env.PUBLIC_URL): string | null {
  if (!value) return null;
  let url: URL;
  try { url = new URL(value); } catch { throw new Error(`PUBLIC_URL must be an absolute http(s) address such as https://nexus.example.org, got "${value}"`); }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`PUBLIC_URL must start with https:// or http://, got "${value}"`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * How long a reason stated for a TLP:AMBER+STRICT or RED session (an audited read of it with a
 * reason, such as loading its console page) lets the same user's live channel in: a working day
 * of exercise, so a facilitator states it once per session day, not at every reconnection
 * (docs/decisions/0020).
 */
export const REASON_GRANT_HOURS = 12;

interface SessionRow { id: string; scenario: string; scenario_version: number; join_code: string; evaluator_code: string; max_participants: number; joining_open: boolean; created_at: string; language: string; status: Status; participants: number; last_seq: number }

/**
 * Exercise sessions: a facilitator in a workspace starts one from a scenario and gets a join
 * code for participants, another for evaluators and a key for the projector; people join
 * without an account under a pseudonym, with a role or table, a language and their consent.
 */
export class SessionsService {
  /** See publicBase: read once, when the app is built. */
  readonly publicUrl = publicBase();
  constructor(
    private readonly db: Db, readonly kb: KnowledgeBase, private readonly records: RecordsService, private readonly watch: WatchService, readonly hub: ExerciseHub,
    /** the knowledge base in each translated language (decision 0022) */
    private readonly kbIn: ReadonlyMap<string, KnowledgeBase> = new Map(),
  ) {}

  /** The scenario library with its texts in `language` where they are translated. */
  library(language = "en"): Scenario[] {
    return this.kb.scenarios.map((s) => this.scenario(s.id, language));
  }

  /** A scenario of the library, with its texts in `language` where they are translated. */
  scenario(id: string, language = "en"): Scenario {
    const sc = (this.kbIn.get(language) ?? this.kb).scenarios.find((s) => s.id === id) ?? this.kb.scenarios.find((s) => s.id === id);
    if (!sc) throw notFound(`scenario "${id}"`);
    return sc;
  }

  /**
   * The session record if the user may read it in full and belongs to its workspace (facilitators
   * run sessions). To read it ("read"), AMBER+STRICT and RED need the request's reason, and the
   * read is audited as `record.read` with it, like any record; "write" only checks who may act
   * on it, and answers nothing of it.
   */
  async session(user: User, id: string, purpose: "read" | "write" = "read"): Promise<RecordRow & SessionRow> {
    const row = purpose === "read"
      ? await this.records.ofKindForMember(user, id, ["exercise-session"], "exercise session")
      : await this.records.ofKind(user, id, ["exercise-session"], "exercise session", true);
    const s = await this.db.query<SessionRow>("select * from exercise_session where id = $1", [id]);
    return { ...row, ...s.rows[0] };
  }

  /**
   * The reason the user stated for reading a session within the last REASON_GRANT_HOURS: the
   * newest audited `record.read` of it by them that carries a reason (reads of the live channel
   * itself excluded, so reconnecting never extends the grant). Null when there is none.
   */
  async statedReason(user: User, id: string): Promise<{ seq: number; reason: string; at: string } | null> {
    // Measured with the clock that dates audit entries (appendAudit), so the bound and the entry agree.
    const since = new Date(Date.now() - REASON_GRANT_HOURS * 3_600_000).toISOString();
    const { rows } = await this.db.query<{ seq: string; reason: string; at: string | Date }>(
      `select seq, reason, at from audit_log
       where actor_id = $1 and at >= $2 and action = 'record.read' and target_kind = 'record' and target_id = $3
         and reason is not null and coalesce(details->>'via', '') <> 'live'
       order by seq desc limit 1`, [user.id, since, id]);
    return rows[0] ? { seq: Number(rows[0].seq), reason: rows[0].reason, at: new Date(rows[0].at).toISOString() } : null;
  }

  /**
   * Whether the signed-in user's live channel may open the session: they may act on it (a
   * member who reads it in full), and for AMBER+STRICT and RED they stated a reason for it in
   * the last REASON_GRANT_HOURS. Each admitted restricted connection is audited as a
   * `record.read` via the live channel, carrying that reason. Throws a 404 Problem for a session
   * they may not open at all.
   */
  async liveAccess(user: User, id: string, actor: AuditActor): Promise<{ ok: true } | { ok: false; marking: Marking }> {
    const s = await this.session(user, id, "write");
    if (!reasonRequired(s.marking)) return { ok: true };
    const stated = await this.statedReason(user, id);
    if (!stated) return { ok: false, marking: s.marking };
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "record.read", targetKind: "record", targetId: id, reason: stated.reason, details: { level: "content", marking: s.marking, kind: s.kind, via: "live", stated_seq: stated.seq } }));
    return { ok: true };
  }

  async create(user: User, workspace: string, input: { scenario: string; name?: string; marking: Marking; max_participants: number; language: SessionLanguage }, actor: AuditActor) {
    const sc = this.kb.scenarios.find((s) => s.id === input.scenario);
    if (!sc) throw invalid("scenario", "notAScenario", { id: input.scenario });
    const projectorKey = newSecret();
    // The record and its session row land in one transaction; a colliding join code is drawn again.
    const rec = await this.db.transaction(async (tx) => {
      const rec = await this.records.createIn(tx, user, workspace, { kind: "exercise-session", title: input.name ?? sc.title, body: { scenario: sc.id, version: sc.version } as never, marking: input.marking }, actor);
      for (let attempt = 0; ; attempt++) {
        const r = await tx.query("insert into exercise_session (id, scenario, scenario_version, join_code, evaluator_code, projector_key_hash, max_participants, language) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing returning id",
          [rec.id, sc.id, sc.version, code(JOIN_CODE_LENGTH), code(EVALUATOR_CODE_LENGTH), sha256(projectorKey), input.max_participants, input.language]);
        if (r.rows.length) return rec;
        if (attempt > 5) throw new Error("could not draw a free join code");
      }
    });
    // The creator sees back what they just wrote, without a reason (as every record's creation does).
    return { ...(await this.details(user, rec.id, "write")), projector_key: projectorKey };
  }

  async list(user: User, workspace: string) {
    const rows = await this.watch.visible(user, ["exercise-session"], workspace);
    if (!rows.length) return { items: [] };
    const s = await this.db.query<SessionRow>("select * from exercise_session where id = any($1::text[])", [rows.map((r) => r.id)]);
    const byId = new Map(s.rows.map((r) => [r.id, r]));
    // Status and counts are columns the hub writes with every event: no log is folded here.
    return {
      items: rows.map((r) => {
        const session = byId.get(r.id);
        return { id: r.id, name: r.title, marking: r.marking, scenario: session?.scenario, status: session?.status ?? "lobby", participants: session?.participants ?? 0, created_at: r.created_at };
      }),
    };
  }

  /** What the console shows; "write": right after the user changed it (create), so no reason is asked again. */
  async details(user: User, id: string, purpose: "read" | "write" = "read") {
    const s = await this.session(user, id, purpose);
    const { state } = await this.hub.state(id);
    return {
      id, name: s.title, marking: s.marking, workspace: s.workspace_id, scenario: s.scenario, scenario_version: s.scenario_version,
      join_code: s.join_code, join_url: this.joinUrl(s.join_code), evaluator_code: s.evaluator_code, max_participants: s.max_participants, joining_open: s.joining_open, language: s.language,
      status: state.status, members: Object.values(state.members),
    };
  }

  /**
   * The institutions at the table (decision 0035), each with the scenario roles it played. Only
   * institutions the user may read are named; the others are counted as withheld.
   */
  async agencies(user: User, id: string) {
    return this.agenciesOf(user, await this.session(user, id));
  }

  /** The agencies of a session the caller has already read (the after-action report). */
  async agenciesOf(user: User, s: { id: string; workspace_id: string }) {
    const { rows } = await this.db.query<{ institution_id: string; roles: string[] }>("select institution_id, roles from exercise_agency where session_id = $1 order by added_at, institution_id", [s.id]);
    const read = await this.records.readable(user, { kinds: ["institution"], workspaceId: s.workspace_id, ids: rows.map((r) => r.institution_id) });
    const names = new Map(read.rows.map((r) => [r.id, r.title]));
    const items = rows.filter((r) => names.has(r.institution_id)).map((r) => ({ institution: r.institution_id, name: names.get(r.institution_id)!, roles: r.roles }));
    return { items, withheld: rows.length - items.length };
  }

  /** Sets the institutions at the table: institutions of the session's workspace directory, with roles of its scenario. */
  async setAgencies(user: User, id: string, agencies: { institution: string; roles: string[] }[], actor: AuditActor) {
    const s = await this.session(user, id, "write");
    const roles = new Set(this.kb.scenarios.find((x) => x.id === s.scenario)?.roles.map((r) => r.id) ?? []);
    const known = await this.records.readable(user, { kinds: ["institution"], workspaceId: s.workspace_id });
    const citable = new Set([...known.rows, ...known.withheld].map((r) => r.id));
    agencies.forEach((a, i) => {
      if (!citable.has(a.institution)) throw invalid(`agencies.${i}.institution`, "institutionNotReadable", { id: a.institution });
      if (agencies.findIndex((x) => x.institution === a.institution) !== i) throw invalid(`agencies.${i}.institution`, "usedTwice", { id: a.institution });
      a.roles.forEach((r, j) => { if (!roles.has(r)) throw invalid(`agencies.${i}.roles.${j}`, "notARole", { id: r }); });
    });
    await this.db.transaction(async (tx) => {
      await tx.query("delete from exercise_agency where session_id = $1", [id]);
      for (const a of agencies) await tx.query("insert into exercise_agency (session_id, institution_id, roles, added_by) values ($1, $2, $3::jsonb, $4)", [id, a.institution, JSON.stringify([...new Set(a.roles)]), user.id]);
      await appendAudit(tx, actor, { action: "exercises.agencies", targetKind: "record", targetId: id, details: { agencies: agencies.length } });
    });
    return this.agencies(user, id);
  }

  async setJoining(user: User, id: string, open: boolean, actor: AuditActor) {
    // The answer shows the session: for AMBER+STRICT and RED the reason is asked before anything changes.
    await this.session(user, id);
    await this.db.transaction(async (tx) => {
      await tx.query("update exercise_session set joining_open = $2 where id = $1", [id, open]);
      await appendAudit(tx, actor, { action: "exercises.joining", targetKind: "record", targetId: id, details: { open } });
    });
    return this.details(user, id, "write"); // read (and audited) above
  }

  /** The join page, and the join link of a code: absolute with PUBLIC_URL, else relative to the site. */
  joinPage() {
    return `${this.publicUrl ?? ""}/join`;
  }
  joinUrl(joinCode: string) {
    return `${this.joinPage()}?code=${encodeURIComponent(joinCode)}`;
  }

  /** Joins by code: a participant (with a role or table) or, with the evaluator code, an evaluator. */
  /**
   * The roles a participant may pick, for one who holds the join code: names in their language.
   * The list is as private as the code: without a valid participant code nothing is answered.
   */
  async roles(joinCode: string, language: string) {
    const typed = normaliseCode(joinCode);
    const { rows } = await this.db.query<SessionRow>("select * from exercise_session where join_code = $1", [typed]);
    const s = rows[0];
    if (!s) throw new Problem(404, "Not found", "code: no session has this join code", [{ param: "code", message: "no session has this join code; check it with your facilitator" }]);
    const sc = this.scenario(s.scenario, language);
    return { roles: sc.roles.map((r) => ({ id: r.id, name: r.name, actor: r.actor })) };
  }

  async join(input: { code: string; pseudonym: string; role?: string; table?: string; language: SessionLanguage; consent: true }) {
    const typed = normaliseCode(input.code);
    const kind: Member["kind"] = typed.length === EVALUATOR_CODE_LENGTH ? "evaluator" : "participant";
    const { rows } = await this.db.query<SessionRow>(`select * from exercise_session where ${kind === "evaluator" ? "evaluator_code" : "join_code"} = $1`, [typed]);
    const s = rows[0];
    if (!s) throw new Problem(404, "Not found", "code: no session has this join code", [{ param: "code", message: "no session has this join code; check it with your facilitator" }]);
    const sc = this.scenario(s.scenario);
    if (kind === "participant" && !input.role && !input.table) throw badRequest("role", "choose a role or a table");
    if (input.role && !sc.roles.some((r) => r.id === input.role)) throw invalid("role", "notARole", { id: input.role });
    const token = newSecret();
    const member: Member = { id: newId(), pseudonym: input.pseudonym, role: input.role ?? null, table: input.table ?? null, language: input.language, kind };
    await this.hub.join(s.id, member, async (tx, state) => {
      const closed = (what: string) => new Problem(409, "Conflict", `code: ${what}`, [{ param: "code", message: what }]);
      if (state.status === "ended") throw closed("this session has ended");
      const open = await tx.query<{ joining_open: boolean }>("select joining_open from exercise_session where id = $1", [s.id]);
      if (!open.rows[0].joining_open) throw closed("the facilitator has closed joining for this session");
      const count = Object.values(state.members).filter((m) => m.kind === "participant").length;
      if (kind === "participant" && count >= s.max_participants) throw closed(`this session is full (${s.max_participants} participants)`);
      if (Object.values(state.members).some((m) => m.pseudonym.toLowerCase() === input.pseudonym.toLowerCase())) throw badRequest("pseudonym", "someone in this session already uses this name; choose another");
      await tx.query("insert into exercise_member (id, session_id, kind, pseudonym, role, table_name, language, consent_at, token_hash, ballot) values ($1, $2, $3, $4, $5, $6, $7, now(), $8, $9)",
        [member.id, s.id, kind, member.pseudonym, member.role, member.table, member.language, sha256(token), newSecret()]);
    });
    return { session: s.id, token, member, scenario: { id: sc.id, title: this.scenario(sc.id, input.language).title } };
  }

  /** The member a token belongs to (with their secret ballot key, for the hot wash), or null. */
  async memberByToken(token: string) {
    const { rows } = await this.db.query<{ id: string; session_id: string; kind: Member["kind"]; role: string | null; ballot: string; language: string }>("select id, session_id, kind, role, ballot, language from exercise_member where token_hash = $1", [sha256(token)]);
    return rows[0] ?? null;
  }

  /** The most participants a session takes (its sockets per address are bounded from it), or null for no such session. */
  async maxParticipants(id: string): Promise<number | null> {
    const { rows } = await this.db.query<{ max_participants: number }>("select max_participants from exercise_session where id = $1", [id]);
    return rows[0]?.max_participants ?? null;
  }

  /** The session's language when the key is its projector's, else null. */
  async projectorSession(id: string, key: string): Promise<string | null> {
    const { rows } = await this.db.query<{ projector_key_hash: string; language: string }>("select projector_key_hash, language from exercise_session where id = $1", [id]);
    return rows[0]?.projector_key_hash === sha256(key) ? rows[0].language : null;
  }
}
