import { z } from "zod";
import { messageKey } from "../../core/fields.js";
import { entryKinds, type EntryKind } from "../../core/knowledge/entries.js";
import { snippetLengths } from "../../core/knowledge/searchIndex.js";
import { factorGroups, type KnowledgeBase } from "../../core/knowledge/schema.js";
import type { RouteRegistry } from "../http/routes.js";
import { kitFiles, trainerKitFile } from "../training/kit.document.js";
import { languages, requestLanguage } from "../http/language.js";
import { attachment } from "../http/attachment.js";
import { scormFilename, scormPackage } from "../../core/training/scorm.js";
import { publicBase } from "../exercises/sessions.service.js";
import type { KnowledgeService, LinkedFilter } from "./knowledge.service.js";

const idParam = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,120}$/, "must be a lower-case id");
const page = {
  q: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
  limit: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(50),
  offset: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0, "must not be negative").default(0),
};
const ref = (what: string) => idParam.optional().describe(`${what} id`);

interface CollectionSpec {
  path: string;
  kind: EntryKind;
  tag: string;
  /** filters on a body field: name -> allowed values (or a pattern) */
  fields?: Record<string, z.ZodType<string | undefined>>;
  /** body key of a field filter when it differs from the query parameter */
  fieldKeys?: Record<string, string>;
  /** filters through links: query param -> link */
  linked?: Record<string, { rel: string; kind: EntryKind }>;
}

function collectionsFor(kb: KnowledgeBase): CollectionSpec[] {
  const areas = kb.frameworks.flatMap((f) => f.areas.map((a) => a.id));
  const oneOf = (values: string[], what: string) =>
    z.string().refine((v) => values.includes(v), { message: `unknown ${what}; expected one of ${values.join(", ")}` }).optional();
  return [
    {
      path: "practices", kind: "practice", tag: "practices",
      fields: { framework: oneOf(kb.frameworks.map((f) => f.id), "framework"), area: oneOf(areas, "area") },
      linked: {
        actor: { rel: "actor", kind: "actor" },
        instrument: { rel: "instrument", kind: "instrument" },
        manifestation: { rel: "manifestation", kind: "manifestation" },
        indicator: { rel: "indicator", kind: "indicator" },
        initiative: { rel: "example", kind: "initiative" },
      },
    },
    { path: "manifestations", kind: "manifestation", tag: "concepts", fields: { family: oneOf(["transactional", "organizational", "environment"], "family") } },
    { path: "contexts", kind: "context", tag: "concepts" },
    { path: "watchpoints", kind: "watchpoint", tag: "concepts", fields: { group: oneOf([...factorGroups], "group") } },
    { path: "indicators", kind: "indicator", tag: "concepts", linked: { manifestation: { rel: "manifestation", kind: "manifestation" } } },
    { path: "actors", kind: "actor", tag: "actors" },
    { path: "instruments", kind: "instrument", tag: "instruments", fields: { kind: oneOf([...new Set(kb.instruments.map((i) => i.kind))].sort(), "instrument kind") }, fieldKeys: { kind: "instrument_kind" } },
    {
      path: "initiatives", kind: "initiative", tag: "initiatives",
      fields: { scope: oneOf(["global", "regional", "national", "local"], "scope") },
    },
    { path: "themes", kind: "theme", tag: "concepts" },
    { path: "research-priorities", kind: "research-priority", tag: "research", fields: { kind: oneOf(["research-priority", "knowledge-gap", "next-step"], "kind") }, fieldKeys: { kind: "category" } },
  ];
}

