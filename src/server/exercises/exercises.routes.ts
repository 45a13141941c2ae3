import qrcode from "qrcode-generator";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { calendarDate, id, marking, name } from "../../core/fields.js";
import { attachment } from "../http/attachment.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf } from "../platform/auth.service.js";
import type { ExerciseOutputs } from "./outputs.js";
import { Problem } from "../http/problem.js";
import { documentQuery, requestLanguage } from "../http/language.js";
import { EVALUATOR_CODE_LENGTH, JOIN_CODE_LENGTH, LANGUAGES, normaliseCode, type SessionsService } from "./sessions.service.js";

const tags = ["exercises"];

/**
 * Joining is public, so it is rate-limited per address. A whole room may sit behind one
 * conference NAT, so every attempt counts against a wide budget (600 a minute); attempts with a
 * code that matches no session count against a narrow one (100 in 10 minutes: a 40-person room
 * can mistype each code twice), which bounds guessing the six-character join codes to about
 * 14,400 tries a day per address against about 887 million codes. Once an address has spent
 * either budget, every join from it is refused until its window ends. Counted in this process
 * (exercises run on one instance, decision 0011); old windows are swept as the table grows.
 */
export const joinLimits = { windowMs: 60_000, perWindow: 600, failureWindowMs: 10 * 60_000, failuresPerWindow: 100 };
export class JoinLimiter {
  private readonly attempts = new Map<string, { start: number; n: number }>();
  private readonly failures = new Map<string, { start: number; n: number }>();
  private static count(table: Map<string, { start: number; n: number }>, ip: string, windowMs: number, now: number) {
    if (table.size > 10_000) for (const [k, w] of table) if (now - w.start > windowMs) table.delete(k);
    const w = table.get(ip);
    if (!w || now - w.start > windowMs) { const fresh = { start: now, n: 0 }; table.set(ip, fresh); return fresh; }
    return w;
  }
  /** Counts an attempt; false when the address has spent a budget. */
  allow(ip: string, now = Date.now()) {
    const failed = JoinLimiter.count(this.failures, ip, joinLimits.failureWindowMs, now);
    const w = JoinLimiter.count(this.attempts, ip, joinLimits.windowMs, now);
    w.n += 1;
    return w.n <= joinLimits.perWindow && failed.n < joinLimits.failuresPerWindow;
  }
  /** Counts an attempt whose code matched no session. */
  failed(ip: string, now = Date.now()) {
    JoinLimiter.count(this.failures, ip, joinLimits.failureWindowMs, now).n += 1;
  }
  /** Runs an attempt from the request's address: a 429 once a budget is spent; a 404 (no such code) counts as failed. */
  async attempt<T>(req: FastifyRequest, reply: FastifyReply, run: () => Promise<T>): Promise<T | FastifyReply> {
    if (!this.allow(req.ip)) return reply.code(429).type("application/problem+json").send({ title: "Too many requests", status: 429, detail: "too many join attempts from this address; wait a few minutes" });
    try {
      return await run();
    } catch (e) {
      if (e instanceof Problem && e.status === 404) this.failed(req.ip);
      throw e;
    }
  }
}

