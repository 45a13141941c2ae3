/**
 * The calibration set (test/fixtures/calibration/*.yaml): documented cases from the sources and
 * the literature, each with the manifestation that literature names, turned into the analysis's
 * input. Grades are written as Admiralty pairs ("B2"); a grade stands for one source of that
 * reliability unless the case names the source.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { EvidenceInput, Group, GroupType, MotiveKind, Observation, Relationship, RelationshipKind, Trend } from "../../src/core/watch/evidence.js";
import type { Credibility, Reliability } from "../../src/core/watch/grades.js";

export const CALIBRATION_DIR = join(import.meta.dirname, "..", "fixtures", "calibration");

interface RawGroup { id: string; name: string; types?: { from: string; type: GroupType }[]; type?: GroupType; motivations?: { from: string; kind: MotiveKind; aim?: "primary" | "secondary"; grade?: string; source?: string }[] }
interface RawCase {
  id: string; title: string; expected: string; also_plausible?: string[]; basis: "source" | "literature";
  references: ({ source: string; locator: string } | { cite: string; url?: string })[];
  summary: string; as_of: string; area?: { name: string; country: string; context?: string };
  groups?: RawGroup[];
  relationships?: { kind: RelationshipKind; from: string; to: string; start?: string; end?: string; grade: string; source?: string }[];
  observations: { indicator: string; state: "present" | "absent"; trend?: Trend; observed_at: string; grade: string; subject?: string; source?: string }[];
}
export interface CalibrationCase { id: string; title: string; expected: string; alsoPlausible: string[]; basis: "source" | "literature"; references: RawCase["references"]; input: EvidenceInput }

const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
const graded = (grade: string, source?: string) => ({
  sources: [{ id: source ?? `source-${grade}`, reliability: grade[0] as Reliability }], credibility: Number(grade[1]) as Credibility,
});

export function toInput(c: RawCase): EvidenceInput {
  const asOf = day(c.as_of);
  const groups: Group[] = (c.groups ?? []).map((g) => {
    const types = (g.types ?? []).map((t) => ({ from: day(t.from), type: t.type })).sort((a, b) => a.from.localeCompare(b.from));
    const current = [...types].reverse().find((t) => t.from <= asOf)?.type ?? g.type ?? "unknown";
    return {
      id: g.id, name: g.name, type: current, types,
      motivations: (g.motivations ?? []).map((m) => ({ from: day(m.from), kind: m.kind, aim: m.aim ?? "primary", ...(m.grade ? graded(m.grade, m.source) : {}) })),
    };
  });
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const relationships: Relationship[] = (c.relationships ?? []).map((r) => ({
    kind: r.kind, from: r.from, to: r.to, start: r.start ? day(r.start) : undefined, end: r.end ? day(r.end) : null, ...graded(r.grade, r.source),
  }));
  const observations: Observation[] = c.observations.map((o) => ({
    indicator: o.indicator, state: o.state, trend: o.trend, observedAt: day(o.observed_at), ...graded(o.grade, o.source),
    subject: o.subject ? names.get(o.subject) ?? o.subject : undefined,
  }));
  return { observations, groups, relationships, asOf, context: c.area?.context ?? null };
}

export function loadCalibration(dir = CALIBRATION_DIR): CalibrationCase[] {
  return readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => {
    const raw = parse(readFileSync(join(dir, f), "utf8")) as RawCase;
    return { id: raw.id, title: raw.title, expected: raw.expected, alsoPlausible: raw.also_plausible ?? [], basis: raw.basis, references: raw.references, input: toInput(raw) };
  });
}
