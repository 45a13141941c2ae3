/**
 * A TAXII 2.1 server (decision 0033): discovery at /taxii2/, one API root (/taxii2/api/), and one
 * collection per workspace the caller belongs to (a token may be limited to some). A collection's
 * objects are the workspace's STIX export as the caller may read it (through the records kernel,
 * RED never included); adding an envelope imports it, all or nothing, and answers a status
 * resource. Every object's `date_added` is the version it is served at (its `modified`): a client
 * polling with `added_after` gets what changed since. Errors are TAXII error messages.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { StixObject } from "../../core/stix/export.js";
import { STIX_MEDIA_TYPE, uuidFor } from "../../core/stix/vocabulary.js";
import { can } from "../../core/platform/roles.js";
import type { Db } from "../../db/connection.js";
import type { Principal } from "../platform/auth.service.js";
import { actorOf } from "../platform/auth.service.js";
import { newId } from "../platform/crypto.js";
import type { RecordsService } from "../platform/records.service.js";
import { Problem } from "../http/problem.js";
import { invalid } from "../http/validation.js";
import { messageKey } from "../../core/fields.js";
import type { RouteRegistry } from "../http/routes.js";
import { STIX_IMPORT_LIMIT, type StixImportService } from "./import.service.js";
import { publicBase } from "../exercises/sessions.service.js";
import type { StixService } from "./stix.service.js";

export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";
const ROOT = "/taxii2/api";
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** A collection's id: a UUID derived from the workspace's id (TAXII names collections by UUID). */
export const collectionIdOf = (workspaceId: string) => uuidFor(`taxii-collection:${workspaceId}`);

/** What a TAXII client may be sent: TAXII 2.1 JSON (or any JSON, or anything); another version or type is refused with 406. */
function acceptable(req: FastifyRequest, type: string): boolean {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept.split(",").some((part) => {
    const [media, ...params] = part.trim().toLowerCase().split(";").map((p) => p.trim());
    const version = params.find((p) => p.startsWith("version="))?.slice(8);
    if (media === "*/*" || media === "application/*" || media === "application/json") return true;
    return media === type.split(";")[0] && (!version || version === "2.1");
  });
}

function answer(req: FastifyRequest, reply: FastifyReply, body: unknown, type = TAXII_MEDIA_TYPE) {
  if (!acceptable(req, type)) throw new Problem(406, "Not Acceptable", `send Accept: ${type}`);
  // Sent as bytes so the media type goes out exactly as TAXII clients compare it (for text Fastify
  // quotes the version and adds a charset: version="2.1", which taxii2-client does not accept).
  reply.header("content-type", type);
  return Buffer.from(JSON.stringify(body));
}

/** The `next` of a page: where the following page starts in the collection's order (date added, then id). */
const cursor = {
  make: (o: { added: string; id: string }) => Buffer.from(JSON.stringify([o.added, o.id])).toString("base64url"),
  read: (s: string): [string, string] => {
    try {
      const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
      if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "string")) return v as [string, string];
    } catch { /* below */ }
    throw invalid("next", "format.other");
  },
};

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, messageKey("format.datetime"));
const filters = {
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional(),
  next: z.string().max(500).optional(),
  added_after: timestamp.optional(),
  "match[id]": z.string().max(5000).optional(),
  "match[type]": z.string().max(2000).optional(),
  "match[version]": z.string().max(2000).optional(),
  "match[spec_version]": z.string().max(100).optional(),
  reason: z.string().trim().max(500).optional(),
};
type Filters = { [K in keyof typeof filters]?: z.infer<(typeof filters)[K]> };

interface Served { object: StixObject; added: string; version: string }

