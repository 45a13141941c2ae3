/**
 * The faces the PDF renderer lays documents out with, read from the npm packages that ship
 * them (decision 0023): nothing is fetched at run time and nothing comes from the system.
 * Noto Sans for Latin, Greek and Cyrillic, Amiri for Arabic, Noto Sans SC for Chinese; regular
 * and bold of each.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { DocLanguage } from "./model.js";

const require = createRequire(import.meta.url);

/** Family names as the fonts declare them, which Typst's `text(font: …)` asks for. */
export const LATIN = "Noto Sans";
export const ARABIC = "Amiri";
export const CHINESE = "Noto Sans SC";

export const fontFiles = [
  "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  "@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf",
  "@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf",
  "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
];

/** The font files' bytes; a missing package names itself. */
export function loadFonts(): Buffer[] {
  return fontFiles.map((f) => {
    let path: string;
    try { path = require.resolve(f); } catch { throw new Error(`Font ${f} is missing: run npm install (its package is in package.json's dependencies)`); }
    return readFileSync(path);
  });
}

/** A family, and for Chinese documents the characters Latin is used for ("latin-in-cjk"). */
export interface FontChoice { name: string; covers?: "latin-in-cjk" }

/**
 * Which face Typst tries first for a character, by document language; each covers what the
 * ones before it lack. Arabic documents start with Amiri, whose Latin letters and digits are
 * drawn to match its Arabic, so that a Latin name in an Arabic line is neither too large nor in
 * another style; Chinese documents use Noto Sans for Latin letters only, so that quotes and
 * punctuation are the Chinese ones; the others start with Noto Sans.
 */
export function fontOrder(lang: DocLanguage): FontChoice[] {
  if (lang === "ar") return [{ name: ARABIC }, { name: LATIN }, { name: CHINESE }];
  if (lang === "zh") return [{ name: LATIN, covers: "latin-in-cjk" }, { name: CHINESE }, { name: ARABIC }];
  return [{ name: LATIN }, { name: ARABIC }, { name: CHINESE }];
}

/**
 * Amiri draws smaller than Noto Sans at the same size: Arabic documents are set this much larger
 * throughout, so that their text reads as large as the others'.
 */
export const sizeFactor = (lang: DocLanguage) => (lang === "ar" ? 1.2 : 1);
