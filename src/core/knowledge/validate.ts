/**
 * Turns the raw YAML documents of content/ into a checked KnowledgeBase. Pure: the caller
 * reads the files. Every problem names the file and the entry so an author can fix it.
 */
import type { z } from "zod";
import { collections, NO_NEXUS_ID, type CollectionName, type KnowledgeBase, type Scenario } from "./schema.js";
import { crosswalkProblems } from "./crosswalk.js";
import { questionBankProblems } from "../training/bank.js";

export interface RawContentFile {
  /** path relative to content/, e.g. "practices/hague-1-9.yaml" */
  path: string;
  /** parsed YAML, or undefined when it failed to parse */
  data: unknown;
  /** YAML syntax error, if any */
  parseError?: string;
}

export interface ContentProblem {
  file: string;
  entry: string;
  message: string;
}

export const formatProblem = (p: ContentProblem) => `content/${p.file}: ${p.entry}: ${p.message}`;

export interface ValidationResult {
  kb: KnowledgeBase;
  problems: ContentProblem[];
}

/** The collection a content file belongs to, by its path relative to content/ (also for the mirrored paths of translations). */
export function collectionOf(path: string): CollectionName | undefined {
  for (const [name, c] of Object.entries(collections)) {
    if (c.path.endsWith("/") ? path.startsWith(c.path) : path === c.path) return name as CollectionName;
  }
  return undefined;
}

function zodMessage(err: z.ZodError): string[] {
  return err.issues.map((i) => `${i.path.length ? i.path.join(".") : "(entry)"} ${i.message}`);
}

/** Parses and cross-checks every content file. */
export function validateContent(files: RawContentFile[]): ValidationResult {
  const problems: ContentProblem[] = [];
  const kb: KnowledgeBase = {
    sources: [], frameworks: [], actors: [], manifestations: [], contexts: [], factors: [],
    themes: [], researchPriorities: [], ratingGuidance: [], practices: [], instruments: [], initiatives: [],
    scenarios: [], crosswalk: [], questions: [], origin: new Map(),
  };
  const seen = new Map<string, string>(); // "<collection>:<id>" -> file

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const problem = (entry: string, message: string) => problems.push({ file: file.path, entry, message });
    if (file.parseError) { problem("(file)", `YAML does not parse: ${file.parseError}`); continue; }
    const name = collectionOf(file.path);
    if (!name) { problem("(file)", "unknown content file; see docs/content-format.md"); continue; }
    if (file.data == null) continue;
    const collection = collections[name];
    const onePerFile = "onePerFile" in collection;
    if (onePerFile === Array.isArray(file.data)) {
      problem("(file)", onePerFile ? "must hold one entry as a YAML mapping, not a list" : "must be a YAML list of entries");
      continue;
    }
    const schema = collection.schema;
    (onePerFile ? [file.data] : (file.data as unknown[])).forEach((raw, i) => {
      const label = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : `#${i + 1}`;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) { for (const m of zodMessage(parsed.error)) problem(label, m); return; }
      const entry = parsed.data as { id: string };
      const key = `${name}:${entry.id}`;
      if (seen.has(key)) { problem(entry.id, `duplicate id (also in content/${seen.get(key)})`); return; }
      seen.set(key, file.path);
      if (onePerFile && file.path !== `${collection.path}${entry.id}.yaml`) problem(entry.id, `file must be named after the id (content/${collection.path}${entry.id}.yaml)`);
      kb.origin.set(key, file.path);
      (kb[name] as unknown[]).push(entry);
    });
  }
  problems.push(...crossCheck(kb));
  kb.practices.sort(byPracticeOrder);
  return { kb, problems };
}

const frameworkOrder = { hague: 0, addendum: 1, icct: 2 } as const;
export function byPracticeOrder(a: { framework: keyof typeof frameworkOrder; number: number }, b: typeof a) {
  return frameworkOrder[a.framework] - frameworkOrder[b.framework] || a.number - b.number;
}

