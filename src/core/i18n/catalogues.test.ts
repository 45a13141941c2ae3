/**
 * Every catalogue of every language (decision 0025): exactly the English keys of its namespace,
 * the same {{params}} and $t(...) references, nothing empty; every nested reference names a key
 * that exists; and rendering fills everything.
 */
import { describe, expect, it } from "vitest";
import { catalogueEn, namespacesByLanguage, namespacesEn, translator } from "./catalogues.js";
import { formatDate, formatNumber, formatPercent, languages } from "./format.js";
import { msg } from "./messages.js";
import { practiceRef } from "./practices.js";
import { makeTranslator } from "./translate.js";

const params = (template: string) => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
// Nested references with their own parameters blanked: $t(plans.msg.inPlace.{{rating}}) -> plans.msg.inPlace.{}
const nested = (template: string) => [...template.matchAll(/\$t\(([^)]+)\)/g)].map((m) => m[1].replace(/\{\{\w+\}\}/g, "{}")).sort();

/** A key's plural form other than "other" (the key's own template stands for "other"). */
const PLURAL = /_(zero|one|two|few|many)$/;
/** The whole counts 0–1000 each of a language's plural categories takes (French "many" starts at a million, so it has none here). */
function wholeCounts(lang: string): Map<string, number[]> {
  const rules = new Intl.PluralRules(lang);
  const counts = new Map<string, number[]>();
  for (let n = 0; n <= 1000; n++) counts.set(rules.select(n), [...(counts.get(rules.select(n)) ?? []), n]);
  return counts;
}
/**
 * What is wrong with the plural forms of a language's catalogue of a namespace, against the English one:
 * a form of a category the language's Intl.PluralRules does not have, or of a key English has no plural
 * forms for; a form with other parameters or references than English; a key English gives plural forms
 * without a form for each category a whole count takes in the language ("other" being the key itself).
 * A form whose category holds a single count (Arabic "zero", "one", "two"; English "one") may leave out
 * {{count}}, as the form says the number ("ممارستان", two practices).
 */
