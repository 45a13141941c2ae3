/**
 * Server messages (decision 0025) rendered in the reader's language, for a given set of catalogues:
 * the whole app uses every namespace (messages.ts), the lean participant pages only the ones they
 * show (training/lean.ts). English is built in; another language's catalogue loads with the first
 * page that needs it, and until it is there (or if it fails to load) the English text stands in.
 */
import i18next from "i18next";
import { useEffect, useState } from "preact/hooks";
import type { Catalogue, Msg } from "../core/i18n/messages.js";

type Render = (x: string | Msg | Msg[], params?: Msg["params"]) => string;

export function messageStore(english: Render, loaders: Record<string, () => Promise<Catalogue>>, make: (lang: string, catalogue: Catalogue) => Render) {
  const translators = new Map<string, Render>([["en", english]]);
  const loading = new Map<string, Promise<void>>();

  function load(lang: string): Promise<void> {
    if (translators.has(lang) || !loaders[lang]) return Promise.resolve();
    let p = loading.get(lang);
    if (!p) {
      p = loaders[lang]().then((c) => { translators.set(lang, make(lang, c)); }, () => undefined).finally(() => loading.delete(lang));
      loading.set(lang, p);
    }
    return p;
  }

  return {
    /** Loads the messages of the reader's language (again when it changes); re-renders once they are there. */
    useMessages(): void {
      const [, rerender] = useState(0);
      const lang = i18next.language;
      useEffect(() => {
        let live = true;
        const go = (l: string) => { void load(l).then(() => { if (live) rerender((n) => n + 1); }); };
        go(lang);
        i18next.on("languageChanged", go);
        return () => { live = false; i18next.off("languageChanged", go); };
      }, [lang]);
    },
    /** The reader's text of a message, a list of messages, or a string (a person's words, or a sentence stored in English before messages). */
    msgText(x: Msg | Msg[] | string | null | undefined): string {
      if (x === null || x === undefined) return "";
      return (translators.get(i18next.language) ?? translators.get("en")!)(x);
    },
  };
}

/** A download link in the reader's language: a link does not carry the app's chosen language, so the query does (decision 0025). */
export const withLang = (url: string) => `${url}${url.includes("?") ? "&" : "?"}lang=${encodeURIComponent(i18next.language)}`;
