/**
 * Flattens the knowledge base into the rows the database stores: one entry per item with an
 * expanded, self-contained body (names and titles of everything it points to are resolved),
 * plus the links that facet filters use. The knowledge base is static between loads, so
 * resolving references once here keeps every read to a single query.
 */
import { NO_NEXUS_ID, type KnowledgeBase, type Practice } from "./schema.js";
import { searchTexts } from "./readerText.js";

export const entryKinds = [
  "practice", "manifestation", "context", "watchpoint", "indicator", "actor",
  "instrument", "initiative", "theme", "research-priority",
] as const;
export type EntryKind = (typeof entryKinds)[number];

export interface KnowledgeEntry {
  kind: EntryKind;
  id: string;
  title: string;
  summary: string;
  sort_key: string;
  body: Record<string, unknown>;
  search_text: string;
}

export interface KnowledgeLink {
  from_kind: EntryKind;
  from_id: string;
  rel: "actor" | "instrument" | "manifestation" | "indicator" | "example" | "related";
  to_kind: EntryKind;
  to_id: string;
}

const pad = (n: number) => String(n).padStart(3, "0");

export function buildEntries(kb: KnowledgeBase): { entries: KnowledgeEntry[]; links: KnowledgeLink[] } {
  const sourceTitle = new Map(kb.sources.map((s) => [s.id, s.title]));
  const cite = (c: { source: string; locator: string }) => ({ ...c, title: sourceTitle.get(c.source) ?? c.source });
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const actors = byId(kb.actors);
  const instruments = byId(kb.instruments);
  const initiatives = byId(kb.initiatives);
  const practices = byId(kb.practices);
  const manifestations = byId(kb.manifestations);
  const indicators = new Map(kb.factors.flatMap((f) => f.indicators.map((i) => [i.id, { ...i, factor: f }] as const)));
  const areaName = new Map(kb.frameworks.flatMap((f) => f.areas.map((a) => [a.id, a.name])));
  const frameworkName = new Map(kb.frameworks.map((f) => [f.id, f.name]));
  const practiceRef = (id: string) => ({ id, title: practices.get(id)?.title ?? id, framework: practices.get(id)?.framework });

  // A practice responds to an indicator when either side says so.
  const practiceIndicators = new Map<string, Set<string>>();
  for (const p of kb.practices) practiceIndicators.set(p.id, new Set(p.indicators));
  for (const ind of indicators.values()) for (const p of ind.practices) practiceIndicators.get(p)?.add(ind.id);
  const indicatorsOf = (p: Practice) => [...(practiceIndicators.get(p.id) ?? [])].sort();

  const entryIds = new Set<string>([kb.practices, kb.manifestations, kb.contexts, kb.factors, kb.factors.flatMap((f) => f.indicators), kb.actors, kb.instruments, kb.initiatives, kb.themes, kb.researchPriorities].flatMap((xs) => xs.map((x) => x.id)));
  /**
   * What a reader searches in an entry besides its title and summary, which the index reads by
   * themselves: its own texts, not ids, codes, locators or the entries nested in it.
   */
  const textOf = (entry: { id: string }, ...shown: (string | undefined)[]) =>
    searchTexts(entry, (id) => id !== entry.id && entryIds.has(id)).filter((t) => !shown.includes(t));
  const entries: KnowledgeEntry[] = [];
  const links: KnowledgeLink[] = [];
  const link = (from_kind: EntryKind, from_id: string, rel: KnowledgeLink["rel"], to_kind: EntryKind, to_id: string) =>
    links.push({ from_kind, from_id, rel, to_kind, to_id });

  for (const p of kb.practices) {
    const inds = indicatorsOf(p);
    entries.push({
      kind: "practice", id: p.id, title: p.title, summary: p.summary,
      sort_key: `${{ hague: 1, addendum: 2, icct: 3 }[p.framework]}-${pad(p.number)}`,
      search_text: textOf(p, p.title, p.summary).join("\n"),
      body: {
        ...p,
        framework_name: frameworkName.get(p.framework),
        area_name: areaName.get(p.area),
        merged_with: p.merged_with ? practiceRef(p.merged_with) : undefined,
        actors: p.actors.map((id) => ({ id, name: actors.get(id)?.name ?? id, parent: actors.get(id)?.parent ?? null })),
        instruments: p.instruments.map((r) => {
          const i = instruments.get(r.id);
          return { id: r.id, pinpoint: r.pinpoint, name: i?.name ?? r.id, short: i?.short, instrument_kind: i?.kind, link: i?.link ?? null };
        }),
        examples: p.examples.map((id) => {
          const e = initiatives.get(id);
          return { id, name: e?.name ?? id, organisation: e?.organisation, countries: e?.countries ?? [], link: e?.link ?? null, summary: e?.summary };
        }),
        related: p.related.map((r) => ({ ...practiceRef(r.id), reason: r.reason })),
        manifestations: p.manifestations.map((id) => ({ id, name: manifestations.get(id)?.name ?? id })),
        indicators: inds.map((id) => ({ id, statement: indicators.get(id)?.statement ?? id, factor: indicators.get(id)?.factor.name })),
        citation: cite(p.citation),
      },
    });
    p.actors.forEach((a) => link("practice", p.id, "actor", "actor", a));
    p.instruments.forEach((i) => link("practice", p.id, "instrument", "instrument", i.id));
    p.examples.forEach((i) => link("practice", p.id, "example", "initiative", i));
    p.manifestations.forEach((m) => link("practice", p.id, "manifestation", "manifestation", m));
    inds.forEach((i) => link("practice", p.id, "indicator", "indicator", i));
    p.related.forEach((r) => link("practice", p.id, "related", "practice", r.id));
  }

  const practicesWhere = (pred: (p: Practice) => boolean) => kb.practices.filter(pred).map((p) => practiceRef(p.id));

  for (const m of kb.manifestations) {
    const evidence = [...indicators.values()].flatMap((i) =>
      i.links.filter((l) => l.manifestation === m.id).map((l) => ({ indicator: i.id, statement: i.statement, direction: l.direction, strength: l.strength, reasoning: l.reasoning })),
    );
    entries.push({
      kind: "manifestation", id: m.id, title: m.name, summary: m.definition, sort_key: pad(m.continuum),
      search_text: textOf(m, m.name, m.definition).join("\n"),
      body: {
        ...m, citation: cite(m.citation),
        cases: m.cases.map((c) => ({ ...c, citation: cite(c.citation) })),
        indicators: evidence,
        contexts: kb.contexts.filter((c) => c.manifestations.includes(m.id)).map((c) => ({ id: c.id, name: c.name })),
        practices: practicesWhere((p) => p.manifestations.includes(m.id)),
      },
    });
  }
  kb.contexts.forEach((c, i) => entries.push({
    kind: "context", id: c.id, title: c.name, summary: c.summary, sort_key: pad(i), search_text: textOf(c, c.name, c.summary).join("\n"),
    body: { ...c, citation: cite(c.citation), manifestations: c.manifestations.map((id) => ({ id, name: manifestations.get(id)?.name ?? id })) },
  }));
  kb.factors.forEach((f, fi) => {
    const expandIndicator = (ind: (typeof f.indicators)[number]) => ({
      ...ind, citation: cite(ind.citation),
      links: ind.links.map((l) => ({ ...l, name: l.manifestation === NO_NEXUS_ID ? "No nexus evident" : manifestations.get(l.manifestation)?.name ?? l.manifestation, citation: cite(l.citation) })),
      practices: [...new Set([...ind.practices, ...kb.practices.filter((p) => practiceIndicators.get(p.id)?.has(ind.id)).map((p) => p.id)])].map(practiceRef),
    });
    entries.push({
      kind: "watchpoint", id: f.id, title: f.name, summary: f.question, sort_key: `${{ environmental: 1, organizational: 2, search: 3 }[f.group]}-${pad(fi)}`,
      search_text: textOf(f, f.name, f.question).join("\n"),
      body: { ...f, citation: cite(f.citation), indicators: f.indicators.map(expandIndicator) },
    });
    f.indicators.forEach((ind, ii) => {
      entries.push({
        kind: "indicator", id: ind.id, title: ind.statement, summary: ind.question, sort_key: `${pad(fi)}-${pad(ii)}`,
        search_text: textOf(ind, ind.statement, ind.question).join("\n"),
        body: { ...expandIndicator(ind), factor: { id: f.id, name: f.name, group: f.group } },
      });
      // "No nexus evident" is a hypothesis, not a manifestation entry, so it has no link row.
      ind.links.forEach((l) => { if (l.manifestation !== NO_NEXUS_ID) link("indicator", ind.id, "manifestation", "manifestation", l.manifestation); });
    });
  });
  for (const a of kb.actors) {
    const children = kb.actors.filter((c) => c.parent === a.id).map((c) => ({ id: c.id, name: c.name }));
    entries.push({
      kind: "actor", id: a.id, title: a.name, summary: a.description, sort_key: `${a.parent ?? a.id}-${a.parent ? a.id : ""}`,
      search_text: textOf(a, a.name, a.description).join("\n"),
      body: {
        ...a, parent: a.parent ? { id: a.parent, name: actors.get(a.parent)?.name } : null, children,
        practices: kb.practices.filter((p) => p.actors.includes(a.id)).map((p) => ({
          ...practiceRef(p.id), summary: p.summary,
        })),
      },
    });
  }
  for (const i of kb.instruments) {
    entries.push({
      kind: "instrument", id: i.id, title: i.name, summary: [i.short, i.issuer, i.year].filter(Boolean).join(" · "),
      sort_key: i.name.toLowerCase(), search_text: textOf(i, i.name, i.short, i.issuer).join("\n"),
      body: {
        ...i, kind: undefined, instrument_kind: i.kind, citation: cite(i.citation),
        practices: kb.practices.flatMap((p) => p.instruments.filter((r) => r.id === i.id).map((r) => ({ ...practiceRef(p.id), pinpoint: r.pinpoint }))),
      },
    });
  }
  for (const e of kb.initiatives) {
    entries.push({
      kind: "initiative", id: e.id, title: e.name, summary: e.summary, sort_key: e.name.toLowerCase(),
      search_text: textOf(e, e.name, e.summary).join("\n"),
      body: { ...e, citation: cite(e.citation), practices: practicesWhere((p) => p.examples.includes(e.id)) },
    });
  }
  for (const t of kb.themes) {
    entries.push({
      kind: "theme", id: t.id, title: t.title, summary: t.summary, sort_key: pad(t.number), search_text: textOf(t, t.title, t.summary).join("\n"),
      body: { ...t, citation: cite(t.citation), practices: t.practices.map(practiceRef) },
    });
  }
  kb.researchPriorities.forEach((r, i) => entries.push({
    kind: "research-priority", id: r.id, title: r.title, summary: r.summary, sort_key: `${r.kind}-${pad(i)}`,
    search_text: textOf(r, r.title, r.summary).join("\n"),
    body: { ...r, kind: undefined, category: r.kind, citation: cite(r.citation), practices: r.practices.map(practiceRef) },
  }));
  return { entries, links };
}
