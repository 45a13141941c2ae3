import { existsSync } from "node:fs";
import { constants as zlibConstants } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/connection.js";
import type { KnowledgeBase } from "../core/knowledge/schema.js";
import { Problem, problemBody } from "./http/problem.js";
import { localizeErrors } from "./http/validation.js";
import { compressSmall } from "./http/smallResponses.js";
import { databaseFailure } from "../db/failures.js";
import { databaseProblem } from "./http/databaseProblem.js";
import { RouteRegistry } from "./http/routes.js";
import { buildOpenApi } from "./http/openapi.js";
import { securityHeaders } from "./http/securityHeaders.js";
import { registerInputGuards } from "./http/inputGuards.js";
import { KnowledgeService } from "./knowledge/knowledge.service.js";
import { registerKnowledgeRoutes } from "./knowledge/knowledge.routes.js";
import { contentVersion } from "./knowledge/knowledge.repository.js";
import { defaultContentDir } from "../content/readContent.js";
import { contentLanguages, loadTranslations, localize, type Translations } from "../content/translations.js";
import { z } from "zod";
import { requestLanguage } from "./http/language.js";
import { AuthService } from "./platform/auth.service.js";
import { registerAuthRoutes } from "./platform/auth.routes.js";
import { AdminService } from "./platform/admin.service.js";
import { registerAdminRoutes } from "./platform/admin.routes.js";
import { recordsService, type RecordsService } from "./platform/records.service.js";
import { WorkspacesService } from "./platform/workspaces.service.js";
import { registerRecordRoutes, registerWorkspaceRoutes } from "./platform/records.routes.js";
import { RetentionService, type RetentionGuards } from "./platform/retention.service.js";
import { systemClock, type Clock } from "./platform/clock.js";
import { registerOversightRoutes } from "./platform/oversight.routes.js";
import type { AuditAnchor } from "./platform/auditAnchor.js";
import { buildWatchModel } from "../core/watch/model.js";
import { WatchService } from "./watch/watch.service.js";
import { AssessmentsService } from "./watch/assessments.service.js";
import { registerWatchRoutes } from "./watch/watch.routes.js";
import { registerGapMapRoutes } from "./watch/gapMap.routes.js";
import { GapMapService } from "./watch/gapMap.service.js";
import { registerStixRoutes } from "./stix/stix.routes.js";
import { StixService } from "./stix/stix.service.js";
import { STIX_IMPORT_LIMIT, StixImportService } from "./stix/import.service.js";
import { registerTaxiiRoutes, TAXII_MEDIA_TYPE, TaxiiService, taxiiError } from "./stix/taxii.js";
import { SubscriptionsService } from "./stix/subscriptions.js";
import { PlansService } from "./plans/plans.service.js";
import { registerPlanRoutes } from "./plans/plans.routes.js";
import { NetworkService } from "./network/network.service.js";
import { registerNetworkRoutes } from "./network/network.routes.js";
import { ActionsService } from "./plans/actions.service.js";
import { RegionalService } from "./plans/regional.service.js";
import { PlanOutputs } from "./plans/outputs.js";
import fastifyWebsocket from "@fastify/websocket";
import { ExerciseHub } from "./exercises/hub.js";
import { SessionsService } from "./exercises/sessions.service.js";
import { ExerciseOutputs } from "./exercises/outputs.js";
import { registerExerciseRoutes } from "./exercises/exercises.routes.js";
import { CohortsService } from "./training/cohorts.service.js";
import { registerCohortRoutes } from "./training/cohorts.routes.js";
import { TrainingDocuments } from "./training/cohort.documents.js";
import { flushStatements, lrsConfigFromEnv } from "./training/lrs.js";
import { MAX_MESSAGE_BYTES, registerLiveSocket } from "./exercises/live.js";

/** The training participant's pages, served with the lean web entry (src/web/learn/paths.ts has the same test). */
const PARTICIPANT_PATH = /^\/(learn(\/test\/[^/]+)?|training(\/verify\/[^/]+|\/(?!workspaces\/|cohorts\/)[^/]+(\/[^/]+)?)?)\/?$/;

export const defaultWebDir = fileURLToPath(new URL("../../dist/web/", import.meta.url));

