/**
 * Cohorts of a regional training (docs/decisions/0039): the trainer's routes (signed in, through
 * the records kernel, their cohorts only) and the participant's (public: the join code, then the
 * participant key in the `x-participant-token` header), and the public check of a certificate.
 */
import { z } from "zod";
import qrcode from "qrcode-generator";
import { calendarDate, id, marking, messageKey, name } from "../../core/fields.js";
import { MAX_TEST_SIZE, TEST_PHASES } from "../../core/training/cohort.js";
import { attachment } from "../http/attachment.js";
import { documentQuery, requestLanguage } from "../http/language.js";
import type { RouteRegistry } from "../http/routes.js";
import { JoinLimiter } from "../exercises/exercises.routes.js";
import { LANGUAGES, normaliseCode, publicBase } from "../exercises/sessions.service.js";
import { actorOf } from "../platform/auth.service.js";
import { CERTIFICATE_CODE_LENGTH, COHORT_CODE_LENGTH, type CohortsService } from "./cohorts.service.js";
import type { TrainingDocuments } from "./cohort.documents.js";

const tags = ["training"];
const TOKEN = "x-participant-token";
const tokenOf = (headers: Record<string, unknown>) => (typeof headers[TOKEN] === "string" ? (headers[TOKEN] as string) : undefined);

