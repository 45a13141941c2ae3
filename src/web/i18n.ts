import i18next from "i18next";
import { en } from "./locales/en.js";

/** The six UN languages, by their own names: the interface, the knowledge base and the exercises speak each. */
export const languages = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "ru", name: "Русский", dir: "ltr" },
  { code: "zh", name: "中文", dir: "ltr" },
] as const;
export type Language = (typeof languages)[number]["code"];

const stored = (typeof localStorage !== "undefined" && localStorage.getItem("nexus.lang")) || "";
const initial = (languages.find((l) => l.code === stored) ?? languages.find((l) => navigator.language.startsWith(l.code)) ?? languages[0]).code;

i18next.init({
  lng: "en",
  fallbackLng: "en",
  resources: { en: { translation: en } },
  interpolation: { escapeValue: false },
  initImmediate: false,
} as Parameters<typeof i18next.init>[0]);

/** Strings other than English load only when chosen, so readers on slow links download one language. */
const loaders: Record<string, () => Promise<object>> = {
  fr: () => import("./locales/fr.js").then((m) => m.fr),
  ar: () => import("./locales/ar.js").then((m) => m.ar),
  es: () => import("./locales/es.js").then((m) => m.es),
  ru: () => import("./locales/ru.js").then((m) => m.ru),
  zh: () => import("./locales/zh.js").then((m) => m.zh),
};
async function ensureLanguage(code: string): Promise<void> {
  if (i18next.hasResourceBundle(code, "translation") || !loaders[code]) return;
  i18next.addResourceBundle(code, "translation", await loaders[code](), true, true);
}

/** Resolves when the initial language's strings are ready; main.tsx renders after it. */
export const ready: Promise<void> = ensureLanguage(initial)
  .then(() => i18next.changeLanguage(initial))
  .then(() => undefined, () => undefined);

export function applyDocumentLanguage(code: string): void {
  const lang = languages.find((l) => l.code === code) ?? languages[0];
  document.documentElement.lang = lang.code;
  document.documentElement.dir = lang.dir;
}
applyDocumentLanguage(initial);

export async function setLanguage(code: Language): Promise<void> {
  localStorage.setItem("nexus.lang", code);
  await ensureLanguage(code);
  await i18next.changeLanguage(code);
  applyDocumentLanguage(code);
}

export const t = (key: string, options?: Record<string, unknown>) => String(i18next.t(key, options as never));
export { i18next };
