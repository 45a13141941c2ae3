/**
 * Cohorts of a regional training (docs/decisions/0039). A trainer creates a cohort in a workspace
 * (a record of kind "training-cohort": marking, retention and the audit apply, and it cites the
 * directory's institutions it invites, so it is never readable more widely than they are).
 * Participants join with a code under a pseudonym (signed in or not), take the pre-test, learn the
 * scheduled modules on their phone, take the post-test; the server scores the tests and keeps one
 * answer per participant, test and question. The trainer, and only the cohort's trainers, reads
 * progress and gains, issues certificates and sends the practices that did not land into a
 * self-assessment's action plan.
 */
import type { Db, Queryable } from "../../db/connection.js";
import type { Lang } from "../../core/i18n/format.js";
import { msg, type Msg } from "../../core/i18n/messages.js";
import { practiceRef, practiceTitled } from "../../core/i18n/practices.js";
import type { KnowledgeBase, Question } from "../../core/knowledge/schema.js";
import type { Marking } from "../../core/platform/markings.js";
import { isAudience, type Audience } from "../../core/training/audiences.js";
import { drawTest, gains, isCorrect, LANDED_SHARE, responseProblem, weakPractices, type AnswerFact, type TestPhase } from "../../core/training/cohort.js";
import { learnerQuestion } from "../../core/training/learnerQuestion.js";
import { answeredStatement, progressStatement, type Statement, type XapiScope } from "../../core/training/xapi.js";
import { translator } from "../../core/i18n/catalogues.js";
import { learningPath, type LearningPath } from "../../core/training/paths.js";
import { Problem } from "../http/problem.js";
import { invalid, keyed } from "../http/validation.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import { newId, newSecret, sha256 } from "../platform/crypto.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { RecordsService } from "../platform/records.service.js";
import type { ActionsService } from "../plans/actions.service.js";
import type { ValidationKey } from "../../core/i18n/validation/en.js";
import { code, normaliseCode, publicBase } from "../exercises/sessions.service.js";
import { recordStatements } from "./lrs.js";

/** Codes come from the exercises' alphabet (no 0/O, 1/I/L) and are typed in any case, with spaces or hyphens. */
export const COHORT_CODE_LENGTH = 6;
/** About 64 bits: a certificate code can be printed, read aloud and typed, and not guessed. */
export const CERTIFICATE_CODE_LENGTH = 13;

export const COHORT_KIND = "training-cohort";

interface CohortRow { id: string; audience: Audience; language: string; join_code: string; joining_open: boolean; test: string[]; test_open: TestPhase | null; max_participants: number; created_at: string }
interface ParticipantRow { id: string; cohort_id: string; pseudonym: string; user_id: string | null; audience: string; institution_id: string | null; language: string; joined_at: string; certificate_code: string | null; certificate_at: string | null }
export interface ScheduleItem { module: string; opens_on?: string | null; due_on?: string | null }
export interface CohortInput {
  name: string; audience: string; language: string; marking: Marking; test_size: number; max_participants: number;
  schedule: ScheduleItem[]; institutions: string[];
}

/** A refusal with a validation message key and a status other than 400. */
const refused = (status: number, title: string, param: string, k: ValidationKey, params?: Record<string, string | number>) => {
  const e = keyed(param, `validation.msg.${k}`, params);
  return new Problem(status, title, `${param}: ${e.message}`, [e]);
};
const noCohort = () => refused(404, "Not found", "code", "trainingCodeUnknown");
const badToken = () => refused(401, "Unauthorized", "x-participant-token", "trainingTokenUnknown");

