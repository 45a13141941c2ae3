/** Building blocks shared by the self-assessment and action-plan pages: API types, rating labels, knowledge look-ups. */
import type { ComponentChildren } from "preact";
import { isPlainEnglish, msgText, useMessages, type Msg } from "../messages.js";
import { useEffect, useState } from "preact/hooks";
import { practiceLabel } from "../components/common.js";
import { i18next, t } from "../i18n.js";
import { tp } from "./strings.js";
import { getJson } from "../platform/session.js";
import { SelectField as Select } from "../watch/shared.js";

export { CheckList, countryOptions, SelectField as Select } from "../watch/shared.js";

export const plansBase = "/api/v1/plans";
export const enc = encodeURIComponent;
export const saBase = (id: string) => `${plansBase}/self-assessments/${enc(id)}`;

// The scales and statuses are the server's own (pure modules, small enough for the browser).
import { inPlaceRatings, workingRatings, type InPlace, type StepStatus, type Working } from "../../core/plans/ratings.js";
export { inPlaceRatings, stepStatuses, workingRatings, type InPlace, type StepStatus, type Working } from "../../core/plans/ratings.js";
export { actionStatuses } from "../../core/plans/timeline.js";
export const consents = ["none", "aggregate", "full"] as const;
export type Consent = (typeof consents)[number];

/** Translation key fragment of an "in place" rating ("N/A" cannot be part of a key path). */
export const inPlaceKey = (r: string) => (r === "N/A" ? "NA" : r);
export const inPlaceText = (r: string | null | undefined) => (r ? `${r} — ${tp(`inPlace.${inPlaceKey(r)}`)}` : "—");
export const workingText = (r: string | null | undefined) => (r ? tp(`working.${r}`) : "—");

export interface ContributorRating {
  practice: string; contributor_id: string; institution: string; in_place: InPlace | null; working: Working | null; steps: Record<string, StepStatus>; comment: string;
  /** the linked practice whose answer this rating reused (standards crosswalk, decision 0036), until edited */
  reused_from?: string | null;
}
/** An answer of yours to a linked practice, proposed for a practice you have not rated (decision 0036); saved only when confirmed. */
export interface Proposal { practice: string; from: string; in_place: InPlace | null; working: Working | null }
/** An agreed rating; `cycle` is the review it was agreed in. */
export interface AgreedRating { practice: string; cycle: number; in_place: InPlace | null; working: Working | null; reason: string; decided_by?: string; decided_at?: string }
export interface GapRow {
  practice: string; title: string; framework: string; area: string; inPlace: InPlace | null; working: Working | null;
  complianceGap: number | null; effectivenessGap: number | null; paperGap: number | null; priority: number; reasons: Msg[];
}
export interface HeatCell { framework: string; area: string; assessed: number; total: number; meanInPlace: number | null; meanWorking: number | null }
export interface Evidence { id: string; practice: string; kind: "link" | "file"; label: string; url?: string | null; filename?: string | null; content_type?: string | null; size?: number | null; added_at: string }
export interface Unit { id: string; name: string; actor: string; institution?: string | null }
export interface PracticeDetail { practice: string; actors: string[]; units: string[]; assistance_requested: boolean; assistance_note: string }
export interface Summary {
  id: string; name: string; marking: string; country: string; scope: { framework?: string; area?: string }; practices: string[];
  workspace_id?: string;
  review?: { number: number; name: string; started_at: string };
  ratings: ContributorRating[]; agreed: AgreedRating[];
  proposals?: Proposal[];
  disagreements: { practice: string; ratings: { institution: string; in_place: InPlace | null; working: Working | null; comment: string }[] }[];
  leading_manifestations: string[];
  gaps: { rows: GapRow[]; heatmap: HeatCell[]; priorities: GapRow[]; notAssessed: string[]; statement: Msg | string };
  details?: PracticeDetail[]; evidence?: Evidence[]; units?: Unit[]; shares?: { region: string; region_name?: string; consent: Consent }[];
}
export interface Action {
  warnings?: Msg[];
  id: string; practice: string; step: number | null; title: string; owner_unit: string | null; owner: { name: string; actor: string } | null;
  start: string | null; due: string | null; status: string; depends_on: string[]; milestones: { title: string; due: string; done: boolean }[]; why?: Msg | string; overdue: boolean;
}
export interface ActionList { actions: Action[]; timeline: { from: string | null; to: string | null; months: string[] }; progress: { total: number; done: number; overdue: number; blocked?: number } }