const language = z.enum(LANGUAGES, { error: messageKey("oneOf") });
const phase = z.enum(TEST_PHASES);
const scheduleItem = z.strictObject({ module: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, messageKey("format.module")), opens_on: calendarDate.nullish(), due_on: calendarDate.nullish() });
const joinCode = z.string().max(60).refine((typed) => { const c = normaliseCode(typed); return /^[A-Z0-9]+$/.test(c) && c.length === COHORT_CODE_LENGTH; }, messageKey("format.other"));
export function registerCohortRoutes(routes: RouteRegistry, cohorts: CohortsService, documents: TrainingDocuments) {
  const base = "/api/v1/training";
  const joins = new JoinLimiter();
  const checks = new JoinLimiter();
  const origin = publicBase() ?? `http://localhost:${process.env.PORT || 8080}`;

  // ————— trainers —————
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/cohorts`, access: "records.read", tags,
    summary: "The cohorts of the workspace that the caller trains",
    params: z.strictObject({ workspace: id }),
    handler: async ({ params, principal }) => cohorts.list(principal!.user, params.workspace),
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/cohorts`, access: "records.write", tags,
    summary: "Create a cohort: a learning path's audience, the session's language, the size of the pre/post test, the scheduled modules and the directory's institutions invited; returns the join code",
    params: z.strictObject({ workspace: id }),
    body: z.strictObject({
      name: name(200), audience: z.string().regex(/^[a-z][a-z-]{0,40}$/, messageKey("format.audience")), language: language.optional(), marking: marking.default("AMBER"),
      test_size: z.number().int().min(3).max(MAX_TEST_SIZE).default(10), max_participants: z.number().int().min(1).max(1000).default(200),
      schedule: z.array(scheduleItem).max(40).default([]), institutions: z.array(id).max(200).default([]),
    }),
    handler: async ({ params, body, principal, req, reply }) => {
      const c = await cohorts.create(principal!.user, params.workspace, { ...body, language: body.language ?? requestLanguage(req) }, actorOf(principal, req));
      reply.code(201);
      return c;
    },
  });
  routes.add({
    method: "GET", url: `${base}/cohorts/:id`, access: "records.read", tags,
    summary: "A cohort for its trainer: join code, schedule, test state and each participant's progress",
    params: z.strictObject({ id }),
    handler: async ({ params, principal, req }) => cohorts.details(principal!.user, params.id, "read", requestLanguage(req)),
  });
  routes.add({
    method: "PATCH", url: `${base}/cohorts/:id`, access: "records.write", tags,
    summary: "Open or close joining, open the pre- or post-test (or none), and set the schedule",
    params: z.strictObject({ id }),
    body: z.strictObject({ joining_open: z.boolean().optional(), test_open: phase.nullable().optional(), schedule: z.array(scheduleItem).max(40).optional() }),
    handler: async ({ params, body, principal, req }) => cohorts.update(principal!.user, params.id, body, actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: `${base}/cohorts/:id/qr.svg`, access: "records.read", tags,
    summary: "A QR code of the cohort's join link (from PUBLIC_URL, never from the request's Host header)",
    params: z.strictObject({ id }),
    handler: async ({ params, principal, reply }) => {
      const c = await cohorts.details(principal!.user, params.id);
      const qr = qrcode(0, "M");
      qr.addData(new URL(c.join_url, origin).href);
      qr.make();
      return reply.type("image/svg+xml").send(qr.createSvgTag({ cellSize: 8, margin: 2, scalable: true }));
    },
  });
  routes.add({
    method: "GET", url: `${base}/cohorts/:id/gains`, access: "records.read", tags,
    summary: "Pre/post gains per question, per practice (or other cited entry) and per participants' audience, with the counts behind each and why a concept did not land",
    params: z.strictObject({ id }),
    handler: async ({ params, principal, req }) => cohorts.gains(principal!.user, params.id, requestLanguage(req)),
  });
  routes.add({
    method: "GET", url: `${base}/cohorts/:id/report/:file`, access: "records.read", tags,
    summary: "The training report as report.pdf, report.docx or gains.csv, in the training session's language (or lang's)",
    params: z.strictObject({ id, file: z.enum(["report.pdf", "report.docx", "gains.csv"]) }), query: documentQuery,
    handler: async ({ params, query, principal, req, reply }) => {
      const f = await documents.report(principal!.user, params.id, params.file, actorOf(principal, req), query.lang);
      return attachment(reply, f.filename, f.contentType).send(f.body);
    },
  });
  routes.add({
    method: "POST", url: `${base}/cohorts/:id/certificates`, access: "records.write", tags,
    summary: "Issue certificates to every participant who answered the whole post-test and finished every scheduled module",
    params: z.strictObject({ id }),
    handler: async ({ params, principal, req }) => cohorts.issueCertificates(principal!.user, params.id, actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: `${base}/cohorts/:id/participants/:participant/certificate.pdf`, access: "records.read", tags,
    summary: "A participant's certificate of completion (PDF with its verification code and QR), in the language they joined in (or lang's)",
    params: z.strictObject({ id, participant: id }), query: documentQuery,
    handler: async ({ params, query, principal, req, reply }) => {
      const f = await documents.certificate(principal!.user, params.id, params.participant, actorOf(principal, req), query.lang);
      return attachment(reply, f.filename, f.contentType).send(f.body);
    },
  });
  routes.add({
    method: "DELETE", url: `${base}/cohorts/:id/participants/:participant`, access: "records.write", tags,
    summary: "Remove a participant and all their answers (removal on request)",
    params: z.strictObject({ id, participant: id }),
    handler: async ({ params, principal, req }) => cohorts.removeParticipant(principal!.user, params.id, params.participant, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: `${base}/cohorts/:id/to-plan`, access: "records.write", tags,
    summary: "Send practices that did not land into a self-assessment's action plan as capacity-building actions, all in one transaction or none",
    params: z.strictObject({ id }),
    body: z.strictObject({ self_assessment: id, practices: z.array(id).min(1, messageKey("tooFew")).max(100) }),
    handler: async ({ params, body, principal, req, reply }) => {
      reply.code(201);
      return cohorts.toPlan(principal!.user, params.id, body.self_assessment, body.practices, actorOf(principal, req), requestLanguage(req));
    },
  });

  // ————— participants (public) —————
  routes.add({
    method: "POST", url: `${base}/join/info`, access: "public", tags,
    summary: "For one who holds a cohort's join code: the path's audience and the invited institutions to choose from; counted with the join attempts",
    body: z.strictObject({ code: joinCode }),
    handler: async ({ body, req, reply }) => joins.attempt(req, reply, () => cohorts.joinInfo(body.code)),
  });
  routes.add({
    method: "POST", url: `${base}/join`, access: "public", tags,
    summary: "Join a cohort with its code, under a pseudonym (signed in or not), with consent; returns the participant key",
    body: z.strictObject({
      code: joinCode,
      pseudonym: z.string().trim().min(2, messageKey("tooShort")).max(40, messageKey("tooLong")).refine((s) => !/[<>\u0000-\u001f]/.test(s), messageKey("format.other")),
      audience: z.string().regex(/^[a-z][a-z-]{0,40}$/, messageKey("format.audience")).optional(),
      institution: id.optional(), language: language.default("en"),
      consent: z.literal(true, { error: messageKey("required") }),
    }),
    handler: async ({ body, req, reply, principal }) => joins.attempt(req, reply, async () => {
      const r = await cohorts.join(body, principal?.user);
      reply.code(201);
      return r;
    }),
  });
  routes.add({
    method: "GET", url: `${base}/me`, access: "public", tags,
    summary: "A participant's view (x-participant-token): the scheduled modules, the open test, what they have done",
    handler: async ({ req }) => cohorts.me(tokenOf(req.headers), requestLanguage(req)),
  });
  routes.add({
    method: "GET", url: `${base}/me/test/:phase`, access: "public", tags,
    summary: "The open test's questions without their answers, and which the participant already answered",
    params: z.strictObject({ phase }),
    handler: async ({ params, req }) => cohorts.test(tokenOf(req.headers), params.phase, requestLanguage(req)),
  });
  routes.add({
    method: "POST", url: `${base}/me/test/:phase/answers`, access: "public", tags,
    summary: "Answers to the open test, scored on the server; an answer already kept is not counted again",
    params: z.strictObject({ phase }),
    body: z.strictObject({ answers: z.array(z.strictObject({ question: id, response: z.array(z.string().max(5)).max(5) })).min(1, messageKey("tooFew")).max(MAX_TEST_SIZE) }),
    handler: async ({ params, body, req }) => cohorts.answer(tokenOf(req.headers), params.phase, body.answers),
  });
  routes.add({
    method: "POST", url: `${base}/me/progress`, access: "public", tags,
    summary: "Merge the modules the participant finished on their phone (offline) into the cohort's record, without losing either side",
    body: z.strictObject({ modules: z.array(z.strictObject({ module: id, done_at: z.iso.datetime({ offset: true }), right: z.number().int().min(0), of: z.number().int().min(0) })).max(40) }),
    handler: async ({ body, req }) => cohorts.sync(tokenOf(req.headers), body.modules),
  });
  routes.add({
    method: "DELETE", url: `${base}/me`, access: "public", tags,
    summary: "A participant removes themselves and all their answers",
    handler: async ({ req, principal }) => cohorts.leave(tokenOf(req.headers), actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: `${base}/certificates/:code`, access: "public", tags,
    summary: "Check a certificate by its code: valid or not, the name on it, the path and the day it was issued, nothing else",
    params: z.strictObject({ code: z.string().max(40).refine((typed) => { const c = normaliseCode(typed); return /^[A-Z0-9]+$/.test(c) && c.length === CERTIFICATE_CODE_LENGTH; }, messageKey("format.other")) }),
    handler: async ({ params, req, reply }) => checks.attempt(req, reply, () => cohorts.verify(params.code, requestLanguage(req))),
  });
}
