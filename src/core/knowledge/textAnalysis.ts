/**
 * Text processing for knowledge-base search, per language (decision 0003): one normaliser for
 * every script, then words (Chinese segmented with Intl.Segmenter), stop words left out, and a
 * stem per word. Each word is stemmed by the stemmer of its script: Cyrillic always by the
 * Russian one, Arabic by the Arabic one, Latin by the reader's language's one (English for the
 * untranslated English text inside a Russian, Arabic or Chinese index).
 */
import { stemArabic, stemEnglish, stemFrench, stemRussian, stemSpanish } from "./stemmers.js";

export const searchLanguages = ["en", "fr", "ar", "es", "ru", "zh"] as const;
export type SearchLanguage = (typeof searchLanguages)[number];

const arabicForms: Record<string, string> = { "ٱ": "ا", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك" };
const ligatures: Record<string, string> = { "œ": "oe", "æ": "ae", "ß": "ss" };

/**
 * Lower case; accents folded (é -> e, ñ -> n, ё -> е, but й stays a letter of its own); Arabic
 * alef forms as ا, ؤ as و, ئ as ي, taa marbuta as ه, alef maqsura as ي, harakat and tatweel
 * removed; Arabic-Indic digits as 0-9; compatibility forms (full-width letters, ligatures) as
 * their plain letters.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    // Combining marks go (accents, harakat, the hamza and madda of decomposed alef forms), except
    // the breve of й, which is a letter in Russian.
    .replace(/\p{M}/gu, (m, i: number, s: string) => (m === "\u0306" && (s[i - 1] === "и" || s[i - 1] === "И") ? m : ""))
    .normalize("NFC")
    .toLowerCase()
    .replace(/[ٱأإآؤئةىیک]/g, (c) => arabicForms[c])
    .replace(/[œæß]/g, (c) => ligatures[c])
    .replace(/ё/g, "е")
    .replace(/\u0640/g, "") // tatweel
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
}

const stopWords: Record<SearchLanguage, string> = {
  en: `a about an and any are as at be been but by can could did do does for from had has have he her his how i if in into is it its
    may might must no nor not of on or our shall she should so such than that the their them then there these they this those to
    was we were what when where which while who whom why will with would you your`,
  fr: `a au aux avec c ce ces cet cette d dans de des du elle elles en est et eux il ils j l la le les leur leurs lui m ma mais me
    meme mes moi mon n ne ni nos notre nous on ont ou par pas pour qu que qui s sa se ses son sont sur t ta te tes toi ton tu un une
    vos votre vous y ete etre`,
  es: `a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre
    era es esa esas ese eso esos esta estas este esto estos fue fueron ha han hasta hay la las le les lo los mas me mi mucho muy
    ni no nos o otra otras otro otros para pero poco por porque que quien se ser si sin sobre son su sus tambien tanto te todo
    todos tu un una uno unos y ya`,
  ru: `а без более бы был была были было быть в вам вас во вот все всего всех вы где да даже для до его ее ей если есть еще же за
    здесь и из или им их к как какой когда кто ли между мне мы на над нас не него нее нет ни но о об однако он она они оно от по под
    после при про с со так также там тем то того тоже только том у уже чем что чтобы эта эти это этого этой этом этот`,
  ar: `في من على الى عن مع هذا هذه ذلك تلك التي الذي الذين او ثم لا ما هو هي هم كان كانت قد بين كل ان التى اذا لم لن حتى عند غير
    بعد قبل ضد دون و`,
  zh: "的 了 和 与 及 在 是 或 等 对 之 其 也 而 并 将 把 被 由 为 以 于 这 那 个",
};
const stopSets = Object.fromEntries(
  Object.entries(stopWords).map(([lang, list]) => [lang, new Set(list.split(/\s+/).filter(Boolean).map(normalizeText))]),
) as Record<SearchLanguage, Set<string>>;

const latinStemmer: Record<SearchLanguage, (w: string) => string> = {
  en: stemEnglish, fr: stemFrench, es: stemSpanish, ru: stemEnglish, ar: stemEnglish, zh: stemEnglish,
};

const han = /\p{Script=Han}/u;
const cyrillic = /^[\u0400-\u04ff]/;
const arabic = /^[\u0600-\u06ff]/;
const latin = /^[a-z]/;

export interface Analyzer {
  readonly lang: SearchLanguage;
  /** The words of a text, normalised, without stop words or single letters (single Chinese characters stay). */
  words(text: string): string[];
  /** The stem of a normalised word. */
  stem(word: string): string;
}

class LanguageAnalyzer implements Analyzer {
  private readonly stops: Set<string>;
  private readonly latinStem: (w: string) => string;
  private readonly segmenter?: Intl.Segmenter;
  /** Stems of the words seen so far: the corpus has a few tens of thousands of distinct words. */
  private readonly stems = new Map<string, string>();

  constructor(readonly lang: SearchLanguage) {
    // The untranslated text in an Arabic, Russian or Chinese index is English: its stop words go too.
    this.stops = ["ar", "ru", "zh"].includes(lang) ? new Set([...stopSets[lang], ...stopSets.en]) : stopSets[lang];
    this.latinStem = latinStemmer[lang];
    if (lang === "zh") this.segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  }

  words(text: string): string[] {
    const normal = normalizeText(text);
    const raw = this.segmenter
      ? Array.from(this.segmenter.segment(normal), (s) => (s.isWordLike ? s.segment : "")).flatMap((s) => s.split(/[^\p{L}\p{N}]+/u))
      : normal.split(/[^\p{L}\p{N}]+/u);
    return raw.filter((w) => w && (w.length > 1 || han.test(w)) && !this.stops.has(w));
  }

  stem(word: string): string {
    let s = this.stems.get(word);
    if (s === undefined) {
      s = latin.test(word) ? this.latinStem(word) : cyrillic.test(word) ? stemRussian(word) : arabic.test(word) ? stemArabic(word) : word;
      if (this.stems.size > 100_000) this.stems.clear(); // queries add words; keep the memo bounded
      this.stems.set(word, s);
    }
    return s;
  }
}

const analyzers = new Map<SearchLanguage, Analyzer>();
export function analyzerFor(lang: SearchLanguage): Analyzer {
  let a = analyzers.get(lang);
  if (!a) analyzers.set(lang, (a = new LanguageAnalyzer(lang)));
  return a;
}

/** Whether a text is written in a script that has no spaces between words (Chinese here). */
export const isHan = (s: string) => han.test(s);