/**
 * One practice of the public knowledge API (list entry; the detail adds steps), read in the
 * reader's language; `language` says what its texts are in (English where not translated).
 */
export interface PracticeInfo { id: string; title: string; framework: string; area: string; number: number; actors: { id: string; name: string; parent: string | null }[]; language?: string }
/** A practice as the API reads it in the reader's language, with its steps. */
export interface PracticeFull extends PracticeInfo { steps: { number: number; text: string }[] }
export interface ActorInfo { id: string; title: string; parent: string | null }

function cached<T>(load: () => Promise<T>) {
  let value: Promise<T> | null = null;
  return function useCached(): T | null {
    const [v, set] = useState<T | null>(null);
    useEffect(() => {
      value ??= load().catch((e) => { value = null; throw e; });
      let live = true;
      value.then((x) => live && set(x), () => undefined);
      return () => { live = false; };
    }, []);
    return v;
  };
}

/** All 55 practices (public knowledge API), loaded once per page load. */
export const usePractices = cached(() => getJson<{ items: PracticeInfo[] }>("/api/v1/practices?limit=200").then((r) => r.items));
/** The actor taxonomy, loaded once. */
export const useActors = cached(() => getJson<{ items: ActorInfo[] }>("/api/v1/actors?limit=200").then((r) => r.items));

/** Practice label for an id, e.g. "Hague GP 3". */
export const practiceShort = (id: string) => practiceLabel({ id });
export function practiceName(practices: PracticeInfo[] | null, id: string): string {
  const p = practices?.find((x) => x.id === id);
  return p ? `${practiceShort(id)} — ${p.title}` : practiceShort(id);
}

/** What a practice's texts are in, as the knowledge API says ("en" where not translated); undefined until the practices are loaded. */
export const practiceLanguage = (practices: PracticeInfo[] | null, id: string): string | undefined => practices?.find((x) => x.id === id)?.language;

/**
 * A knowledge-base text as the API gives it: in the reader's language where translated, and then
 * it needs no language of its own; marked with its language (lang="en") only where it is in
 * another one, as the rating form marks a practice's steps. Unknown (`undefined`) is taken as the
 * reader's, since the API answers in it.
 */
export function KbText({ text, language }: { text: string; language: string | undefined }) {
  return language && language !== i18next.language ? <span lang={language} dir="auto">{text}</span> : <bdi>{text}</bdi>;
}

/** "Hague GP 3 — title", the title marked with its language where it is not the reader's (see KbText). */
export function PracticeName({ practices, id, title }: { practices: PracticeInfo[] | null; id: string; title?: string }) {
  const p = practices?.find((x) => x.id === id);
  const text = title ?? p?.title;
  return text ? <>{practiceShort(id)} — <KbText text={text} language={practiceLanguage(practices, id)} /></> : <>{practiceShort(id)}</>;
}

/** Frameworks and their areas, in the order the practices give them. */
export function frameworksOf(practices: PracticeInfo[]): { framework: string; areas: string[] }[] {
  const out: { framework: string; areas: string[] }[] = [];
  for (const p of practices) {
    let f = out.find((x) => x.framework === p.framework);
    if (!f) out.push(f = { framework: p.framework, areas: [] });
    if (!f.areas.includes(p.area)) f.areas.push(p.area);
  }
  return out;
}

export function scopeText(scope: { framework?: string; area?: string } | undefined): string {
  if (scope?.area) return tp("scope.areaOf", { area: t(`area.${scope.area}`) });
  if (scope?.framework) return t(`framework.${scope.framework}`);
  return tp("scope.allText");
}

export function formatSize(bytes: number | null | undefined): string {
  if (!bytes && bytes !== 0) return "";
  const n = new Intl.NumberFormat(i18next.language, { maximumFractionDigits: 1 });
  return bytes < 1024 ? tp("bytes", { n: n.format(bytes) }) : bytes < 1024 * 1024 ? tp("kb", { n: n.format(bytes / 1024) }) : tp("mb", { n: n.format(bytes / 1024 / 1024) });
}