/** Every id used must exist; every citation must name a known source; coverage must be whole. */
function crossCheck(kb: KnowledgeBase): ContentProblem[] {
  const out: ContentProblem[] = [];
  const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
  const known = {
    sources: ids(kb.sources), actors: ids(kb.actors), practices: ids(kb.practices), contexts: ids(kb.contexts),
    instruments: ids(kb.instruments), initiatives: ids(kb.initiatives), manifestations: ids(kb.manifestations),
    indicators: new Set(kb.factors.flatMap((f) => f.indicators.map((i) => i.id))),
    areas: new Map(kb.frameworks.flatMap((f) => f.areas.map((a) => [a.id, f.id] as const))),
  };
  const at = (coll: CollectionName, id: string) => kb.origin.get(`${coll}:${id}`) ?? "?";
  const need = (coll: CollectionName, id: string, what: keyof typeof known, ref: string, field: string) => {
    const set = known[what];
    if (!(set instanceof Set ? set.has(ref) : set.has(ref))) {
      out.push({ file: at(coll, id), entry: id, message: `${field} refers to unknown ${what.replace(/s$/, "")} "${ref}"` });
    }
  };
  const citations = (coll: CollectionName, id: string, value: unknown, path = ""): void => {
    if (Array.isArray(value)) { value.forEach((v, i) => citations(coll, id, v, `${path}${i}.`)); return; }
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "citation") need(coll, id, "sources", (v as { source: string }).source, `${path}citation.source`);
        else citations(coll, id, v, `${path}${k}.`);
      }
    }
  };

  for (const p of kb.practices) {
    const expectedPrefix = `${p.framework}-${p.number}`;
    if (p.id !== expectedPrefix) out.push({ file: at("practices", p.id), entry: p.id, message: `id does not match framework and number (expected ${expectedPrefix})` });
    if (known.areas.get(p.area) !== p.framework) out.push({ file: at("practices", p.id), entry: p.id, message: `area "${p.area}" is not an area of framework ${p.framework}` });
    p.steps.forEach((s, i) => {
      if (s.number !== i + 1) out.push({ file: at("practices", p.id), entry: p.id, message: `steps.${i}.number is ${s.number}, expected ${i + 1}` });
    });
    p.actors.forEach((a) => need("practices", p.id, "actors", a, "actors"));
    p.instruments.forEach((r) => need("practices", p.id, "instruments", r.id, "instruments"));
    p.examples.forEach((e) => need("practices", p.id, "initiatives", e, "examples"));
    p.related.forEach((r) => need("practices", p.id, "practices", r.id, "related"));
    p.manifestations.forEach((m) => need("practices", p.id, "manifestations", m, "manifestations"));
    p.indicators.forEach((m) => need("practices", p.id, "indicators", m, "indicators"));
    if (p.merged_with) {
      const other = kb.practices.find((q) => q.id === p.merged_with);
      if (!other) need("practices", p.id, "practices", p.merged_with, "merged_with");
      else if (other.merged_with !== p.id) out.push({ file: at("practices", p.id), entry: p.id, message: `merged_with "${p.merged_with}" does not point back` });
    }
  }
  for (const a of kb.actors) if (a.parent) need("actors", a.id, "actors", a.parent, "parent");
  for (const c of kb.contexts) c.manifestations.forEach((m) => need("contexts", c.id, "manifestations", m, "manifestations"));
  for (const f of kb.factors) {
    for (const ind of f.indicators) {
      if (!ind.id.startsWith(`${f.id}.`)) out.push({ file: at("factors", f.id), entry: ind.id, message: `indicator id must start with its factor id "${f.id}."` });
      ind.practices.forEach((p) => need("factors", f.id, "practices", p, `${ind.id}.practices`));
      // An indicator link may also name "no nexus evident"; no other field may.
      ind.links.forEach((l) => { if (l.manifestation !== NO_NEXUS_ID) need("factors", f.id, "manifestations", l.manifestation, `${ind.id}.links.manifestation`); });
      const targets = ind.links.map((l) => l.manifestation);
      for (const t of new Set(targets.filter((x, i) => targets.indexOf(x) !== i))) {
        out.push({ file: at("factors", f.id), entry: ind.id, message: `links name "${t}" more than once` });
      }
    }
  }
  const dupIndicators = kb.factors.flatMap((f) => f.indicators.map((i) => i.id)).filter((x, i, xs) => xs.indexOf(x) !== i);
  for (const d of dupIndicators) out.push({ file: "watchpoints.yaml", entry: d, message: "duplicate indicator id" });
  for (const t of kb.themes) t.practices.forEach((p) => need("themes", t.id, "practices", p, "practices"));
  for (const r of kb.researchPriorities) {
    r.practices.forEach((p) => need("researchPriorities", r.id, "practices", p, "practices"));
    r.indicators.forEach((i) => need("researchPriorities", r.id, "indicators", i, "indicators"));
  }
  for (const g of kb.ratingGuidance) {
    const p = kb.practices.find((x) => x.id === g.id);
    if (!p) { need("ratingGuidance", g.id, "practices", g.id, "id"); continue; }
    const bad = g.steps.find((n) => n > p.steps.length);
    if (bad) out.push({ file: at("ratingGuidance", g.id), entry: g.id, message: `steps refers to step ${bad}, but ${g.id} has ${p.steps.length} steps` });
  }
  for (const sc of kb.scenarios) {
    need("scenarios", sc.id, "contexts", sc.context, "context");
    sc.manifestations.forEach((m) => need("scenarios", sc.id, "manifestations", m, "manifestations"));
    sc.practices.forEach((p) => need("scenarios", sc.id, "practices", p, "practices"));
    sc.objectives.forEach((o) => o.practices.forEach((p) => need("scenarios", sc.id, "practices", p, `objectives.${o.id}.practices`)));
    sc.roles.forEach((r) => need("scenarios", sc.id, "actors", r.actor, `roles.${r.id}.actor`));
    for (const ph of sc.phases) {
      for (const d of ph.decisions) {
        for (const o of d.options) {
          const field = `phases.${ph.id}.decisions.${d.id}.options.${o.id}`;
          o.practices.forEach((p) => need("scenarios", sc.id, "practices", p, `${field}.practices`));
          o.actors.forEach((a) => need("scenarios", sc.id, "actors", a, `${field}.actors`));
          o.instruments.forEach((i) => need("scenarios", sc.id, "instruments", i, `${field}.instruments`));
          o.caution?.practices.forEach((p) => need("scenarios", sc.id, "practices", p, `${field}.caution.practices`));
        }
      }
    }
    for (const message of scenarioProblems(sc)) out.push({ file: at("scenarios", sc.id), entry: sc.id, message });
  }
  // The standards crosswalk (decision 0036): ids, instruments, pinpoints of the instrument's kind, no repeats, builds_on.
  for (const c of kb.crosswalk) for (const message of crosswalkProblems(c, kb)) out.push({ file: at("crosswalk", c.id), entry: c.id, message });
  // The training question bank (decision 0038): cited entries, types, ids, duplicate stems, objectives per audience.
  out.push(...questionBankProblems(kb, (id) => at("questions", id)));
  for (const f of kb.frameworks) need("frameworks", f.id, "sources", f.source, "source");
  for (const name of Object.keys(collections) as CollectionName[]) {
    for (const e of kb[name] as { id: string }[]) citations(name, e.id, e);
  }
  out.push(...coverage(kb));
  return out;
}

