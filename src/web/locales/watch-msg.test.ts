/**
 * The Nexus Watch analysis messages in each language: the same keys as the English catalogue,
 * the same parameters and nested keys in every template, the manifestation names the rest of the
 * app uses, and the page's renderer (messageParts) reading exactly as the core's renderMessage.
 */
import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { analyse } from "../../core/watch/analysis.js";
import { msg, renderMessage, textOf, watchMessagesEn, type Msg } from "../../core/watch/messages.js";
import { buildWatchModel } from "../../core/watch/model.js";
import { loadCalibration } from "../../../test/support/calibration.js";
import { plansAr } from "../plans/locale/ar.js";
import { plansEn } from "../plans/locale/en.js";
import { plansEs } from "../plans/locale/es.js";
import { plansFr } from "../plans/locale/fr.js";
import { plansRu } from "../plans/locale/ru.js";
import { plansZh } from "../plans/locale/zh.js";
import { messageParts, messageString, type PartOptions } from "../watch/messageParts.js";
import { ar } from "./ar.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ru } from "./ru.js";
import { zh } from "./zh.js";
import { watchMessagesAr } from "../../core/i18n/watch/ar.js";
import { watchMessagesEs } from "../../core/i18n/watch/es.js";
import { watchMessagesFr } from "../../core/i18n/watch/fr.js";
import { watchMessagesRu } from "../../core/i18n/watch/ru.js";
import { watchMessagesZh } from "../../core/i18n/watch/zh.js";

const catalogues: Record<string, Record<string, string>> = { fr: watchMessagesFr, ar: watchMessagesAr, es: watchMessagesEs, ru: watchMessagesRu, zh: watchMessagesZh };
/** Each language's analysis catalogue beside its self-assessment and main UI strings. */
const tables = [
  ["en", watchMessagesEn, plansEn, en], ["fr", watchMessagesFr, plansFr, fr], ["ar", watchMessagesAr, plansAr, ar],
  ["es", watchMessagesEs, plansEs, es], ["ru", watchMessagesRu, plansRu, ru], ["zh", watchMessagesZh, plansZh, zh],
] as const;
const params = (template: string) => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
// The key a nested reference names, with its own parameters blanked: $t(watch.msg.side.{{from}}) -> watch.msg.side.{}
const nested = (template: string) => [...template.matchAll(/\$t\(([^)]+)\)/g)].map((m) => m[1].replace(/\{\{\w+\}\}/g, "{}")).sort();

describe("analysis messages in every language", () => {
  for (const [lang, catalogue] of Object.entries(catalogues)) {
    it(`${lang}: exactly the keys of the English catalogue`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(watchMessagesEn).sort());
    });

    it(`${lang}: the same {{params}} and $t(...) references in every template, and no empty one`, () => {
      for (const [key, english] of Object.entries(watchMessagesEn)) {
        const own = catalogue[key] ?? "";
        expect(own.trim(), `${lang} ${key}`).not.toBe("");
        expect(params(own), `${lang} ${key}`).toEqual(params(english));
        expect(nested(own), `${lang} ${key}`).toEqual(nested(english));
        // Every nested key exists (with any parameter value the English one can take).
        for (const ref of nested(own)) {
          const prefix = ref.replace(/^watch\.msg\./, "").split("{}")[0];
          expect(Object.keys(catalogue).some((k) => k.startsWith(prefix)), `${lang} ${key} -> ${ref}`).toBe(true);
        }
      }
    });
  }

  it("name the hypotheses as the rest of the app names the manifestations", () => {
    for (const [lang, c, plans, main] of tables) {
      const catalogue = c as Record<string, string>;
      for (const [id, name] of Object.entries(plans.manifestation)) expect(catalogue[`hypothesis.${id}`], `${lang} ${id}`).toBe(name);
      expect(catalogue["hypothesis.no-nexus"], lang).toBe(main.watchpoints.noNexus);
      // The context names match the watch pages' own (which start with a capital).
      for (const [id, name] of Object.entries(main.watch.context as Record<string, string>)) expect(catalogue[`context.${id}`].toLowerCase(), `${lang} ${id}`).toBe(name.toLowerCase());
    }
  });
});

