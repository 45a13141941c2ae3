/**
 * The standards crosswalk (docs/decisions/0036), pure: parsing pinpoints ("R.8", "para 15",
 * "paras 3-5", "art. 27(1)", "arts 18-19"), resolving a query such as "FATF R.8",
 * "UNSCR 2482 para 15" or "UNTOC art 27" to an instrument and a pinpoint, and finding the
 * practices whose links cover it. Also the inverse: a practice's links, and the practices it
 * builds on or that build on it.
 */
import type { Crosswalk, Instrument, KnowledgeBase } from "./schema.js";

/** What a pinpoint counts in: FATF Recommendations, paragraphs of a resolution, articles of a treaty. */
export type PinpointUnit = "recommendation" | "paragraph" | "article";

/** One number or range of a pinpoint; `sub` is the sub-division of a single number: art. 27(1)(a) → ["1", "a"]. */
export interface PinpointSpan { from: number; to: number; sub: string[] }
export interface Pinpoint { unit: PinpointUnit; spans: PinpointSpan[] }

/** The unit an instrument's pinpoints are in, by its kind; other kinds (GCTF documents, reports, guidance) are not crosswalked. */
export function unitOfKind(kind: Instrument["kind"]): PinpointUnit | undefined {
  switch (kind) {
    case "fatf-standard": return "recommendation";
    case "unsc-resolution": case "unga-resolution": return "paragraph";
    case "convention": case "protocol": case "regional-instrument": return "article";
    default: return undefined;
  }
}

const UNIT_WORDS: [RegExp, PinpointUnit][] = [
  [/^(?:recommendations?|recs?\.?|r\.?)/, "recommendation"],
  [/^(?:paragraphs?|paras?\.?|pars?\.?|§§?|op\.?)/, "paragraph"],
  [/^(?:articles?|arts?\.?|§§?)/, "article"],
];

/**
 * Parses a pinpoint: "R.8", "r8", "Recommendation 8", "R.8-9"; "para 15", "paragraph 15",
 * "paras 3-5", "paras 3, 5"; "art. 27", "article 27(1)", "arts 18-19". Returns undefined when it
 * is none of these. `unit` forces the reading of a bare number ("15") or of "§".
 */
export function parsePinpoint(input: string, unit?: PinpointUnit): Pinpoint | undefined {
  const s = input.normalize("NFKC").trim().toLowerCase().replace(/[–—]/g, "-").replace(/\s+/g, " ");
  let found: PinpointUnit | undefined;
  let rest = s;
  for (const [re, u] of UNIT_WORDS) {
    const m = re.exec(s);
    if (m && m[0] && (!unit || u === unit || m[0].startsWith("§"))) {
      // "r" and "op" must be followed by a number, not be the start of another word
      const after = s.slice(m[0].length);
      if (/^[a-z]/.test(after)) continue;
      found = m[0].startsWith("§") ? (unit ?? "paragraph") : u;
      rest = after.trim();
      break;
    }
  }
  if (!found) { if (!unit || !/^\d/.test(s)) return undefined; found = unit; }
  if (unit && found !== unit) return undefined;
  const spans: PinpointSpan[] = [];
  for (const part of rest.split(/\s*(?:,|\band\b|&)\s*/)) {
    const m = /^(\d{1,4})((?:\s*\([a-z0-9]{1,4}\))*)(?:\s*-\s*(?:[a-z.§ ]*?)\s*(\d{1,4}))?$/.exec(part.trim());
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[3] ? Number(m[3]) : from;
    if (to < from || from < 1) return undefined;
    const sub = [...m[2].matchAll(/\(([a-z0-9]+)\)/g)].map((x) => x[1]);
    if (sub.length && to !== from) return undefined;
    spans.push({ from, to, sub });
  }
  return spans.length ? { unit: found, spans } : undefined;
}

/** The pinpoint written the house way: "R.8", "para 15", "paras 3-5", "art. 27(1)", "arts 18-19". */
export function formatPinpoint(p: Pinpoint): string {
  const span = (x: PinpointSpan) => `${x.from}${x.sub.map((s) => `(${s})`).join("")}${x.to !== x.from ? `-${x.to}` : ""}`;
  const many = p.spans.length > 1 || p.spans.some((x) => x.to !== x.from);
  const body = p.spans.map(span).join(", ");
  if (p.unit === "recommendation") return p.spans.map((x) => `R.${span(x)}`).join(", ");
  if (p.unit === "paragraph") return `${many ? "paras" : "para"} ${body}`;
  return `${many ? "arts" : "art."} ${body}`;
}

const isPrefix = (a: string[], b: string[]) => a.every((x, i) => b[i] === x);

/**
 * Whether a link's pinpoint covers a queried one: same unit, and some number of the query falls
 * in a span of the link; a range covers its members, a whole article covers its sub-divisions,
 * and asking for the whole article ("art. 27") finds a link to a part of it ("art. 27(1)").
 */