export interface AppOptions {
  db: Db;
  kb: KnowledgeBase;
  /** translations of the knowledge base (decision 0022); read from content/i18n when omitted */
  translations?: Translations;
  /** built web UI; omitted or missing means API only */
  webDir?: string;
  logger?: boolean;
  /** trust X-Forwarded-* from a load balancer (TLS detection for Secure cookies and HSTS) */
  trustProxy?: boolean;
  /** signs and checks checkpoints of the audit chain (docs/decisions/0012); without it, audit verify checks the chain alone */
  auditAnchor?: AuditAnchor | null;
  /** the wall clock for sessions, locks and retention (docs/decisions/0017); tests move it */
  clock?: Clock;
  /** retention guards (RETENTION_MAX_SHARE, RETENTION_MAX_GAP_DAYS); defaults when omitted */
  retentionGuards?: Partial<RetentionGuards>;
}

export interface App {
  app: FastifyInstance;
  /** every route Fastify registered (method and url), to prove none bypasses the registry */
  registered: { method: string; url: string }[];
  routes: RouteRegistry;
  services: { auth: AuthService; retention: RetentionService; records: RecordsService; workspaces: WorkspacesService; admin: AdminService; watch: WatchService; assessments: AssessmentsService; subscriptions: SubscriptionsService; network: NetworkService };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  return (await buildAppWithServices(options)).app;
}

