/** Building blocks shared by the Nexus Watch pages: types, grade selects, indicator select, checkbox lists. */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { watchMessagesEn, type Msg } from "../../core/watch/messages.js";
import { countryName } from "../components/common.js";
import { i18next, t } from "../i18n.js";
import { request } from "../http.js";
import { getJson } from "../platform/session.js";
import { formatDate } from "../platform/ui.js";
import { messageParts, messageString, type Part, type PartOptions } from "./messageParts.js";

export interface WatchRecord { id: string; kind: string; title: string; marking: string; body: Record<string, unknown>; created_at: string }
export interface Latest { leader: string; leader_name: string; score: number; present: number; observations: number; analysed_at: string }
/** A message of the analysis ({ key, params }), or the English sentence an older analysis stored. */
export type WatchMsg = Msg | string;
export interface ExplanationLine { evidence: string; points: number; label: WatchMsg; state: string; grade: string; reason: WatchMsg }
export interface Hypothesis {
  id: string; name: WatchMsg; rank: number; score: number; support: number; inconsistency: number; explanation: (ExplanationLine | string)[];
  /** why it cannot lead */
  held?: WatchMsg;
}
export interface ContextReading { id: string; set: boolean; suggested: { id: string; score: number; reasons: WatchMsg[] } | null; scores: { id: string; score: number }[] }
export interface Sensitivity {
  margin: number;
  removal: { evidence: string[]; to: string; message: WatchMsg } | null;
  addition: { indicators: string[]; to: string; message: WatchMsg } | null;
  message: WatchMsg[];
}
export interface Analysis {
  asOf: string;
  ranking: Hypothesis[];
  confidence: { level: "low" | "moderate" | "high"; statement: WatchMsg | WatchMsg[] };
  whyFirst: WatchMsg | WatchMsg[];
  diagnosticity: { key: string; label: WatchMsg; spread: number; explanation: WatchMsg }[];
  context: ContextReading | null;
  warnings: { code: string; message: WatchMsg }[];
  practices: { id: string; title: string; score: number; reason: WatchMsg | WatchMsg[] }[];
  sensitivity?: Sensitivity | null;
  /** what the area itself (subject null) and each group contribute to each hypothesis, in points */
  contributors?: { subject: string | null; totals: Record<string, number> }[];
  evidenceCount: number;
  /** some evidence exists that the reader may not read */
  withheld?: boolean;
}
export interface Indicator { id: string; statement: string; links?: { reasoning: string }[] }
export interface Factor { id: string; title: string; group: string; indicators: Indicator[] }

export const reliabilities = ["A", "B", "C", "D", "E", "F"] as const;
export const credibilities = ["1", "2", "3", "4", "5", "6"] as const;
export const contexts = ["politically-stable", "transitional", "post-conflict"] as const;
export const hypothesisIds = ["alliance", "appropriation-of-tactics", "integration", "hybrid", "transformation", "black-hole", "no-nexus"] as const;
/** The CSS class that colours a leading manifestation (map, timeline, legend). */
export const leadClass = (id: string | null | undefined) => `lead-${(hypothesisIds as readonly string[]).includes(id ?? "") ? id : "none"}`;

/** ISO 3166-1 alpha-2 codes; their names come from Intl.DisplayNames in the reader's language. */
const isoCodes = ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM " +
  "CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN " +
  "HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN " +
  "MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE " +
  "SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT " +
  "ZA ZM ZW").split(" ");

export function countryOptions(): { code: string; name: string }[] {
  const collator = new Intl.Collator(i18next.language);
  return isoCodes.map((code) => ({ code, name: countryName(code) })).sort((a, b) => collator.compare(a.name, b.name));
}

export const watchBase = "/api/v1/watch";
export const enc = encodeURIComponent;

const factorsCache = new Map<string, Promise<Factor[]>>();
/** The watch-point factors with their indicators (public knowledge API) in the reader's language, loaded once per language. */
export function useFactors(): Factor[] | null {
  const [factors, setFactors] = useState<Factor[] | null>(null);
  const lang = i18next.language;
  useEffect(() => {
    let p = factorsCache.get(lang);
    if (!p) {
      p = getJson<{ items: Factor[] }>("/api/v1/watchpoints?limit=200").then((r) => r.items);
      p.catch(() => factorsCache.delete(lang));
      factorsCache.set(lang, p);
    }
    let live = true;
    p.then((f) => live && setFactors(f), () => live && setFactors([]));
    return () => { live = false; };
  }, [lang]);
  return factors;
}

export function indicatorName(factors: Factor[] | null, id: string): string {
  for (const f of factors ?? []) for (const i of f.indicators) if (i.id === id) return i.statement;
  return id;
}

interface SelectProps {
  id: string; label: string; value: string; onValue: (v: string) => void; error?: string; hint?: ComponentChildren; required?: boolean;
  children: ComponentChildren;
}

