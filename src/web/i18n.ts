import i18next from "i18next";
import { en } from "./locales/en.js";
import { fr } from "./locales/fr.js";
import { ar } from "./locales/ar.js";

export const languages = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
] as const;
export type Language = (typeof languages)[number]["code"];

const stored = (typeof localStorage !== "undefined" && localStorage.getItem("nexus.lang")) || "";
const initial = (languages.find((l) => l.code === stored) ?? languages.find((l) => navigator.language.startsWith(l.code)) ?? languages[0]).code;

i18next.init({
  lng: initial,
  fallbackLng: "en",
  resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
  interpolation: { escapeValue: false },
  initImmediate: false,
} as Parameters<typeof i18next.init>[0]);

export function applyDocumentLanguage(code: string): void {
  const lang = languages.find((l) => l.code === code) ?? languages[0];
  document.documentElement.lang = lang.code;
  document.documentElement.dir = lang.dir;
}
applyDocumentLanguage(initial);

export async function setLanguage(code: Language): Promise<void> {
  localStorage.setItem("nexus.lang", code);
  await i18next.changeLanguage(code);
  applyDocumentLanguage(code);
}

export const t = (key: string, options?: Record<string, unknown>) => String(i18next.t(key, options as never));
export { i18next };
