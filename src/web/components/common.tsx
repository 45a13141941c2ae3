import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { api, useLoad, type Entry, type Loadable } from "../api.js";
import { i18next, t } from "../i18n.js";

/** Renders a loadable value: a polite loading line, a clear error, or the content. */
export function Load<T>({ value, children }: { value: Loadable<T>; children: (data: T) => ComponentChildren }) {
  if (value.state === "loading") return <p class="muted" role="status">{t("common.loading")}</p>;
  if (value.state === "error") return <p class="error" role="alert">{t("common.error", { message: value.error.message })}</p>;
  return <>{children(value.data)}</>;
}

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${t("app.name")}` : t("app.name");
  }, [title]);
}

/**
 * Text kept in the language of the source it comes from: names of organisations and publishers, and
 * locators that address a section of an English document. Marked as English (screen readers switch
 * voice, translation tools leave it) and isolated, so it reads right inside Arabic (decision 0027).
 */
export function Original({ children }: { children: ComponentChildren }) {
  return <bdi lang="en" translate={false}>{children}</bdi>;
}

export function Citation({ citation }: { citation?: { source: string; locator: string; title?: string } }) {
  if (!citation) return null;
  return (
    <p class="citation">
      <span class="label">{t("common.source")}:</span> <cite>{citation.title ?? citation.source}</cite>, <Original>{citation.locator}</Original>
    </p>
  );
}

const regionNames = new Map<string, Intl.DisplayNames>();
export function countryName(code: string): string {
  const lang = i18next.language;
  if (!regionNames.has(lang)) regionNames.set(lang, new Intl.DisplayNames([lang], { type: "region" }));
  return regionNames.get(lang)!.of(code) ?? code;
}

export function Countries({ codes }: { codes?: string[] }) {
  if (!codes?.length) return null;
  return <span class="countries">{codes.map(countryName).join(", ")}</span>;
}

export function ExternalLink({ href, children }: { href?: string | null; children: ComponentChildren }) {
  if (!href) return <>{children}</>;
  return <a href={href} rel="noopener noreferrer" target="_blank">{children}<span class="visually-hidden"> {t("common.opensNewTab")}</span></a>;
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section aria-labelledby={id ?? undefined}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export interface Ref { id: string; title?: string; name?: string }

export function RefList({ base, items, empty }: { base: string; items?: Ref[]; empty?: string }) {
  if (!items?.length) return empty ? <p class="muted">{empty}</p> : null;
  return (
    <ul class="refs">
      {items.map((r) => <li key={r.id}><a href={`${base}/${r.id}`}>{r.title ?? r.name ?? r.id}</a></li>)}
    </ul>
  );
}

export const frameworkLabel = (fw?: string) => (fw ? t(`framework.${fw}`) : "");
export const practiceLabel = (p: { id: string; framework?: string; number?: number }) => {
  const [fw, n] = p.id.split("-");
  return `${t(`framework.short.${fw}`)} ${n}`;
};

export interface PracticeRef { id: string; title: string; pinpoint?: string }

/** A list of practices as "Hague GP 9 — title", with an optional pinpoint. */
export function PracticeRefs({ items }: { items?: PracticeRef[] }) {
  if (!items?.length) return <p class="muted">{t("practice.noneListed")}</p>;
  return (
    <ul>
      {items.map((p, n) => (
        <li key={`${p.id}-${n}`}>
          <a href={`/practices/${p.id}`}>{practiceLabel(p)} — {p.title}</a>
          {p.pinpoint ? <span class="pinpoint"> (<Original>{p.pinpoint}</Original>)</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A page that shows one entry of a collection, loaded by the id in the address. */
export function entryPage(collection: string | ((params: Record<string, string>) => string), View: (props: { e: Entry }) => preact.JSX.Element) {
  return function EntryPage({ params }: { params: Record<string, string> }) {
    const c = typeof collection === "string" ? collection : collection(params);
    const value = useLoad(`${c}:${params.id}`, () => api.get(c, params.id));
    // The entry's text is in the language the server found it in (its translation, or English).
    return <Load value={value}>{(e) => <div lang={String(e.language ?? "en")} dir={e.language === "ar" ? "rtl" : "ltr"}><View e={e} /></div>}</Load>;
  };
}
