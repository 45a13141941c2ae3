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

type Held = Omit<NewObservation, "id" | "created_by">;
/** The fields ObservationBatch stores by number, in the order of its cells. */
const HELD = ["subject_id", "indicator", "state", "trend", "observed_at", "reported_at", "source_ids", "credibility"] as const;

/**
 * Observations checked by an import and waiting to be inserted, held compactly (decision 0030):
 * each distinct subject, indicator, state, date, list of sources and grade is kept once, and a
 * row is eight numbers in a typed array plus its note: 32 bytes a row and the notes (about 5 MB
 * for the 200,000 rows of bench/import.ts, where every third row has a short note).
 */
export class ObservationBatch {
  private cells = new Uint32Array(HELD.length * 1024);
  private readonly values = HELD.map(() => ({ index: new Map<string, number>(), list: [] as unknown[] }));
  private readonly notes: string[] = [];

  get length() { return this.notes.length; }

  /** Adds a row; returns its index. */
  add(o: Held): number {
    const n = this.notes.length;
    if ((n + 1) * HELD.length > this.cells.length) {
      const grown = new Uint32Array(this.cells.length * 2);
      grown.set(this.cells);
      this.cells = grown;
    }
    HELD.forEach((field, k) => {
      const v = o[field];
      const key = typeof v === "string" ? `s${v}` : `j${JSON.stringify(v)}`;
      const { index, list } = this.values[k];
      let i = index.get(key);
      if (i === undefined) { i = list.length; index.set(key, i); list.push(v); }
      this.cells[n * HELD.length + k] = i;
    });
    this.notes.push(o.note);
    return n;
  }

  /** Row `i` as it was added (its list of sources shared with the rows that cite the same). */
  row(i: number): Held {
    const at = i * HELD.length;
    const value = (k: number) => this.values[k].list[this.cells[at + k]];
    return {
      subject_id: value(0) as string, indicator: value(1) as string, state: value(2) as string, trend: value(3) as string | null,
      observed_at: value(4) as string, reported_at: value(5) as string, source_ids: value(6) as string[], credibility: value(7) as number, note: this.notes[i],
    };
  }
}

/** A PostgreSQL array literal of texts: each element quoted, with \ and " escaped. */
const textArray = (items: string[]) => `{${items.map((s) => `"${s.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;

/**
 * Inserts a batch of observations, `size` rows per statement (arrays unnested into rows, so one
 * statement's parameters are eleven arrays, not 11 × size values). Run it inside a transaction
 * to have all rows or none. `idOf` gives each row its id.
 */
export async function insertObservationBatch(db: Queryable, batch: ObservationBatch, createdBy: string, idOf: (i: number) => string, size = 1000): Promise<void> {
  const literals = new Map<string[], string>();
  for (let start = 0; start < batch.length; start += size) {
    const cols: unknown[][] = Array.from({ length: 10 }, () => []);
    for (let i = start; i < Math.min(start + size, batch.length); i++) {
      const o = batch.row(i);
      let sources = literals.get(o.source_ids);
      if (sources === undefined) { sources = textArray(o.source_ids); literals.set(o.source_ids, sources); }
      [idOf(i), o.subject_id, o.indicator, o.state, o.trend, o.observed_at, o.reported_at, sources, o.credibility, o.note].forEach((v, k) => cols[k].push(v));
    }
    await db.query(
      `insert into watch_observation (id, subject_id, indicator, state, trend, observed_at, reported_at, source_ids, credibility, note, created_by)
       select id, subject_id, indicator, state, trend, observed_at, reported_at, source_ids::text[], credibility, note, $11
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::smallint[], $10::text[])
         as x(id, subject_id, indicator, state, trend, observed_at, reported_at, source_ids, credibility, note)`,
      [...cols, createdBy]);
  }
}
