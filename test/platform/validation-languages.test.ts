/**
 * Refusals in the reader's language (issue 12, decision 0028): a field the server refuses is
 * named as before, and why is said in the request's language, with the message key and its
 * parameters for generic issues; the list of the server's fixed sentences stays in step with
 * the code, so none is left untranslated.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validationEn, validationTexts } from "../../src/core/i18n/validation/en.js";
import { validationFr, validationTextsFr } from "../../src/core/i18n/validation/fr.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? sources(join(dir, f)) : /\.ts$/.test(f) && !f.endsWith(".test.ts") ? [join(dir, f)] : []));
/** Fixed sentences given to zod or to badRequest in the server and the record schemas. */
function fixedSentences(): Set<string> {
  const files = [...sources("src/server"), "src/core/watch/records.ts"];
  const patterns = [
    /badRequest\([^,]+,\s*"([^"]+)"\)/g,
    /\b(?:error|message):\s*"([^"]+)"/g,
    /\.(?:min|max|length|regex|refine|email|int|positive|nonnegative|nonempty|gte|lte|gt|lt|date|datetime|uuid|url|superRefine)\((?:[^()"]|\([^()]*\))*?"([^"]+)"\s*\)/g,
  ];
  const out = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    for (const p of patterns) for (const m of text.matchAll(p)) if (m[1].includes(" ")) out.add(m[1]);
  }
  return out;
}

describe("the server's fixed validation sentences", () => {
  it("are all listed, and every listed one is still used", () => {
    const used = fixedSentences();
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((s) => !(validationTexts as readonly string[]).includes(s))).toEqual([]);
    expect(validationTexts.filter((s) => !used.has(s))).toEqual([]);
  });
});

describe("refusals that name a value", () => {
  it("are said with a message key and parameters, never a sentence built in the server", () => {
    const built = [...sources("src/server")].flatMap((f) => [...readFileSync(f, "utf8").matchAll(/badRequest\([^;]*?,\s*`[^`]*\$\{/g)].map((m) => `${f}: ${m[0]}`));
    expect(built).toEqual([]);
  });
});

describe.each(engines)("refusals in the reader's language on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  beforeAll(async () => { f = await platformFixture(create); alice = await f.as("alice"); });
  afterAll(async () => { await f?.close(); });
  const start = (body: unknown, language?: string) =>
    alice.request("POST", `/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, body, language ? { headers: { "accept-language": language } } : {});
  const good = { name: "Revue 2027", country: "KE", framework: "hague", marking: "AMBER" };

  it("a fixed sentence: in French, and in English without Accept-Language", async () => {
    const fr = await start({ ...good, country: "kenya" }, "fr");
    expect(fr.status).toBe(400);
    expect(fr.body.errors[0]).toEqual({ param: "country", message: validationTextsFr["must be an ISO 3166-1 alpha-2 code"] });
    expect(fr.body.detail).toBe(`country: ${validationTextsFr["must be an ISO 3166-1 alpha-2 code"]}`);
    const en = await start({ ...good, country: "kenya" });
    expect(en.body.errors[0]).toEqual({ param: "country", message: "must be an ISO 3166-1 alpha-2 code" });
  });

  it("a generic issue: its key and parameters, rendered in the language", async () => {
    const fr = await start({ ...good, name: "x".repeat(301) }, "fr-FR,fr;q=0.9");
    expect(fr.status).toBe(400);
    expect(fr.body.errors[0]).toEqual({ param: "name", code: "validation.msg.tooLong", params: { n: 300 }, message: validationFr.tooLong.replace("{{n}}", "300") });
    const en = await start({ ...good, name: "x".repeat(301) });
    expect(en.body.errors[0].message).toBe(validationEn.tooLong.replace("{{n}}", "300"));
    const missing = await start({ ...good, marking: undefined }, "fr");
    expect(missing.body.errors[0]).toMatchObject({ param: "marking", code: "validation.msg.required", message: validationFr.required });
  });

  it("an unknown field is named by itself, and said to be unknown in the language", async () => {
    const r = await start({ ...good, ethnicity: "x" }, "fr");
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ param: "ethnicity", code: "validation.msg.unknownField", message: validationFr.unknownField });
  });

  it("nothing was written by the refused requests", async () => {
    const list = await alice.get(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`);
    expect(list.status).toBe(200);
    expect((list.body.items ?? list.body).length).toBe(0);
  });

  it("a refusal that names a value: the key and the value, the sentence in the language", async () => {
    const created = await start(good);
    expect(created.status).toBe(201);
    const id = created.body.id;
    const rate = (language: string) => alice.request("PUT", `/api/v1/plans/self-assessments/${id}/ratings/addendum-3`, { institution: "Ministère", in_place: "C", working: "High" }, { headers: { "accept-language": language } });
    const fr = await rate("fr");
    expect(fr.status).toBe(400);
    expect(fr.body.errors[0]).toEqual({ param: "practice", code: "validation.msg.notInScope", params: { id: "addendum-3" }, message: validationFr.notInScope.replace("{{id}}", "addendum-3") });
    expect(fr.body.errors[0].message).not.toBe(validationEn.notInScope.replace("{{id}}", "addendum-3"));
    expect((await rate("en")).body.errors[0].message).toBe(`"addendum-3" is not in this self-assessment's scope`);
  });
});
