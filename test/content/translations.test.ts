import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadContent } from "../../src/content/readContent.js";
import { hashText, loadTranslations, localize, translatableFields } from "../../src/content/translations.js";

const { kb } = loadContent();
const alliance = kb.manifestations.find((m) => m.id === "alliance")!;
let dir: string | undefined;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = undefined; });
function write(lang: string, path: string, data: unknown) {
  const full = join(dir!, "i18n", lang, path);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, stringify(data));
}

describe("knowledge-base translations", () => {
  it("finds the reader-facing texts of an entry, not its ids or citations", () => {
    const fields = translatableFields(alliance);
    expect(fields.get("name")).toBe("Alliance");
    expect([...fields.keys()].some((k) => k.startsWith("characteristics."))).toBe(true);
    expect([...fields.keys()].some((k) => k.includes("citation") || k === "id")).toBe(false);
  });

  it("applies current translations, leaves stale ones out, and reports both", () => {
    dir = mkdtempSync(join(tmpdir(), "nexus-i18n-"));
    write("fr", "manifestations.yaml", { language: "fr", entries: [
      { id: "alliance", status: "reviewed", reviewed_by: "Translation desk", reviewed_at: "2026-12-01", fields: { name: { text: "Alliance (fr)", source: hashText(alliance.name) }, definition: { text: "Ancienne définition", source: "000000000000" } } },
    ] });
    const t = loadTranslations(dir!, kb);
    expect(t.problems).toEqual([]);
    const fr = t.reports.find((r) => r.language === "fr")!;
    expect(fr).toMatchObject({ translated: 1, stale: 1, reviewedEntries: 1, entries: 1 });
    const local = localize(kb, "fr", t.translations);
    const m = local.manifestations.find((x) => x.id === "alliance")!;
    expect(m.name).toBe("Alliance (fr)");
    expect(m.definition).toBe(alliance.definition);
    // The English knowledge base is untouched.
    expect(alliance.name).toBe("Alliance");
    expect(localize(kb, "es", t.translations)).toBe(kb);
  });

  it("enforces the glossary and rejects unknown entries, non-text fields and unreviewed 'reviewed' entries", () => {
    dir = mkdtempSync(join(tmpdir(), "nexus-i18n-"));
    const practice = kb.practices.find((p) => /good practice/i.test(p.summary) || /good practice/i.test(p.title));
    write("fr", "glossary.yaml", { language: "fr", terms: [{ en: "alliance", term: "alliance" }] });
    write("fr", "manifestations.yaml", { language: "fr", entries: [
      { id: "alliance", status: "draft", fields: { name: { text: "Entente", source: hashText(alliance.name) }, id: { text: "x", source: hashText("alliance") } } },
      { id: "nope", status: "draft", fields: {} },
      { id: "hybrid", status: "reviewed", fields: {} },
    ] });
    write("fr", "nowhere.yaml", { language: "fr", entries: [] });
    const { problems } = loadTranslations(dir!, kb);
    const messages = problems.map((p) => `${p.file} ${p.entry} ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/alliance name must use the glossary term "alliance"/),
      expect.stringMatching(/alliance id is not a text field/),
      expect.stringMatching(/nope no manifestations entry "nope"/),
      expect.stringMatching(/reviewed_by and reviewed_at/),
      expect.stringMatching(/nowhere.yaml .* does not mirror a content file/),
    ]));
    expect(practice === undefined || practice.id.length > 0).toBe(true);
  });
});
