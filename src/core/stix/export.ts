/**
 * Nexus Watch records as a STIX 2.1 bundle (decision 0032 has the table, object by object). Pure:
 * the caller passes only what the reader may read (the server reads through the records kernel)
 * and this module drops RED on top of that, since RED never leaves its workspace. Every object is
 * marked with its TLP 2.0 marking definition and made by the workspace's identity; ids are UUIDv5
 * over our ids, so a second export of the same records gives the same ids, and `modified` moves
 * when a record changes.
 */
import { narrowest, type Marking } from "../platform/markings.js";
import type { Credibility } from "../watch/grades.js";
import {
  attackMotivation, bundleId, confidenceOf, identityClass, NEXUS_ANALYSIS, NEXUS_OBSERVATION, nexusExtensionDefinition, nexusProperties, newSdo,
  SPEC_VERSION, stixId, stixTime, threatActorTypes, tlpMarkingId, tlpMarkingObject, TOOLKIT_IDENTITY,
} from "./vocabulary.js";

export interface ExportRecord {
  id: string; kind: string; title: string; body: Record<string, unknown>; marking: Marking; created_at: string | Date; updated_at: string | Date;
}
export interface ExportObservation {
  id: string; subject_id: string; indicator: string; state: string; trend: string | null; observed_at: string; reported_at: string;
  source_ids: string[]; credibility: number; note: string; created_at?: string | Date;
}
/** A subject's analysis as the exporting reader sees it. */
export interface ExportAnalysis {
  subjectId: string; asOf: string;
  ranking: { id: string; score: number; support: number; inconsistency: number }[];
  confidence: string; evidenceCount: number;
}
export interface ExportInput {
  /** the workspace the records come from: the objects' creator */
  producer: { id: string; name: string };
  records: ExportRecord[];
  observations: ExportObservation[];
  analyses: ExportAnalysis[];
  /** a manifestation's name in the export's language (a judgement's note is titled with it) */
  manifestationName: (id: string) => string;
  /**
   * Records and observations that came from a STIX import, by our id: the STIX id they came
   * with, so a record goes back out under its first id and a deployment recognises its own
   * objects when they come back (a regional hub re-sharing a national node's data).
   */
  knownAs?: ReadonlyMap<string, string>;
}

export type StixObject = Record<string, unknown> & { type: string; id: string };
export interface StixBundle { type: "bundle"; id: string; objects: StixObject[] }

/** The STIX type each of our record kinds is exported as. */
export const stixTypeOf: Record<string, string> = { area: "location", group: "threat-actor", source: "identity", relationship: "relationship", assessment: "report" };

/** The STIX id of one of our records that did not come from an import: what other objects refer to it by. */
export const refOf = (kind: string, id: string) => stixId(stixTypeOf[kind] ?? kind, id);

const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0))) as T;

/** A group's motives today: the later dated entries override the earlier ones (see groupBody). */
function currentMotives(motivations: { from: string; kind: string; aim?: string }[]) {
  let primary: string | undefined;
  let secondary: string | undefined;
  for (const m of [...motivations].sort((a, b) => a.from.localeCompare(b.from))) {
    if (m.aim === "secondary") secondary = m.kind;
    else { primary = m.kind; if (!m.aim) secondary = undefined; }
  }
  const p = primary ? attackMotivation[primary] ?? [] : [];
  const s = [...p.slice(1), ...(secondary ? attackMotivation[secondary] ?? [] : [])].filter((v) => v !== p[0]);
  return { primary_motivation: p[0], secondary_motivations: [...new Set(s)] };
}

