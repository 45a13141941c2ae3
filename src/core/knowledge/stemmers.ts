/**
 * Small suffix-stripping stemmers for knowledge-base search (decision 0003). Each takes a word
 * already normalised by `normalizeText` (lower case, accents and Arabic marks folded) and returns
 * the stem that the index stores; query words go through the same function, so "laundered" and
 * "laundering", "fronteras" and "frontera", "границы" and "границами" meet on one stem. They are
 * light on purpose: a stem only has to be the same for the forms of a word, not a dictionary form.
 */

// ---------------------------------------------------------------------------------------------
// English: M. F. Porter's algorithm (1980), the one PostgreSQL's 'english' configuration descends from.

const isVowelAt = (w: string, i: number): boolean => {
  const c = w[i];
  if ("aeiou".includes(c)) return true;
  return c === "y" ? i > 0 && !isVowelAt(w, i - 1) : false;
};

/** Porter's m: the number of vowel-consonant sequences in the stem. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  while (i < stem.length && !isVowelAt(stem, i)) i++;
  while (i < stem.length) {
    while (i < stem.length && isVowelAt(stem, i)) i++;
    if (i >= stem.length) break;
    m++;
    while (i < stem.length && !isVowelAt(stem, i)) i++;
  }
  return m;
}
const hasVowel = (stem: string) => [...stem].some((_, i) => isVowelAt(stem, i));
const endsDouble = (w: string) => w.length >= 2 && w.at(-1) === w.at(-2) && !isVowelAt(w, w.length - 1);
/** consonant-vowel-consonant at the end, the last consonant not w, x or y ("hop", not "snow"). */
const endsCvc = (w: string) => {
  const n = w.length;
  return n >= 3 && !isVowelAt(w, n - 3) && isVowelAt(w, n - 2) && !isVowelAt(w, n - 1) && !"wxy".includes(w[n - 1]);
};

/** The first listed suffix the word ends with is replaced when its stem passes the test; no other is tried. */
function replaceFirst(w: string, rules: [string, string][], ok: (stem: string) => boolean): string {
  for (const [suffix, by] of rules) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, w.length - suffix.length);
    return ok(stem) ? stem + by : w;
  }
  return w;
}

const step2: [string, string][] = [
  ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"], ["bli", "ble"], ["alli", "al"],
  ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"], ["isation", "ize"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"],
  ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"], ["logi", "log"],
];
// Longest first where one suffix ends another, so "ational" wins over "tional".
step2.sort((a, b) => b[0].length - a[0].length);
const step3: [string, string][] = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["alise", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]];
const step4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ise", "al", "er", "ic", "ou"];

export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;
  // Step 1a: plurals.
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, -2);
  else if (!w.endsWith("ss") && w.endsWith("s")) w = w.slice(0, -1);
  // Step 1b: -ed, -ing.
  if (w.endsWith("eed")) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith("ed") ? "ed" : w.endsWith("ing") ? "ing" : "";
    if (suffix && hasVowel(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      // "is" as well as Porter's "iz", so British "organised" meets "organise" and "organisation".
      if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz") || w.endsWith("is")) w += "e";
      else if (endsDouble(w) && !"lsz".includes(w.at(-1)!)) w = w.slice(0, -1);
      else if (measure(w) === 1 && endsCvc(w)) w += "e";
    }
  }
  // Step 1c: y -> i after a vowel in the stem.
  if (w.endsWith("y") && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  w = replaceFirst(w, step2, (s) => measure(s) > 0);
  w = replaceFirst(w, step3, (s) => measure(s) > 0);
  // Step 4: derivational suffixes on long stems; -ion only after s or t.
  const s4 = step4.find((s) => w.endsWith(s));
  if (s4) {
    const stem = w.slice(0, -s4.length);
    if (measure(stem) > 1) w = stem;
  } else if (w.endsWith("ion")) {
    const stem = w.slice(0, -3);
    if (measure(stem) > 1 && /[st]$/.test(stem)) w = stem;
  }
  // Step 5: a final -e, and -ll on long stems.
  if (w.endsWith("e")) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  if (w.endsWith("ll") && measure(w) > 1) w = w.slice(0, -1);
  return w;
}

// ---------------------------------------------------------------------------------------------
// French: plural and feminine endings only (after J. Savoy's minimal stemmer), on folded text.

export function stemFrench(word: string): string {
  let w = word;
  if (w.length < 6 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith("eaux")) return w.slice(0, -1);
  if (w.endsWith("aux")) return `${w.slice(0, -2)}l`; // territoriaux -> territorial
  if (w.endsWith("x") || w.endsWith("s")) w = w.slice(0, -1);
  if (w.endsWith("r")) w = w.slice(0, -1); // infinitive: organiser
  if (w.endsWith("e")) w = w.slice(0, -1); // feminine, and -e of the infinitive
  if (w.endsWith("e")) w = w.slice(0, -1); // -ée (accents are folded): organisée, organisé
  if (w.length > 2 && w.at(-1) === w.at(-2)) w = w.slice(0, -1); // criminelle -> criminel
  return w;
}

// ---------------------------------------------------------------------------------------------
// Spanish: plural, then one inflectional or derivational ending, on folded text (ñ is n here).