/** Applies the TAXII filters and the page to a collection's objects, in the collection's order. */
function page(all: Served[], f: Filters) {
  const list = (v?: string) => (v ? v.split(",").map((x) => x.trim()).filter(Boolean) : null);
  const ids = list(f["match[id]"]);
  const types = list(f["match[type]"]);
  const specs = list(f["match[spec_version]"]);
  const versions = list(f["match[version]"]) ?? ["last"];
  let chosen = all.filter((s) =>
    (!ids || ids.includes(s.object.id)) && (!types || types.includes(s.object.type)) &&
    (!specs || specs.includes(String(s.object.spec_version ?? "2.1"))) &&
    // One version of each object is held: "first", "last" and "all" all give it; a timestamp gives it when it is that version.
    versions.some((v) => v === "first" || v === "last" || v === "all" || v === s.version) &&
    (!f.added_after || s.added > f.added_after));
  if (f.next) {
    const [added, id] = cursor.read(f.next);
    chosen = chosen.filter((s) => s.added > added || (s.added === added && s.object.id > id));
  }
  const limit = f.limit ?? DEFAULT_LIMIT;
  const items = chosen.slice(0, limit);
  const more = chosen.length > limit;
  return { items, more, ...(more ? { next: cursor.make({ added: items[items.length - 1].added, id: items[items.length - 1].object.id }) } : {}) };
}

/**
 * A page as TAXII answers it: `more`, `next`, the items under `key` (left out when there are none,
 * unless `always`), and the first and last dates added in headers.
 */
function pageAnswer(req: FastifyRequest, reply: FastifyReply, p: ReturnType<typeof page>, key: string, item: (s: Served) => unknown, always = false) {
  if (p.items.length) {
    reply.header("x-taxii-date-added-first", p.items[0].added);
    reply.header("x-taxii-date-added-last", p.items[p.items.length - 1].added);
  }
  return answer(req, reply, { more: p.more, ...(p.next ? { next: p.next } : {}), ...(p.items.length || always ? { [key]: p.items.map(item) } : {}) });
}

export class TaxiiService {
  constructor(private readonly db: Db, private readonly records: RecordsService, private readonly stix: StixService, private readonly imports: StixImportService) {}

  /** The caller's collections: the workspaces they belong to (for a limited token, those it names). */
  async collections(p: Principal) {
    const viewer = await this.records.viewerOf(p.user);
    const ids = [...viewer.memberships].filter(([, active]) => active).map(([w]) => w);
    if (!ids.length) return [];
    const { rows } = await this.db.query<{ id: string; name: string; description: string }>("select id, name, description from workspace where id = any($1::text[]) order by name", [ids]);
    const may = (perm: "records.read" | "records.write") => can(p.user.roles, perm) && (!p.scopes || p.scopes.includes(perm));
    return rows.map((w) => ({
      id: collectionIdOf(w.id), workspace: w.id, title: w.name, description: w.description || undefined,
      can_read: may("records.read"), can_write: may("records.write"), media_types: [STIX_MEDIA_TYPE],
    }));
  }

  async collection(p: Principal, id: string) {
    const c = (await this.collections(p)).find((x) => x.id === id);
    if (!c) throw new Problem(404, "Not Found", `collection ${id} does not exist or is not yours`);
    return c;
  }

  /** The collection's objects as the caller reads them, in the collection's order. */
  async served(p: Principal, collectionId: string, req: FastifyRequest): Promise<Served[]> {
    const c = await this.collection(p, collectionId);
    if (!c.can_read) throw new Problem(403, "Forbidden", "this token may not read the collection");
    const bundle = await this.stix.workspace(p.user, c.workspace, actorOf(p, req));
    return bundle.objects
      .map((object) => { const v = String((object as { modified?: string; created?: string }).modified ?? (object as { created?: string }).created); return { object, added: v, version: v }; })
      .sort((a, b) => (a.added === b.added ? (a.object.id < b.object.id ? -1 : 1) : a.added < b.added ? -1 : 1));
  }

