/**
 * Learning paths and the question bank over HTTP (decision 0038): the audiences, a path, a module
 * with its knowledge check (answers included, ordering shuffled the same way every time), refusals
 * naming the parameter, and a French reader's path with the French knowledge base.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultContentDir, loadContent } from "../../src/content/readContent.js";
import { loadTranslations } from "../../src/content/translations.js";
import { audienceIds } from "../../src/core/training/audiences.js";
import { learningPath } from "../../src/core/training/paths.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const { kb } = loadContent();
const prosecutors = learningPath(kb, "prosecutors");
/** A prosecutors' module with questions, and an ordering question of the bank in a prosecutors' module (when the bank has one). */
const withQuestions = prosecutors.modules.find((m) => m.questions.length >= 2) ?? prosecutors.modules.find((m) => m.questions.length)!;
const ordering = prosecutors.modules.flatMap((m) => m.questions.map((q) => ({ m, q }))).find(({ q }) => q.type === "ordering");
const french = loadTranslations(defaultContentDir, kb).translations;
const translatedQuestion = withQuestions.questions[0];
french.get("fr")!.set(`questions:${translatedQuestion.id}`, new Map([["stem", "Une question traduite en français ?"]]));
// The bank is translated: one question is made untranslated here, so the English marking is tested.
const untranslatedQuestion = withQuestions.questions[1];
if (untranslatedQuestion) french.get("fr")!.delete(`questions:${untranslatedQuestion.id}`);
const frFrameworks = french.get("fr")!.get("frameworks:hague");

