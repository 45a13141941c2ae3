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

/** The language the reader chose before (this device), else the browser's, else English. */
export function initialLanguage(): Language {
  const stored = (typeof localStorage !== "undefined" && localStorage.getItem("nexus.lang")) || "";
  return (languages.find((l) => l.code === stored) ?? languages.find((l) => navigator.language.startsWith(l.code)) ?? languages[0]).code;
}

export function applyDocumentLanguage(code: string): void {
  const lang = languages.find((l) => l.code === code) ?? languages[0];
  document.documentElement.lang = lang.code;
  document.documentElement.dir = lang.dir;
}
