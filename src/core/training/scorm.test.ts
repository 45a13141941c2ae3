/**
 * The SCORM 1.2 package of a learning path (decision 0041): a well-formed imsmanifest.xml with the
 * ADL SCORM 1.2 names, one item per module each pointing at a SCO resource whose file is in the
 * zip; self-contained pages in the reader's language (Arabic right to left), reading as links only
 * with PUBLIC_URL, every word of the page resolved from the catalogue. The runtime behaviour is
 * tested in Chromium against scorm-again (test/e2e/scorm.spec.ts).
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { parseXml, type XmlElement } from "../../content/xliffXml.js";
import { TrainingService } from "../../server/training/training.service.js";
import { trainingEn } from "../i18n/training/en.js";
import { DEFAULT_MASTERY, interactionType, scoHref, scoHtml, scormManifest, scormPackage, type ScormInput } from "./scorm.js";

const { kb } = loadContent();
const training = new TrainingService(kb);
const inputFor = (audience: string, lang = "en", baseUrl: string | null = null): ScormInput => {
  const path = training.forAudience(audience, lang as "en");
  return { audience: path.audience, lang, baseUrl, modules: path.modules.map((m) => training.module(audience, m.id, lang as "en").module) };
};

const CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
const ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
const kids = (e: XmlElement, name: string, ns = CP) => e.children.filter((c): c is XmlElement => typeof c !== "string" && c.name === name && c.ns === ns);
const kid = (e: XmlElement, name: string, ns = CP) => kids(e, name, ns)[0];
const text = (e: XmlElement) => e.children.filter((c) => typeof c === "string").join("");

describe("the SCORM 1.2 package of a learning path", () => {
  const input = inputFor("prosecutors");

  it("has a well-formed manifest with one SCO item per module, each resource's file in the zip", async () => {
    const zip = await JSZip.loadAsync(await scormPackage(input));
    const xml = await zip.file("imsmanifest.xml")!.async("string");
    const root = parseXml(xml);
    expect([root.ns, root.name]).toEqual([CP, "manifest"]);
    const metadata = kid(root, "metadata");
    expect([text(kid(metadata, "schema")), text(kid(metadata, "schemaversion"))]).toEqual(["ADL SCORM", "1.2"]);

    const orgs = kid(root, "organizations");
    const org = kid(orgs, "organization");
    expect(orgs.attrs.get("default")).toBe(org.attrs.get("identifier"));
    expect(text(kid(org, "title"))).toBe("Prosecutors");
    const items = kids(org, "item");
    expect(items.map((i) => text(kid(i, "title")))).toEqual(input.modules.map((m) => trainingEn[m.title.key.replace("training.msg.", "") as keyof typeof trainingEn] ?? m.title.params?.text));
    expect(items).toHaveLength(input.modules.length);

    const resources = kids(kid(root, "resources"), "resource");
    const byId = new Map(resources.map((r) => [r.attrs.get("identifier"), r]));
    const ids = [root, org, ...items, ...resources].map((e) => e.attrs.get("identifier"));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, item] of items.entries()) {
      const m = input.modules[i];
      const r = byId.get(item.attrs.get("identifierref"))!;
      expect(r, m.id).toBeTruthy();
      expect(r.attrs.get("type")).toBe("webcontent");
      expect(r.attrs.get(`{${ADLCP}}scormtype`)).toBe("sco");
      expect(r.attrs.get("href")).toBe(scoHref(m.id));
      expect(kids(r, "file").map((f) => f.attrs.get("href"))).toEqual([r.attrs.get("href")]);
      expect(zip.file(r.attrs.get("href")!), r.attrs.get("href")).not.toBeNull();
      // A pass mark where there is a check to pass.
      const mastery = kids(item, "masteryscore", ADLCP).map(text);
      expect(mastery).toEqual(m.questions.length ? [String(DEFAULT_MASTERY)] : []);
    }
    expect(Object.keys(zip.files).filter((f) => !zip.files[f].dir).sort()).toEqual(["imsmanifest.xml", ...input.modules.map((m) => scoHref(m.id))].sort());
  });

  it("escapes what it writes into the manifest", () => {
    const odd = { ...input, audience: { id: "prosecutors", name: { key: "common.msg.text", params: { text: "A & B <C>" } } } };
    expect(() => parseXml(scormManifest(odd))).not.toThrow();
    expect(scormManifest(odd)).toContain("<title>A &amp; B &lt;C&gt;</title>");
  });

  it("writes self-contained pages: no request leaves them, every word resolved from the catalogue", async () => {
    const zip = await JSZip.loadAsync(await scormPackage(input));
    for (const m of input.modules) {
      const html = await zip.file(scoHref(m.id))!.async("string");
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
      expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
      expect(html).not.toMatch(/<link\b|<img\b|@import|url\(/);
      expect(html).toContain("default-src 'none'");
      expect(html).not.toMatch(/training\.msg\.|common\.msg\./);
      expect(html).toContain(`<h2>${trainingEn["scorm.objectives"]}</h2>`);
      // The reading without PUBLIC_URL: the titles, no links.
      for (const r of m.reading) expect(html).not.toContain(`href="${r.href}"`);
      if (m.questions.length) {
        expect(html).toContain(trainingEn["scorm.check"]);
        expect(html.match(/<form class="q"/g)).toHaveLength(m.questions.length);
        const data = JSON.parse(html.match(/<script type="application\/json" id="sco-data">(.*?)<\/script>/s)![1]);
        expect(data.mastery).toBe(DEFAULT_MASTERY);
        expect(data.questions.map((q: { id: string; type: string; answer: string[] }) => [q.id, q.type, q.answer])).toEqual(m.questions.map((q) => [q.id, interactionType(q), q.answer]));
      } else {
        expect(html).toContain(trainingEn["scorm.markDone"]);
      }
    }
  });

  it("links the reading to the entries when PUBLIC_URL is set", () => {
    const withBase = inputFor("prosecutors", "en", "https://nexus.example.org/");
    const m = withBase.modules[1];
    const html = scoHtml(withBase, m);
    for (const r of m.reading) expect(html).toContain(`<a href="https://nexus.example.org${r.href}" target="_blank" rel="noopener">`);
  });

  it("writes an Arabic path right to left with the Arabic words, marking English text of the knowledge base", () => {
    const ar = inputFor("prosecutors", "ar");
    const m = ar.modules.find((x) => x.questions.length)!;
    const html = scoHtml(ar, m);
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain("اختبار المعارف");
    expect(html).toContain("<title>فهم الصلة</title>");
    // Without Arabic content translations here, question texts are English and say so.
    expect(m.questions.some((q) => q.language === "en")).toBe(true);
    expect(html).toContain('<span lang="en" dir="ltr">');
    // Text said to be Arabic gets its direction from itself (a draft may still be English).
    expect(scoHtml(ar, { ...m, questions: m.questions.map((q) => ({ ...q, language: "ar" })) })).toContain('<span dir="auto">');
    expect(parseXml(scormManifest(ar))).toBeTruthy();
  });

  it("keeps the page's data inside its script element whatever the text holds", () => {
    const m = { ...input.modules.find((x) => x.questions.length)! };
    m.questions = [{ ...m.questions[0], options: m.questions[0].options.map((o, i) => (i === 0 ? { ...o, text: "</script><script>alert(1)</script>" } : o)), answer: [m.questions[0].options[0].id] }];
    const html = scoHtml(input, m);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).toContain("&lt;/script&gt;");
  });
});
