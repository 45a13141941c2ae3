/**
 * The knowledge base and the analysis in the reader's language (issue 12, decision 0022):
 * translated entries replace the English by Accept-Language, search finds the translated words,
 * and the analysis names indicators in the reader's language.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadContent } from "../../src/content/readContent.js";
import { hashText, loadTranslations } from "../../src/content/translations.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Fixture } from "../support/platform.js";

const { kb } = loadContent();
const practice = kb.practices.find((p) => p.id === "hague-1")!;
const indicator = kb.factors.flatMap((f) => f.indicators).find((i) => i.id === "env-geography.ungoverned-territory")!;
const dir = mkdtempSync(join(tmpdir(), "nexus-lang-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function write(path: string, data: unknown) {
  mkdirSync(join(dir, "i18n", "fr", path, ".."), { recursive: true });
  writeFileSync(join(dir, "i18n", "fr", path), stringify(data));
}
write(kb.origin.get(`practices:${practice.id}`) ?? kb.origin.get(practice.id)!, { language: "fr", entries: [{ id: practice.id, status: "draft", fields: {
  title: { text: "Titre français de la pratique", source: hashText(practice.title) },
  summary: { text: "Résumé qui parle du blanchiment d'argent et des frontières.", source: hashText(practice.summary) },
} }] });
write("watchpoints.yaml", { language: "fr", entries: [{ id: "env-geography", status: "draft", fields: {
  "indicators.1.statement": { text: "Le groupe opère près d'un territoire que l'État ne gouverne pas.", source: hashText(indicator.statement) },
} }] });
const guidance = kb.ratingGuidance.find((g) => g.id === "hague-1")!;
write(kb.origin.get(`ratingGuidance:${guidance.id}`)!, { language: "fr", entries: [{ id: guidance.id, status: "draft", fields: {
  "in_place.questions.0": { text: "Un organe désigné examine-t-il les deux corps de lois ensemble ?", source: hashText(guidance.in_place.questions[0]) },
} }] });
const { translations, problems } = loadTranslations(dir, kb);

describe.each(engines)("content in the reader's language on $name", ({ create }) => {
  let f: Fixture;
  beforeAll(async () => { f = await platformFixture(create, { translations }); });
  afterAll(async () => { await f?.close(); });

  it("the test translations are valid", () => expect(problems).toEqual([]));

  it("serves a translated entry by Accept-Language, and the English otherwise", async () => {
    const anon = f.anonymous;
    const fr = await anon.request("GET", "/api/v1/practices/hague-1", undefined, { headers: { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" } });
    expect(fr.body).toMatchObject({ title: "Titre français de la pratique", language: "fr" });
    expect(String(fr.headers.vary)).toMatch(/accept-language/i);
    const en = await anon.request("GET", "/api/v1/practices/hague-1");
    expect(en.body).toMatchObject({ title: practice.title, language: "en" });
    const list = await anon.request("GET", "/api/v1/practices?limit=200", undefined, { headers: { "accept-language": "fr" } });
    expect(list.body.items.find((p: { id: string }) => p.id === "hague-1").title).toBe("Titre français de la pratique");
  });

  it("serves the rating guidance of a practice in the reader's language", async () => {
    const fr = await f.anonymous.request("GET", "/api/v1/rating-guidance/hague-1", undefined, { headers: { "accept-language": "fr" } });
    expect(fr.status).toBe(200);
    expect(fr.body.in_place.questions.slice(0, 2)).toEqual(["Un organe désigné examine-t-il les deux corps de lois ensemble ?", guidance.in_place.questions[1]]);
    const en = await f.anonymous.get("/api/v1/rating-guidance/hague-1");
    expect(en.body.in_place.questions[0]).toBe(guidance.in_place.questions[0]);
  });

  it("finds French words in French, accents folded, and English words too", async () => {
    const anon = f.anonymous;
    for (const q of ["blanchiment", "frontieres"]) {
      const r = await anon.request("GET", `/api/v1/search?q=${encodeURIComponent(q)}`, undefined, { headers: { "accept-language": "fr" } });
      expect(r.body.hits.map((h: { id: string }) => h.id), q).toContain("hague-1");
    }
    const english = await anon.request("GET", "/api/v1/search?q=border", undefined, { headers: { "accept-language": "fr" } });
    expect(english.body.total).toBeGreaterThan(0);
    const none = await anon.request("GET", "/api/v1/search?q=blanchiment");
    expect(none.body.hits.map((h: { id: string }) => h.id)).not.toContain("hague-1");
  });

  it("names indicators in the reader's language in the analysis", async () => {
    const alice = await f.as("alice");
    const W = `/api/v1/watch/workspaces/${f.ids.ws}`;
    const source = (await alice.post(`${W}/sources`, { name: "Liaison", marking: "AMBER", body: { type: "partner-agency", reliability: "B" } })).body.id;
    const area = (await alice.post(`${W}/areas`, { name: "Zone", marking: "AMBER", body: { country: "ML" } })).body.id;
    await alice.post(`/api/v1/watch/subjects/${area}/observations`, { indicator: indicator.id, state: "present", observed_at: "2026-09-15", sources: [source], credibility: 2 });
    const fr = await alice.request("GET", `/api/v1/watch/subjects/${area}`, undefined, { headers: { "accept-language": "fr" } });
    const labels = JSON.stringify(fr.body.analysis.ranking.flatMap((h: { explanation: unknown[] }) => h.explanation));
    expect(labels).toContain("Le groupe opère près d'un territoire que l'État ne gouverne pas.");
    const en = await alice.get(`/api/v1/watch/subjects/${area}`);
    expect(JSON.stringify(en.body.analysis.ranking)).toContain(indicator.statement);
  });
});
