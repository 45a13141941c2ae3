/**
 * The standards crosswalk as the API serves it (docs/decisions/0036): which practices implement a
 * pinpoint of an instrument ("FATF R.8", "UNSCR 2482 para 15"), every instrument with its
 * pinpoints, and each practice's own side. Texts (titles, topics, reasons) come in the reader's
 * language where translated (decision 0022). The crosswalk is public knowledge, read from the
 * knowledge base held in memory; it never touches user records.
 */
import {
  crosswalkInstruments, formatPinpoint, parsePinpoint, practiceCrosswalk, practicesFor, resolveQuery, unitOfKind, type ResolvedQuery,
} from "../../core/knowledge/crosswalk.js";
import type { Instrument, KnowledgeBase } from "../../core/knowledge/schema.js";
import { localize, type Translations } from "../../content/translations.js";
import type { Language } from "../http/language.js";
import { invalid } from "../http/validation.js";

const kindOrder: Instrument["kind"][] = ["fatf-standard", "unsc-resolution", "unga-resolution", "convention", "protocol", "regional-instrument"];

export class CrosswalkService {
  /** `byLang`: the knowledge base in each translated language (app.ts builds it once for every capability); missing ones are built here. */
  constructor(private readonly kb: KnowledgeBase, private readonly translations: Translations = new Map(), private readonly byLang = new Map<string, KnowledgeBase>()) {}

  private kbIn(lang: Language): KnowledgeBase {
    if (lang === "en" || !this.translations.get(lang as never)?.size) return this.kb;
    let k = this.byLang.get(lang);
    if (!k) { k = localize(this.kb, lang, this.translations); this.byLang.set(lang, k); }
    return k;
  }

  /**
   * The language a text of a crosswalk entry is in: the reader's where translated (decision 0022),
   * else English, so the page can mark English text as such until its translation comes.
   */
  private languageOf(lang: Language, practice: string, field: (entry: KnowledgeBase["crosswalk"][number]) => string | undefined): Language {
    if (lang === "en") return "en";
    const entry = this.kb.crosswalk.find((c) => c.practice === practice);
    const path = entry && field(entry);
    return path && this.translations.get(lang as never)?.get(`crosswalk:${entry.id}`)?.has(path) ? lang : "en";
  }
  private topicLanguage(lang: Language, practice: string, instrument: string, pinpoint: string): Language {
    return this.languageOf(lang, practice, (e) => { const i = e.links.findIndex((l) => l.instrument === instrument && l.pinpoint === pinpoint); return i < 0 ? undefined : `links.${i}.topic`; });
  }
  private reasonLanguage(lang: Language, practice: string, buildsOn: string): Language {
    return this.languageOf(lang, practice, (e) => { const i = e.builds_on.findIndex((b) => b.practice === buildsOn); return i < 0 ? undefined : `builds_on.${i}.reason`; });
  }

  private refs(kb: KnowledgeBase) {
    const practices = new Map(kb.practices.map((p) => [p.id, p]));
    const instruments = new Map(kb.instruments.map((i) => [i.id, i]));
    const practice = (id: string) => { const p = practices.get(id); return { id, title: p?.title ?? id, framework: p?.framework, number: p?.number }; };
    const instrument = (id: string) => { const i = instruments.get(id); return { id, name: i?.name ?? id, short: i?.short ?? i?.name ?? id, kind: i?.kind }; };
    return { practice, instrument };
  }