  /** Adds an envelope's objects to a collection: imported all or nothing; the status says which succeeded or why each failed. */
  async add(p: Principal, collectionId: string, envelope: { objects?: unknown[] }, req: FastifyRequest) {
    const c = await this.collection(p, collectionId);
    if (!c.can_write) throw new Problem(403, "Forbidden", "this token may not write to the collection");
    const objects = (envelope.objects ?? []) as { id?: unknown; modified?: unknown; created?: unknown }[];
    const requested = new Date().toISOString();
    const { status, report } = await this.imports.import(p.user, c.workspace, { type: "bundle", id: `bundle--${uuidFor(`taxii:${newId()}`)}`, objects }, { preview: false, marking: "AMBER", origin: "taxii" }, actorOf(p, req));
    const ref = (o: { id?: unknown; modified?: unknown; created?: unknown }) => ({ id: String(o.id ?? ""), version: String(o.modified ?? o.created ?? "") });
    const failedAt = new Map<number, string>();
    for (const e of report.errors) { const m = /^objects\.(\d+)/.exec(e.param); if (m && !failedAt.has(Number(m[1]))) failedAt.set(Number(m[1]), `${e.param}: ${e.message}`); }
    const ok = status !== 422;
    const body = {
      id: uuidFor(`taxii-status:${newId()}`), status: "complete", request_timestamp: requested,
      total_count: objects.length,
      success_count: ok ? objects.length : 0, successes: ok ? objects.map(ref) : [],
      failure_count: ok ? 0 : objects.length,
      // All or nothing: the objects at fault say why; the others were not written because of them.
      failures: ok ? [] : objects.map((o, i) => ({ ...ref(o), message: failedAt.get(i) ?? "not added: another object of the envelope was refused" })),
      pending_count: 0, pendings: [],
    };
    await this.db.query("insert into taxii_status (id, workspace_id, created_by, body) values ($1, $2, $3, $4::jsonb)", [body.id, c.workspace, p.user.id, JSON.stringify(body)]);
    return body;
  }

  async status(p: Principal, id: string) {
    const { rows } = await this.db.query<{ body: unknown; workspace_id: string; created_by: string }>("select body, workspace_id, created_by from taxii_status where id = $1", [id]);
    const viewer = await this.records.viewerOf(p.user);
    // The poster reads it back, while still a member of the collection's workspace.
    if (!rows[0] || rows[0].created_by !== p.user.id || viewer.memberships.get(rows[0].workspace_id) !== true) throw new Problem(404, "Not Found", `status ${id} does not exist or is not yours`);
    return rows[0].body;
  }
}

