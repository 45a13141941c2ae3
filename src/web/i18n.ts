import i18next from "i18next";
import { en } from "./locales/en.js";
import { applyDocumentLanguage, initialLanguage, languages, type Language } from "./languages.js";

export { applyDocumentLanguage, languages, type Language };

const initial = initialLanguage();

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

applyDocumentLanguage(initial);

export async function setLanguage(code: Language): Promise<void> {
  localStorage.setItem("nexus.lang", code);
  await ensureLanguage(code);
  await i18next.changeLanguage(code);
  applyDocumentLanguage(code);
}

export const t = (key: string, options?: Record<string, unknown>) => String(i18next.t(key, options as never));
export { i18next };
