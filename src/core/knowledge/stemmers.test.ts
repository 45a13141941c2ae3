import { describe, expect, it } from "vitest";
import { stemArabic, stemEnglish, stemFrench, stemRussian, stemSpanish } from "./stemmers.js";
import { normalizeText } from "./textAnalysis.js";

/** Stems of words after the normaliser, as the index sees them. */
const stems = (stem: (w: string) => string, words: string[]) => words.map((w) => stem(normalizeText(w)));

describe("English stemmer (Porter)", () => {
  it.each([
    // reference pairs of Porter's algorithm
    ["caresses", "caress"], ["ponies", "poni"], ["cats", "cat"], ["agreed", "agre"], ["hopping", "hop"], ["hoping", "hope"],
    ["sized", "size"], ["happy", "happi"], ["sky", "sky"], ["relational", "relat"], ["generalizations", "gener"],
    ["goodness", "good"], ["adjustment", "adjust"], ["adoption", "adopt"], ["effective", "effect"], ["controlling", "control"],
    ["cement", "cement"], ["replacement", "replac"], ["triplicate", "triplic"], ["rolling", "roll"],
  ])("%s -> %s", (word, stem) => expect(stemEnglish(word)).toBe(stem));

  it("brings the forms of a word to one stem, British and American spellings too", () => {
    expect(new Set(stems(stemEnglish, ["laundering", "laundered", "launders", "launder"]))).toEqual(new Set(["launder"]));
    expect(new Set(stems(stemEnglish, ["prison", "prisons", "prisoner", "prisoners"]))).toEqual(new Set(["prison"]));
    expect(new Set(stems(stemEnglish, ["organisation", "organised", "organization", "organized"])).size).toBe(1);
    expect(new Set(stems(stemEnglish, ["centre", "centres"])).size).toBe(1);
  });

  it("leaves short words, numbers and other scripts alone", () => {
    expect(stems(stemEnglish, ["un", "2020", "граница", "حدود"])).toEqual(["un", "2020", "граница", "حدود"]);
  });
});

describe("French stemmer (plural and feminine)", () => {
  it("brings singular and plural, masculine and feminine together, with or without accents", () => {
    expect(new Set(stems(stemFrench, ["frontière", "frontières", "frontiere", "FRONTIÈRES"]))).toEqual(new Set(["frontier"]));
    expect(new Set(stems(stemFrench, ["organisée", "organisées", "organisé", "organisés"])).size).toBe(1);
    expect(new Set(stems(stemFrench, ["criminel", "criminelle", "criminels"])).size).toBe(1);
    expect(new Set(stems(stemFrench, ["territorial", "territoriaux"])).size).toBe(1);
    expect(new Set(stems(stemFrench, ["réseau", "réseaux"])).size).toBe(1);
  });
  it("keeps words that differ apart", () => {
    expect(stemFrench("blanchiment")).toBe("blanchiment");
    expect(stemFrench("frontier")).not.toBe(stemFrench("frontal"));
    expect(stemFrench("prix")).toBe("prix"); // too short to strip
  });
});

describe("Spanish stemmer", () => {
  it("brings inflected forms to one stem", () => {
    expect(new Set(stems(stemSpanish, ["frontera", "fronteras", "Fronteras"]))).toEqual(new Set(["fronter"]));
    expect(new Set(stems(stemSpanish, ["blanqueo", "blanqueos", "blanquear", "blanqueado"])).size).toBe(1);
    expect(new Set(stems(stemSpanish, ["organización", "organizaciones", "organizada", "organizado", "organizadas"])).size).toBe(1);
    expect(new Set(stems(stemSpanish, ["país", "países"])).size).toBe(1);
    expect(new Set(stems(stemSpanish, ["nación", "naciones"])).size).toBe(1);
    expect(new Set(stems(stemSpanish, ["crimen", "crímenes"])).size).toBe(1);
  });
  it("leaves invariable -is words and short words whole", () => {
    expect(stems(stemSpanish, ["crisis", "análisis", "red"])).toEqual(["crisis", "analisis", "red"]);
    expect(stemSpanish("fronteras")).not.toBe(stemSpanish("frontal"));
  });
});

describe("Russian stemmer", () => {
  it("brings the cases of nouns and adjectives to one stem", () => {
    expect(new Set(stems(stemRussian, ["граница", "границы", "границе", "границу", "границей", "границами", "границах"]))).toEqual(new Set(["границ"]));
    expect(new Set(stems(stemRussian, ["отмывание", "отмывания", "отмыванием", "отмыванию"])).size).toBe(1);
    expect(new Set(stems(stemRussian, ["преступность", "преступности", "преступный", "преступная"])).size).toBe(1);
    expect(new Set(stems(stemRussian, ["организованная", "организованной", "организованные"])).size).toBe(1);
    expect(new Set(stems(stemRussian, ["террористы", "террористов", "террористам"])).size).toBe(1);
  });
  it("treats ё as е and keeps й", () => {
    expect(stemRussian(normalizeText("объём"))).toBe(stemRussian(normalizeText("объем")));
    expect(normalizeText("край")).toBe("край");
  });
  it("keeps words that differ apart", () => {
    expect(stemRussian("граница")).not.toBe(stemRussian("гражданин"));
  });
});

describe("Arabic light stemmer", () => {
  it("removes the article with an attached conjunction or preposition, and one suffix", () => {
    expect(new Set(stems(stemArabic, ["الحدود", "حدود", "والحدود", "بالحدود", "حدودها"]))).toEqual(new Set(["حدود"]));
    expect(new Set(stems(stemArabic, ["الإرهاب", "الارهاب", "إرهاب"])).size).toBe(1);
    expect(new Set(stems(stemArabic, ["الجريمة", "جريمة"])).size).toBe(1);
  });
  it("keeps at least two letters", () => {
    expect(stemArabic("الحد")).toBe("حد");
    expect(stemArabic("بها")).toBe("بها");
  });
});