export function registerKnowledgeRoutes(routes: RouteRegistry, service: KnowledgeService, kb: KnowledgeBase): void {
  for (const c of collectionsFor(kb)) {
    const linkedParams = Object.fromEntries(Object.entries(c.linked ?? {}).map(([p, l]) => [p, ref(l.kind)]));
    const query = z.strictObject({ ...page, ...(c.fields ?? {}), ...linkedParams });
    routes.add({
      method: "GET", url: `/api/v1/${c.path}`, access: "public", tags: [c.tag],
      summary: `List ${c.path}${c.fields || c.linked ? `, filterable by ${[...Object.keys(c.fields ?? {}), ...Object.keys(c.linked ?? {})].join(", ")}` : ""}`,
      query,
      handler: ({ query: qv, req }) => {
        const values = qv as Record<string, string | undefined> & { q?: string; limit: number; offset: number };
        const fields = Object.fromEntries(Object.keys(c.fields ?? {}).map((f) => [c.fieldKeys?.[f] ?? f, values[f]]));
        const linked: LinkedFilter[] = Object.entries(c.linked ?? {}).map(([param, l]) => ({ param, ...l, value: values[param] }));
        return service.list(c.kind, values, fields, linked, requestLanguage(req));
      },
    });
    routes.add({
      method: "GET", url: `/api/v1/${c.path}/:id`, access: "public", tags: [c.tag],
      summary: `One ${c.kind} with everything it links to`,
      params: z.strictObject({ id: idParam }),
      handler: ({ params, req }) => service.get(c.kind, params.id, requestLanguage(req)),
    });
  }

  // The standards crosswalk (decision 0036): which practices implement a pinpoint, and the instruments it maps.
  routes.add({
    method: "GET", url: "/api/v1/crosswalk", access: "public", tags: ["crosswalk"],
    summary: "The practices that implement a pinpoint of a standard: q such as \"FATF R.8\", \"UNSCR 2482 para 15\" or \"UNTOC art 27\"; instrument (an instrument id) names the instrument when q is only a pinpoint",
    query: z.strictObject({
      q: page.q,
      instrument: ref("instrument"),
    }),
    handler: async ({ query, req }) => service.crosswalk.find(query, requestLanguage(req)),
  });
  routes.add({
    method: "GET", url: "/api/v1/crosswalk/instruments", access: "public", tags: ["crosswalk"],
    summary: "The instruments the crosswalk maps, each with its pinpoints, the practices under each and the number of links",
    handler: async ({ req }) => service.crosswalk.instruments(requestLanguage(req)),
  });

  // Learning paths per audience and their knowledge checks (decision 0038).
  const audienceParam = z.string().regex(/^[a-z][a-z-]{0,40}$/, messageKey("format.audience"));
  const moduleParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, messageKey("format.module"));
  routes.add({
    method: "GET", url: "/api/v1/training/paths", access: "public", tags: ["training"],
    summary: "The audiences of the learning paths, each with its name (a message key) and how many modules and questions its path has",
    handler: async ({ req }) => service.training.audiences(requestLanguage(req)),
  });
  routes.add({
    method: "GET", url: "/api/v1/training/paths/:audience", access: "public", tags: ["training"],
    summary: "An audience's learning path: the nexus module, then one module per framework area with the audience's practices (objectives, reading, case study, number of questions)",
    params: z.strictObject({ audience: audienceParam }),
    handler: async ({ params, req }) => service.training.forAudience(params.audience, requestLanguage(req)),
  });
  routes.add({
    method: "GET", url: "/api/v1/training/paths/:audience/modules/:module", access: "public", tags: ["training"],
    summary: "One module of a learning path with its knowledge check: the questions with their answers and explanations (ordering questions shuffled, the right order apart)",
    params: z.strictObject({ audience: audienceParam, module: moduleParam }),
    handler: async ({ params, req }) => service.training.module(params.audience, params.module, requestLanguage(req)),
  });
  routes.add({
    method: "GET", url: "/api/v1/training/paths/:audience/modules/:module/kit/:file", access: "public", tags: ["training"],
    summary: "The trainer kit of a module (decision 0040): agenda with facilitator notes and answer key (agenda.pdf, agenda.docx), participant handout without answers (handout.pdf, handout.docx) and slides (slides.pptx), in the reader's language (`lang`, else Accept-Language), TLP:CLEAR",
    params: z.strictObject({ audience: audienceParam, module: moduleParam, file: z.enum(kitFiles) }),
    query: z.strictObject({ lang: z.enum(languages).optional() }),
    handler: async ({ params, req, reply }) => {
      const lang = requestLanguage(req);
      const f = await trainerKitFile(service.training.kitSource(params.audience, params.module, lang), params.file, lang);
      return attachment(reply, f.filename, f.contentType).send(f.body);
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/training/paths/:audience/scorm.zip", access: "public", tags: ["training"],
    summary: "An audience's learning path as a SCORM 1.2 package in the reader's language (`lang`, else Accept-Language): one SCO per module with its knowledge check (decision 0041)",
    params: z.strictObject({ audience: audienceParam }),
    query: z.strictObject({ lang: z.enum(languages, { error: `must be one of ${languages.join(", ")}` }).optional() }),
    handler: async ({ params, req, reply }) => {
      const lang = requestLanguage(req);
      const path = service.training.forAudience(params.audience, lang);
      const modules = path.modules.map((m) => service.training.module(params.audience, m.id, lang).module);
      const zip = await scormPackage({ audience: path.audience, lang, modules, baseUrl: publicBase() });
      return attachment(reply, scormFilename(params.audience, lang), "application/zip").send(zip);
    },
  });

  routes.add({
    method: "GET", url: "/api/v1/search", access: "public", tags: ["search"],
    summary: "Ranked full-text search across every kind, with highlighted snippets",
    query: z.strictObject({
      q: z.string({ error: "is required" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
      kind: z.string().optional().transform((v, ctx) => {
        if (v === undefined) return undefined;
        const kinds = v.split(",");
        const bad = kinds.find((k) => !(entryKinds as readonly string[]).includes(k));
        if (bad) { ctx.addIssue({ code: "invalid_value", values: [...entryKinds], input: bad }); return z.NEVER; }
        return kinds as EntryKind[];
      }),
      limit: page.limit.default(20),
      snippet: z.enum(snippetLengths, { error: `must be one of ${snippetLengths.join(", ")}` }).default("full"),
    }),
    handler: ({ query, req }) => service.search(query.q, query.kind, query.limit, requestLanguage(req), query.snippet),
  });
}