export function covers(link: Pinpoint, query: Pinpoint): boolean {
  if (link.unit !== query.unit) return false;
  return query.spans.some((q) => link.spans.some((l) => {
    if (q.to < l.from || q.from > l.to) return false;
    if (q.from === q.to && l.from === l.to) return isPrefix(l.sub, q.sub) || isPrefix(q.sub, l.sub);
    return true;
  }));
}

const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** The names a reader may use for an instrument: its id, short name and name, and the usual forms for resolutions and FATF. */
export function instrumentAliases(i: Instrument): string[] {
  const out = new Set([i.id, i.id.replace(/-/g, " "), i.short ?? "", i.name].map(norm).filter(Boolean));
  const res = /^unscr-(\d+)$/.exec(i.id) ?? (i.kind === "unsc-resolution" ? /(\d{3,4})/.exec(i.short ?? i.name) : null);
  if (res) for (const f of ["unscr", "scr", "unsc resolution", "resolution", "s res", "res", "sc res"]) out.add(`${f} ${res[1]}`);
  if (i.kind === "fatf-standard") { out.add("fatf"); out.add("fatf recommendations"); out.add("fatf standards"); }
  return [...out];
}

export interface ResolvedQuery { instrument?: Instrument; pinpoint?: Pinpoint }
export type QueryError = "empty" | "unknownInstrument" | "badPinpoint" | "wrongUnit";

/**
 * Resolves a query to an instrument and a pinpoint: "FATF R.8", "UNSCR 2482 para 15",
 * "UNTOC art 27"; just an instrument ("UNSCR 2482"); or just a pinpoint whose unit names the
 * instrument ("R.8": the FATF Recommendations). `instruments` are the ones the crosswalk may use.
 */
export function resolveQuery(q: string, instruments: Instrument[]): { ok: true; value: ResolvedQuery } | { ok: false; error: QueryError } {
  const s = q.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (!s) return { ok: false, error: "empty" };
  // Split at the first word that starts a pinpoint: a unit word followed by a number (or "§").
  const m = /(?:^|\s)((?:recommendations?|recs?\.?|r\.?|paragraphs?|paras?\.?|§§?|articles?|arts?\.?)\s*\d.*)$/i.exec(s);
  const name = (m ? s.slice(0, m.index) : s).trim();
  const pin = m?.[1].trim();
  let instrument: Instrument | undefined;
  if (name) {
    const n = norm(name);
    instrument = instruments.find((i) => instrumentAliases(i).includes(n));
    if (!instrument) return { ok: false, error: "unknownInstrument" };
  }
  if (!pin) return instrument ? { ok: true, value: { instrument } } : { ok: false, error: "badPinpoint" };
  const unit = instrument ? unitOfKind(instrument.kind) : undefined;
  if (instrument && !unit) return { ok: false, error: "wrongUnit" };
  const parsed = parsePinpoint(pin, unit) ?? (unit ? undefined : parsePinpoint(pin));
  if (!parsed) return { ok: false, error: parsePinpoint(pin) ? "wrongUnit" : "badPinpoint" };
  if (!instrument) {
    // A pinpoint alone names its instrument only for FATF's "R.n", and only when one FATF standard is known.
    const candidates = parsed.unit === "recommendation" ? instruments.filter((i) => unitOfKind(i.kind) === parsed.unit) : [];
    if (candidates.length !== 1) return { ok: false, error: "unknownInstrument" };
    instrument = candidates[0];
  }
  return { ok: true, value: { instrument, pinpoint: parsed } };
}

export interface CrosswalkMatch { practice: string; instrument: string; pinpoint: string; topic: string }

/** The links of the crosswalk to an instrument that cover a pinpoint (all its links when no pinpoint is given), in practice order. */
export function practicesFor(crosswalk: Crosswalk[], query: ResolvedQuery, instruments: Instrument[]): CrosswalkMatch[] {
  const out: CrosswalkMatch[] = [];
  const kindOf = new Map(instruments.map((i) => [i.id, i.kind]));
  for (const c of crosswalk) {
    for (const l of c.links) {
      if (query.instrument && l.instrument !== query.instrument.id) continue;
      if (query.pinpoint) {
        const kind = kindOf.get(l.instrument);
        const unit = kind && unitOfKind(kind);
        const p = unit ? parsePinpoint(l.pinpoint, unit) : undefined;
        if (!p || !covers(p, query.pinpoint)) continue;
      }
      out.push({ practice: c.practice, instrument: l.instrument, pinpoint: l.pinpoint, topic: l.topic });
    }
  }
  return out;
}

export interface PracticeCrosswalk {
  links: { instrument: string; pinpoint: string; topic: string }[];
  builds_on: { practice: string; reason: string }[];
  /** the practices whose entries say they build on this one, with their reason */
  built_on_by: { practice: string; reason: string }[];
}