export function registerTaxiiRoutes(routes: RouteRegistry, taxii: TaxiiService) {
  const collection = z.strictObject({ collection: z.string().min(1).max(100) });
  const object = z.strictObject({ collection: z.string().min(1).max(100), object: z.string().min(1).max(300) });
  const tags = ["taxii"];
  routes.add({
    method: "GET", url: "/taxii2/", access: "authenticated", tags,
    summary: "TAXII 2.1 discovery: this server and its API root",
    handler: async ({ req, reply }) => {
      // From PUBLIC_URL, never from the request's Host header; unset, relative to this address.
      const base = publicBase();
      const root = `${base ?? ""}${ROOT}/`;
      return answer(req, reply, { title: "Nexus Toolkit", description: "Nexus Watch workspaces as TAXII 2.1 collections of STIX 2.1 objects", default: root, api_roots: [root] });
    },
  });
  routes.add({
    method: "GET", url: `${ROOT}/`, access: "authenticated", tags,
    summary: "TAXII 2.1 API root",
    handler: async ({ req, reply }) => answer(req, reply, { title: "Nexus Watch", description: "One collection per workspace you belong to", versions: [TAXII_MEDIA_TYPE], max_content_length: STIX_IMPORT_LIMIT }),
  });
  routes.add({
    method: "GET", url: `${ROOT}/collections/`, access: "records.read", tags,
    summary: "TAXII 2.1 collections: one per workspace the caller belongs to (a token limited to some workspaces sees those)",
    handler: async ({ principal, req, reply }) => {
      const list = (await taxii.collections(principal!)).map(({ workspace: _w, ...c }) => c);
      return answer(req, reply, list.length ? { collections: list } : {});
    },
  });
  routes.add({
    method: "GET", url: `${ROOT}/collections/:collection/`, access: "records.read", tags, params: collection,
    summary: "One TAXII 2.1 collection",
    handler: async ({ params, principal, req, reply }) => { const { workspace: _w, ...c } = await taxii.collection(principal!, params.collection); return answer(req, reply, c); },
  });
  routes.add({
    method: "GET", url: `${ROOT}/collections/:collection/objects/`, access: "records.read", tags, params: collection, query: z.strictObject(filters),
    summary: "A collection's STIX 2.1 objects as the caller reads them (RED never), a page at a time: limit, next, added_after, match[id|type|version|spec_version]",
    handler: async ({ params, query, principal, req, reply }) => {
      return pageAnswer(req, reply, page(await taxii.served(principal!, params.collection, req), query), "objects", (s) => s.object);
    },
  });
  routes.add({
    method: "POST", url: `${ROOT}/collections/:collection/objects/`, access: "records.write", tags, params: collection, bodyLimit: STIX_IMPORT_LIMIT,
    body: z.looseObject({ objects: z.array(z.unknown()).max(10_000) }),
    summary: "Add an envelope of STIX 2.1 objects to a collection: imported all or nothing through the records kernel; answers a status resource (202)",
    handler: async ({ params, body, principal, req, reply }) => {
      const status = await taxii.add(principal!, params.collection, body, req);
      reply.code(202);
      return answer(req, reply, status);
    },
  });
  routes.add({
    method: "GET", url: `${ROOT}/collections/:collection/manifest/`, access: "records.read", tags, params: collection, query: z.strictObject(filters),
    summary: "A collection's manifest: each object's id, date added, version and media type, with the same filters and pages as objects",
    handler: async ({ params, query, principal, req, reply }) => {
      return pageAnswer(req, reply, page(await taxii.served(principal!, params.collection, req), query), "objects", (s) => ({ id: s.object.id, date_added: s.added, version: s.version, media_type: STIX_MEDIA_TYPE }));
    },
  });
  routes.add({
    method: "GET", url: `${ROOT}/collections/:collection/objects/:object/`, access: "records.read", tags, params: object, query: z.strictObject(filters),
    summary: "One object of a collection (its versions by match[version])",
    handler: async ({ params, query, principal, req, reply }) => {
      const p = page((await taxii.served(principal!, params.collection, req)).filter((s) => s.object.id === params.object), query);
      if (!p.items.length && !query.next) throw new Problem(404, "Not Found", `object ${params.object} is not in the collection`);
      return pageAnswer(req, reply, p, "objects", (s) => s.object, true);
    },
  });
  routes.add({
    method: "GET", url: `${ROOT}/collections/:collection/objects/:object/versions/`, access: "records.read", tags, params: object, query: z.strictObject(filters),
    summary: "The versions of one object of a collection",
    handler: async ({ params, query, principal, req, reply }) => {
      const p = page((await taxii.served(principal!, params.collection, req)).filter((s) => s.object.id === params.object), { ...query, "match[version]": "all" });
      if (!p.items.length && !query.next) throw new Problem(404, "Not Found", `object ${params.object} is not in the collection`);
      return pageAnswer(req, reply, p, "versions", (s) => s.version, true);
    },
  });
  routes.add({
    method: "GET", url: `${ROOT}/status/:status/`, access: "records.write", tags, params: z.strictObject({ status: z.string().min(1).max(100) }),
    summary: "The status of an envelope the caller added",
    handler: async ({ params, principal, req, reply }) => answer(req, reply, await taxii.status(principal!, params.status)),
  });
}

/** A problem as a TAXII 2.1 error message, for requests under /taxii2/. */
export function taxiiError(status: number, title: string, description: string, errors: { param: string; message: string }[]) {
  return {
    title, description, http_status: String(status), error_code: String(status),
    ...(errors.length ? { details: Object.fromEntries(errors.map((e) => [e.param, e.message])) } : {}),
  };
}