/**
 * The checks inside one scenario: ids are unique, every role, phase, decision and option it
 * names exists, and branching only moves forward to a phase kept for that branch, so an
 * exercise can always be played from the first phase to the end without loops.
 */
export function scenarioProblems(sc: Scenario): string[] {
  const out: string[] = [];
  const seen = new Map<string, string>();
  const claim = (what: string, id: string) => {
    const earlier = seen.get(id);
    if (earlier) out.push(`${what} id "${id}" is already used by a ${earlier} of this scenario`);
    else seen.set(id, what);
  };
  sc.roles.forEach((r) => claim("role", r.id));
  sc.objectives.forEach((o) => claim("objective", o.id));
  sc.phases.forEach((ph) => {
    claim("phase", ph.id);
    ph.injects.forEach((i) => claim("inject", i.id));
    ph.decisions.forEach((d) => claim("decision", d.id));
  });
  sc.hotwash.forEach((h) => claim("hotwash question", h.id));

  const roles = new Set(sc.roles.map((r) => r.id));
  const phaseIndex = new Map(sc.phases.map((ph, i) => [ph.id, i]));
  const decisions = new Map(sc.phases.flatMap((ph, i) => ph.decisions.map((d) => [d.id, { d, phase: i }] as const)));
  const reached = new Set<string>();
  if (sc.phases[0]?.branch) out.push(`phases.${sc.phases[0].id} is the first phase and cannot be a branch phase`);

  sc.phases.forEach((ph, i) => {
    for (const inj of ph.injects) {
      const at = `phases.${ph.id}.injects.${inj.id}`;
      if (inj.audience !== "all") for (const r of inj.audience) if (!roles.has(r)) out.push(`${at}.audience refers to unknown role "${r}"`);
      if (inj.release.mode === "conditional") {
        const { decision, option } = inj.release;
        const found = decisions.get(decision);
        if (!found) out.push(`${at}.release.decision refers to unknown decision "${decision}"`);
        else {
          if (!found.d.options.some((o) => o.id === option)) out.push(`${at}.release.option refers to unknown option "${option}" of decision "${decision}"`);
          if (found.phase > i) out.push(`${at}.release.decision "${decision}" is taken in a later phase, so the inject could never be released`);
        }
      }
    }
    for (const d of ph.decisions) {
      const at = `phases.${ph.id}.decisions.${d.id}`;
      d.roles.forEach((r) => { if (!roles.has(r)) out.push(`${at}.roles refers to unknown role "${r}"`); });
      const optionIds = new Set<string>();
      for (const o of d.options) {
        if (optionIds.has(o.id)) out.push(`${at}.options: option id "${o.id}" is used twice in this decision`);
        optionIds.add(o.id);
        for (const p of o.caution?.practices ?? []) if (!o.practices.includes(p)) out.push(`${at}.options.${o.id}.caution names "${p}", which the option is not tagged with`);
        if (!o.branch) continue;
        const target = phaseIndex.get(o.branch);
        if (target === undefined) { out.push(`${at}.options.${o.id}.branch refers to unknown phase "${o.branch}"`); continue; }
        if (!sc.phases[target].branch) out.push(`${at}.options.${o.id}.branch leads to phase "${o.branch}", which is not marked branch: true`);
        if (target <= i) out.push(`${at}.options.${o.id}.branch leads back to phase "${o.branch}"; branches may only lead forward`);
        reached.add(o.branch);
      }
    }
  });
  for (const ph of sc.phases) if (ph.branch && !reached.has(ph.id)) out.push(`phases.${ph.id} is a branch phase that no option leads to`);
  if (reached.size === 0) out.push("a scenario needs at least one decision option that branches");

  const exercised = new Set(sc.phases.flatMap((ph) => ph.decisions.flatMap((d) => d.options.flatMap((o) => o.practices))));
  const listed = new Set(sc.practices);
  for (const p of sc.practices) if (!exercised.has(p)) out.push(`practices lists "${p}", but no decision option exercises it`);
  for (const p of exercised) if (!listed.has(p)) out.push(`an option exercises "${p}", which is missing from the scenario's practices`);
  for (const o of sc.objectives) for (const p of o.practices) if (!listed.has(p)) out.push(`objectives.${o.id} names "${p}", which is missing from the scenario's practices`);
  return out;
}

