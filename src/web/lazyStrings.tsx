/**
 * Strings of a part of the app kept out of the main bundle: a page registers the sets it needs
 * under its namespace in i18next when it first loads, for the current language, and again when
 * the reader changes the language. Used by the self-assessment and exercise pages.
 */
import { useEffect, useState } from "preact/hooks";
import i18next from "i18next";

// The i18next instance set up by i18n.ts (or learn/main.tsx); not imported from there, so the lean participant entry stays lean.
const t = (key: string, options?: Record<string, unknown>) => String(i18next.t(key, options as never));

type Loader = () => Promise<object>;
type PageProps = { params: Record<string, string>; query: URLSearchParams };
type Page = (props: PageProps) => preact.JSX.Element;

export function lazyStrings<S extends string>(namespace: string, loaders: Record<S, Record<string, Loader>>) {
  const changed = `nexus:strings:${namespace}`;
  const loaded = new Map<string, Promise<void>>();
  const wanted = new Set<S>();

  function ensure(set: S, lang: string): Promise<void> {
    const code = loaders[set][lang] ? lang : "en";
    const key = `${set}:${code}`;
    let p = loaded.get(key);
    if (!p) {
      // Added only for a language whose main strings are already in i18next (the current one), so
      // the main bundle's own check for a loaded language is not fooled.
      p = loaders[set][code]().then((strings) => { i18next.addResourceBundle(code, "translation", { [namespace]: strings }, true, true); });
      p.catch(() => loaded.delete(key));
      loaded.set(key, p);
    }
    return p;
  }

  let listening = false;
  /** Loads the sets for the current language; resolves when they are registered. */
  function loadStrings(...sets: S[]): Promise<void> {
    sets.forEach((s) => wanted.add(s));
    if (!listening) {
      listening = true;
      i18next.on("languageChanged", (lang: string) => {
        void Promise.all([...wanted].map((s) => ensure(s, lang))).then(() => dispatchEvent(new Event(changed)), () => undefined);
      });
    }
    return Promise.all(sets.map((s) => ensure(s, i18next.language))).then(() => undefined);
  }

  /** Re-renders the calling component when the strings of a newly chosen language arrive. */
  function useStrings(): void {
    const [, set] = useState(0);
    useEffect(() => {
      const f = () => set((n) => n + 1);
      addEventListener(changed, f);
      return () => removeEventListener(changed, f);
    }, []);
  }

  /** A page whose strings are loaded before it first renders (for app.tsx's lazyPage). */
  function withStrings(sets: S[], Inner: Page): Promise<Page> {
    return loadStrings(...sets).then(() => function PageWithStrings(props: PageProps) {
      useStrings();
      return <Inner {...props} />;
    });
  }

  /** A string of this namespace. */
  const tr = (key: string, options?: Record<string, unknown>) => t(`${namespace}.${key}`, options);
  return { loadStrings, useStrings, withStrings, tr };
}
