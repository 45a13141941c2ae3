import { describe, expect, it } from "vitest";
import { answerLanguage, countWords } from "./words.js";

const counts = (ws: { word: string; count: number }[]) => Object.fromEntries(ws.map((w) => [w.word, w.count]));

describe("the words of text answers, for the projector's word cloud", () => {
  it("weights each word by how many answers use it, once per answer, the most used first, without the language's common words", () => {
    const words = countWords([
      "Call the prosecutor and freeze the accounts.",
      "Freeze the accounts, freeze them now!",
      "Share the list with the prosecutor's office",
      "freeze",
    ]);
    expect(words.slice(0, 3)).toEqual([
      { word: "freeze", count: 3, step: 5 },
      { word: "accounts", count: 2, step: 3 },
      { word: "prosecutor", count: 2, step: 3 },
    ]);
    // "the", "and", "with", "them" are common English words; a possessive counts as the word.
    expect(counts(words)).toEqual({ freeze: 3, accounts: 2, prosecutor: 2, call: 1, share: 1, list: 1, office: 1 });
    for (const common of ["the", "and", "with", "them", "now"]) expect(counts(words)[common]).toBeUndefined();
    expect(words.at(-1)!.step).toBe(1);
  });

  it("drops the common words of each answer's own language: French, Spanish and Russian", () => {
    const words = countWords([
      "Il faut geler les avoirs et prévenir l'enquêteur",
      "Geler les avoirs de la société écran",
      "Congelar las cuentas de la empresa",
      "Заморозить счета и предупредить следователя",
      "Заморозить счета компании",
    ]);
    const c = counts(words);
    expect(c).toMatchObject({ geler: 2, avoirs: 2, "enquêteur": 1, "société": 1, congelar: 1, cuentas: 1, "заморозить": 2, "счета": 2 });
    for (const common of ["il", "faut", "les", "et", "l", "de", "la", "las", "и"]) expect(c[common], common).toBeUndefined();
  });

  it("counts a word with and without its accents, capitals or ё as one, shown as most answers wrote it", () => {
    const c = counts(countWords(["Enquête conjointe", "enquete conjointe", "enquête rapide", "Ещё раз: всё проверить", "Проверить счёт", "FIU and police", "the FIU first"]));
    expect(c).toMatchObject({ "enquête": 3, conjointe: 2, "проверить": 2, FIU: 2 });
  });

  it("cuts Chinese answers into words with Intl.Segmenter, or into pairs of characters without it", () => {
    const texts = ["我们应该冻结资金并通知检察官", "冻结资金", "通知检察官"];
    const segmented = counts(countWords(texts));
    expect(segmented["冻结"]).toBe(2);
    expect(segmented["资金"]).toBe(2);
    // Common words and words of one character (particles, mostly) are left out.
    for (const common of ["我们", "应该", "并", "官"]) expect(segmented[common], common).toBeUndefined();
    const paired = counts(countWords(texts, { segmenter: null }));
    expect(paired).toMatchObject({ "冻结": 2, "结资": 2, "资金": 2, "检察": 2 });
  });

  it("counts Arabic words without their vowel marks, tatweel and article, dropping the common ones", () => {
    const c = counts(countWords(["تجميد الأموال في المصرف", "تجميد أموال الشبكة", "تَجْمِيد الأمـوال والشبكة"]));
    // Shown as most answers wrote it, without the marks.
    expect(c).toEqual({ "تجميد": 3, "الأموال": 3, "الشبكة": 2, "المصرف": 1 });
  });

  it("tells the language of an answer by its script, and by its common words in Latin script", () => {
    expect(["Appeler le procureur", "Llamar al fiscal", "Call the prosecutor", "Позвонить прокурору", "通知检察官", "إبلاغ النيابة"].map((t) => answerLanguage(t)))
      .toEqual(["fr", "es", "en", "ru", "zh", "ar"]);
    // Nothing to tell English, French and Spanish apart: the reader's language decides.
    expect([answerLanguage("Interpol", "fr"), answerLanguage("Interpol", "ar"), answerLanguage("Interpol", "es")]).toEqual(["fr", "en", "es"]);
  });

  it("keeps the most used words up to the limit, sizes them in five steps, and says nothing for no words", () => {
    const many = Array.from({ length: 50 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const words = countWords([...many, many[0], many[0], many[1]], { limit: 10 });
    expect(words).toHaveLength(10);
    expect(words[0]).toEqual({ word: many[0], count: 3, step: 5 });
    expect(words[1]).toMatchObject({ word: many[1], count: 2, step: 3 });
    expect(new Set(words.map((w) => w.step))).toEqual(new Set([5, 3, 1]));
    expect(countWords(["", "  ", "the and of", "12 45"])).toEqual([]);
    expect(countWords(["Interpol", "interpol"])).toEqual([{ word: "interpol", count: 2, step: 3 }]);
  });
});
