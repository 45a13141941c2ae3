/**
 * `nexus content export-xliff` / `import-xliff` (decision 0024) on temporary copies of the real
 * content folder: the round trip is byte-identical, an edited target changes only its field, and
 * every refusal exits 1 naming the file, unit and segment, with not one file of the tree changed.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultContentDir, loadContent } from "../content/readContent.js";
import { hashText } from "../content/translations.js";
import { MDA_NS, XLIFF_NS } from "../content/xliff.js";
import { childElements, parseXml } from "../content/xliffXml.js";
import { main } from "./main.js";

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const temp = mkdtempSync(join(tmpdir(), "nexus-xliff-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let copies = 0;
/** A fresh copy of the real content folder (the real files are never touched). */
function copyContent(): string {
  const dir = join(temp, `content-${++copies}`);
  cpSync(defaultContentDir, dir, { recursive: true });
  return dir;
}
/** One hash over every file's path and bytes. */
function treeHash(dir: string): string {
  const h = createHash("sha256");
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else h.update(relative(dir, f)).update("\0").update(readFileSync(f)).update("\0");
    }
  };
  walk(dir);
  return h.digest("hex");
}
function fileHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else out.set(relative(dir, f), createHash("sha256").update(readFileSync(f)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}
async function exportTo(dir: string, args: string[]): Promise<{ path: string; xml: string }> {
  const path = join(temp, `export-${++copies}.xlf`);
  const r = await run(["content", "export-xliff", "--dir", dir, "--out", path, ...args]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return { path, xml: readFileSync(path, "utf8") };
}
async function importFrom(dir: string, xml: string, extra: string[] = []) {
  const path = join(temp, `import-${++copies}.xlf`);
  writeFileSync(path, xml);
  return run(["content", "import-xliff", "--dir", dir, "--file", path, ...extra]);
}
/** The XLIFF with the target of one segment replaced (`target` is raw XML: escape it yourself). */
function setTarget(xml: string, unit: string, segment: string, target: string, state = "translated"): string {
  const u = xml.indexOf(`<unit id="${unit}">`);
  expect(u).toBeGreaterThan(0);
  const s = xml.indexOf(`<segment id="${segment}"`, u);
  expect(s).toBeGreaterThan(u);
  const end = xml.indexOf("</segment>", s);
  const body = xml.slice(s, end).replace(/ state="[a-z]+"/, ` state="${state}"`);
  const withTarget = body.includes("<target>") ? body.replace(/<target>[\s\S]*<\/target>/, `<target>${target}</target>`) : body.replace(/(<\/source>)/, `$1\n        <target>${target}</target>`);
  return xml.slice(0, s) + withTarget + xml.slice(end);
}
const yamlOf = (dir: string, path: string) => parse(readFileSync(join(dir, path), "utf8"));
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("nexus content export-xliff", () => {
  it("writes XLIFF 2.1 for every content file: units per entry, segments per text field, the English hash in mda metadata", async () => {
    const dir = copyContent();
    const { xml } = await exportTo(dir, ["--lang", "fr"]);
    const root = parseXml(xml);
    expect([root.ns, root.name, root.attrs.get("version"), root.attrs.get("srcLang"), root.attrs.get("trgLang")]).toEqual([XLIFF_NS, "xliff", "2.1", "en", "fr"]);
    const { kb } = loadContent(dir);
    const files = childElements(root, XLIFF_NS, "file");
    const practice = files.find((f) => f.attrs.get("original") === "practices/hague-1-9.yaml")!;
    // The path's "/" is not NMTOKEN-safe: escaped reversibly in the id.
    expect(practice.attrs.get("id")).toBe("practices_x002F_hague-1-9.yaml");
    const units = childElements(practice, XLIFF_NS, "unit");
    expect(units.map((u) => u.attrs.get("id"))).toEqual(kb.practices.filter((p) => kb.origin.get(`practices:${p.id}`) === "practices/hague-1-9.yaml").map((p) => p.id));
    const hague1 = units[0];
    const hashes = new Map(childElements(childElements(childElements(hague1, MDA_NS, "metadata")[0], MDA_NS, "metaGroup")[0], MDA_NS, "meta").map((m) => [m.attrs.get("type"), m.children.join("")]));
    const title = childElements(hague1, XLIFF_NS, "segment").find((s) => s.attrs.get("id") === "title")!;
    const english = kb.practices.find((p) => p.id === "hague-1")!.title;
    expect(childElements(title, XLIFF_NS, "source")[0].children.join("")).toBe(english);
    expect(hashes.get("title")).toBe(hashText(english));
    expect(title.attrs.get("state")).toBe("translated");
    expect(childElements(title, XLIFF_NS, "target")[0].children.join("")).toBe(yamlOf(dir, "i18n/fr/practices/hague-1-9.yaml").entries[0].fields.title.text);
    // Unofficial titles are marked in the unit's metadata.
    expect(xml).toMatch(/<mda:metaGroup category="nexus:unofficial" appliesTo="target">\s*<mda:meta type="name">yes<\/mda:meta>/);
    // Arabic targets are right to left.
    const ar = await exportTo(dir, ["--lang", "ar", "--path", "manifestations.yaml"]);
    expect(ar.xml).toContain(`trgLang="ar"`);
    expect(ar.xml).toContain(`trgDir="rtl"`);
  });

  it("with --missing sends only what needs work: a stale field with its old text in state initial, a missing one without a target", async () => {
    const dir = copyContent();
    const file = join(dir, "i18n/fr/manifestations.yaml");
    const before = readFileSync(file, "utf8");
    const data = parse(before);
    const alliance = data.entries.find((e: { id: string }) => e.id === "alliance");
    const [staleField, missingField] = Object.keys(alliance.fields);
    const oldText = alliance.fields[staleField].text;
    // Make one field stale (its hash no longer the English's) and remove another.
    let text = before.replace(`source: ${alliance.fields[staleField].source}`, "source: abcabcabcabc");
    const missingBlock = new RegExp(`\\n      ${missingField.replace(/\./g, "\\.")}:\\n        text: .*\\n        source: [0-9a-f]{12}`);
    expect(text).toMatch(missingBlock);
    text = text.replace(missingBlock, "");
    writeFileSync(file, text);
    const { xml } = await exportTo(dir, ["--lang", "fr", "--missing", "--path", "manifestations.yaml"]);
    const root = parseXml(xml);
    const segments = childElements(root, XLIFF_NS, "file").flatMap((f) => childElements(f, XLIFF_NS, "unit")).flatMap((u) => childElements(u, XLIFF_NS, "segment").map((s) => ({ unit: u.attrs.get("id"), id: s.attrs.get("id"), state: s.attrs.get("state"), target: childElements(s, XLIFF_NS, "target")[0]?.children.join("") })));
    expect(segments).toEqual([
      { unit: "alliance", id: staleField, state: "initial", target: oldText },
      { unit: "alliance", id: missingField, state: "initial", target: undefined },
    ]);
    // Sent back as it came, nothing changes: the old text in state initial is not a new translation.
    const tree = treeHash(dir);
    const r = await importFrom(dir, xml);
    expect(r.code).toBe(0);
    expect(treeHash(dir)).toBe(tree);
    // Translated, both become current with the English's hash; the other fields stay as they were.
    // Nor does the English that a tool copies into an untranslated target, still in state initial.
    const { kb: en0 } = loadContent(dir);
    const englishName = (en0.manifestations.find((m) => m.id === "alliance")! as unknown as Record<string, string>)[missingField];
    expect((await importFrom(dir, setTarget(xml, "alliance", missingField, escapeXml(englishName), "initial"))).code).toBe(0);
    expect(treeHash(dir)).toBe(tree);
    // (the old texts, revised: they keep the glossary's terms)
    const textA = `${oldText} (revu)`, textB = `${alliance.fields[missingField].text} (revu)`;
    const translated = setTarget(setTarget(xml, "alliance", staleField, escapeXml(textA)), "alliance", missingField, escapeXml(textB));
    const done = await importFrom(dir, translated);
    expect(done.err).toBe("");
    expect(done.code).toBe(0);
    const { kb } = loadContent(dir);
    const en = kb.manifestations.find((m) => m.id === "alliance")! as unknown as Record<string, string>;
    const after = yamlOf(dir, "i18n/fr/manifestations.yaml").entries.find((e: { id: string }) => e.id === "alliance");
    expect(after.fields[staleField]).toEqual({ text: textA, source: hashText(en[staleField]) });
    expect(after.fields[missingField]).toEqual({ text: textB, source: hashText(en[missingField]) });
    // The missing field goes back in the English order of the fields.
    expect(Object.keys(after.fields)).toEqual(Object.keys(alliance.fields));
    const r2 = await run(["content", "validate", "--dir", dir]);
    expect(r2.err).toBe("");
  });

  it("exits 2 on misuse", async () => {
    expect((await run(["content", "export-xliff", "--lang", "de"])).code).toBe(2);
    expect((await run(["content", "export-xliff", "--lang", "fr", "--all", "--missing"])).code).toBe(2);
    expect((await run(["content", "export-xliff", "--lang", "fr", "--path", "nowhere.yaml"])).code).toBe(2);
    expect((await run(["content", "import-xliff"])).code).toBe(2);
  });
});

describe("nexus content import-xliff", () => {
  it("imports an unchanged export of every French file without changing one byte", async () => {
    const dir = copyContent();
    const tree = treeHash(dir);
    const { xml } = await exportTo(dir, ["--lang", "fr"]);
    const r = await importFrom(dir, xml);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 field\(s\) changed.*0 file\(s\) written/);
    expect(treeHash(dir)).toBe(tree);
  });

  it("an edited target changes that field only; text with &, <, quotes and a right-to-left mark comes through exactly", async () => {
    const dir = copyContent();
    const before = fileHashes(dir);
    const path = "i18n/fr/practices/hague-1-9.yaml";
    const oldText = readFileSync(join(dir, path), "utf8");
    const { xml } = await exportTo(dir, ["--lang", "fr", "--path", "practices/hague-1-9.yaml"]);
    const tricky = `Lois & décrets <UE> "cités" l'article \u200Fعربي\u200F`;
    const r = await importFrom(dir, setTarget(xml, "hague-1", "steps.0.text", escapeXml(tricky)));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 field(s) changed");
    const after = fileHashes(dir);
    expect([...after].filter(([f, h]) => before.get(f) !== h).map(([f]) => f)).toEqual([path]);
    const newText = readFileSync(join(dir, path), "utf8");
    const a = oldText.split("\n"), b = newText.split("\n");
    expect(b.length).toBe(a.length);
    const changed = a.flatMap((line, i) => (line !== b[i] ? [i] : []));
    expect(changed).toHaveLength(1);
    expect(yamlOf(dir, path).entries[0].fields["steps.0.text"].text).toBe(tricky);
    // Exported again, the text is escaped and comes back unchanged.
    const again = await exportTo(dir, ["--lang", "fr", "--path", "practices/hague-1-9.yaml"]);
    expect(again.xml).toContain(escapeXml(tricky));
    const tree = treeHash(dir);
    expect((await importFrom(dir, again.xml)).code).toBe(0);
    expect(treeHash(dir)).toBe(tree);
  });

  it("a dry run reports what it would write and writes nothing", async () => {
    const dir = copyContent();
    const tree = treeHash(dir);
    const { xml } = await exportTo(dir, ["--lang", "fr", "--path", "practices/hague-1-9.yaml"]);
    const r = await importFrom(dir, setTarget(xml, "hague-1", "title", "Titre modifié"), ["--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 file(s) would be written");
    expect(r.out).toContain("content/i18n/fr/practices/hague-1-9.yaml");
    expect(treeHash(dir)).toBe(tree);
  });

  it("creates the file of a language not yet translated, which content validate accepts", async () => {
    const dir = copyContent();
    // Russian, made untranslated in the copy whatever the repository holds by now.
    rmSync(join(dir, "i18n", "ru"), { recursive: true, force: true });
    const { xml } = await exportTo(dir, ["--lang", "ru", "--path", "manifestations.yaml"]);
    const r = await importFrom(dir, setTarget(xml, "alliance", "name", "Альянс"));
    expect(r.err).toBe("");
    expect(r.out).toContain("content/i18n/ru/manifestations.yaml (new)");
    const { kb } = loadContent(dir);
    expect(yamlOf(dir, "i18n/ru/manifestations.yaml")).toEqual({ language: "ru", entries: [
      { id: "alliance", status: "draft", fields: { name: { text: "Альянс", source: hashText(kb.manifestations.find((m) => m.id === "alliance")!.name) } } },
    ] });
    const v = await run(["content", "validate", "--dir", dir]);
    expect(v.err).toBe("");
    expect(v.out).toMatch(/^ru: 1 of/m);
  });

  it("a reviewed entry stays reviewed when unchanged, becomes a draft when its text changes, and is reviewed anew only with a new review in the metadata", async () => {
    const dir = copyContent();
    const path = "i18n/fr/manifestations.yaml";
    writeFileSync(join(dir, path), readFileSync(join(dir, path), "utf8").replace(/(- id: alliance\n    status: )draft/, "$1reviewed\n    reviewed_by: Translation desk\n    reviewed_at: 2026-01-15"));
    const { xml } = await exportTo(dir, ["--lang", "fr", "--path", "manifestations.yaml"]);
    expect(xml).toMatch(/<unit id="alliance">\s*<mda:metadata>\s*<mda:metaGroup category="nexus:review">\s*<mda:meta type="reviewed_by">Translation desk<\/mda:meta>\s*<mda:meta type="reviewed_at">2026-01-15<\/mda:meta>/);
    expect(xml.slice(xml.indexOf(`<unit id="alliance">`), xml.indexOf("</unit>", xml.indexOf(`<unit id="alliance">`)))).toContain(`state="reviewed"`);
    const tree = treeHash(dir);
    expect((await importFrom(dir, xml)).code).toBe(0);
    expect(treeHash(dir)).toBe(tree);
    const alliance = () => yamlOf(dir, path).entries.find((e: { id: string }) => e.id === "alliance");
    // A changed text under the old review (the metadata the export carried) is a draft again.
    expect((await importFrom(dir, setTarget(xml, "alliance", "name", "Alliance (révisée)", "reviewed"))).code).toBe(0);
    expect(alliance()).toMatchObject({ status: "draft", fields: { name: { text: "Alliance (révisée)" } } });
    expect(alliance().reviewed_by).toBeUndefined();
    // A new review named in the metadata, with every segment reviewed, makes it reviewed.
    const again = (await exportTo(dir, ["--lang", "fr", "--path", "manifestations.yaml"])).xml;
    const u = again.indexOf(`<unit id="alliance">`);
    const end = again.indexOf("</unit>", u);
    const reviewed = again.slice(0, u) + again.slice(u, end)
      .replace("<mda:metadata>", `<mda:metadata>\n        <mda:metaGroup category="nexus:review"><mda:meta type="reviewed_by">Service de traduction</mda:meta><mda:meta type="reviewed_at">2026-02-01</mda:meta></mda:metaGroup>`)
      .replace(/state="translated"/g, `state="final"`) + again.slice(end);
    const r = await importFrom(dir, reviewed);
    expect(r.out).toContain("1 reviewed");
    expect(alliance()).toMatchObject({ status: "reviewed", reviewed_by: "Service de traduction", reviewed_at: "2026-02-01" });
    expect(Object.keys(alliance())).toEqual(["id", "status", "reviewed_by", "reviewed_at", "fields"]);
    // The CAT tool's "reviewed" state alone, without a reviewer named, does not review an entry.
    const integration = again.indexOf(`<unit id="integration">`);
    const noReviewer = again.slice(0, integration) + again.slice(integration, again.indexOf("</unit>", integration)).replace(/state="translated"/g, `state="reviewed"`) + again.slice(again.indexOf("</unit>", integration));
    expect((await importFrom(dir, setTarget(noReviewer, "integration", "name", "Intégration (bis)", "reviewed"))).code).toBe(0);
    expect(yamlOf(dir, path).entries.find((e: { id: string }) => e.id === "integration").status).toBe("draft");
  });

  it("refuses a file whose English changed after the export, naming the unit and segment, and writes nothing", async () => {
    const dir = copyContent();
    const { xml } = await exportTo(dir, ["--lang", "fr", "--path", "practices/hague-1-9.yaml"]);
    const { kb } = loadContent(dir);
    const title = kb.practices.find((p) => p.id === "hague-1")!.title;
    const english = join(dir, "practices/hague-1-9.yaml");
    const text = readFileSync(english, "utf8");
    expect(text).toContain(title);
    writeFileSync(english, text.replace(title, `${title} (amended)`));
    const tree = treeHash(dir);
    const r = await importFrom(dir, setTarget(xml, "hague-2", "title", "Titre modifié"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/file practices\/hague-1-9\.yaml, unit hague-1, segment title: the English changed since the export/);
    expect(treeHash(dir)).toBe(tree);
  });

  describe("refuses, exit 1, naming the id and the reason, and changes no file", () => {
    const ctx = { dir: "", good: "", glossary: { unit: "", field: "" } };
    beforeAll(async () => {
      ctx.dir = copyContent();
      const { xml } = await exportTo(ctx.dir, ["--lang", "fr", "--path", "practices/hague-1-9.yaml"]);
      // A good edit in the same file: it must not be written when anything else is wrong.
      ctx.good = setTarget(xml, "hague-1", "title", "Titre modifié");
      const { kb } = loadContent(ctx.dir);
      const hague = kb.practices.filter((p) => kb.origin.get(`practices:${p.id}`) === "practices/hague-1-9.yaml");
      ctx.glossary = hague.flatMap((p) => [["title", p.title], ["summary", p.summary]].map(([field, text]) => ({ unit: p.id, field, text }))).find((x) => /\borgani[sz]ed crime\b/i.test(x.text))!;
    });
    it.each<[string, (good: string) => string, () => RegExp]>([
      ["an unknown unit id", (good) => good.replace(`<unit id="hague-2">`, `<unit id="hague-99">`), () => /file practices\/hague-1-9\.yaml, unit hague-99: no entry with this id/],
      ["an unknown segment id", (good) => good.replace(/(<unit id="hague-2">[\s\S]*?)<segment id="title"/, `$1<segment id="subtitle"`), () => /unit hague-2, segment subtitle: not a text field of the entry/],
      ["a hash the English no longer has", (good) => good.replace(/(<unit id="hague-3">[\s\S]*?<mda:meta type="summary">)[0-9a-f]{12}/, "$1abcdefabcdef"), () => /unit hague-3, segment summary: the English changed since the export \(hash abcdefabcdef, now [0-9a-f]{12}\)/],
      ["a segment with no hash", (good) => good.replace(/(<unit id="hague-3">[\s\S]*?)<mda:meta type="summary">[0-9a-f]{12}<\/mda:meta>/, "$1"), () => /unit hague-3, segment summary: carries no hash/],
      ["XLIFF 1.2", (good) => good.replace(`version="2.1"`, `version="1.2"`), () => /version "1\.2" is not XLIFF 2\.x/],
      ["a language that is not a content language", (good) => good.replace(`trgLang="fr"`, `trgLang="de"`), () => /trgLang "de" is not a content language \(fr, ar, es, ru, zh\)/],
      ["malformed XML", (good) => good.replace("</unit>\n    <unit id=\"hague-4\">", "</unitt>\n    <unit id=\"hague-4\">"), () => /not well-formed XML \(line \d+\): end tag <\/unitt> does not match <unit>/],
      ["a truncated file", (good) => good.slice(0, good.length / 2), () => /not well-formed XML \(line \d+\): /],
      ["an empty target said to be translated", (good) => setTarget(good, "hague-4", "title", "  "), () => /unit hague-4, segment title: the target is empty but its state is translated/],
      ["a content file that does not exist", (good) => good.replace(`id="practices_x002F_hague-1-9.yaml" original="practices/hague-1-9.yaml"`, `id="practices_x002F_hague-99.yaml"`), () => /file practices\/hague-99\.yaml: not a content file/],
      ["a glossary breach", (good) => setTarget(good, ctx.glossary.unit, ctx.glossary.field, "Un texte sans le terme fixé"), () => new RegExp(`unit ${ctx.glossary.unit}, segment ${ctx.glossary.field}: must use the glossary term "criminalité organisée \\| criminalité transnationale organisée"`)],
      ["inline codes in a target", (good) => setTarget(good, "hague-5", "title", `Titre <ph id="1"/>`), () => /unit hague-5, segment title: the target holds <ph>/],
      ["a document type declaration", (good) => good.replace(`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xliff [<!ENTITY x "y">]>`), () => /document type declarations are not accepted/],
    ])("%s", async (_, mutate, message) => {
      const tree = treeHash(ctx.dir);
      const bad = mutate(ctx.good);
      expect(bad).not.toBe(ctx.good);
      const r = await importFrom(ctx.dir, bad);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message());
      expect(r.err).toMatch(/problem\(s\): nothing imported$/);
      expect(treeHash(ctx.dir)).toBe(tree);
    });
    it("and reports every problem of a file at once", async () => {
      const bad = ctx.good.replace(`<unit id="hague-2">`, `<unit id="hague-98">`).replace(`<unit id="hague-3">`, `<unit id="hague-99">`);
      const r = await importFrom(ctx.dir, bad);
      expect(r.err).toContain("unit hague-98");
      expect(r.err).toContain("unit hague-99");
      expect(r.err).toMatch(/^2 problem\(s\)/m);
    });
    it("while the same file without the fault imports", async () => {
      const r = await importFrom(ctx.dir, ctx.good);
      expect(r.code).toBe(0);
      expect(yamlOf(ctx.dir, "i18n/fr/practices/hague-1-9.yaml").entries[0].fields.title.text).toBe("Titre modifié");
    });
  });
});
