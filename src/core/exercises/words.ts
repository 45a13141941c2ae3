/**
 * The words of a decision's text answers, for the projector's word cloud after the reveal: each
 * word weighted by how many answers use it (an answer that repeats a word counts once), the
 * common words of the answer's language left out, the most used first, each with a size step
 * from 1 to 5. Answers come in any of the six languages: Chinese is cut into words with
 * Intl.Segmenter where the runtime has it (else into pairs of characters), words of one character
 * (mostly particles) left out; Arabic words are
 * counted without their vowel marks and article (الشرطة and شرطة are one word); Latin-script
 * words without their accents, French elisions (l', d', qu') and English possessives; a word is
 * shown in the form most answers wrote it. Pure; only the projector page loads it.
 */

export interface WordWeight {
  word: string;
  /** how many answers use the word */
  count: number;
  /** 1 (the least used shown) to 5 (the most used) */
  step: 1 | 2 | 3 | 4 | 5;
}

type Lang = "en" | "fr" | "es" | "ru" | "zh" | "ar";

/** Short lists of the most common words, as a reader would not want them in a cloud. */
const stopLists: Record<Lang, string> = {
  en: `a an the and or but nor of to in on at for from by with without into onto over under about as is are was were be been being am
    do does did have has had will would shall should can could may might must not no so than then that this these those there here it its
    we our us you your they their them he she his her him i me my what which who whom whose when where why how all any each some more most
    other such only own same too very just also if because while up down out off again once both few get let need make anything something
    nothing else before after first now`,
  fr: `le la les l un une des du de d et ou mais donc or ni car a à au aux en dans par pour sur sous avec sans ce cet cette ces c ça
    qui que qu quoi dont où il elle ils elles on nous vous je j tu me m te t se s lui leur leurs son sa ses mon ma mes ton ta tes notre nos
    votre vos est sont été être était avoir ont avait ne n pas plus très aussi comme si y tout tous toute toutes faire fait peut doit
    faut entre avant après puis alors même autre autres chez lors jusqu lorsqu puisqu`,
  es: `el la los las lo un una unos unas de del al y e o u pero ni que en con sin por para sobre entre a ante hasta desde se su sus
    le les me te nos os mi mis tu tus es son está están ser estar ha han hay fue era como más muy ya no sí si también este esta estos
    estas ese esa esos esas eso esto cuando donde porque quien cual todo todos toda todas hacer debe deben hay que antes después otro otra`,
  ru: `и в во не что он она оно они на я с со как а то все всё так его её их но да ты к у же вы за бы по только ей мне было вот от
    меня ещё нет о об из ему теперь когда даже ну ли если уже или ни быть был была были него до вас вам ведь там потом себя ничего может
    тут где есть надо для мы тебя чем сам без чего раз тоже себе под будет тогда кто этот того потому этого какой ним здесь этом один
    чтобы нее сейчас куда зачем всех можно при два другой после над больше тот через эти нас про всего них много эту эта это этой перед
    нужно следует`,
  zh: `的 地 得 了 和 与 及 或 是 在 也 就 都 而 并 但 这 那 这个 那个 这些 那些 我 我们 你 你们 他 她 它 他们 她们 有 没有 要 会 能 对 把
    被 让 给 从 向 到 以 之 其 个 一个 些 一些 不 很 更 还 又 吗 呢 吧 啊 着 过 等 如果 因为 所以 应该 需要 可以 进行`,
  ar: `في من إلى الى على عن مع هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين و أو ثم أن إن كان كانت يكون ما لا لم لن قد كل بعض غير بين
    عند هو هي هم نحن أنا أنت ب ل ك يجب ينبغي قبل بعد حتى إذا أي كما لكن بل عليه فيه منه به له لها لهم ضمن خلال أيضا`,
};