/** A practice's side of the crosswalk: its links, what it builds on and what builds on it. */
export function practiceCrosswalk(crosswalk: Crosswalk[], practice: string): PracticeCrosswalk {
  const own = crosswalk.find((c) => c.practice === practice);
  return {
    links: (own?.links ?? []).map((l) => ({ instrument: l.instrument, pinpoint: l.pinpoint, topic: l.topic })),
    builds_on: (own?.builds_on ?? []).map((b) => ({ practice: b.practice, reason: b.reason })),
    built_on_by: crosswalk.flatMap((c) => c.builds_on.filter((b) => b.practice === practice).map((b) => ({ practice: c.practice, reason: b.reason }))),
  };
}

/** The practices linked to a practice through builds_on, in both directions, each once. */
export function linkedPractices(crosswalk: Crosswalk[], practice: string): string[] {
  const x = practiceCrosswalk(crosswalk, practice);
  return [...new Set([...x.builds_on, ...x.built_on_by].map((b) => b.practice))].filter((p) => p !== practice);
}

/** Every instrument the crosswalk uses, with its pinpoints (in numeric order) and the practices under each. */
export function crosswalkInstruments(kb: Pick<KnowledgeBase, "crosswalk" | "instruments">) {
  const byId = new Map(kb.instruments.map((i) => [i.id, i]));
  const table = new Map<string, Map<string, Set<string>>>();
  for (const c of kb.crosswalk) {
    for (const l of c.links) {
      const pins = table.get(l.instrument) ?? new Map<string, Set<string>>();
      table.set(l.instrument, pins);
      const set = pins.get(l.pinpoint) ?? new Set<string>();
      set.add(c.practice);
      pins.set(l.pinpoint, set);
    }
  }
  const first = (instrument: Instrument | undefined, pin: string) => {
    const unit = instrument && unitOfKind(instrument.kind);
    const p = unit ? parsePinpoint(pin, unit) : undefined;
    return p ? p.spans[0].from * 1000 + (p.spans[0].sub.length ? 1 : 0) : Number.MAX_SAFE_INTEGER;
  };
  return [...table].map(([id, pins]) => {
    const instrument = byId.get(id);
    const pinpoints = [...pins].map(([pinpoint, ps]) => ({ pinpoint, practices: [...ps] }))
      .sort((a, b) => first(instrument, a.pinpoint) - first(instrument, b.pinpoint) || a.pinpoint.localeCompare(b.pinpoint));
    return { instrument: id, kind: instrument?.kind, links: pinpoints.reduce((n, p) => n + p.practices.length, 0), pinpoints };
  });
}

/** The problems of one crosswalk entry that need the whole knowledge base (validate.ts reports them with the file). */
export function crosswalkProblems(c: Crosswalk, kb: Pick<KnowledgeBase, "instruments" | "practices">): string[] {
  const out: string[] = [];
  if (c.id !== `crosswalk-${c.practice}`) out.push(`id must be "crosswalk-${c.practice}" (crosswalk- followed by the practice id)`);
  if (!kb.practices.some((p) => p.id === c.practice)) out.push(`practice refers to unknown practice "${c.practice}"`);
  const seen = new Map<string, number>();
  c.links.forEach((l, i) => {
    const instrument = kb.instruments.find((x) => x.id === l.instrument);
    if (!instrument) { out.push(`links.${i}.instrument refers to unknown instrument "${l.instrument}"`); return; }
    const unit = unitOfKind(instrument.kind);
    if (!unit) { out.push(`links.${i}.instrument "${l.instrument}" is a ${instrument.kind}, which has no pinpoints the crosswalk can check; link to a convention, protocol, resolution or the FATF Recommendations`); return; }
    const p = parsePinpoint(l.pinpoint, unit);
    if (!p) { out.push(`links.${i}.pinpoint "${l.pinpoint}" is not ${pinpointHint[unit]} for ${l.instrument}`); return; }
    const key = `${l.instrument}|${formatPinpoint(p)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) out.push(`links.${i} repeats links.${earlier} (${l.instrument} ${l.pinpoint})`);
    else seen.set(key, i);
  });
  c.builds_on.forEach((b, i) => {
    if (b.practice === c.practice) out.push(`builds_on.${i}.practice: an entry cannot build on its own practice`);
    else if (!/^hague-\d+$/.test(b.practice)) out.push(`builds_on.${i}.practice "${b.practice}" is not a Hague practice; only Hague practices are built on`);
    else if (!kb.practices.some((p) => p.id === b.practice)) out.push(`builds_on.${i}.practice refers to unknown practice "${b.practice}"`);
  });
  const dup = c.builds_on.map((b) => b.practice).find((x, i, xs) => xs.indexOf(x) !== i);
  if (dup) out.push(`builds_on names "${dup}" more than once`);
  return out;
}

const pinpointHint: Record<PinpointUnit, string> = {
  recommendation: 'a FATF Recommendation such as "R.8"',
  paragraph: 'a paragraph such as "para 15" or "paras 3-5"',
  article: 'an article such as "art. 27", "art. 27(1)" or "arts 18-19"',
};