export function toStixBundle(input: ExportInput): StixBundle {
  const records = input.records.filter((r) => r.marking !== "RED" && stixTypeOf[r.kind]);
  const byId = new Map(records.map((r) => [r.id, r]));
  /** The id an object of ours goes out under: the one it came with, if it came as that type, else ours. */
  const sid = (type: string, ourId: string) => { const known = input.knownAs?.get(ourId); return known?.startsWith(`${type}--`) ? known : stixId(type, ourId); };
  const refOf = (kind: string, id: string) => sid(stixTypeOf[kind] ?? kind, id);
  const producer = {
    type: "identity", spec_version: SPEC_VERSION, id: stixId("identity", `workspace:${input.producer.id}`),
    created: TOOLKIT_IDENTITY.created, modified: TOOLKIT_IDENTITY.modified, name: input.producer.name, identity_class: "organization",
  };
  const common = (r: ExportRecord, type: string) => ({
    type, spec_version: SPEC_VERSION, id: sid(type, r.id), created_by_ref: producer.id,
    created: stixTime(r.created_at), modified: stixTime(r.updated_at), object_marking_refs: [tlpMarkingId[r.marking]],
  });
  /** Refers to a record only if it is in the bundle (a reader never learns the id of what they cannot read). */
  const refs = (ids: unknown, kind?: string) => ((ids as string[] | undefined) ?? []).filter((id) => byId.has(id) && (!kind || byId.get(id)!.kind === kind)).map((id) => refOf(byId.get(id)!.kind, id));
  const objects: StixObject[] = [];
  const used = new Set<Marking>();

  for (const r of records) {
    const b = r.body as Record<string, any>;
    used.add(r.marking);
    switch (r.kind) {
      case "area":
        objects.push(defined({
          ...common(r, "location"), name: r.title, country: b.country, administrative_area: b.subnational, latitude: b.point?.lat, longitude: b.point?.lon,
          description: b.notes, extensions: nexusProperties(defined({ nexus_kind: "area", context: b.context })),
        }));
        break;
      case "group": {
        const motives = currentMotives(b.motivations ?? []);
        objects.push(defined({
          ...common(r, "threat-actor"), name: r.title, aliases: b.aliases, threat_actor_types: [threatActorTypes[b.type] ?? "unknown"], ...motives, description: b.notes,
          extensions: nexusProperties(defined({
            nexus_kind: "group", group_type: b.type, type_history: b.types,
            motivations: (b.motivations ?? []).map((m: Record<string, any>) => defined({ from: m.from, kind: m.kind, aim: m.aim, source_refs: refs(m.sources, "source"), credibility: m.credibility })),
            area_refs: refs(b.areas, "area"),
          })),
        }));
        // Where the group acts, also as the standard relationship OpenCTI and MISP draw.
        for (const area of (b.areas ?? []) as string[]) {
          const a = byId.get(area);
          if (!a || a.kind !== "area") continue;
          objects.push({
            type: "relationship", spec_version: SPEC_VERSION, id: stixId("relationship", `${r.id}:located-at:${area}`), created_by_ref: producer.id,
            created: stixTime(r.created_at), modified: stixTime(r.updated_at), relationship_type: "located-at",
            source_ref: refOf("group", r.id), target_ref: refOf("area", area), object_marking_refs: [tlpMarkingId[narrowest([r.marking, a.marking])]],
          });
        }
        break;
      }
      case "source":
        objects.push(defined({
          ...common(r, "identity"), name: r.title, identity_class: identityClass[b.type] ?? "unknown", description: b.notes,
          extensions: nexusProperties({ nexus_kind: "source", source_type: b.type, reliability: b.reliability }),
        }));
        break;
      case "relationship": {
        const from = byId.get(b.from);
        const to = byId.get(b.to);
        if (!from || !to) break;
        const stop = b.end && b.start && b.end > b.start ? b.end : b.end && !b.start ? b.end : undefined;
        objects.push(defined({
          ...common(r, "relationship"), relationship_type: b.kind, source_ref: refOf(from.kind, from.id), target_ref: refOf(to.kind, to.id),
          start_time: b.start ? stixTime(b.start) : undefined, stop_time: stop ? stixTime(stop) : undefined,
          confidence: confidenceOf(b.credibility as Credibility), description: b.notes,
          extensions: nexusProperties(defined({ nexus_kind: "relationship", service: b.service, source_refs: refs(b.sources, "source"), credibility: b.credibility, ongoing: b.end === null ? true : undefined })),
        }));
        break;
      }
      case "assessment": {
        const subject = byId.get(b.subject_id);
        const report = common(r, "report");
        const analysis = b.analysis as { ranking?: { id: string; score: number; support: number; inconsistency: number }[]; confidence?: { level: string }; evidenceCount?: number } | undefined;
        objects.push(defined({
          ...report, name: r.title, published: stixTime(b.published_at ?? b.as_of), report_types: [subject?.kind === "group" ? "threat-actor" : "threat-report"],
          object_refs: [...(subject ? [refOf(subject.kind, subject.id)] : []), ...refs(b.evidence_records)].slice(0, 1000),
          extensions: nexusProperties(defined({
            nexus_kind: "assessment", status: b.status, as_of: b.as_of, supersedes_ref: b.supersedes && byId.has(b.supersedes) ? refOf("assessment", b.supersedes) : undefined,
            ranking: analysis?.ranking?.map((h) => ({ hypothesis: h.id, score: h.score, support: h.support, inconsistency: h.inconsistency })),
            confidence_level: analysis?.confidence?.level, evidence_count: analysis?.evidenceCount,
            judgement: b.judgement ? defined({ manifestation: b.judgement.manifestation, reason: b.judgement.reason }) : undefined,
            states: b.states ? Object.entries(b.states as Record<string, { state: string; observed_at: string; credibility: number }>).map(([indicator, s]) => ({ indicator, state: s.state, observed_at: s.observed_at, credibility: s.credibility })) : undefined,
          })),
        }));
        // report.object_refs must not be empty: a report whose subject the reader cannot read is not exported.
        if (!subject && !refs(b.evidence_records).length) { objects.pop(); break; }
        if (b.judgement?.reason) {
          objects.push({
            type: "note", spec_version: SPEC_VERSION, id: stixId("note", `${r.id}:judgement`), created_by_ref: producer.id, created: report.created, modified: report.modified,
            abstract: input.manifestationName(b.judgement.manifestation), content: b.judgement.reason, object_refs: [report.id], object_marking_refs: report.object_marking_refs,
          });
        }
        if ((b.consensus_of ?? []).length) {
          objects.push({
            type: "opinion", spec_version: SPEC_VERSION, id: stixId("opinion", `${r.id}:consensus`), created_by_ref: producer.id, created: report.created, modified: report.modified,
            opinion: "agree", object_refs: [report.id], object_marking_refs: report.object_marking_refs,
          });
        }
        break;
      }
    }
  }

  const markingOf = (id: string) => byId.get(id)?.marking;
  const observationMarkings = new Map<string, Marking[]>();
  for (const o of input.observations) {
    const subject = byId.get(o.subject_id);
    // Only when the subject and every source are in the bundle (and none is RED).
    if (!subject || !o.source_ids.every((s) => byId.get(s)?.kind === "source")) continue;
    const marking = narrowest([subject.marking, ...o.source_ids.map((s) => markingOf(s)!)]);
    used.add(marking);
    (observationMarkings.get(subject.id) ?? observationMarkings.set(subject.id, []).get(subject.id)!).push(marking);
    const at = stixTime(o.created_at ?? o.reported_at);
    objects.push(defined({
      type: NEXUS_OBSERVATION, spec_version: SPEC_VERSION, id: sid(NEXUS_OBSERVATION, o.id), created_by_ref: producer.id, created: at, modified: at,
      subject_ref: refOf(subject.kind, subject.id), indicator: o.indicator, state: o.state, trend: o.trend ?? undefined,
      observed_at: stixTime(o.observed_at), reported_at: stixTime(o.reported_at), source_refs: o.source_ids.map((s) => refOf("source", s)),
      credibility: o.credibility, confidence: confidenceOf(o.credibility as Credibility), description: o.note,
      object_marking_refs: [tlpMarkingId[marking]], extensions: newSdo,
    }));
  }

  for (const a of input.analyses) {
    const subject = byId.get(a.subjectId);
    if (!subject) continue;
    // What the analysis draws on: the subject and the observations in the bundle.
    const marking = narrowest([subject.marking, ...(observationMarkings.get(subject.id) ?? [])]);
    used.add(marking);
    const at = stixTime(a.asOf);
    objects.push(defined({
      type: NEXUS_ANALYSIS, spec_version: SPEC_VERSION, id: stixId(NEXUS_ANALYSIS, `${subject.id}:${a.asOf}`), created_by_ref: producer.id, created: at, modified: at,
      subject_ref: refOf(subject.kind, subject.id), as_of: at, leading: a.ranking[0]?.id,
      ranking: a.ranking.map((h) => ({ hypothesis: h.id, score: h.score, support: h.support, inconsistency: h.inconsistency })),
      confidence_level: a.confidence, evidence_count: a.evidenceCount,
      object_marking_refs: [tlpMarkingId[marking]], extensions: newSdo,
    }));
  }

  const head: StixObject[] = [TOOLKIT_IDENTITY, nexusExtensionDefinition, producer, ...[...used].sort().map(tlpMarkingObject)];
  const all = [...head, ...objects];
  return { type: "bundle", id: bundleId(all.map((o) => `${o.id}@${(o as { modified?: string }).modified ?? ""}`).join(",")), objects: all };
}