const LETTER = /\p{L}/u;
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const ELISION = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]/u;
const POSSESSIVE = /['’]s$/u;

/** The form a word is counted by in its language: lower case; no accents in Latin script, no ё in Russian; no vowel marks, tatweel or article in Arabic. */
function keyOf(word: string, lang: Lang): string {
  const lower = word.toLocaleLowerCase(lang);
  if (lang === "ar") {
    const bare = lower.replace(/[\u064B-\u065F\u0670\u0640]/gu, "").replace(/[أإآ]/gu, "ا").replace(/ى/gu, "ي");
    if (/^(?:وال|بال|فال|كال)/u.test(bare) && bare.length > 5) return bare.slice(3);
    if (bare.startsWith("ال") && bare.length > 4) return bare.slice(2);
    if (bare.startsWith("لل") && bare.length > 4) return bare.slice(2);
    return bare;
  }
  if (lang === "ru") return lower.replace(/ё/gu, "е");
  if (lang === "zh") return lower;
  return lower.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

const stopWords: Record<Lang, Set<string>> = Object.fromEntries(
  (Object.entries(stopLists) as [Lang, string][]).map(([lang, list]) => [lang, new Set(list.split(/\s+/u).filter(Boolean).map((w) => keyOf(w, lang)))]),
) as Record<Lang, Set<string>>;

/**
 * The language of an answer, by its script; for Latin script, the one of English, French or
 * Spanish whose common words it uses most (`hint`, the reader's language, breaks a tie).
 */
export function answerLanguage(text: string, hint = "en"): Lang {
  if (/\p{Script=Han}/u.test(text)) return "zh";
  if (/\p{Script=Arabic}/u.test(text)) return "ar";
  if (/\p{Script=Cyrillic}/u.test(text)) return "ru";
  const tokens = (text.match(TOKEN) ?? []).map((t) => t.toLocaleLowerCase().replace(ELISION, ""));
  const latin: Lang[] = ["en", "fr", "es"];
  const score = (l: Lang) => tokens.filter((t) => stopWords[l].has(keyOf(t, l))).length;
  const scores = latin.map(score);
  const best = Math.max(...scores);
  const leaders = latin.filter((_, i) => scores[i] === best);
  return leaders.includes(hint as Lang) ? (hint as Lang) : leaders[0];
}

const defaultSegmenter = (): Intl.Segmenter | null => (typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("zh", { granularity: "word" }) : null);

/** The words of a Chinese answer: Intl.Segmenter's, or without it each run of characters as overlapping pairs. */
function chineseWords(text: string, segmenter: Intl.Segmenter | null): string[] {
  if (segmenter) return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+|[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    if (!/\p{Script=Han}/u.test(run) || run.length < 3) { out.push(run); continue; }
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** The words of one answer in its language, as they were written, common words and numbers left out. */
function wordsOf(text: string, lang: Lang, segmenter: Intl.Segmenter | null): string[] {
  const raw = lang === "zh" ? chineseWords(text, segmenter) : (text.match(TOKEN) ?? []).map((t) => t.replace(ELISION, "").replace(POSSESSIVE, ""));
  return raw.filter((w) => LETTER.test(w) && [...w].length > 1 && !stopWords[lang].has(keyOf(w, lang)));
}

/** The form to show: an acronym as written (FIU), anything else in lower case; Arabic without vowel marks and tatweel. */
function shown(form: string, lang: Lang): string {
  if (lang === "ar") return form.replace(/[\u064B-\u065F\u0670\u0640]/gu, "");
  return form.length > 1 && form === form.toLocaleUpperCase(lang) && form !== form.toLocaleLowerCase(lang) ? form : form.toLocaleLowerCase(lang);
}

export interface WordOptions {
  /** the reader's language, to break a tie between English, French and Spanish */
  hint?: string;
  /** how many words to keep, the most used (40 by default) */
  limit?: number;
  /** cuts Chinese into words; null to use pairs of characters (Intl.Segmenter where the runtime has it, by default) */
  segmenter?: Intl.Segmenter | null;
}

/** The words of the answers, the most used first (then in alphabetical order), with how many answers use each and its size step. */
export function countWords(texts: string[], o: WordOptions = {}): WordWeight[] {
  const segmenter = o.segmenter === undefined ? defaultSegmenter() : o.segmenter;
  const words = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const text of texts) {
    const lang = answerLanguage(text, o.hint);
    const seen = new Set<string>();
    for (const w of wordsOf(text, lang, segmenter)) {
      const key = `${lang === "zh" || lang === "ar" || lang === "ru" ? lang : "latin"}:${keyOf(w, lang)}`;
      const entry = words.get(key) ?? { count: 0, forms: new Map<string, number>() };
      const form = shown(w, lang);
      entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
      if (!seen.has(key)) { seen.add(key); entry.count += 1; }
      words.set(key, entry);
    }
  }
  const counted = [...words.values()].map((e) => ({ word: [...e.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0], count: e.count }));
  counted.sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
  const kept = counted.slice(0, o.limit ?? 40);
  if (!kept.length) return [];
  const max = kept[0].count;
  const min = kept[kept.length - 1].count;
  return kept.map((w) => ({ ...w, step: (max === min ? 3 : 1 + Math.round((4 * (w.count - min)) / (max - min))) as WordWeight["step"] }));
}