/** The toolkit is only whole when every practice, concept and factor is present. */
function coverage(kb: KnowledgeBase): ContentProblem[] {
  const out: ContentProblem[] = [];
  const expect: [string, number][] = [["hague", 25], ["addendum", 25], ["icct", 5]];
  for (const [fw, n] of expect) {
    for (let i = 1; i <= n; i++) {
      if (!kb.practices.some((p) => p.id === `${fw}-${i}`)) out.push({ file: "practices/", entry: `${fw}-${i}`, message: "practice is missing" });
    }
  }
  // Rating guidance is checked for completeness once any exists (the self-assessment needs all 55).
  if (kb.ratingGuidance.length) {
    for (const p of kb.practices) {
      if (!kb.ratingGuidance.some((g) => g.id === p.id)) out.push({ file: "rating-guidance/", entry: p.id, message: "rating guidance is missing for this practice" });
    }
  }
  // The crosswalk, once started, covers every practice with at least one pinpointed link.
  if (kb.crosswalk.length) {
    for (const p of kb.practices) {
      const entry = kb.crosswalk.find((c) => c.practice === p.id);
      if (!entry) out.push({ file: "crosswalk/", entry: p.id, message: "crosswalk entry is missing for this practice" });
      else if (!entry.links.length) out.push({ file: kb.origin.get(`crosswalk:${entry.id}`) ?? "crosswalk/", entry: entry.id, message: `links is empty: map ${p.id} to at least one pinpoint of an instrument` });
    }
  }
  if (kb.manifestations.length !== 6) out.push({ file: "manifestations.yaml", entry: "(file)", message: `expected 6 manifestations, found ${kb.manifestations.length}` });
  if (kb.contexts.length !== 3) out.push({ file: "contexts.yaml", entry: "(file)", message: `expected 3 contexts, found ${kb.contexts.length}` });
  const toolkitFactors = kb.factors.filter((f) => f.group !== "search").length;
  if (toolkitFactors !== 11) out.push({ file: "watchpoints.yaml", entry: "(file)", message: `expected the toolkit's 11 watch-point factors (environmental and organizational), found ${toolkitFactors}` });
  return out;
}

/** The counts `nexus content stats` prints. */
export function contentStats(kb: KnowledgeBase) {
  const count = (fw: string) => kb.practices.filter((p) => p.framework === fw).length;
  return {
    practices: { hague: count("hague"), addendum: count("addendum"), icct: count("icct") },
    manifestations: kb.manifestations.length,
    contexts: kb.contexts.length,
    factors: kb.factors.length,
    indicators: kb.factors.reduce((n, f) => n + f.indicators.length, 0),
    actors: kb.actors.length,
    instruments: kb.instruments.length,
    initiatives: kb.initiatives.length,
    researchPriorities: kb.researchPriorities.length,
    steps: kb.practices.reduce((n, p) => n + p.steps.length, 0),
    scenarios: kb.scenarios.length,
  };
}