export class CohortsService {
  private readonly paths = new Map<string, LearningPath>();
  constructor(
    private readonly db: Db, private readonly kb: KnowledgeBase, private readonly records: RecordsService,
    private readonly actions: ActionsService,
    /** the knowledge base in each translated language (decision 0022) */
    private readonly kbIn: (lang: string) => KnowledgeBase,
    /** where a failure to keep xAPI statements is reported (they never fail an answer) */
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /**
   * xAPI statements of a participant's learning (decision 0041), kept locally and sent to the
   * LRS when one is configured, after the answer is kept and without delaying it. The actor is the
   * participant's random id (never their pseudonym), the registration the cohort.
   */
  private emit(p: { id: string; cohort_id: string; language: string }, audience: Audience, build: (scope: XapiScope) => Statement[]) {
    const scope: XapiScope = {
      homePage: publicBase() ?? `http://localhost:${process.env.PORT || 8080}`, learner: p.id, audience, registration: p.cohort_id,
      pathName: translator(p.language as Lang)(msg(`training.msg.audience.${audience}` as never)), language: p.language,
    };
    void (async () => {
      const statements = build(scope);
      if (statements.length) await recordStatements(this.db, statements, { cohortId: p.cohort_id, participantId: p.id });
    })().catch((e: Error) => this.warn(`xAPI statements not kept: ${e.message}`));
  }

  /** The path of an audience in a language (English ids, the reader's texts). */
  path(audience: Audience, lang = "en"): LearningPath {
    const k = `${audience}|${lang}`;
    let p = this.paths.get(k);
    if (!p) { p = learningPath(this.kbIn(lang), audience); this.paths.set(k, p); }
    return p;
  }
  private question(id: string, lang = "en"): Question | undefined {
    return this.kbIn(lang).questions.find((q) => q.id === id) ?? this.kb.questions.find((q) => q.id === id);
  }

  // ————— trainers —————

  async create(user: User, workspace: string, input: CohortInput, actor: AuditActor) {
    if (!isAudience(input.audience)) throw invalid("audience", "unknownId", { id: input.audience });
    const path = this.path(input.audience);
    const modules = new Set(path.modules.map((m) => m.id));
    this.checkSchedule(input.schedule, modules);
    const known = await this.records.readable(user, { kinds: ["institution"], workspaceId: workspace });
    const citable = new Set([...known.rows, ...known.withheld].map((r) => r.id));
    input.institutions.forEach((id, i) => {
      if (!citable.has(id)) throw invalid(`institutions.${i}`, "institutionNotReadable", { id });
      if (input.institutions.indexOf(id) !== i) throw invalid(`institutions.${i}`, "usedTwice", { id });
    });
    const rec = await this.db.transaction(async (tx) => {
      const rec = await this.records.createIn(tx, user, workspace, {
        kind: COHORT_KIND, title: input.name, marking: input.marking,
        body: { audience: input.audience, trainers: [user.id], institutions: input.institutions },
      }, actor);
      const test = drawTest(this.kb, path, input.test_size, rec.id);
      for (let attempt = 0; ; attempt++) {
        const r = await tx.query("insert into training_cohort (id, audience, language, join_code, test, max_participants) values ($1, $2, $3, $4, $5::jsonb, $6) on conflict do nothing returning id",
          [rec.id, input.audience, input.language, code(COHORT_CODE_LENGTH), JSON.stringify(test), input.max_participants]);
        if (r.rows.length) break;
        if (attempt > 5) throw new Error("could not draw a free join code");
      }
      await this.writeSchedule(tx, rec.id, input.schedule);
      return rec;
    });
    return this.details(user, rec.id, "write");
  }

  private checkSchedule(schedule: ScheduleItem[], modules: Set<string>) {
    schedule.forEach((s, i) => {
      if (!modules.has(s.module)) throw invalid(`schedule.${i}.module`, "trainingNotAModule", { id: s.module });
      if (schedule.findIndex((x) => x.module === s.module) !== i) throw invalid(`schedule.${i}.module`, "usedTwice", { id: s.module });
      if (s.opens_on && s.due_on && s.due_on < s.opens_on) throw invalid(`schedule.${i}.due_on`, "endBeforeStart");
    });
  }
  private async writeSchedule(tx: Queryable, id: string, schedule: ScheduleItem[]) {
    await tx.query("delete from training_schedule where cohort_id = $1", [id]);
    for (const [i, s] of schedule.entries()) {
      await tx.query("insert into training_schedule (cohort_id, module, position, opens_on, due_on) values ($1, $2, $3, $4, $5)", [id, s.module, i, s.opens_on ?? null, s.due_on ?? null]);
    }
  }

  /**
   * The cohort if the user reads it through the kernel (AMBER+STRICT and RED with a reason,
   * audited) and is one of its trainers; any other user gets the same 404 as for no cohort.
   */
  async cohort(user: User, id: string, purpose: "read" | "write" = "read"): Promise<RecordRow & CohortRow & { trainers: string[]; institutions: string[] }> {
    const row = purpose === "read"
      ? await this.records.ofKindForMember(user, id, [COHORT_KIND], "training cohort")
      : await this.records.ofKind(user, id, [COHORT_KIND], "training cohort", true);
    const body = row.body as { trainers?: string[]; institutions?: string[] };
    if (!(body.trainers ?? []).includes(user.id)) throw new Problem(404, "Not found", "training cohort does not exist");
    const { rows } = await this.db.query<CohortRow>("select * from training_cohort where id = $1", [id]);
    return { ...row, ...rows[0], trainers: body.trainers ?? [], institutions: body.institutions ?? [] };
  }

  /** The cohorts of a workspace that the user trains (and reads). */
  async list(user: User, workspace: string) {
    const read = await this.records.readable(user, { kinds: [COHORT_KIND], workspaceId: workspace });
    const mine = [...read.rows, ...read.withheld].filter((r) => ((r.body as { trainers?: string[] }).trainers ?? []).includes(user.id));
    if (!mine.length) return { items: [] };
    const { rows } = await this.db.query<CohortRow & { participants: number }>(
      "select c.*, (select count(*)::int from training_participant p where p.cohort_id = c.id) as participants from training_cohort c where c.id = any($1::text[])", [mine.map((r) => r.id)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      items: mine.map((r) => {
        const c = byId.get(r.id);
        const withheld = read.withheld.includes(r);
        return { id: r.id, name: withheld ? null : r.title, marking: r.marking, withheld, audience: c?.audience, audience_name: c && msg(`training.msg.audience.${c.audience}`), participants: c?.participants ?? 0, test_open: c?.test_open ?? null, created_at: r.created_at };
      }),
    };
  }

  private async schedule(q: Queryable, id: string) {
    const { rows } = await q.query<{ module: string; opens_on: string | Date | null; due_on: string | Date | null }>("select module, opens_on, due_on from training_schedule where cohort_id = $1 order by position", [id]);
    const day = (d: string | Date | null) => (d === null ? null : typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));
    return rows.map((r) => ({ module: r.module, opens_on: day(r.opens_on), due_on: day(r.due_on) }));
  }

  private async participants(q: Queryable, id: string) {
    return (await q.query<ParticipantRow>("select * from training_participant where cohort_id = $1 order by joined_at, id", [id])).rows;
  }

  /** What the trainer's console shows: code, schedule, test, and each participant's progress. */
  async details(user: User, id: string, purpose: "read" | "write" = "read", lang = "en") {
    const c = await this.cohort(user, id, purpose);
    const path = this.path(c.audience, lang);
    const schedule = await this.schedule(this.db, id);
    const people = await this.participants(this.db, id);
    const done = (await this.db.query<{ participant_id: string; module: string; right_answers: number; questions: number }>(
      "select g.participant_id, g.module, g.right_answers, g.questions from training_progress g join training_participant p on p.id = g.participant_id where p.cohort_id = $1", [id])).rows;
    const answered = (await this.db.query<{ participant_id: string; phase: TestPhase; n: number; right: number }>(
      "select participant_id, phase, count(*)::int as n, count(*) filter (where correct)::int as right from training_answer where cohort_id = $1 group by participant_id, phase", [id])).rows;
    const institutions = await this.institutionNames(user, c.workspace_id, c.institutions);
    return {
      id, name: c.title, marking: c.marking, workspace: c.workspace_id,
      audience: { id: c.audience, name: msg(`training.msg.audience.${c.audience}`) },
      language: c.language, join_code: c.join_code, join_url: `/learn?code=${encodeURIComponent(c.join_code)}`, joining_open: c.joining_open, max_participants: c.max_participants,
      test: { open: c.test_open, questions: c.test.length },
      modules: path.modules.map((m) => ({ id: m.id, title: m.title, questions: m.questions.length })),
      schedule,
      institutions,
      participants: people.map((p) => ({
        id: p.id, pseudonym: p.pseudonym, audience: p.audience, signed_in: p.user_id !== null,
        institution: p.institution_id ? institutions.find((i) => i.id === p.institution_id)?.name ?? null : null,
        joined_at: p.joined_at,
        modules_done: done.filter((d) => d.participant_id === p.id).map((d) => ({ module: d.module, right: d.right_answers, of: d.questions })),
        tests: Object.fromEntries(answered.filter((a) => a.participant_id === p.id).map((a) => [a.phase, { answered: a.n, right: a.right }])),
        certificate: p.certificate_code ? { code: p.certificate_code, issued_at: p.certificate_at } : null,
      })),
    };
  }

  /** The invited institutions the user may read, by name (the others are left out). */
  private async institutionNames(user: User, workspace: string, ids: string[]) {
    if (!ids.length) return [];
    const read = await this.records.readable(user, { kinds: ["institution"], workspaceId: workspace, ids });
    return read.rows.map((r) => ({ id: r.id, name: r.title }));
  }

  async update(user: User, id: string, patch: { joining_open?: boolean; test_open?: TestPhase | null; schedule?: ScheduleItem[] }, actor: AuditActor) {
    const c = await this.cohort(user, id);
    if (patch.schedule) this.checkSchedule(patch.schedule, new Set(this.path(c.audience).modules.map((m) => m.id)));
    await this.db.transaction(async (tx) => {
      if (patch.joining_open !== undefined) await tx.query("update training_cohort set joining_open = $2 where id = $1", [id, patch.joining_open]);
      if (patch.test_open !== undefined) await tx.query("update training_cohort set test_open = $2 where id = $1", [id, patch.test_open]);
      if (patch.schedule) await this.writeSchedule(tx, id, patch.schedule);
      await appendAudit(tx, actor, { action: "training.cohort.update", targetKind: "record", targetId: id, details: { joining_open: patch.joining_open, test_open: patch.test_open, schedule: patch.schedule?.length } });
    });
    return this.details(user, id, "write");
  }

  /** Removes a participant and everything they answered (removal on request), audited without their pseudonym. */
  async removeParticipant(user: User, id: string, participant: string, actor: AuditActor) {
    await this.cohort(user, id);
    await this.db.transaction(async (tx) => {
      const r = await tx.query("delete from training_participant where id = $1 and cohort_id = $2 returning id", [participant, id]);
      if (!r.rows.length) throw new Problem(404, "Not found", "participant does not exist");
      await appendAudit(tx, actor, { action: "training.participant.remove", targetKind: "record", targetId: id, details: { participant } });
    });
    return { removed: participant };
  }

  /** Every answer of the cohort's tests, as facts for the gains. */
  private async facts(id: string): Promise<{ joined: { id: string; audience: string }[]; answers: AnswerFact[] }> {
    const people = await this.participants(this.db, id);
    const { rows } = await this.db.query<{ participant_id: string; phase: TestPhase; question: string; correct: boolean }>("select participant_id, phase, question, correct from training_answer where cohort_id = $1", [id]);
    const audienceOf = new Map(people.map((p) => [p.id, p.audience]));
    return {
      joined: people.map((p) => ({ id: p.id, audience: p.audience })),
      answers: rows.map((r) => ({ participant: r.participant_id, audience: audienceOf.get(r.participant_id) ?? "", phase: r.phase, question: r.question, correct: r.correct })),
    };
  }

  /**
   * Pre/post gains per question, per cited entry (practices, manifestations, indicators) and per
   * participants' audience, each with the counts behind it and, where a concept did not land, why.
   */
  async gains(user: User, id: string, lang = "en") {
    const c = await this.cohort(user, id);
    const { joined, answers } = await this.facts(id);
    const g = gains(this.kb, c.test, joined, answers);
    const kb = this.kbIn(lang);
    const titleOf = (kind: string, entry: string) =>
      kind === "practice" ? kb.practices.find((p) => p.id === entry)?.title
      : kind === "manifestation" ? kb.manifestations.find((m) => m.id === entry)?.name
      : kb.factors.flatMap((f) => f.indicators).find((i) => i.id === entry)?.statement;
    const labelOf = (kind: string, entry: string) => (kind === "practice" ? practiceRef(entry) : undefined);
    return {
      cohort: { id, name: c.title, marking: c.marking, audience: { id: c.audience, name: msg(`training.msg.audience.${c.audience}`) } },
      ...g,
      questions: g.questions.map((q) => ({ ...q, stem: this.question(q.question, lang)?.stem ?? "", about: { ...q.about, title: titleOf(q.about.kind, q.about.id) ?? "" }, ...(q.landed ? {} : { why: msg(`training.msg.verdict.${q.reason}`) }) })),
      entries: g.entries.map((e) => ({ ...e, title: titleOf(e.kind, e.id) ?? "", label: labelOf(e.kind, e.id), ...(e.landed ? {} : { why: msg(`training.msg.verdict.${e.reason}`) }) })),
      audiences: g.audiences.map((a) => ({ ...a, name: msg(`training.msg.audience.${a.audience}`) })),
      weak_practices: weakPractices(g),
    };
  }

  /**
   * Certificates for every participant who finished: the whole post-test answered and every
   * scheduled module done. Each gets a code once; issuing again changes nothing for them.
   */
  async issueCertificates(user: User, id: string, actor: AuditActor) {
    const c = await this.cohort(user, id);
    const scheduled = (await this.schedule(this.db, id)).map((s) => s.module);
    return this.db.transaction(async (tx) => {
      const people = await this.participants(tx, id);
      const post = (await tx.query<{ participant_id: string; n: number }>("select participant_id, count(*)::int as n from training_answer where cohort_id = $1 and phase = 'post' group by participant_id", [id])).rows;
      const done = (await tx.query<{ participant_id: string; module: string }>("select g.participant_id, g.module from training_progress g join training_participant p on p.id = g.participant_id where p.cohort_id = $1", [id])).rows;
      let issued = 0;
      for (const p of people) {
        if (p.certificate_code) continue;
        const finished = (post.find((x) => x.participant_id === p.id)?.n ?? 0) >= c.test.length && scheduled.every((m) => done.some((d) => d.participant_id === p.id && d.module === m));
        if (!finished) continue;
        await tx.query("update training_participant set certificate_code = $2, certificate_at = now() where id = $1", [p.id, code(CERTIFICATE_CODE_LENGTH)]);
        issued++;
      }
      await appendAudit(tx, actor, { action: "training.certificates", targetKind: "record", targetId: id, details: { issued } });
      const all = await this.participants(tx, id);
      return { issued, certificates: all.filter((p) => p.certificate_code).map((p) => ({ participant: p.id, pseudonym: p.pseudonym, code: p.certificate_code })), not_finished: all.filter((p) => !p.certificate_code).length };
    });
  }

  /** One participant's certificate, for the trainer to print. */
  async certificate(user: User, id: string, participant: string) {
    const c = await this.cohort(user, id);
    const p = (await this.participants(this.db, id)).find((x) => x.id === participant);
    if (!p?.certificate_code) throw new Problem(404, "Not found", "certificate does not exist");
    return this.certificateFacts(p, c);
  }

  private async certificateFacts(p: ParticipantRow, c: { audience: Audience; language: string; id: string }) {
    const modules = (await this.schedule(this.db, c.id)).map((s) => s.module);
    const post = (await this.db.query<{ n: number; right: number }>("select count(*)::int as n, count(*) filter (where correct)::int as right from training_answer where participant_id = $1 and phase = 'post'", [p.id])).rows[0];
    return {
      // printed in the holder's own language (the one they joined in)
      code: p.certificate_code!, holder: p.pseudonym, audience: c.audience, language: p.language,
      issued_on: new Date(p.certificate_at!).toISOString().slice(0, 10),
      modules, post: { right: post.right, of: post.n },
    };
  }

  /**
   * Anyone may check a certificate by its code: whether it is valid, the name on it, the path and
   * the day it was issued. Nothing else (no cohort, workspace or other participant) is answered.
   */
  async verify(codeTyped: string, lang = "en") {
    const typed = normaliseCode(codeTyped);
    const { rows } = await this.db.query<ParticipantRow & { audience_path: Audience; cohort_language: string }>(
      "select p.*, c.audience as audience_path, c.language as cohort_language from training_participant p join training_cohort c on c.id = p.cohort_id join record r on r.id = c.id where p.certificate_code = $1 and r.deleted_at is null", [typed]);
    const p = rows[0];
    if (!p) throw refused(404, "Not found", "code", "trainingCertificateUnknown");
    const f = await this.certificateFacts(p, { audience: p.audience_path, language: p.cohort_language, id: p.cohort_id });
    const path = this.path(p.audience_path, lang);
    return {
      valid: true, code: f.code, holder: f.holder, issued_on: f.issued_on,
      path: { audience: p.audience_path, name: msg(`training.msg.audience.${p.audience_path}`) },
      modules: f.modules.map((m) => path.modules.find((x) => x.id === m)?.title ?? msg("common.msg.text", { text: m })),
    };
  }

  /**
   * Sends practices that did not land into a self-assessment's action plan as capacity-building
   * actions: every practice must be a weak one of this cohort and in the plan's scope, and all the
   * actions are written in one transaction, or none.
   */
  async toPlan(user: User, id: string, selfAssessment: string, practices: string[], actor: AuditActor, lang = "en") {
    const c = await this.cohort(user, id);
    const g = await this.gains(user, id, lang);
    const weak = new Set(g.weak_practices);
    practices.forEach((p, i) => {
      if (!weak.has(p)) throw invalid(`practices.${i}`, "trainingNotWeak", { id: p });
      if (practices.indexOf(p) !== i) throw invalid(`practices.${i}`, "usedTwice", { id: p });
    });
    const kb = this.kbIn(lang);
    const t = translator(lang as Lang);
    const items = practices.map((p) => {
      const e = g.entries.find((x) => x.kind === "practice" && x.id === p)!;
      const practice = kb.practices.find((x) => x.id === p)!;
      const why: Msg = msg("training.msg.action.why", { cohort: c.title, right: e.post.right, of: e.post.of, gain: e.gain ?? 0 });
      return { practice: p, title: t(msg("training.msg.action.title", { practice: practiceTitled(p, practice.title) })), why };
    });
    const created = await this.actions.addAll(user, selfAssessment, items, actor, { action: "training.to-plan", cohort: id });
    return { created: created.length, actions: created };
  }

  // ————— participants —————

  private async byCode(typed: string) {
    const { rows } = await this.db.query<CohortRow & { deleted: boolean; title: string; institutions: string[] }>(
      "select c.*, r.deleted_at is not null as deleted, r.title, coalesce(r.body->'institutions', '[]'::jsonb) as institutions from training_cohort c join record r on r.id = c.id where c.join_code = $1", [normaliseCode(typed)]);
    const c = rows[0];
    if (!c || c.deleted) throw noCohort();
    return c;
  }

  /**
   * What one who holds the join code sees before joining: the path's audience and the invited
   * institutions to choose from (names only; the list is as private as the code).
   */
  async joinInfo(typed: string) {
    const c = await this.byCode(typed);
    return { audience: { id: c.audience, name: msg(`training.msg.audience.${c.audience}`) }, institutions: await this.offered(c.institutions) };
  }

  /**
   * The invited institutions a participant may name: those marked TLP:CLEAR or GREEN, whose names
   * may go to anyone in the community. A participant holds a code, not an account, so the kernel
   * cannot decide for them; an AMBER or narrower institution is not offered (the trainer sees it).
   */
  private async offered(invited: string[]) {
    const { rows } = await this.db.query<{ id: string; title: string }>(
      "select id, title from record where id = any($1::text[]) and deleted_at is null and marking in ('CLEAR', 'GREEN') order by title", [invited]);
    return rows.map((r) => ({ id: r.id, name: r.title }));
  }

  async join(input: { code: string; pseudonym: string; audience?: string; institution?: string; language: string; consent: true }, user?: User) {
    const c = await this.byCode(input.code);
    if (input.audience && !isAudience(input.audience)) throw invalid("audience", "unknownId", { id: input.audience });
    if (input.institution && !(await this.offered(c.institutions)).some((i) => i.id === input.institution)) throw invalid("institution", "trainingInstitutionNotInvited", { id: input.institution });
    const token = newSecret();
    const pid = newId();
    await this.db.transaction(async (tx) => {
      const locked = (await tx.query<{ joining_open: boolean }>("select joining_open from training_cohort where id = $1 for update", [c.id])).rows[0];
      if (!locked.joining_open) throw refused(409, "Conflict", "code", "trainingJoiningClosed");
      const count = (await tx.query<{ n: number }>("select count(*)::int as n from training_participant where cohort_id = $1", [c.id])).rows[0].n;
      if (count >= c.max_participants) throw refused(409, "Conflict", "code", "trainingFull", { n: c.max_participants });
      const taken = await tx.query("select 1 from training_participant where cohort_id = $1 and lower(pseudonym) = lower($2)", [c.id, input.pseudonym]);
      if (taken.rows.length) throw invalid("pseudonym", "trainingNameTaken");
      await tx.query("insert into training_participant (id, cohort_id, pseudonym, user_id, audience, institution_id, language, consent_at, token_hash) values ($1, $2, $3, $4, $5, $6, $7, now(), $8)",
        [pid, c.id, input.pseudonym, user?.id ?? null, input.audience ?? c.audience, input.institution ?? null, input.language, sha256(token)]);
    });
    return { token, participant: { id: pid, pseudonym: input.pseudonym }, ...(await this.me(token, input.language)) };
  }

  private async participantOf(token: string | undefined) {
    if (!token) throw badToken();
    const { rows } = await this.db.query<ParticipantRow>("select p.* from training_participant p join record r on r.id = p.cohort_id where p.token_hash = $1 and r.deleted_at is null", [sha256(token)]);
    if (!rows[0]) throw badToken();
    return rows[0];
  }
  private async cohortRow(id: string) {
    return (await this.db.query<CohortRow & { title: string }>("select c.*, r.title from training_cohort c join record r on r.id = c.id where c.id = $1", [id])).rows[0];
  }

  /** A participant's view: the path's scheduled modules, which test is open, what they have done. */
  async me(token: string | undefined, lang = "en") {
    const p = await this.participantOf(token);
    const c = await this.cohortRow(p.cohort_id);
    const path = this.path(c.audience, lang);
    const schedule = await this.schedule(this.db, c.id);
    const done = (await this.db.query<{ module: string; done_at: string; right_answers: number; questions: number }>("select module, done_at, right_answers, questions from training_progress where participant_id = $1", [p.id])).rows;
    const tests = (await this.db.query<{ phase: TestPhase; n: number; right: number }>("select phase, count(*)::int as n, count(*) filter (where correct)::int as right from training_answer where participant_id = $1 group by phase", [p.id])).rows;
    return {
      cohort: { name: c.title, audience: { id: c.audience, name: msg(`training.msg.audience.${c.audience}`) }, language: c.language },
      me: { id: p.id, pseudonym: p.pseudonym, audience: p.audience, certificate: p.certificate_code },
      test: {
        open: c.test_open, questions: c.test.length,
        // Scores of a test are shown once it is closed for the pre-test, at once for the post-test.
        pre: tests.find((t) => t.phase === "pre") ? { answered: tests.find((t) => t.phase === "pre")!.n, right: c.test_open === "pre" ? null : tests.find((t) => t.phase === "pre")!.right } : null,
        post: tests.find((t) => t.phase === "post") ? { answered: tests.find((t) => t.phase === "post")!.n, right: tests.find((t) => t.phase === "post")!.right } : null,
      },
      modules: schedule.map((s) => {
        const m = path.modules.find((x) => x.id === s.module);
        const d = done.find((x) => x.module === s.module);
        return { ...s, title: m?.title ?? msg("common.msg.text", { text: s.module }), done: d ? { at: new Date(d.done_at).toISOString(), right: d.right_answers, of: d.questions } : null };
      }),
    };
  }

  /** The open test's questions without their answers (ordering ones shuffled), with what the participant already answered. */
  async test(token: string | undefined, phase: TestPhase, lang = "en") {
    const p = await this.participantOf(token);
    const c = await this.cohortRow(p.cohort_id);
    if (c.test_open !== phase) throw refused(409, "Conflict", "phase", "trainingTestClosed", { phase });
    const answered = (await this.db.query<{ question: string }>("select question from training_answer where participant_id = $1 and phase = $2", [p.id, phase])).rows.map((r) => r.question);
    return {
      phase,
      questions: c.test.map((id) => {
        const q = this.question(id, lang)!;
        const l = learnerQuestion(q);
        return { id: l.id, type: l.type, stem: l.stem, ...(l.case ? { case: l.case } : {}), options: l.options, about: l.about };
      }),
      answered,
    };
  }

  /**
   * Scores and keeps a participant's answers to the open test. Every answer is checked before any
   * is kept; an answer already kept for a question is not counted again (sending twice, after a
   * lost reply, changes nothing).
   */
  async answer(token: string | undefined, phase: TestPhase, answers: { question: string; response: string[] }[]) {
    // The participant and their cohort's test in one read: a room answers at once, so each answer costs two statements.
    if (!token) throw badToken();
    const { rows: found } = await this.db.query<{ id: string; cohort_id: string; language: string; audience: Audience; test: string[]; test_open: TestPhase | null }>(
      "select p.id, p.cohort_id, p.language, c.audience, c.test, c.test_open from training_participant p join training_cohort c on c.id = p.cohort_id join record r on r.id = c.id where p.token_hash = $1 and r.deleted_at is null", [sha256(token)]);
    const p = found[0];
    if (!p) throw badToken();
    if (p.test_open !== phase) throw refused(409, "Conflict", "phase", "trainingTestClosed", { phase });
    const scored = answers.map((a, i) => {
      if (!p.test.includes(a.question)) throw invalid(`answers.${i}.question`, "trainingNotInTest", { id: a.question });
      if (answers.findIndex((x) => x.question === a.question) !== i) throw invalid(`answers.${i}.question`, "usedTwice", { id: a.question });
      const q = this.question(a.question)!;
      const problem = responseProblem(q, a.response);
      if (problem) throw invalid(`answers.${i}.response`, problem);
      return { question: a.question, response: a.response, correct: isCorrect(q, a.response) };
    });
    // One statement, so all the answers are kept or none; an answer already kept for a question is
    // left as it is. The totals add what this statement inserted to what was there before it.
    const { rows } = await this.db.query<{ kept: number; answered: number; right: number }>(
      `with given as (select * from jsonb_to_recordset($4::jsonb) as g(question text, response jsonb, correct boolean)),
       ins as (insert into training_answer (participant_id, cohort_id, phase, question, response, correct)
               select $1, $2, $3, question, response, correct from given on conflict do nothing returning correct),
       old as (select count(*)::int as n, (count(*) filter (where correct))::int as r from training_answer where participant_id = $1 and phase = $3)
       select (select count(*)::int from ins) as kept,
              (select n from old) + (select count(*)::int from ins) as answered,
              (select r from old) + (select (count(*) filter (where correct))::int from ins) as right`,
      [p.id, p.cohort_id, phase, JSON.stringify(scored)]);
    const t = rows[0];
    if (t.kept) {
      const finished = t.answered === p.test.length;
      this.emit(p, p.audience, (scope) => [
        ...scored.map((a) => answeredStatement(scope, learnerQuestion(this.question(a.question, p.language)!), a.response, undefined)),
        // The test finished with this sending: passed or failed against the share a concept needs to land.
        ...(finished ? [progressStatement(scope, t.right / p.test.length >= LANDED_SHARE ? "passed" : "failed", { kind: "test", id: phase, name: translator(p.language as Lang)(msg(`training.msg.report.col.${phase}` as never)) }, { raw: t.right, max: p.test.length })] : []),
      ]);
    }
    return { kept: t.kept, answered: t.answered, of: p.test.length, right: phase === "post" ? t.right : null };
  }

  /**
   * Merges the modules a participant finished on their phone (kept offline) into the server's
   * record: a module not yet known is added; one already known keeps the earlier finish and the
   * better score, so syncing an older copy never loses anything.
   */
  async sync(token: string | undefined, modules: { module: string; done_at: string; right: number; of: number }[]) {
    const p = await this.participantOf(token);
    const c = await this.cohortRow(p.cohort_id);
    const path = this.path(c.audience);
    modules.forEach((m, i) => {
      const mod = path.modules.find((x) => x.id === m.module);
      if (!mod) throw invalid(`modules.${i}.module`, "trainingNotAModule", { id: m.module });
      if (m.right > m.of) throw invalid(`modules.${i}.right`, "tooBig", { n: m.of });
      if (m.of > mod.questions.length) throw invalid(`modules.${i}.of`, "tooBig", { n: mod.questions.length });
      if (Date.parse(m.done_at) > Date.now() + 5 * 60_000) throw invalid(`modules.${i}.done_at`, "trainingInFuture");
    });
    const added = await this.db.transaction(async (tx) => {
      const fresh: typeof modules = [];
      for (const m of modules) {
        const r = await tx.query<{ inserted: boolean }>(
          `insert into training_progress (participant_id, module, done_at, right_answers, questions) values ($1, $2, $3, $4, $5)
           on conflict (participant_id, module) do update set done_at = least(training_progress.done_at, excluded.done_at),
             right_answers = greatest(training_progress.right_answers, excluded.right_answers), questions = greatest(training_progress.questions, excluded.questions)
           returning (xmax = 0) as inserted`,
          [p.id, m.module, m.done_at, m.right, m.of]);
        if (r.rows[0]?.inserted) fresh.push(m);
      }
      return fresh;
    });
    const names = this.path(c.audience, p.language);
    this.emit(p, c.audience, (scope) => added.map((m) => progressStatement(scope, "completed", { kind: "module", id: m.module, name: translator(p.language as Lang)(names.modules.find((x) => x.id === m.module)!.title) }, m.of > 0 ? { raw: m.right, max: m.of } : undefined, { timestamp: new Date(m.done_at).toISOString() })));
    return this.me(token);
  }

  /** A participant removes themselves and everything they answered. */
  async leave(token: string | undefined, actor: AuditActor) {
    const p = await this.participantOf(token);
    await this.db.transaction(async (tx) => {
      await tx.query("delete from training_participant where id = $1", [p.id]);
      await appendAudit(tx, actor, { action: "training.participant.leave", targetKind: "record", targetId: p.cohort_id, details: { participant: p.id } });
    });
    return { removed: p.id };
  }

  /** For the report: the cohort's facts as the trainer reads them. */
  /** For the report: the cohort's facts as the trainer reads them, in `lang` or else the session's language. */
  async reportFacts(user: User, id: string, lang?: string) {
    const use = lang ?? (await this.db.query<{ language: string }>("select language from training_cohort where id = $1", [id])).rows[0]?.language ?? "en";
    const details = await this.details(user, id, "read", use);
    const g = await this.gains(user, id, use);
    return { details, gains: g, lang: use };
  }
}
