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

const params = (template: string) => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
// Nested references with their own parameters blanked: $t(plans.msg.inPlace.{{rating}}) -> plans.msg.inPlace.{}
const nested = (template: string) => [...template.matchAll(/\$t\(([^)]+)\)/g)].map((m) => m[1].replace(/\{\{\w+\}\}/g, "{}")).sort();

describe("message catalogues", () => {
  for (const lang of languages.filter((l) => l !== "en")) {
    for (const [ns, catalogue] of Object.entries(namespacesByLanguage[lang])) {
      const english = namespacesEn[ns as keyof typeof namespacesEn] as Record<string, string>;
      it(`${lang} ${ns}: the English keys, the same parameters and references, nothing empty`, () => {
        // Plural forms other than "other" follow each language's rules (English has "one"; Chinese none; Russian "few" and "many").
        const plural = /_(zero|one|two|few|many)$/;
        expect(Object.keys(catalogue).filter((k) => !plural.test(k)).sort()).toEqual(Object.keys(english).filter((k) => !plural.test(k)).sort());
        for (const key of Object.keys(catalogue).filter((k) => plural.test(k))) {
          const base = key.replace(plural, "");
          expect(english[base], `${lang} ${ns} ${key}: a plural form of a key English has`).toBeDefined();
          expect(params(catalogue[key]), `${lang} ${ns} ${key}`).toEqual(params(english[base]));
        }
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
    // French counts 0 and 1 as "one"; Russian has no plural form of this key and uses its own count-neutral template.
    expect(translator("fr")(one)).toMatch(/^1 a été évaluée pour sa mise en place/);
    expect(translator("fr")(two)).toMatch(/^2 ont été évaluées/);
    expect(translator("ru")(one)).toContain("оценено по внедрению, но ещё не по эффективности: 1");
  });
});