/** A labelled select with its hint and error tied to it. */
export function SelectField(p: SelectProps) {
  const describedBy = [p.hint ? `${p.id}-hint` : "", p.error ? `${p.id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? <p id={`${p.id}-hint`} class="hint">{p.hint}</p> : null}
      <select id={p.id} name={p.id} value={p.value} required={p.required} aria-invalid={p.error ? "true" : undefined} aria-describedby={describedBy}
        onChange={(e) => p.onValue(e.currentTarget.value)}>
        {p.children}
      </select>
      {p.error ? <p id={`${p.id}-error`} class="field-error" role="alert">{p.error}</p> : null}
    </div>
  );
}

export function ReliabilitySelect({ id, value, onValue, error }: { id: string; value: string; onValue: (v: string) => void; error?: string }) {
  return (
    <SelectField id={id} label={t("watch.reliability")} hint={t("watch.reliabilityHint")} value={value} onValue={onValue} error={error}>
      {reliabilities.map((r) => <option key={r} value={r}>{r} — {t(`watch.relGrade.${r}`)}</option>)}
    </SelectField>
  );
}

export function CredibilitySelect({ id, value, onValue, error }: { id: string; value: string; onValue: (v: string) => void; error?: string }) {
  return (
    <SelectField id={id} label={t("watch.credibility")} hint={t("watch.credibilityHint")} value={value} onValue={onValue} error={error}>
      {credibilities.map((c) => <option key={c} value={c}>{c} — {t(`watch.cred.${c}`)}</option>)}
    </SelectField>
  );
}

/** A group of checkboxes (a multi-select that works with the keyboard and screen readers). */
/** Above this many items a check list gets a filter box and scrolls within a bounded height. */
const LONG_LIST = 8;

/**
 * Checkboxes for picking several items. A long list (an action plan's other actions, a workspace's
 * sources) gets a filter on each item's `text` and a bounded, scrolling box, so the form stays
 * short; checked items always stay in view.
 */
export function CheckList({ id, legend, hint, items, value, onValue, error, empty }: {
  id: string; legend: string; hint?: string; items: { id: string; label: ComponentChildren; text?: string }[]; value: string[]; onValue: (v: string[]) => void; error?: string; empty: string;
}) {
  const [filter, setFilter] = useState("");
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const long = items.length > LONG_LIST;
  const textOf = (i: (typeof items)[number]) => i.text ?? (typeof i.label === "string" ? i.label : undefined);
  const filterable = long && items.every((i) => textOf(i) !== undefined);
  const needle = filter.trim().toLocaleLowerCase();
  const shown = filterable && needle ? items.filter((i) => value.includes(i.id) || textOf(i)!.toLocaleLowerCase().includes(needle)) : items;
  return (
    <fieldset class="field" id={id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? <p id={`${id}-hint`} class="hint">{hint}</p> : null}
      {filterable ? (
        <p class="check-filter">
          <label for={`${id}-filter`} class="visually-hidden">{t("common.filterList")}</label>
          <input id={`${id}-filter`} type="search" placeholder={t("common.filterList")} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </p>
      ) : null}
      {items.length === 0 ? <p class="muted">{empty}</p> : (
        <ul class={long ? "checks long" : "checks"}>
          {shown.map((i) => (
            <li key={i.id}>
              <label>
                <input type="checkbox" checked={value.includes(i.id)} aria-invalid={error ? "true" : undefined}
                  onChange={(e) => onValue(e.currentTarget.checked ? [...value, i.id] : value.filter((x) => x !== i.id))} />
                {" "}{i.label}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error ? <p id={`${id}-error`} class="field-error" role="alert">{error}</p> : null}
    </fieldset>
  );
}

/**
 * The analysis's messages in the reader's language. English is built in; each other language
 * loads with the first page that needs it; until then (or if it fails) the English catalogue
 * stands in, and the text is marked lang="en".
 */
const catalogueLoaders: Record<string, () => Promise<Record<string, string>>> = {
  fr: () => import("../../core/i18n/watch/fr.js").then((m) => m.watchMessagesFr),
  ar: () => import("../../core/i18n/watch/ar.js").then((m) => m.watchMessagesAr),
  es: () => import("../../core/i18n/watch/es.js").then((m) => m.watchMessagesEs),
  ru: () => import("../../core/i18n/watch/ru.js").then((m) => m.watchMessagesRu),
  zh: () => import("../../core/i18n/watch/zh.js").then((m) => m.watchMessagesZh),
};
const catalogues = new Map<string, Record<string, string>>([["en", watchMessagesEn]]);
const loadingCatalogues = new Map<string, Promise<void>>();
const failedCatalogues = new Set<string>();
function loadCatalogue(lang: string): Promise<void> {
  if (catalogues.has(lang) || !catalogueLoaders[lang]) return Promise.resolve();
  let p = loadingCatalogues.get(lang);
  if (!p) {
    p = catalogueLoaders[lang]().then(
      (c) => { catalogues.set(lang, c); failedCatalogues.delete(lang); },
      () => { failedCatalogues.add(lang); },
    ).finally(() => loadingCatalogues.delete(lang));
    loadingCatalogues.set(lang, p);
  }
  return p;
}
/** The catalogue for the reader's language, and the language it is written in. */
function currentCatalogue(): { lang: string; catalogue: Record<string, string> } {
  const lang = i18next.language;
  const own = catalogues.get(lang);
  return own ? { lang, catalogue: own } : { lang: "en", catalogue: watchMessagesEn };
}

/**
 * Loads the analysis messages of the reader's language (again when it changes). True once they
 * are ready, or when they could not be loaded (the English ones stand in, marked as English).
 */
export function useWatchMessages(): boolean {
  const [, rerender] = useState(0);
  const lang = i18next.language;
  useEffect(() => {
    let live = true;
    const load = (l: string) => { void loadCatalogue(l).then(() => { if (live) rerender((n) => n + 1); }); };
    load(lang);
    i18next.on("languageChanged", load);
    return () => { live = false; i18next.off("languageChanged", load); };
  }, [lang]);
  return catalogues.has(lang) || !catalogueLoaders[lang] || failedCatalogues.has(lang);
}

/**
 * The knowledge base's English indicator statements and link reasoning. The analysis gives them in
 * the reader's language where translated and in English where not (a field not yet translated, or
 * stale): for readers of other languages the page loads the English ones once to tell which is which.
 */
let englishTexts: Set<string> | null = null;
let englishLoading: Promise<void> | null = null;
let englishFailed = false;
function loadEnglishTexts(): Promise<void> {
  englishLoading ??= request<{ items: Factor[] }>("/api/v1/watchpoints?limit=200", { language: "en" })
    .then((r) => {
      const texts = new Set<string>();
      for (const f of r.items) for (const i of f.indicators) {
        // Lists of indicators in warnings drop the statement's final full stop.
        texts.add(i.statement).add(i.statement.replace(/[.。]\s*$/, ""));
        for (const l of i.links ?? []) texts.add(l.reasoning);
      }
      englishTexts = texts;
    }, () => { englishLoading = null; englishFailed = true; });
  return englishLoading;
}
/** For readers of a language other than English: loads the English knowledge-base texts; true once known (or failed). */
export function useEnglishTexts(): boolean {
  const [, rerender] = useState(0);
  const lang = i18next.language;
  useEffect(() => {
    if (lang === "en" || englishTexts) return;
    let live = true;
    void loadEnglishTexts().then(() => { if (live) rerender((n) => n + 1); });
    return () => { live = false; };
  }, [lang]);
  return lang === "en" || englishTexts !== null || englishFailed;
}

/** Words the core still sends in English inside a parameter, in the reader's language. */
const shares: Record<string, string> = { "in full": "full", "three quarters": "threeQuarters", half: "half" };
function word(param: string, value: string): string | undefined {
  if (param === "share" && shares[value]) return t(`watch.analysis.share.${shares[value]}`);
  if (param === "codes") return value.split(/,\s*/).map((c) => t(`watch.analysis.warningCode.${c}`, { defaultValue: c })).join(t("watch.analysis.listSeparator"));
  return undefined;
}

export const formatPoints = (n: number, signed = false) =>
  new Intl.NumberFormat(i18next.language, { maximumFractionDigits: 2, signDisplay: signed ? "exceptZero" : "auto" }).format(n);

function partOptions(catalogue: Record<string, string>): PartOptions {
  return { catalogue, separator: t("watch.analysis.listSeparator"), formatNumber: formatPoints, formatDate: (iso) => formatDate(iso), word };
}

/** The text of an analysis message (or list of them, or explanation line) in the reader's language. */
export function watchText(x: unknown): string {
  return messageString(x, partOptions(currentCatalogue().catalogue));
}

/**
 * An analysis message as markup: knowledge-base text still in English (indicator statements, link
 * reasoning) and sentences stored in English by older analyses are marked lang="en"; names typed
 * by analysts are isolated, so right-to-left and left-to-right text do not scramble each other.
 */
export function WatchText({ value }: { value: unknown }) {
  const { lang, catalogue } = currentCatalogue();
  const reader = i18next.language;
  const parts = messageParts(value, partOptions(catalogue));
  const node = (p: Part, i: number) => {
    if (typeof p === "string") return p;
    if (p.mark === "user") return <bdi key={i}>{p.text}</bdi>;
    if (reader === "en") return p.text;
    // Knowledge-base text in English (not translated yet) or an older analysis's English sentence.
    if (p.mark === "en" || englishTexts?.has(p.text)) return <span key={i} lang="en" dir="ltr">{p.text}</span>;
    // Translated knowledge-base text: isolated, in the page's language.
    return <bdi key={i}>{p.text}</bdi>;
  };
  const children = parts.map(node);
  return lang === reader ? <>{children}</> : <span lang={lang} dir="ltr">{children}</span>;
}

/** Tells readers of other languages that knowledge-base text inside the analysis is still in English. */
export function EnglishNote() {
  if (i18next.language === "en") return null;
  return <p class="hint">{t("watch.englishNote")}</p>;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** Lets the header refresh the unread-alert count after something may have raised or read an alert. */
export const alertsChanged = () => dispatchEvent(new Event("nexus:alerts"));
