/**
 * The exercise pages' strings, kept out of the main bundle: each page registers the strings it
 * needs under the "exercises" key of i18next when it first loads, for the current language, and
 * again when the reader changes the language. Three sets, so that a phone loads little: the join
 * page's (locale/join.*.ts), the phone and projector pages' (locale/participant.*.ts), and the
 * facilitator's (locale/{en,fr,ar}.ts).
 */
import { useEffect, useState } from "preact/hooks";
import { i18next, t } from "../i18n.js";

export type StringSet = "join" | "participant" | "facilitator";
type Loader = () => Promise<object>;

const loaders: Record<StringSet, Record<string, Loader>> = {
  join: {
    en: () => import("./locale/join.en.js").then((m) => m.joinEn),
    fr: () => import("./locale/join.fr.js").then((m) => m.joinFr),
    ar: () => import("./locale/join.ar.js").then((m) => m.joinAr),
  },
  participant: {
    en: () => import("./locale/participant.en.js").then((m) => m.participantEn),
    fr: () => import("./locale/participant.fr.js").then((m) => m.participantFr),
    ar: () => import("./locale/participant.ar.js").then((m) => m.participantAr),
  },
  facilitator: {
    en: () => import("./locale/en.js").then((m) => m.exercisesEn),
    fr: () => import("./locale/fr.js").then((m) => m.exercisesFr),
    ar: () => import("./locale/ar.js").then((m) => m.exercisesAr),
  },
};

const CHANGED = "nexus:exercise-strings";
const loaded = new Map<string, Promise<void>>();
const wanted = new Set<StringSet>();

function ensure(set: StringSet, lang: string): Promise<void> {
  const code = loaders[set][lang] ? lang : "en";
  const key = `${set}:${code}`;
  let p = loaded.get(key);
  if (!p) {
    // Added only for a language whose main strings are already in i18next (the current one), so
    // the main bundle's own check for a loaded language is not fooled.
    p = loaders[set][code]().then((strings) => { i18next.addResourceBundle(code, "translation", { exercises: strings }, true, true); });
    p.catch(() => loaded.delete(key));
    loaded.set(key, p);
  }
  return p;
}

let listening = false;
/** Loads the sets for the current language; resolves when they are registered. */
export function loadStrings(...sets: StringSet[]): Promise<void> {
  sets.forEach((s) => wanted.add(s));
  if (!listening) {
    listening = true;
    i18next.on("languageChanged", (lang: string) => {
      void Promise.all([...wanted].map((s) => ensure(s, lang))).then(() => dispatchEvent(new Event(CHANGED)), () => undefined);
    });
  }
  return Promise.all(sets.map((s) => ensure(s, i18next.language))).then(() => undefined);
}

/** Re-renders the calling component when the exercise strings of a newly chosen language arrive. */
export function useStrings(): void {
  const [, set] = useState(0);
  useEffect(() => {
    const f = () => set((n) => n + 1);
    addEventListener(CHANGED, f);
    return () => removeEventListener(CHANGED, f);
  }, []);
}

type PageProps = { params: Record<string, string>; query: URLSearchParams };
type Page = (props: PageProps) => preact.JSX.Element;

/** A page whose strings are loaded before it first renders (for app.tsx's lazyPage). */
export function withStrings(sets: StringSet[], Inner: Page): Promise<Page> {
  return loadStrings(...sets).then(() => function ExercisePage(props: PageProps) {
    useStrings();
    return <Inner {...props} />;
  });
}

/** An exercise string. */
export const tx = (key: string, options?: Record<string, unknown>) => t(`exercises.${key}`, options);