const esEndings = [
  "amiento", "imiento", "acion", "ucion", "adora", "ancia", "encia", "mente", "iendo", "ieron",
  "ador", "idad", "ismo", "ista", "able", "ible", "ando", "aron",
  "ado", "ada", "ido", "ida", "ar", "er", "ir", "o", "a", "e",
];
const MIN_STEM = 3;

export function stemSpanish(word: string): string {
  let w = word;
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
  // Plural: -es after a consonant (paises, naciones, crimenes), -s after a, e or o (fronteras,
  // series); a final -is or -us is the singular (pais, crisis, analisis).
  if (w.endsWith("es") && w.length - 2 >= MIN_STEM && !"aeiou".includes(w.at(-3)!)) w = w.slice(0, -2);
  else if (w.endsWith("s") && w.length - 1 >= MIN_STEM && "aeo".includes(w.at(-2)!)) w = w.slice(0, -1);
  const e = esEndings.find((s) => w.endsWith(s) && w.length - s.length >= MIN_STEM);
  return e ? w.slice(0, -e.length) : w;
}

// ---------------------------------------------------------------------------------------------
// Russian: the endings of M. F. Porter's Snowball stemmer for Russian, in its regions (ё is е here).

const ruVowels = "аеиоуыэюя";
const longestEnding = (w: string, from: number, list: string[]) => list.filter((s) => w.endsWith(s) && w.length - s.length >= from).sort((a, b) => b.length - a.length)[0];
const ruGerund1 = ["в", "вши", "вшись"];
const ruGerund2 = ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"];
const ruAdjective = ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"];
const ruParticiple1 = ["ем", "нн", "вш", "ющ", "щ"];
const ruParticiple2 = ["ивш", "ывш", "ующ"];
const ruReflexive = ["ся", "сь"];
const ruVerb1 = ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"];
const ruVerb2 = ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"];
const ruNoun = ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я"];

/**
 * Removes the longest ending of a class that lies in the region; the first group of gerund,
 * participle and verb endings counts only after а or я, which stays.
 */
function ruStrip(w: string, rv: number, afterAYa: string[], anywhere: string[]): string | undefined {
  const a = longestEnding(w, rv, afterAYa);
  const b = longestEnding(w, rv, anywhere);
  if (b && (!a || b.length >= a.length)) return w.slice(0, -b.length);
  if (a && w.length - a.length - 1 >= rv && "ая".includes(w[w.length - a.length - 1])) return w.slice(0, -a.length);
  return undefined;
}

export function stemRussian(word: string): string {
  if (word.length < 3 || !/^[а-яй]+$/.test(word)) return word;
  // RV: after the first vowel. R2: after the second vowel-consonant pair.
  const firstVowel = [...word].findIndex((c) => ruVowels.includes(c));
  if (firstVowel < 0) return word;
  const rv = firstVowel + 1;
  const after = (from: number) => {
    for (let i = from + 1; i < word.length; i++) if (!ruVowels.includes(word[i]) && ruVowels.includes(word[i - 1])) return i + 1;
    return word.length;
  };
  const r2 = after(after(0));
  let w = word;
  // Step 1: a perfective gerund, or else (after a reflexive ending) an adjectival, verb or noun ending.
  const gerund = ruStrip(w, rv, ruGerund1, ruGerund2);
  if (gerund !== undefined) w = gerund;
  else {
    const reflexive = longestEnding(w, rv, ruReflexive);
    if (reflexive) w = w.slice(0, -reflexive.length);
    const adjective = longestEnding(w, rv, ruAdjective);
    if (adjective) {
      w = w.slice(0, -adjective.length);
      w = ruStrip(w, rv, ruParticiple1, ruParticiple2) ?? w;
    } else {
      w = ruStrip(w, rv, ruVerb1, ruVerb2) ?? (() => {
        const noun = longestEnding(w, rv, ruNoun);
        return noun ? w.slice(0, -noun.length) : w;
      })();
    }
  }
  // Step 2: a final и.
  if (w.endsWith("и") && w.length - 1 >= rv) w = w.slice(0, -1);
  // Step 3: the derivational -ость in R2.
  const derivational = longestEnding(w, r2, ["ост", "ость"]);
  if (derivational) w = w.slice(0, -derivational.length);
  // Step 4: superlative -ейш(е), a doubled н, a final ь.
  const superlative = longestEnding(w, rv, ["ейш", "ейше"]);
  if (superlative) w = w.slice(0, -superlative.length);
  if (w.endsWith("нн") && w.length - 2 >= rv) w = w.slice(0, -1);
  else if (w.endsWith("ь") && w.length - 1 >= rv) w = w.slice(0, -1);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Arabic: the article and attached conjunction or preposition, and one common suffix, in the
// manner of Larkey's light10 stemmer, on normalised text (alef forms as ا, taa marbuta as ه).

const arPrefixes = ["وال", "بال", "كال", "فال", "لل", "ال"];
const arSuffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

export function stemArabic(word: string): string {
  let w = word;
  if (!/^[\u0621-\u064a]+$/.test(w)) return w;
  const p = arPrefixes.find((x) => w.startsWith(x) && w.length - x.length >= 2);
  if (p) w = w.slice(p.length);
  const s = arSuffixes.find((x) => w.endsWith(x) && w.length - x.length >= 2);
  if (s) w = w.slice(0, -s.length);
  return w;
}