export function registerExerciseRoutes(routes: RouteRegistry, sessions: SessionsService, outputs: ExerciseOutputs) {
  const base = "/api/v1/exercises";
  const joins = new JoinLimiter();
  // QR codes need an absolute address: PUBLIC_URL, else the default it stands for (http://localhost:PORT). Never the Host header.
  const qrOrigin = sessions.publicUrl ?? `http://localhost:${process.env.PORT || 8080}`;
  routes.add({
    method: "GET", url: `${base}/scenarios`, access: "records.read", tags,
    summary: "The scenario library: title, context, region, manifestations and practices of each scenario",
    handler: async ({ req }) => ({
      items: sessions.library(requestLanguage(req)).map((s) => ({ id: s.id, version: s.version, title: s.title, summary: s.summary, context: s.context, region: s.region, manifestations: s.manifestations, practices: s.practices, roles: s.roles.map((r) => ({ id: r.id, name: r.name, actor: r.actor })), phases: s.phases.length })),
    }),
  });
  routes.add({
    method: "GET", url: `${base}/scenarios/:id`, access: "records.read", tags,
    summary: "A whole scenario, facilitator notes and option alignments included (signed-in users only: participants must not see them)",
    params: z.strictObject({ id }),
    handler: async ({ params, req }) => sessions.scenario(params.id, requestLanguage(req)),
  });
  routes.add({
    method: "POST", url: `${base}/scenarios/validate`, access: "records.read", tags,
    summary: "Check a scenario draft (YAML or JSON text) against the schema and the knowledge base, as the editor types",
    body: z.strictObject({ text: z.string().max(200_000) }),
    handler: async ({ body }) => outputs.validateDraft(body.text),
  });
  routes.add({
    method: "GET", url: `${base}/scenarios/:id/:document`, access: "records.read", tags,
    summary: "Printable documents of a scenario: the situation manual for players (manual.pdf, manual.docx) and the facilitator and evaluator handbook (handbook.pdf, handbook.docx)",
    params: z.strictObject({ id, document: z.enum(["manual.pdf", "manual.docx", "handbook.pdf", "handbook.docx"], { error: "must be manual.pdf, manual.docx, handbook.pdf or handbook.docx" }) }), query: documentQuery,
    handler: async ({ params, reply }) => {
      const f = await outputs.scenarioDocument(params.id, params.document);
      return attachment(reply, f.filename, f.contentType).send(f.body);
    },
  });
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/sessions`, access: "records.read", tags,
    summary: "The workspace's exercise sessions",
    params: z.strictObject({ workspace: id }),
    handler: async ({ params, principal }) => sessions.list(principal!.user, params.workspace),
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/sessions`, access: "records.write", tags,
    summary: "Start a session from a scenario: returns the join code, the evaluator code and the projector key (shown once)",
    params: z.strictObject({ workspace: id }),
    body: z.strictObject({
      scenario: id, name: name(200).optional(), marking: marking.default("AMBER"), max_participants: z.number().int().min(1).max(1000).default(60),
      /** the projector's language; by default the facilitator's */
      language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` }).optional(),
    }),
    handler: async ({ params, body, principal, req, reply }) => {
      const s = await sessions.create(principal!.user, params.workspace, { ...body, language: body.language ?? requestLanguage(req) }, actorOf(principal, req));
      reply.code(201);
      return s;
    },
  });
  routes.add({
    method: "GET", url: `${base}/sessions/:id`, access: "records.read", tags,
    summary: "A session for its facilitator: codes, status and who has joined",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => sessions.details(principal!.user, params.id),
  });
  routes.add({
    method: "GET", url: `${base}/sessions/:id/qr.svg`, access: "records.read", tags,
    summary: "A QR code of the join link (from PUBLIC_URL, never from the request's Host header), for the projector",
    params: z.strictObject({ id }),
    handler: async ({ params, principal, reply }) => {
      const s = await sessions.details(principal!.user, params.id);
      const qr = qrcode(0, "M");
      qr.addData(new URL(s.join_url, qrOrigin).href);
      qr.make();
      return reply.type("image/svg+xml").send(qr.createSvgTag({ cellSize: 8, margin: 2, scalable: true }));
    },
  });
  routes.add({
    method: "GET", url: `${base}/sessions/:id/agencies`, access: "records.read", tags,
    summary: "The institutions of the directory at the session's table, with the scenario roles each played",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => sessions.agencies(principal!.user, params.id),
  });
  routes.add({
    method: "PUT", url: `${base}/sessions/:id/agencies`, access: "records.write", tags,
    summary: "Set the institutions at the session's table (from the workspace's directory) and the roles each plays",
    params: z.strictObject({ id }),
    body: z.strictObject({ agencies: z.array(z.strictObject({ institution: id, roles: z.array(id).max(50).default([]) })).max(100) }),
    handler: async ({ params, body, principal, req }) => sessions.setAgencies(principal!.user, params.id, body.agencies, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: `${base}/sessions/:id/joining`, access: "records.write", tags,
    summary: "Open or close joining",
    params: z.strictObject({ id }),
    body: z.strictObject({ open: z.boolean() }),
    handler: async ({ params, body, principal, req }) => sessions.setJoining(principal!.user, params.id, body.open, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: `${base}/join/roles`, access: "public", tags,
    summary: "The roles a participant may pick, for one who holds the join code (names in the reader's language); counted with the join attempts",
    body: z.strictObject({ code: z.string().max(60).refine((typed) => { const c = normaliseCode(typed); return /^[A-Z0-9]+$/.test(c) && c.length === JOIN_CODE_LENGTH; }, `a join code has ${JOIN_CODE_LENGTH} letters and digits`) }),
    handler: async ({ body, req, reply }) => joins.attempt(req, reply, () => sessions.roles(body.code, requestLanguage(req))),
  });
  routes.add({
    method: "POST", url: `${base}/join`, access: "public", tags,
    summary: "Join a session without an account: code, pseudonym, role or table, language and consent; returns the token for the live channel",
    body: z.strictObject({
      code: z.string().max(60).refine((typed) => { const c = normaliseCode(typed); return /^[A-Z0-9]+$/.test(c) && (c.length === JOIN_CODE_LENGTH || c.length === EVALUATOR_CODE_LENGTH); },
        `a join code has ${JOIN_CODE_LENGTH} letters and digits, an evaluator code ${EVALUATOR_CODE_LENGTH}`),
      pseudonym: z.string().trim().min(2, "choose a name of at least two characters").max(40).refine((s) => !/[<>\u0000-\u001f]/.test(s), "use letters, digits and spaces"),
      role: id.optional(), table: z.string().trim().min(1).max(40).optional(),
      language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(", ")}` }).default("en"),
      consent: z.literal(true, { error: "agree to take part before joining" }),
    }),
    handler: async ({ body, req, reply }) => joins.attempt(req, reply, async () => {
      const r = await sessions.join(body);
      reply.code(201);
      return r;
    }),
  });
  routes.add({
    method: "GET", url: `${base}/sessions/:id/report`, access: "records.read", tags,
    summary: "The after-action report: practices exercised (heatmap with reasons), decisions against the aligned options, agencies against the expected actors, observations, hot wash, improvement items; with the facilitator's edits",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => outputs.report(principal!.user, params.id),
  });
  routes.add({
    method: "PUT", url: `${base}/sessions/:id/report`, access: "records.write", tags,
    summary: "The facilitator's edits: summary, lessons, improvement items",
    params: z.strictObject({ id }),
    body: z.strictObject({
      summary: z.string().max(10_000).default(""),
      lessons: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
      improvements: z.array(z.strictObject({ practice: z.string().max(40).default(""), title: z.string().trim().min(3).max(300), why: z.string().max(2000).default(""), actors: z.array(id).max(20).default([]), owner: z.string().max(200).default(""), due: calendarDate.optional() })).max(100),
    }),
    handler: async ({ params, body, principal, req }) => outputs.saveEdits(principal!.user, params.id, body, actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: `${base}/sessions/:id/export/:file`, access: "records.read", tags,
    summary: "The after-action report as report.pdf or report.docx, the improvement plan as improvements.csv, and the event log as events.json",
    params: z.strictObject({ id, file: z.enum(["report.pdf", "report.docx", "improvements.csv", "events.json"], { error: "must be report.pdf, report.docx, improvements.csv or events.json" }) }), query: documentQuery,
    handler: async ({ params, principal, req, reply }) => {
      const f = await outputs.sessionFile(principal!.user, params.id, params.file, actorOf(principal, req));
      return attachment(reply, f.filename, f.contentType).send(f.body);
    },
  });
  routes.add({
    method: "POST", url: `${base}/sessions/:id/improvements/to-plan`, access: "records.write", tags,
    summary: "Send improvement items into the action plan of a self-assessment, as actions",
    params: z.strictObject({ id }),
    body: z.strictObject({ self_assessment: id, items: z.array(z.number().int().min(0)).min(1, "choose at least one item").max(100) }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return outputs.toPlan(principal!.user, params.id, body.self_assessment, body.items, actorOf(principal, req)); },
  });
}
