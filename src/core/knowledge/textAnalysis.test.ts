import { describe, expect, it } from "vitest";
import { analyzerFor, normalizeText } from "./textAnalysis.js";

describe("normalizeText", () => {
  it("folds case and accents in French and Spanish", () => {
    expect(normalizeText("Frontière FRONTIÈRES Ça Élève")).toBe("frontiere frontieres ca eleve");
    expect(normalizeText("Niño Acción PAÍS")).toBe("nino accion pais");
    expect(normalizeText("cœur")).toBe("coeur");
  });

  it.each([
    ["أمن", "امن"], ["إرهاب", "ارهاب"], ["آمن", "امن"], ["ٱلحدود", "الحدود"], // alef forms
    ["مؤسسة", "موسسه"], ["هيئة", "هييه"], // hamza on waw and on yaa; taa marbuta
    ["على", "علي"], // alef maqsura
    ["الحُدُودِ", "الحدود"], ["مُنَظَّمَة", "منظمه"], // harakat, shadda
    ["الحـــدود", "الحدود"], // tatweel
    ["٢٠٢٠", "2020"],
  ])("normalises Arabic %s as %s", (text, normal) => expect(normalizeText(text)).toBe(normal));

  it("keeps Cyrillic й, folds ё, lower-cases", () => {
    expect(normalizeText("Ёмкий КРАЙ")).toBe("емкий край");
  });

  it("maps full-width letters and ligatures to plain ones", () => {
    expect(normalizeText("ＦＡＴＦ ﬁnance")).toBe("fatf finance");
  });
});

describe("analyzers", () => {
  it("splits words, drops stop words and single letters", () => {
    expect(analyzerFor("en").words("The fight against money-laundering, in 2020")).toEqual(["fight", "against", "money", "laundering", "2020"]);
    expect(analyzerFor("fr").words("Le blanchiment d'argent aux frontières")).toEqual(["blanchiment", "argent", "frontieres"]);
    expect(analyzerFor("es").words("El blanqueo de capitales en las fronteras")).toEqual(["blanqueo", "capitales", "fronteras"]);
    expect(analyzerFor("ru").words("Отмывание денег и границы")).toEqual(["отмывание", "денег", "границы"]);
    expect(analyzerFor("ar").words("التعاون في الحدود")).toEqual(["التعاون", "الحدود"]);
  });

  it("segments Chinese into words with Intl.Segmenter, single-character words kept", () => {
    const words = analyzerFor("zh").words("加强边境管理，打击洗钱活动。");
    expect(words).toEqual(expect.arrayContaining(["边境", "洗钱"]));
    expect(words.join("")).toBe("加强边境管理打击洗钱活动");
    expect(analyzerFor("zh").words("钱")).toEqual(["钱"]);
  });

  it("stems each word by its script: Latin by the language's stemmer, Cyrillic and Arabic by theirs", () => {
    const ru = analyzerFor("ru");
    expect(ru.stem("laundering")).toBe("launder"); // untranslated English inside the Russian index
    expect(ru.stem("границами")).toBe("границ");
    expect(analyzerFor("fr").stem("frontieres")).toBe("frontier");
    expect(analyzerFor("es").stem("fronteras")).toBe("fronter");
    expect(analyzerFor("en").stem("границами")).toBe("границ");
    expect(analyzerFor("ar").stem("الحدود")).toBe("حدود");
    expect(analyzerFor("zh").stem("边境")).toBe("边境");
  });
});