describe.each(engines)("learning paths on $name", ({ create }) => {
  let f: Fixture;
  let anon: Client;
  const fr = (url: string) => anon.request("GET", url, undefined, { headers: { "accept-language": "fr" } });
  beforeAll(async () => {
    f = await platformFixture(create, { translations: french });
    anon = f.anonymous;
  });
  afterAll(async () => { await f?.close(); });

  it("lists the eight audiences with their names as message keys and the size of each path, to anyone", async () => {
    const r = await anon.get("/api/v1/training/paths");
    expect(r.status).toBe(200);
    expect(r.body.items.map((a: { id: string }) => a.id)).toEqual([...audienceIds]);
    for (const a of r.body.items) {
      const p = learningPath(kb, a.id);
      expect(a).toEqual({ id: a.id, name: { key: `training.msg.audience.${a.id}` }, modules: p.modules.length, questions: p.modules.reduce((n, m) => n + m.questions.length, 0) });
    }
    expect(r.body.items.find((a: { id: string }) => a.id === "prosecutors").questions).toBe(kb.questions.filter((q) => q.audience === "prosecutors" && prosecutors.modules.some((m) => m.questions.includes(q))).length);
  });

  it("gives an audience's path: the nexus module, then the areas with its practices, objectives as message keys", async () => {
    const r = await anon.get("/api/v1/training/paths/prosecutors");
    expect(r.status).toBe(200);
    expect(r.body.audience).toEqual({ id: "prosecutors", name: { key: "training.msg.audience.prosecutors" } });
    expect(r.body.modules.map((m: { id: string }) => m.id)).toEqual(prosecutors.modules.map((m) => m.id));
    const [first, second] = r.body.modules;
    expect(first.title).toEqual({ key: "training.msg.module.nexus" });
    expect(first.reading.filter((x: { kind: string }) => x.kind === "manifestation")).toHaveLength(6);
    const area = kb.frameworks.flatMap((fw) => fw.areas).find((a) => a.id === second.id)!;
    expect(second.title).toEqual({ key: "common.msg.text", params: { text: area.name } });
    expect(second.objectives[0]).toMatchObject({ key: "common.msg.titled", params: { label: { key: expect.stringMatching(/^common\.msg\.practice\./) } } });
    expect(second.reading[0].href).toMatch(/^\/practices\/(hague|addendum|icct)-\d+$/);
    expect(typeof second.questions).toBe("number");
    expect(JSON.stringify(r.body)).not.toContain("\"answer\"");
  });

  it("gives a module with its questions, answers and explanations, and the modules around it", async () => {
    const i = prosecutors.modules.indexOf(withQuestions);
    const r = await anon.get(`/api/v1/training/paths/prosecutors/modules/${withQuestions.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ position: i + 1, total: prosecutors.modules.length, previous: prosecutors.modules[i - 1]?.id ?? null, next: prosecutors.modules[i + 1]?.id ?? null });
    expect(r.body.module.questions.map((q: { id: string }) => q.id)).toEqual(withQuestions.questions.map((q) => q.id));
    const q = r.body.module.questions[0];
    const source = withQuestions.questions[0];
    expect(q).toMatchObject({ stem: source.stem, explanation: source.explanation, language: "en", citation: source.citation });
    expect(q.answer.length).toBeGreaterThan(0);
    expect(q.about.href).toMatch(/^\/(practices|manifestations|indicators)\//);
    for (const o of q.options) expect(o).not.toHaveProperty("correct");
  });

  it.runIf(ordering)("shuffles an ordering question the same way on every request and gives the right order apart", async () => {
    const url = `/api/v1/training/paths/prosecutors/modules/${ordering!.m.id}`;
    const find = (body: { module: { questions: { id: string; options: { id: string }[]; answer: string[] }[] } }) => body.module.questions.find((q) => q.id === ordering!.q.id)!;
    const one = find((await anon.get(url)).body), two = find((await anon.get(url)).body);
    expect(one.answer).toEqual(ordering!.q.options.map((o) => o.id));
    expect(one.options.map((o) => o.id)).not.toEqual(one.answer);
    expect([...one.options.map((o) => o.id)].sort()).toEqual([...one.answer].sort());
    expect(two.options).toEqual(one.options);
  });

  it("answers 404 naming the parameter for an unknown audience or module, 400 for a malformed one", async () => {
    const a = await anon.get("/api/v1/training/paths/astronauts");
    expect(a.status).toBe(404);
    expect(a.body.errors[0]).toMatchObject({ param: "audience", code: "validation.msg.unknownId", params: { id: "astronauts" } });
    const m = await anon.get("/api/v1/training/paths/prosecutors/modules/no-such-module");
    expect(m.status).toBe(404);
    expect(m.body.errors[0]).toMatchObject({ param: "module", code: "validation.msg.unknownId" });
    const unknownAudience = await anon.get("/api/v1/training/paths/astronauts/modules/nexus");
    expect(unknownAudience.status).toBe(404);
    expect(unknownAudience.body.errors[0].param).toBe("audience");
    const bad = await anon.get("/api/v1/training/paths/Not%20An%20Id");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].param).toBe("audience");
    const badModule = await anon.get("/api/v1/training/paths/prosecutors/modules/..%2Fx");
    expect(badModule.status).toBe(400);
    expect(badModule.body.errors[0].param).toBe("module");
  });

  it("serves a French reader the path from the French knowledge base, marking untranslated questions English", async () => {
    const r = await fr("/api/v1/training/paths/prosecutors");
    expect(r.status).toBe(200);
    const area = r.body.modules[1];
    const index = kb.frameworks.find((fw) => fw.id === "hague")!.areas.findIndex((a) => a.id === area.id);
    const frName = frFrameworks?.get(`areas.${index}.name`);
    if (area.id.startsWith("hague-") && frName) expect(area.title.params.text).toBe(frName);
    // practice titles in the reading are the French ones where translated
    const practice = area.reading[0];
    const frTitle = french.get("fr")!.get(`practices:${practice.id}`)?.get("title");
    expect(frTitle).toBeTruthy();
    expect(practice.title).toBe(frTitle);
    // the first module's case is a manifestation's documented case, marked with the language it is in
    const nexusCase = r.body.modules[0].case_study;
    expect(nexusCase.kind).toBe("manifestation-case");
    expect(nexusCase.language).toBe(french.get("fr")!.get(`manifestations:${nexusCase.manifestation}`)?.has("cases.0.summary") ? "fr" : "en");
    if (nexusCase.language === "fr") expect(nexusCase.summary).toBe(french.get("fr")!.get(`manifestations:${nexusCase.manifestation}`)!.get("cases.0.summary"));
    const m = await fr(`/api/v1/training/paths/prosecutors/modules/${withQuestions.id}`);
    const [q0, q1] = m.body.module.questions;
    expect(q0).toMatchObject({ stem: "Une question traduite en français ?", language: "fr" });
    if (q1) expect(q1.language).toBe("en");
    const missing = await fr("/api/v1/training/paths/astronautes");
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].message).toContain("astronautes");
    expect(missing.body.errors[0].message).not.toBe("\"astronautes\" is not known");
  });
});
