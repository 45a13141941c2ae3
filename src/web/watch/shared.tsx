/** Building blocks shared by the Nexus Watch pages: types, grade selects, indicator select, checkbox lists. */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { countryName } from "../components/common.js";
import { i18next, t } from "../i18n.js";
import { getJson } from "../platform/session.js";

export interface WatchRecord { id: string; kind: string; title: string; marking: string; body: Record<string, unknown>; created_at: string }
export interface Latest { leader: string; leader_name: string; score: number; present: number; observations: number; analysed_at: string }
export interface Hypothesis { id: string; name: string; rank: number; score: number; support: number; inconsistency: number; explanation: string[] }
export interface Analysis {
  asOf: string;
  ranking: Hypothesis[];
  confidence: { level: "low" | "moderate" | "high"; statement: string };
  whyFirst: string;
  diagnosticity: { key: string; label: string; spread: number; explanation: string }[];
  context: { id: string; name: string; score: number; reasons: string[] } | null;
  warnings: { code: string; message: string }[];
  practices: { id: string; title: string; score: number; reason: string }[];
  evidenceCount: number;
}
export interface Indicator { id: string; statement: string }
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

let factorsCache: Promise<Factor[]> | null = null;
/** The watch-point factors with their indicators (public knowledge API), loaded once. */
export function useFactors(): Factor[] | null {
  const [factors, setFactors] = useState<Factor[] | null>(null);
  useEffect(() => {
    factorsCache ??= getJson<{ items: Factor[] }>("/api/v1/watchpoints?limit=200").then((r) => r.items).catch((e) => { factorsCache = null; throw e; });
    let live = true;
    factorsCache.then((f) => live && setFactors(f), () => live && setFactors([]));
    return () => { live = false; };
  }, []);
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

/** The 38 indicators grouped by their factor. */
export function IndicatorSelect({ id, value, onValue, factors, error }: { id: string; value: string; onValue: (v: string) => void; factors: Factor[] | null; error?: string }) {
  return (
    <SelectField id={id} label={t("watch.indicator")} value={value} onValue={onValue} error={error} required>
      <option value="">{factors ? t("watch.chooseIndicator") : t("common.loading")}</option>
      {(factors ?? []).map((f) => (
        <optgroup key={f.id} label={f.title}>
          {f.indicators.map((i) => <option key={i.id} value={i.id}>{i.statement}</option>)}
        </optgroup>
      ))}
    </SelectField>
  );
}

/** A group of checkboxes (a multi-select that works with the keyboard and screen readers). */
export function CheckList({ id, legend, hint, items, value, onValue, error, empty }: {
  id: string; legend: string; hint?: string; items: { id: string; label: ComponentChildren }[]; value: string[]; onValue: (v: string[]) => void; error?: string; empty: string;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset class="field" id={id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? <p id={`${id}-hint`} class="hint">{hint}</p> : null}
      {items.length === 0 ? <p class="muted">{empty}</p> : (
        <ul class="checks">
          {items.map((i) => (
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

/** Text produced by the analysis in English: marked as such so screen readers and RTL layout read it right. */
export function En({ children, block }: { children: ComponentChildren; block?: boolean }) {
  return block ? <div lang="en" dir="ltr" class="en-text">{children}</div> : <span lang="en" dir="ltr">{children}</span>;
}

/** Tells readers of French and Arabic that the analysis explanations are in English. */
export function EnglishNote() {
  if (i18next.language === "en") return null;
  return <p class="hint">{t("watch.englishNote")}</p>;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** Lets the header refresh the unread-alert count after something may have raised or read an alert. */
export const alertsChanged = () => dispatchEvent(new Event("nexus:alerts"));