export const formatScore = (x: number | null | undefined) => (x === null || x === undefined ? "—" : new Intl.NumberFormat(i18next.language, { maximumFractionDigits: 2 }).format(x));
/** The colour class of a 0–3 mean: four steps, none for no value. */
export const heatClass = (x: number | null | undefined) => `plan-heat plan-heat-${x === null || x === undefined ? "none" : Math.min(3, Math.max(0, Math.round(x)))}`;

export function Table({ caption, head, children, className, hideCaption = true }: { caption: string; head: ComponentChildren[]; children: ComponentChildren; className?: string; hideCaption?: boolean }) {
  return (
    <div class="table-wrap">
      <table class={className}>
        <caption class={hideCaption ? "visually-hidden" : undefined}>{caption}</caption>
        <thead><tr>{head.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Saved({ text }: { text: string }) { return <p class="ok" role="status">{text}</p>; }

/** Text produced by the server in English (reasons, statements, guidance): marked so screen readers and RTL layout read it right. */
export function En({ children, block }: { children: ComponentChildren; block?: boolean }) {
  return block ? <div lang="en" dir="ltr" class="en-text">{children}</div> : <span lang="en" dir="ltr">{children}</span>;
}

/**
 * A text the server gives as a message (decision 0025), in the reader's language; a plain string
 * is a sentence stored in English before messages, marked as English.
 */
export function ServerText({ value, block }: { value: Msg | Msg[] | string | null | undefined; block?: boolean }) {
  useMessages();
  if (isPlainEnglish(value)) return <En block={block}>{block ? <p>{value as string}</p> : value as string}</En>;
  const text = msgText(value as Msg | Msg[]);
  return block ? <p dir="auto">{text}</p> : <span dir="auto">{text}</span>;
}

/** Tells readers of other languages that a text not yet translated shows in English (`language`: what the texts are in, when known). */
export function EnglishNote({ language }: { language?: string } = {}) {
  if (i18next.language === "en" || (language && language !== "en")) return null;
  return <p class="hint">{tp("englishNote")}</p>;
}

export function InPlaceSelect({ id, label, value, onValue, error }: { id: string; label: string; value: string; onValue: (v: string) => void; error?: string }) {
  return (
    <Select id={id} label={label} value={value} onValue={onValue} error={error}>
      <option value="">{tp("notRated")}</option>
      {inPlaceRatings.map((r) => <option key={r} value={r}>{inPlaceText(r)}</option>)}
    </Select>
  );
}

export function WorkingSelect({ id, label, value, onValue, error }: { id: string; label: string; value: string; onValue: (v: string) => void; error?: string }) {
  return (
    <Select id={id} label={label} value={value} onValue={onValue} error={error}>
      <option value="">{tp("notRated")}</option>
      {workingRatings.map((r) => <option key={r} value={r}>{workingText(r)}</option>)}
    </Select>
  );
}

/** Reads a file as base64 (without the data: prefix) for the JSON upload. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => { const s = String(reader.result); resolve(s.slice(s.indexOf(",") + 1)); };
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(file);
  });
}

/** The declared type of a file: the browser's, or one guessed from the extension. */
export function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
  return ({
    pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", csv: "text/csv", txt: "text/plain",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  } as Record<string, string>)[ext] ?? "application/octet-stream";
}

/** A month's short name for the timeline header (the year is shown apart, at the start and each January). */
export const monthLabel = (ym: string) => new Date(`${ym}-01T00:00:00Z`).toLocaleDateString(i18next.language, { month: "short", timeZone: "UTC" });
export const dayLabel = (d: string | null | undefined) => (d ? new Date(`${d.slice(0, 10)}T00:00:00Z`).toLocaleDateString(i18next.language, { dateStyle: "medium", timeZone: "UTC" }) : "—");

/** The address of a self-assessment tab (keeps the workspace the reader came from). */
export function saLink(id: string, params: Record<string, string>): string {
  const q = new URLSearchParams(params);
  const w = new URLSearchParams(location.search).get("workspace");
  if (w) q.set("workspace", w);
  return `/plans/self-assessments/${enc(id)}?${q}`;
}
