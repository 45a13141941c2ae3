/**
 * What a STIX 2.1 bundle becomes in a workspace (decision 0032, the import half of the table):
 * a plan of records to create, objects kept as they are (raw), objects already imported, and
 * refusals naming the object and the property. Pure: the server validates the bundle against the
 * OASIS schemas first, then runs the plan in one transaction through the records kernel.
 *
 * Bundles from MISP (misp-stix) and OpenCTI carry no nexus extension: their threat actors and
 * intrusion sets become groups (types and motivations from the STIX vocabularies), locations with
 * a country become areas, the identities that vouch for something become sources (reliability from
 * OpenCTI's x_opencti_reliability, else F, "cannot be judged"), relationships between groups of our
 * kinds become relationships, "located-at" gives a group its areas; the rest is kept raw.
 */
import { markings as allMarkings, narrowest, type Marking } from "../platform/markings.js";
import { relationshipKinds } from "../watch/evidence.js";
import { credibilityOf, markingOfId, NEXUS_ANALYSIS, NEXUS_EXTENSION_ID, NEXUS_OBSERVATION, TOOLKIT_IDENTITY } from "./vocabulary.js";

type Obj = Record<string, any> & { type: string; id: string };
export type Outcome = "create" | "keep" | "skip" | "merge" | "recompute" | "definition";
export type Target = "area" | "group" | "source" | "relationship" | "observation" | "stix-object";
/** Why an object is kept raw, merged or skipped: a code the interface says in the reader's language. */
export type Why = "type" | "no-country" | "relationship-type" | "no-source" | "already" | "newer" | "older-version" | "located-at" | "analysis" | "provenance" | "marking";

export interface PlanItem { index: number; stix_id: string; stix_type: string; name?: string; outcome: Outcome; target?: Target; why?: Why }
export interface PlanProblem { path: string; key: "stixUnknownRef" | "stixDuplicate" | "notAnIndicator"; params: Record<string, string> }

interface Planned { index: number; stixId: string; modified: string; marking: Marking }
export interface PlannedRecord extends Planned { kind: "area" | "group" | "source" | "relationship"; name: string; body: Record<string, unknown>; refs: Ref[] }
export interface PlannedObservation extends Planned { subject: string; sources: string[]; input: Record<string, unknown> }
export interface PlannedRaw extends Planned { name: string; object: Obj }
/** A body field that names another object by its STIX id, resolved to our id when the plan runs. */
export interface Ref { field: string; stixId: string }

export interface ImportPlan {
  items: PlanItem[];
  /** in the order they must be created: sources, areas, groups, relationships */
  records: PlannedRecord[];
  observations: PlannedObservation[];
  raw: PlannedRaw[];
  problems: PlanProblem[];
}

export interface ImportContext {
  /** STIX ids imported into this workspace before, with what they became there and their `modified` then */
  links: Map<string, { target: Target; modified: string }>;
  indicators: Set<string>;
  /** the marking of objects that carry no TLP marking */
  defaultMarking: Marking;
}

const ext = (o: Obj): Record<string, any> | undefined => o.extensions?.[NEXUS_EXTENSION_ID];
const versionOf = (o: Obj): string => o.modified ?? o.created ?? "";
const day = (t: unknown) => (typeof t === "string" ? t.slice(0, 10) : undefined);
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
const isGroup = (o: Obj) => o.type === "threat-actor" || o.type === "intrusion-set";

/** STIX attack-motivation-ov values as our kinds of aim. */
const motivationKind: Record<string, "ideological" | "political" | "economic"> = {
  ideology: "ideological", dominance: "political", coercion: "political", "organizational-gain": "economic", "personal-gain": "economic",
};
/** STIX threat-actor-type-ov values as our group types. */
const groupTypeOf: Record<string, string> = { "crime-syndicate": "criminal", criminal: "criminal", terrorist: "terrorist" };
/** STIX identity-class-ov values as our source types (a source that is not ours). */
const sourceTypeOf: Record<string, string> = { individual: "human", organization: "partner-agency", group: "partner-agency", system: "technical", class: "open-source", unknown: "open-source" };
const reliabilityOf = (o: Obj): string => {
  const e = ext(o)?.reliability;
  if (typeof e === "string" && /^[A-F]$/.test(e)) return e;
  const opencti = typeof o.x_opencti_reliability === "string" ? o.x_opencti_reliability.trim().charAt(0).toUpperCase() : "";
  return /^[A-F]$/.test(opencti) ? opencti : "F";
};

