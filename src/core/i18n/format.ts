/**
 * Numbers, percentages and dates for a reader's language, with Intl (decision 0025). Dates are
 * calendar dates (YYYY-MM-DD) printed as such, never shifted by a time zone.
 */
export const languages = ["en", "fr", "ar", "es", "ru", "zh"] as const;
export type Lang = (typeof languages)[number];
export const isLang = (x: unknown): x is Lang => typeof x === "string" && (languages as readonly string[]).includes(x);

/** Arabic documents use Western digits, as the Arab League's and the UN's Arabic texts do. */
const locale = (lang: string) => (lang === "en" ? "en-GB" : lang === "ar" ? "ar-u-nu-latn" : lang === "zh" ? "zh-CN" : lang);

export const formatNumber = (lang: string, n: number, digits?: { min?: number; max?: number }) =>
  new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits?.min ?? 0, maximumFractionDigits: digits?.max ?? digits?.min ?? 2 }).format(n);

/** 0..1 as a whole percentage: "67 %" in French, "67%" in English. */
export const formatPercent = (lang: string, share: number) => new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 0 }).format(share);

/** "2026-09-15" as "15 September 2026" / "15 septembre 2026" / "2026年9月15日"; anything else is returned as it is. */
export function formatDate(lang: string, iso: string, style: "long" | "short" = "long"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(lang), { day: "numeric", month: style, year: "numeric", timeZone: "UTC" }).format(d);
}

/** "2026-09" as "Sep 2026" in the language (for timeline columns). */
export function formatMonth(lang: string, ym: string): string {
  const [y, mo] = ym.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(lang), { month: "short", year: "2-digit", timeZone: "UTC" }).format(new Date(Date.UTC(y, mo - 1, 1)));
}

/** A country's name from its ISO code in the language. */
export const countryIn = (lang: string, code: string) => { try { return new Intl.DisplayNames([locale(lang)], { type: "region" }).of(code) ?? code; } catch { return code; } };

/** The list separator of the language: "; ", the French " ; ", the Arabic "؛ " or the Chinese "；". */
export const listSeparator = (lang: string) => (lang === "ar" ? "؛ " : lang === "zh" ? "；" : lang === "fr" ? " ; " : "; ");