function pluralProblems(lang: string, catalogue: Record<string, string>, english: Record<string, string>): string[] {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
  const counts = wholeCounts(lang);
  const problems: string[] = [];
  for (const [key, template] of Object.entries(catalogue).filter(([k]) => PLURAL.test(k))) {
    const base = key.replace(PLURAL, "");
    const category = PLURAL.exec(key)![1];
    if (!categories.includes(category)) problems.push(`${key}: ${lang} has no plural category "${category}" (it has ${categories.join(", ")})`);
    if (!Object.keys(english).some((k) => k.startsWith(`${base}_`) && PLURAL.test(k))) problems.push(`${key}: English has no plural forms of ${base}`);
    if (english[base] === undefined) continue;
    const single = counts.get(category)?.length === 1;
    const without = (ps: string[]) => (single ? ps.filter((p) => p !== "count") : ps);
    if (JSON.stringify(without(params(template))) !== JSON.stringify(without(params(english[base])))) problems.push(`${key}: parameters ${params(template).join(", ")} instead of ${params(english[base]).join(", ")}`);
    if (JSON.stringify(nested(template)) !== JSON.stringify(nested(english[base]))) problems.push(`${key}: references differ from English`);
  }
  const pluralInEnglish = [...new Set(Object.keys(english).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")))];
  for (const base of pluralInEnglish) {
    for (const category of [...counts.keys()].filter((c) => c !== "other")) {
      if (catalogue[`${base}_${category}`] === undefined) problems.push(`${base}_${category}: missing (${lang} counts ${counts.get(category)!.slice(0, 4).join(", ")}… as "${category}")`);
    }
  }
  return problems;
}

describe("message catalogues", () => {
  for (const lang of languages.filter((l) => l !== "en")) {
    for (const [ns, catalogue] of Object.entries(namespacesByLanguage[lang])) {
      const english = namespacesEn[ns as keyof typeof namespacesEn] as Record<string, string>;
      it(`${lang} ${ns}: the English keys, the same parameters and references, nothing empty`, () => {
        // Plural forms other than "other" follow each language's rules (English has "one"; Chinese none; Russian "one", "few" and "many").
        const plural = PLURAL;
        expect(Object.keys(catalogue).filter((k) => !plural.test(k)).sort()).toEqual(Object.keys(english).filter((k) => !plural.test(k)).sort());
        expect(pluralProblems(lang, catalogue, english), `${lang} ${ns}`).toEqual([]);
        for (const [key, en] of Object.entries(english).filter(([k]) => !plural.test(k))) {
          const own = catalogue[key] ?? "";
          expect(own.trim(), `${lang} ${ns} ${key}`).not.toBe("");
          expect(params(own), `${lang} ${ns} ${key}`).toEqual(params(en));
          expect(nested(own), `${lang} ${ns} ${key}`).toEqual(nested(en));
        }
      });
    }
  }

  it("has the document, plan, exercise and common words in all six languages (the watch analysis in en, fr and ar so far)", () => {
    for (const lang of languages) expect(Object.keys(namespacesByLanguage[lang]), lang).toEqual(expect.arrayContaining(["common", "plans", "exercises", "docs"]));
    for (const lang of ["en", "fr", "ar"] as const) expect(Object.keys(namespacesByLanguage[lang]), lang).toContain("watch");
  });

  it("names only keys that exist in nested references", () => {
    for (const template of Object.values(catalogueEn)) {
      for (const ref of nested(template)) {
        const prefix = ref.split("{}")[0];
        expect(Object.keys(catalogueEn).some((k) => k.startsWith(prefix)), ref).toBe(true);
      }
    }
  });

  it("renders messages in each language with nothing left unfilled, and English where a key is missing", () => {
    const statement = msg("plans.msg.statement.gaps", { parts: [msg("plans.msg.statement.notAssessed", { count: 2, total: 25, items: [practiceRef("hague-4"), practiceRef("addendum-12")] })] });
    const why = msg("plans.msg.action.why", { practice: practiceRef("icct-3"), step: 2, status: "in-progress", reasons: [msg("plans.msg.reason.answers", { items: [msg("watch.msg.hypothesis.black-hole")] })] });
    const warn = msg("plans.msg.warn.startsBefore", { start: "2027-05-01", title: "Train prosecutors", due: "2027-06-30" });
    for (const lang of languages) {
      const t = translator(lang);
      for (const m of [statement, why, warn]) {
        const text = t(m);
        expect(text, lang).not.toMatch(/\{\{|\$t\(|\.msg\.|hague-4|addendum-12|icct-3/);
      }
    }
    expect(translator("en")(statement)).toBe("2 of 25 practices were not assessed (Hague GP 4; Addendum GP 12). Gaps and priorities say nothing about these.");
    expect(translator("fr")(statement)).toBe("2 des 25 pratiques n'ont pas été évaluées (BP La Haye 4 ; BP Addendum 12). Les écarts et les priorités ne disent rien de ces pratiques.");
    expect(translator("ar")(warn)).toBe("يبدأ في 1 مايو 2027، قبل الموعد النهائي لـ «Train prosecutors» في 30 يونيو 2027");
    expect(translator("zh")(why)).toBe("ICCT 建议 3：第 2 步进行中；针对：黑洞，即该国 Nexus Watch 评估中居首的表现形式");
    expect(translator("fr")(why)).toBe("Rec. ICCT 3 : l'étape 2 est en cours ; répond à : Trou noir, en tête des évaluations Nexus Watch du pays");
    // A key no catalogue has renders as itself, so it shows up rather than vanishing.
    expect(translator("fr")(msg("plans.msg.nothing-here"))).toBe("plans.msg.nothing-here");
    // A person's words pass through untouched.
    expect(translator("ru")("Set up a joint cell")).toBe("Set up a joint cell");
  });

  it("formats numbers, percentages and dates for the language", () => {
    expect(formatNumber("fr", 1.5, { min: 2 })).toBe("1,50");
    expect(formatNumber("ar", 1.5, { min: 2 })).toBe("1.50");
    expect(formatPercent("fr", 0.67)).toMatch(/^67\s%$/);
    expect(formatDate("en", "2026-09-15")).toBe("15 September 2026");
    expect(formatDate("zh", "2026-09-15")).toBe("2026年9月15日");
    expect(formatDate("ru", "2026-09-15")).toMatch(/^15 сентября 2026/);
    expect(formatDate("fr", "not a date")).toBe("not a date");
  });
});

describe("plural forms", () => {
  it("take the form of the count by each language's rules, and the key's own template otherwise", () => {
    const one = msg("plans.msg.statement.onlyOnPaper", { count: 1, items: [practiceRef("hague-5")] });
    const two = msg("plans.msg.statement.onlyOnPaper", { count: 2, items: [practiceRef("hague-5"), practiceRef("hague-6")] });
    expect(translator("en")(one)).toMatch(/^1 was rated in place but not yet for how well it works/);
    expect(translator("en")(two)).toMatch(/^2 were rated in place but not yet for how well they work/);
    // French counts 0 and 1 as "one".
    expect(translator("fr")(one)).toMatch(/^1 a été évaluée pour sa mise en place/);
    expect(translator("fr")(two)).toMatch(/^2 ont été évaluées/);
  });

  it("are written in Russian for one (1, 21), few (3) and many (5)", () => {
    const ru = translator("ru");
    const notAssessed = (count: number) => ru(msg("plans.msg.statement.notAssessed", { count, total: 25, items: [practiceRef("hague-4")] }));
    const onlyOnPaper = (count: number) => ru(msg("plans.msg.statement.onlyOnPaper", { count, items: [practiceRef("hague-5")] }));
    expect(notAssessed(1)).toMatch(/^Не оценена 1 практика из 25 \(/);
    expect(notAssessed(3)).toMatch(/^Не оценены 3 практики из 25 \(/);
    expect(notAssessed(5)).toMatch(/^Не оценено 5 практик из 25 \(/);
    expect(notAssessed(21)).toMatch(/^Не оценена 21 практика из 25 \(/);
    expect(onlyOnPaper(1)).toMatch(/^1 практика оценена по внедрению/);
    expect(onlyOnPaper(3)).toMatch(/^3 практики оценены по внедрению/);
    expect(onlyOnPaper(5)).toMatch(/^5 практик оценено по внедрению/);
    expect(onlyOnPaper(21)).toMatch(/^21 практика оценена по внедрению/);
    const intro = (count: number) => ru(msg("docs.msg.assist.intro", { country: "Кения", count }));
    expect(intro(1)).toMatch(/^Кения: запрошена помощь по 1 практике\. /);
    expect(intro(3)).toMatch(/^Кения: запрошена помощь по 3 практикам\. /);
    expect(intro(5)).toMatch(/^Кения: запрошена помощь по 5 практикам\. /);
    expect(intro(21)).toMatch(/^Кения: запрошена помощь по 21 практике\. /);
  });

  it("are written in Arabic for zero (0), one (1), two (2), few (3), many (11) and other (100)", () => {
    const ar = translator("ar");
    const rules = new Intl.PluralRules("ar");
    expect([0, 1, 2, 3, 11, 100].map((n) => rules.select(n))).toEqual(["zero", "one", "two", "few", "many", "other"]);
    const notAssessed = (count: number) => ar(msg("plans.msg.statement.notAssessed", { count, total: 120, items: [practiceRef("hague-4")] }));
    expect(notAssessed(0)).toMatch(/^لم تبقَ أي ممارسة دون تقييم من أصل 120 \(/);
    expect(notAssessed(1)).toMatch(/^لم تُقيَّم ممارسة واحدة من أصل 120 \(/);
    expect(notAssessed(2)).toMatch(/^لم تُقيَّم ممارستان من أصل 120 \(/);
    expect(notAssessed(3)).toMatch(/^لم تُقيَّم 3 ممارسات من أصل 120 \(/);
    expect(notAssessed(11)).toMatch(/^لم تُقيَّم 11 ممارسة من أصل 120 \(/);
    // 100 takes the singular noun, as 11 does, from the key's own template ("other").
    expect(notAssessed(100)).toMatch(/^لم تُقيَّم 100 ممارسة من أصل 120 \(/);
    const onlyOnPaper = (count: number) => ar(msg("plans.msg.statement.onlyOnPaper", { count, items: [practiceRef("hague-5")] }));
    expect(onlyOnPaper(2)).toMatch(/^قُيِّمت ممارستان من حيث وجودهما ولم تُقيَّما بعد من حيث نجاعتهما \(/);
    expect(onlyOnPaper(3)).toMatch(/^قُيِّمت 3 ممارسات من حيث وجودها/);
    const intro = (count: number) => ar(msg("docs.msg.assist.intro", { country: "كينيا", count }));
    expect(intro(0)).toBe("لم تطلب كينيا المساعدة في أي ممارسة.");
    expect(intro(1)).toMatch(/^طلبت كينيا المساعدة في ممارسة واحدة\. /);
    expect(intro(2)).toMatch(/^طلبت كينيا المساعدة في ممارستين\. /);
    expect(intro(3)).toMatch(/^طلبت كينيا المساعدة في 3 ممارسات\. /);
    expect(intro(11)).toMatch(/^طلبت كينيا المساعدة في 11 ممارسة\. /);
    expect(intro(100)).toMatch(/^طلبت كينيا المساعدة في 100 ممارسة\. /);
  });

  it("pick the template of each category, and the key's own for \"other\"", () => {
    const forms = { "x.msg.k": "other {{count}}", "x.msg.k_zero": "zero {{count}}", "x.msg.k_one": "one {{count}}", "x.msg.k_two": "two {{count}}", "x.msg.k_few": "few {{count}}", "x.msg.k_many": "many {{count}}" };
    const ar = makeTranslator("ar", forms);
    expect([0, 1, 2, 3, 11, 100, 102, 103, 111].map((count) => ar("x.msg.k", { count }))).toEqual(["zero 0", "one 1", "two 2", "few 3", "many 11", "other 100", "other 102", "few 103", "many 111"]);
    const ru = makeTranslator("ru", forms);
    expect([1, 3, 5, 11, 21, 22, 25, 1.5].map((count) => ru("x.msg.k", { count }))).toEqual(["one 1", "few 3", "many 5", "many 11", "one 21", "few 22", "many 25", "other 1,5"]);
  });

  it("are checked against the categories of each language's rules", () => {
    const english = { "k": "{{count}} practices", "k_one": "{{count}} practice" };
    expect(pluralProblems("ru", { k: "{{count}}", k_one: "{{count}} практика", k_few: "{{count}} практики", k_many: "{{count}} практик" }, english)).toEqual([]);
    // Russian has no dual, Chinese no plural forms at all.
    expect(pluralProblems("ru", { k: "{{count}}", k_one: "{{count}} практика", k_two: "{{count}} практики", k_few: "{{count}} практики", k_many: "{{count}} практик" }, english))
      .toEqual([expect.stringContaining('k_two: ru has no plural category "two"')]);
    expect(pluralProblems("zh", { k: "{{count}} 项", k_one: "{{count}} 项" }, english)).toEqual([expect.stringContaining('k_one: zh has no plural category "one"')]);
    expect(pluralProblems("zh", { k: "{{count}} 项" }, english)).toEqual([]);
    // Each category a whole count takes needs its form: Russian "few" (3, 4, 22…), Arabic "zero" and "two".
    expect(pluralProblems("ru", { k: "{{count}}", k_one: "{{count}} практика", k_many: "{{count}} практик" }, english)).toEqual([expect.stringMatching(/^k_few: missing/)]);
    expect(pluralProblems("ar", { k: "{{count}} ممارسة", k_one: "ممارسة واحدة", k_few: "{{count}} ممارسات", k_many: "{{count}} ممارسة" }, english))
      .toEqual([expect.stringMatching(/^k_zero: missing/), expect.stringMatching(/^k_two: missing/)]);
    // French "many" (a million) is not a whole count up to 1000, so French needs "one" only.
    expect(pluralProblems("fr", { k: "{{count}} pratiques", k_one: "{{count}} pratique" }, english)).toEqual([]);
    // Only a category of a single count may leave out {{count}}: Arabic "two" may, Russian "one" (1, 21, 31…) may not.
    expect(pluralProblems("ar", { k: "{{count}} ممارسة", k_zero: "لا ممارسة", k_one: "ممارسة واحدة", k_two: "ممارستان", k_few: "{{count}} ممارسات", k_many: "{{count}} ممارسة" }, english)).toEqual([]);
    expect(pluralProblems("ru", { k: "{{count}}", k_one: "одна практика", k_few: "{{count}} практики", k_many: "{{count}} практик" }, english)).toEqual([expect.stringMatching(/^k_one: parameters/)]);
  });
});