  /**
   * The practices whose links cover a query: `q` names an instrument and a pinpoint ("FATF R.8"),
   * or only a pinpoint when `instrument` (the picker) names the instrument; either alone lists all
   * of an instrument's links. Refusals name the field and say why with a message key.
   */
  find(input: { q?: string; instrument?: string }, lang: Language = "en") {
    const kb = this.kbIn(lang);
    const { practice, instrument } = this.refs(kb);
    let query: ResolvedQuery;
    if (input.instrument !== undefined) {
      const chosen = this.kb.instruments.find((i) => i.id === input.instrument);
      if (!chosen) throw invalid("instrument", "unknownId", { id: input.instrument });
      const unit = unitOfKind(chosen.kind);
      if (!unit) throw invalid("instrument", "crosswalkNoPinpoints", { instrument: instrument(chosen.id).short });
      if (input.q === undefined) query = { instrument: chosen };
      else {
        // The picker names the instrument; q may still name it too ("UNTOC art 27").
        const pin = parsePinpoint(input.q, unit);
        const whole = pin ? undefined : resolveQuery(input.q, this.kb.instruments);
        if (pin) query = { instrument: chosen, pinpoint: pin };
        else if (whole?.ok && whole.value.instrument?.id === chosen.id) query = whole.value;
        else throw invalid("q", "crosswalkPinpoint", { instrument: instrument(chosen.id).short });
      }
    } else {
      if (input.q === undefined) throw invalid("q", "crosswalkQuery");
      const r = resolveQuery(input.q, this.kb.instruments);
      if (!r.ok) {
        if (r.error === "unknownInstrument") throw invalid("q", "crosswalkInstrument");
        if (r.error === "wrongUnit") {
          const named = resolveQuery(input.q.replace(/\s(?:recommendations?|recs?\.?|r\.?|paragraphs?|paras?\.?|§§?|articles?|arts?\.?)\s*\d.*$/i, ""), this.kb.instruments);
          const i = named.ok ? named.value.instrument : undefined;
          if (i && !unitOfKind(i.kind)) throw invalid("q", "crosswalkNoPinpoints", { instrument: instrument(i.id).short });
          if (i) throw invalid("q", "crosswalkPinpoint", { instrument: instrument(i.id).short });
        }
        throw invalid("q", "crosswalkQuery");
      }
      query = r.value;
    }
    const matches = practicesFor(kb.crosswalk, query, kb.instruments);
    const order = new Map(kb.practices.map((p, i) => [p.id, i]));
    const grouped = new Map<string, typeof matches>();
    for (const m of matches) grouped.set(m.practice, [...(grouped.get(m.practice) ?? []), m]);
    const items = [...grouped]
      .sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0))
      .map(([id, ms]) => ({
        practice: practice(id),
        links: ms.map((m) => ({ instrument: m.instrument, instrument_short: instrument(m.instrument).short, pinpoint: m.pinpoint, topic: m.topic, language: this.topicLanguage(lang, m.practice, m.instrument, m.pinpoint) })),
      }));
    return {
      q: input.q ?? null,
      instrument: query.instrument ? instrument(query.instrument.id) : null,
      pinpoint: query.pinpoint ? formatPinpoint(query.pinpoint) : null,
      total: items.length,
      items,
    };
  }

  /** Every instrument the crosswalk uses, with its pinpoints, how many links each has, and the practices under each. */
  instruments(lang: Language = "en") {
    const kb = this.kbIn(lang);
    const { practice, instrument } = this.refs(kb);
    const rank = (k: Instrument["kind"] | undefined) => { const i = kindOrder.indexOf(k as Instrument["kind"]); return i < 0 ? kindOrder.length : i; };
    const order = new Map(kb.practices.map((p, i) => [p.id, i]));
    const inOrder = (ids: string[]) => [...ids].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
    const items = crosswalkInstruments(kb)
      .map((t) => ({ ...instrument(t.instrument), links: t.links, pinpoints: t.pinpoints.map((p) => ({ pinpoint: p.pinpoint, practices: inOrder(p.practices).map(practice) })) }))
      .sort((a, b) => rank(a.kind) - rank(b.kind) || a.short.localeCompare(b.short, "en", { numeric: true }));
    return { total: items.length, practices: new Set(kb.crosswalk.filter((c) => c.links.length).map((c) => c.practice)).size, items };
  }

  /** A practice's side of the crosswalk for its page: links with instrument names, and the practices it builds on or that build on it. */
  forPractice(id: string, lang: Language = "en") {
    const kb = this.kbIn(lang);
    const { practice, instrument } = this.refs(kb);
    const x = practiceCrosswalk(kb.crosswalk, id);
    return {
      links: x.links.map((l) => ({ ...l, instrument_name: instrument(l.instrument).name, instrument_short: instrument(l.instrument).short, language: this.topicLanguage(lang, id, l.instrument, l.pinpoint) })),
      builds_on: x.builds_on.map((b) => ({ ...practice(b.practice), reason: b.reason, language: this.reasonLanguage(lang, id, b.practice) })),
      built_on_by: x.built_on_by.map((b) => ({ ...practice(b.practice), reason: b.reason, language: this.reasonLanguage(lang, b.practice, id) })),
    };
  }
}