/** The TLP marking of an object: the narrowest TLP level among its marking references, else the import's default. */
export function markingOfObject(o: Obj, fallback: Marking): Marking {
  const found = ((o.object_marking_refs ?? []) as string[]).map(markingOfId).filter((m): m is Marking => Boolean(m));
  return found.length ? narrowest(found) : fallback;
}

export function planImport(objects: Obj[], ctx: ImportContext): ImportPlan {
  const items: PlanItem[] = [];
  const problems: PlanProblem[] = [];
  const records: PlannedRecord[] = [];
  const observations: PlannedObservation[] = [];
  const raw: PlannedRaw[] = [];

  // The latest version of each object; earlier versions in the same bundle are skipped.
  const latest = new Map<string, number>();
  objects.forEach((o, i) => {
    const seen = latest.get(o.id);
    if (seen === undefined) { latest.set(o.id, i); return; }
    if (versionOf(o) === versionOf(objects[seen])) problems.push({ path: `objects.${i}.id`, key: "stixDuplicate", params: { id: o.id } });
    else if (versionOf(o) > versionOf(objects[seen])) latest.set(o.id, i);
  });
  const current = (i: number) => latest.get(objects[i].id) === i;
  const byId = new Map([...latest].map(([id, i]) => [id, objects[i]]));

  // Which identities vouch for something we import: they become sources.
  const vouching = new Set<string>();
  for (const o of byId.values()) {
    if (o.type === NEXUS_OBSERVATION) (o.source_refs ?? []).forEach((r: string) => vouching.add(r));
    for (const m of (ext(o)?.motivations ?? []) as { source_refs?: string[] }[]) (m.source_refs ?? []).forEach((r) => vouching.add(r));
    if (o.type === "relationship" && (relationshipKinds as readonly string[]).includes(o.relationship_type)) {
      const own = ext(o)?.source_refs as string[] | undefined;
      if (own?.length) own.forEach((r) => vouching.add(r));
      else if (o.created_by_ref) vouching.add(o.created_by_ref);
    }
  }
  const willBe = (stixId: string): Target | undefined => {
    const link = ctx.links.get(stixId);
    if (link) return link.target;
    const o = byId.get(stixId);
    if (!o) return undefined;
    if (o.type === "location") return typeof o.country === "string" && /^[A-Za-z]{2}$/.test(o.country) ? "area" : undefined;
    if (isGroup(o)) return "group";
    if (o.type === "identity") return ext(o)?.nexus_kind === "source" || vouching.has(o.id) ? "source" : undefined;
    return undefined;
  };
  const refTo = (path: string, stixId: unknown, want: Target[], field: string, refs: Ref[]): boolean => {
    if (typeof stixId === "string" && want.includes(willBe(stixId)!)) { refs.push({ field, stixId }); return true; }
    problems.push({ path, key: "stixUnknownRef", params: { id: String(stixId) } });
    return false;
  };

  // Areas a group operates in, from "located-at" relationships.
  const locatedAt = new Map<string, string[]>();
  for (const o of byId.values()) {
    if (o.type === "relationship" && o.relationship_type === "located-at" && byId.has(o.source_ref) && isGroup(byId.get(o.source_ref)!) && willBe(o.target_ref) === "area") {
      locatedAt.set(o.source_ref, [...(locatedAt.get(o.source_ref) ?? []), o.target_ref]);
    }
  }

  objects.forEach((o, index) => {
    const item: PlanItem = { index, stix_id: o.id, stix_type: o.type, ...(typeof o.name === "string" ? { name: clip(o.name, 300) } : {}), outcome: "keep" };
    items.push(item);
    if (!current(index)) { Object.assign(item, { outcome: "skip", why: "older-version" }); return; }
    if (o.type === "marking-definition" || o.type === "extension-definition" || o.id === TOOLKIT_IDENTITY.id) { Object.assign(item, { outcome: "definition", why: o.type === "marking-definition" ? "marking" : "provenance" }); return; }
    const link = ctx.links.get(o.id);
    if (link) { Object.assign(item, { outcome: "skip", target: link.target, why: versionOf(o) > link.modified ? "newer" : "already" }); return; }
    const marking = markingOfObject(o, ctx.defaultMarking);
    const base = { index, stixId: o.id, modified: versionOf(o), marking };
    const x = ext(o) ?? {};
    const path = `objects.${index}`;
    const create = (kind: PlannedRecord["kind"], name: string, body: Record<string, unknown>, refs: Ref[] = []) => {
      records.push({ ...base, kind, name: clip(name.trim() || kind, 300), body, refs });
      Object.assign(item, { outcome: "create", target: kind });
    };
    const keep = (why: Why) => {
      raw.push({ ...base, name: clip(String(o.name ?? o.abstract ?? o.value ?? o.type), 300), object: o });
      Object.assign(item, { outcome: "keep", target: "stix-object", why });
    };

    switch (o.type) {
      case "location": {
        if (willBe(o.id) !== "area") { keep("no-country"); return; }
        const point = typeof o.latitude === "number" && typeof o.longitude === "number" ? { lat: o.latitude, lon: o.longitude } : undefined;
        create("area", String(o.name ?? [o.administrative_area, o.country].filter(Boolean).join(", ")), {
          country: String(o.country).toUpperCase(), ...(o.administrative_area || o.city ? { subnational: clip(String(o.administrative_area ?? o.city), 200) } : {}),
          ...(point ? { point } : {}), ...(x.context ? { context: x.context } : {}), ...(o.description ? { notes: clip(String(o.description), 5000) } : {}),
        });
        return;
      }
      case "threat-actor":
      case "intrusion-set": {
        const refs: Ref[] = [];
        const type = x.group_type ?? ((o.threat_actor_types ?? []) as string[]).map((t) => groupTypeOf[t]).find(Boolean) ?? "unknown";
        const areas = [...new Set([...((x.area_refs ?? []) as string[]), ...(locatedAt.get(o.id) ?? [])])];
        areas.forEach((a, i) => refTo(`${path}.extensions.${NEXUS_EXTENSION_ID}.area_refs`, a, ["area"], `areas.${i}`, refs));
        let motivations: Record<string, unknown>[];
        if (Array.isArray(x.motivations)) {
          motivations = x.motivations.map((m: Record<string, any>, i: number) => {
            ((m.source_refs ?? []) as string[]).forEach((s, j) => refTo(`${path}.extensions.${NEXUS_EXTENSION_ID}.motivations.${i}.source_refs`, s, ["source"], `motivations.${i}.sources.${j}`, refs));
            return { from: m.from, kind: m.kind, ...(m.aim ? { aim: m.aim } : {}), sources: [], ...(m.credibility ? { credibility: m.credibility } : {}) };
          });
        } else {
          // Motives from the STIX vocabulary, dated from the object's creation.
          const from = day(o.first_seen ?? o.created) ?? "1970-01-01";
          const primary = motivationKind[o.primary_motivation];
          const secondary = ((o.secondary_motivations ?? []) as string[]).map((m) => motivationKind[m]).find((k) => k && k !== primary);
          motivations = [
            ...(primary ? [{ from, kind: primary, ...(secondary ? { aim: "primary" } : {}), sources: [] }] : []),
            ...(primary && secondary ? [{ from, kind: secondary, aim: "secondary", sources: [] }] : []),
          ];
        }
        create("group", String(o.name ?? ""), {
          aliases: ((o.aliases ?? []) as string[]).filter((a) => typeof a === "string" && a.trim()).map((a) => clip(a.trim(), 200)).slice(0, 50),
          type, types: x.type_history ?? [], motivations, areas: [], ...(o.description ? { notes: clip(String(o.description), 5000) } : {}),
        }, refs);
        return;
      }
      case "identity": {
        if (willBe(o.id) === "source") {
          create("source", String(o.name ?? ""), { type: x.source_type ?? sourceTypeOf[o.identity_class] ?? "open-source", reliability: reliabilityOf(o), ...(o.description ? { notes: clip(String(o.description), 5000) } : {}) });
          return;
        }
        if ([...byId.values()].some((other) => other.created_by_ref === o.id)) { Object.assign(item, { outcome: "definition", why: "provenance" }); return; }
        keep("type");
        return;
      }
      case "relationship": {
        if (o.relationship_type === "located-at" && locatedAt.get(o.source_ref)?.includes(o.target_ref)) { Object.assign(item, { outcome: "merge", target: "group", why: "located-at" }); return; }
        if (!(relationshipKinds as readonly string[]).includes(o.relationship_type) || willBe(o.source_ref) !== "group" || willBe(o.target_ref) !== "group" || o.source_ref === o.target_ref) { keep("relationship-type"); return; }
        const sources = ((x.source_refs as string[] | undefined)?.length ? x.source_refs : o.created_by_ref ? [o.created_by_ref] : []) as string[];
        if (!sources.length) { keep("no-source"); return; }
        const refs: Ref[] = [{ field: "from", stixId: o.source_ref }, { field: "to", stixId: o.target_ref }];
        sources.forEach((s, j) => refTo(`${path}.extensions.${NEXUS_EXTENSION_ID}.source_refs`, s, ["source"], `sources.${j}`, refs));
        const stop = day(o.stop_time);
        create("relationship", "", {
          kind: o.relationship_type, ...(x.service ? { service: clip(String(x.service), 200) } : {}),
          ...(o.start_time ? { start: day(o.start_time) } : {}), ...(x.ongoing ? { end: null } : stop ? { end: stop } : {}),
          sources: [], credibility: x.credibility ?? credibilityOf(o.confidence), ...(o.description ? { notes: clip(String(o.description), 5000) } : {}),
        }, refs);
        return;
      }
      case NEXUS_OBSERVATION: {
        if (!ctx.indicators.has(o.indicator)) problems.push({ path: `${path}.indicator`, key: "notAnIndicator", params: { id: String(o.indicator) } });
        const refs: Ref[] = [];
        const subjectOk = refTo(`${path}.subject_ref`, o.subject_ref, ["area", "group"], "subject", refs);
        const sources = (o.source_refs ?? []) as string[];
        sources.forEach((s) => refTo(`${path}.source_refs`, s, ["source"], "source", refs));
        if (!subjectOk) return;
        observations.push({
          ...base, subject: o.subject_ref, sources,
          input: {
            indicator: o.indicator, state: o.state, ...(o.trend ? { trend: o.trend } : {}), observed_at: day(o.observed_at), ...(o.reported_at ? { reported_at: day(o.reported_at) } : {}),
            credibility: o.credibility, ...(o.description ? { note: clip(String(o.description), 5000) } : {}),
          },
        });
        Object.assign(item, { outcome: "create", target: "observation" });
        return;
      }
      case NEXUS_ANALYSIS:
        // Computed again from the imported observations, in this workspace, for each reader.
        Object.assign(item, { outcome: "recompute", why: "analysis" });
        return;
      default:
        keep("type");
    }
  });
  // Records before those that cite them.
  const order = ["source", "area", "group", "relationship"];
  records.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.index - b.index);
  return { items, records, observations, raw, problems };
}

/** Markings in the order the import form offers them for unmarked objects. */
export const importDefaultMarkings = allMarkings.filter((m) => m !== "RED");
