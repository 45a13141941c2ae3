import type { Queryable } from "../../db/connection.js";
import type { Observation } from "../../core/watch/evidence.js";
import type { Credibility, Reliability } from "../../core/watch/grades.js";

export interface ObservationRow {
  id: string;
  subject_id: string;
  indicator: string;
  state: "present" | "absent" | "unknown";
  trend: "rising" | "stable" | "falling" | null;
  observed_at: string;
  reported_at: string;
  source_ids: string[];
  credibility: number;
  note: string;
  created_by: string;
  created_at: string;
}

const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

export async function observationsOf(db: Queryable, subjectIds: string[], upTo?: string): Promise<ObservationRow[]> {
  const { rows } = await db.query<ObservationRow>(
    `select * from watch_observation where subject_id = any($1::text[]) and ($2::date is null or observed_at <= $2::date)
     order by observed_at, created_at, id`, [subjectIds, upTo ?? null]);
  return rows.map((r) => ({ ...r, observed_at: day(r.observed_at), reported_at: day(r.reported_at) }));
}

/** Observations as the analysis reads them, with each source's reliability. */
export function toAnalysisObservations(rows: ObservationRow[], reliability: Map<string, Reliability>): Observation[] {
  return rows.map((r) => ({
    id: r.id, indicator: r.indicator, state: r.state, trend: r.trend ?? undefined, observedAt: r.observed_at,
    credibility: r.credibility as Credibility,
    sources: r.source_ids.map((id) => ({ id, reliability: reliability.get(id) ?? "F" })),
    note: r.note,
  }));
}

export interface NewObservation {
  id: string; subject_id: string; indicator: string; state: string; trend: string | null; observed_at: string; reported_at: string;
  source_ids: string[]; credibility: number; note: string; created_by: string;
}

/** Inserts many observations in one statement (PGlite has one connection: few round trips). */
export async function insertObservations(db: Queryable, rows: NewObservation[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    await db.query(
      `insert into watch_observation (id, subject_id, indicator, state, trend, observed_at, reported_at, source_ids, credibility, note, created_by)
       select id, subject_id, indicator, state, trend, observed_at, reported_at, source_ids, credibility, note, created_by
       from jsonb_to_recordset($1::jsonb) as x(id text, subject_id text, indicator text, state text, trend text, observed_at date, reported_at date,
         source_ids text[], credibility smallint, note text, created_by text)`,
      [JSON.stringify(rows.slice(i, i + 5000))]);
  }
}