export async function buildAppWithServices({ db, kb, translations, webDir = defaultWebDir, logger = false, trustProxy = false, auditAnchor = null, clock = systemClock, retentionGuards }: AppOptions): Promise<App> {
  const app = Fastify({ logger, trustProxy, routerOptions: { ignoreTrailingSlash: true }, bodyLimit: 1024 * 1024 });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof Problem) {
      // A refused field is told in the reader's language (decision 0028).
      const { detail, errors } = localizeErrors(requestLanguage(req), err.message, err.errors);
      // TAXII clients read TAXII error messages (decision 0033).
      if (req.url.startsWith("/taxii2/")) {
        if (err.status === 401) reply.header("www-authenticate", 'Basic realm="taxii", Bearer');
        return reply.code(err.status).header("content-type", TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify(taxiiError(err.status, err.title, detail, errors))));
      }
      return reply.code(err.status).type("application/problem+json").send(problemBody(err.status, err.title, detail, req.url, errors, err.key));
    }
    const failure = databaseFailure(err);
    if (failure) {
      // The database is away or its disk is full: say so, and when to retry, instead of a 500 (docs/decisions/0016).
      req.log.warn({ err }, `database ${failure}`);
      const p = databaseProblem(failure);
      return reply.code(p.status).header("retry-after", "10").type("application/problem+json").send(problemBody(p.status, p.title, p.message, req.url, [], p.key));
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    // TAXII clients read TAXII error messages, also for what the framework refuses (decision 0033).
    if (req.url.startsWith("/taxii2/")) {
      if (status >= 500) req.log.error(err);
      const [title, description, errors] = status === 413 ? ["Payload too large", "body: is larger than this endpoint accepts", [{ param: "body", message: "is larger than this endpoint accepts" }]]
        : status < 500 ? ["Bad request", (err as Error).message, []] : ["Internal error", "The server could not complete the request.", []];
      return reply.code(status).header("content-type", TAXII_MEDIA_TYPE).send(Buffer.from(JSON.stringify(taxiiError(status, title as string, description as string, errors as { param: string; message: string }[]))));
    }
    if (status === 413) {
      return reply.code(413).type("application/problem+json").send(problemBody(413, "Payload too large", `body: ${(err as Error).message}`, req.url, [{ param: "body", message: "is larger than this endpoint accepts" }]));
    }
    if (status < 500) {
      return reply.code(status).type("application/problem+json").send(problemBody(status, "Bad request", (err as Error).message, req.url));
    }
    req.log.error(err);
    return reply.code(500).type("application/problem+json").send(problemBody(500, "Internal error", "The server could not complete the request.", req.url));
  });
  app.addHook("onSend", securityHeaders);
  // Responses up to 64 KB are compressed in one call; @fastify/compress (below) streams the rest.
  app.addHook("onSend", compressSmall);
  // NUL in the URL or a JSON body, and JSON nested too deep: a 400 naming the field, before any route runs.
  registerInputGuards(app);
  const registered: { method: string; url: string }[] = [];
  app.addHook("onRoute", (r) => {
    for (const method of [r.method].flat()) registered.push({ method: String(method), url: r.url });
  });

  // Brotli at quality 4: nearly the size of quality 11 at a fraction of the CPU per response.
  await app.register(fastifyCompress, {
    global: true, threshold: 1024, encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });

  // Parses the Cookie header for every request (the session cookie); no signing, the secret is random.
  await app.register(fastifyCookie);

  const auth = new AuthService(db, clock);
  const routes = new RouteRegistry(app, (req) => auth.authenticate(req));
  const contentTranslations = translations ?? loadTranslations(defaultContentDir, kb).translations;
  // The knowledge base in each translated language (decision 0022), built once: the crosswalk, analysis and exercises read it.
  const kbIn = new Map([...contentTranslations.keys()].map((lang) => [lang as string, localize(kb, lang, contentTranslations)]));
  const knowledge = new KnowledgeService(db, kb, contentTranslations, kbIn);
  registerKnowledgeRoutes(routes, knowledge, kb);

  const admin = new AdminService(db, auth);
  const records = recordsService(db);
  const workspaces = new WorkspacesService(db, records.kernel);
  const retention = new RetentionService(db, { clock, guards: retentionGuards });
  registerAuthRoutes(routes, auth);
  registerAdminRoutes(routes, admin);
  registerWorkspaceRoutes(routes, workspaces, records);
  registerRecordRoutes(routes, records);
  registerOversightRoutes(routes, db, retention, records, auditAnchor);
  const watchModel = buildWatchModel(kb);
  const watchModels = new Map([...kbIn].map(([lang, k]) => [lang, buildWatchModel(k)]));
  const watch = new WatchService(db, watchModel, records, watchModels);
  const assessments = new AssessmentsService(db, watchModel, records, watch);
  registerWatchRoutes(routes, watch, assessments, watchModel, db);
  registerGapMapRoutes(routes, new GapMapService(db, watch, records, (lang) => kbIn.get(lang) ?? kb));
  const stix = new StixService(db, records, watch, assessments);
  const stixImports = new StixImportService(db, records, watch, watchModel);
  const subscriptions = new SubscriptionsService(db, records, stixImports, stix);
  app.addHook("onClose", () => subscriptions.close());
  registerStixRoutes(routes, stix, stixImports, subscriptions);
  registerTaxiiRoutes(routes, new TaxiiService(db, records, stix, stixImports));
  const plans = new PlansService(db, kb, records, watch, kbIn);
  const actions = new ActionsService(db, plans);
  registerPlanRoutes(routes, plans, actions, new RegionalService(db, plans), new PlanOutputs(db, plans, actions));
  const network = new NetworkService(db, kb, records, kbIn);
  registerNetworkRoutes(routes, network);
  // Live exercises: frames above the message limit close the socket; smaller oversized ones get an error message.
  await app.register(fastifyWebsocket, { options: { maxPayload: 4 * MAX_MESSAGE_BYTES } });
  const hub = new ExerciseHub(db, (id, lang) => (kbIn.get(lang ?? "en") ?? kb).scenarios.find((s) => s.id === id));
  // Instances sharing a PostgreSQL database serve the same live sessions (decision 0011).
  await hub.listen();
  app.addHook("onClose", () => hub.close());
  const sessions = new SessionsService(db, kb, records, watch, hub, kbIn);
  registerExerciseRoutes(routes, sessions, new ExerciseOutputs(db, kb, sessions, plans, actions, kbIn));
  registerLiveSocket(routes, sessions);
  // Cohorts of a regional training (decision 0039).
  const cohorts = new CohortsService(db, kb, records, actions, (lang) => kbIn.get(lang) ?? kb, (m) => app.log.warn(m));
  // Statements an LRS did not take (down, or not reachable) are sent again every minute (decision 0041).
  const lrs = lrsConfigFromEnv();
  if (lrs) {
    const flush = setInterval(() => { flushStatements(db, lrs).catch((e: Error) => app.log.warn(`xAPI flush: ${e.message}`)); }, 60_000);
    flush.unref();
    app.addHook("onClose", async () => clearInterval(flush));
  }
  registerCohortRoutes(routes, cohorts, new TrainingDocuments(db, cohorts));
  // CSV uploads arrive as text.
  app.addContentTypeParser("text/csv", { parseAs: "string", bodyLimit: 32 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  // STIX bundles and TAXII envelopes are JSON under their own media types.
  app.addContentTypeParser(["application/stix+json", "application/taxii+json"], { parseAs: "string", bodyLimit: STIX_IMPORT_LIMIT }, app.getDefaultJsonParser("error", "error"));

  routes.add({
    method: "GET", url: "/healthz", access: "public", tags: ["operations"],
    summary: "Checks that the database answers and the knowledge base is loaded",
    handler: async ({ reply }) => {
      try {
        const v = await contentVersion(db);
        if (!v) return reply.code(503).send({ status: "starting", database: "ok", content: "not loaded" });
        return { status: "ok", database: db.dialect, content: v.version };
      } catch (e) {
        const failure = databaseFailure(e);
        return reply.code(503).header("retry-after", "10").send({ status: "error", database: failure ?? "error", cause: (e as Error).message, ...(failure ? { code: databaseProblem(failure).key!.code } : {}) });
      }
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/content-version", access: "public", tags: ["operations"],
    summary: "The version and counts of the loaded knowledge base",
    handler: async () => contentVersion(db),
  });
  // Offline reading per language (decision 0026): one document per language, revalidated by its ETag.
  const bundleLanguages = ["en", ...contentLanguages] as const;
  const bundleQuery = z.strictObject({ lang: z.enum(bundleLanguages, { error: `must be one of ${bundleLanguages.join(", ")}` }).optional() });
  routes.add({
    method: "GET", url: "/api/v1/bundle", access: "public", tags: ["offline"], query: bundleQuery,
    summary: "Every public knowledge entry in one language (`lang`, else the reader's), for offline reading and in-browser search; each entry's `language` says what its texts are in",
    handler: async ({ query, req, reply }) => {
      const b = await knowledge.bundle(query.lang ?? requestLanguage(req));
      reply.header("cache-control", "no-cache").header("etag", b.etag);
      const seen = String(req.headers["if-none-match"] ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
      if (seen.includes(b.etag)) return reply.code(304).send();
      return reply.type("application/json; charset=utf-8").send(b.json);
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/bundle/languages", access: "public", tags: ["offline"],
    summary: "The offline bundle of each language: its entries, how many are translated, its size gzipped and its ETag",
    handler: async () => knowledge.bundleLanguages(bundleLanguages),
  });
  let openapi: unknown;
  routes.add({
    method: "GET", url: "/api/v1/openapi.json", access: "public", tags: ["operations"],
    summary: "This document",
    handler: async () => (openapi ??= buildOpenApi(routes.operations, (await contentVersion(db))?.version ?? "unloaded")),
  });

  const hasWeb = existsSync(`${webDir}index.html`);
  const hasLean = existsSync(`${webDir}learn.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      preCompressed: true,
      wildcard: false,
      setHeaders: (res, path) => {
        if (path.includes("/assets/")) res.setHeader("cache-control", "public, max-age=31536000, immutable");
        else res.setHeader("cache-control", "no-cache");
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api/") || req.method !== "GET" || !hasWeb) {
      return reply.code(404).type("application/problem+json").send(problemBody(404, "Not found", `No route for ${req.method} ${req.url.split("?")[0]}`, req.url));
    }
    // Client-side routes: every other GET gets the app shell; the training participant's pages get the
    // lean entry (learn.html, issue 16; the same test as src/web/learn/paths.ts).
    const participant = hasLean && PARTICIPANT_PATH.test(req.url.split("?")[0]);
    return reply.header("cache-control", "no-cache").sendFile(participant ? "learn.html" : "index.html");
  });
  return { app, routes, registered, services: { auth, retention, records, workspaces, admin, watch, assessments, subscriptions, network } };
}