describe("the page's message renderer", () => {
  const model = buildWatchModel(loadContent().kb);
  const cases = loadCalibration();
  // Every message the analysis produced for the calibration cases, and the explanation lines.
  const produced: unknown[] = [];
  for (const c of cases) {
    const r = analyse(model, c.input);
    produced.push(...r.ranking.flatMap((h) => [h.name, ...(h.held ? [h.held] : []), ...h.explanation]), r.whyFirst, r.confidence.statement, ...r.warnings.map((w) => w.message),
      ...r.diagnosticity.flatMap((d) => [d.label, d.explanation]), ...r.practices.map((p) => p.reason), ...(r.sensitivity?.message ?? []), ...(r.context?.suggested?.reasons ?? []));
  }
  const keysUsed = new Set<string>();
  const collect = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(collect);
    else if (x && typeof x === "object") {
      if ("key" in x && String((x as Msg).key).startsWith("watch.msg.")) keysUsed.add(String((x as Msg).key));
      Object.values(x).forEach(collect);
    }
  };
  collect(produced);
  // The core still writes analyst judgement as the grade "judgement B2"; the renderer words it with
  // the catalogue's grade.judgement. The same replacement, done on the data, gives the core's text.
  const worded = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(worded);
    if (!x || typeof x !== "object") return x;
    return Object.fromEntries(Object.entries(x).map(([k, v]) => {
      const j = k === "grade" && typeof v === "string" && /^judgement (\S+)$/.exec(v);
      return [k, j ? msg("watch.msg.grade.judgement", { grade: j[1] }) : worded(v)];
    }));
  };

  it("covers a good share of the catalogue through the calibration cases", () => {
    expect(cases.length).toBeGreaterThan(10);
    expect(keysUsed.size).toBeGreaterThan(60);
  });

  it("reads in English exactly as the core renders it", () => {
    const o: PartOptions = { catalogue: watchMessagesEn };
    for (const x of produced) expect(messageString(x, o)).toBe(textOf(worded(x)));
  });

  it("reads in every language as the core renders with those catalogues, with nothing left unfilled", () => {
    for (const catalogue of Object.values(catalogues)) {
      for (const x of produced) {
        const text = messageString(x, { catalogue });
        expect(text).toBe(textOf(worded(x), catalogue));
        expect(text).not.toMatch(/\{\{|\$t\(|watch\.msg\./);
      }
    }
  });

  it("marks knowledge-base text and analysts' names, and formats numbers and dates when asked", () => {
    const line = {
      points: 3.75, state: "direct", grade: "judgement B2",
      label: msg("watch.msg.ev.motiveShift", { group: "Harbour crew", from: "political", to: "economic", since: "2020-05-01" }),
      reason: msg("watch.msg.why.linkFor", { strength: "strong", reasoning: "Reasoning from the knowledge base." }),
    };
    const o: PartOptions = {
      catalogue: watchMessagesFr,
      formatNumber: (n, signed) => `${signed && n > 0 ? "+" : ""}${String(n).replace(".", ",")}`,
      formatDate: (iso) => `[${iso}]`,
    };
    const parts = messageParts(line, o);
    expect(parts).toContainEqual({ text: "Harbour crew", mark: "user" });
    expect(parts).toContainEqual({ text: "Reasoning from the knowledge base.", mark: "kb" });
    expect(messageString(line, o)).toBe(
      "+3,75 Harbour crew : son but principal, politique ou idéologique, est devenu économique (depuis le [2020-05-01]) (preuve directe, jugement de l'analyste, B2) : signe fort en faveur de cette hypothèse : Reasoning from the knowledge base.");
    // An older assessment stored the English sentence itself: it is kept, and marked as English.
    expect(messageParts("Alliance ranks first.", o)).toEqual([{ text: "Alliance ranks first.", mark: "en" }]);
  });

  it("puts the reader's words for the English words the core still sends, and the list separator", () => {
    const ended = msg("watch.msg.why.ended", { reason: msg("watch.msg.why.rel.noNexus"), end: "2021-01-01", share: "three quarters" });
    const o: PartOptions = { catalogue: watchMessagesAr, separator: "؛ ", word: (p, v) => (p === "share" && v === "three quarters" ? "بثلاثة أرباعها" : undefined) };
    expect(messageString(ended, o)).toBe("الجماعات مرتبطة بعضها ببعض (انتهت العلاقة في 2021-01-01 وتُحتسب بثلاثة أرباعها)");
    const items = msg("watch.msg.warn.unassessed", { items: [msg("watch.msg.ev.indicator", { statement: "A" }), msg("watch.msg.ev.indicator", { statement: "B" })] });
    expect(messageString(items, o)).toBe("مؤشرات أساسية لم تُقيَّم بعد: A؛ B.");
    expect(renderMessage(items, watchMessagesAr)).toBe("مؤشرات أساسية لم تُقيَّم بعد: A; B.");
  });
});
