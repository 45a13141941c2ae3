/**
 * The XML reader and escaping under the XLIFF import and export, the reversible id mapping, and an
 * import of XLIFF as another tool may write it (other prefixes, CDATA, annotations), planned
 * against the real content folder (planning reads, it never writes).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultContentDir, loadContent } from "./readContent.js";
import { hashText } from "./translations.js";
import { decodeId, encodeId } from "./xliff.js";
import { planXliffImport } from "./xliffImport.js";
import { childElements, escapeAttr, escapeText, parseXml, XmlSyntaxError } from "./xliffXml.js";

const xmlChars = fc.string({ unit: fc.oneof(fc.constantFrom("&", "<", ">", '"', "'", "\t", "\n", "\r", " ", "]]>", "\u200F", "\u202E", "é", "ع", "中", "😀"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })) })
  .map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ""));

describe("XML reader", () => {
  it("reads what the escaping writes, in element text and in attributes", () => {
    fc.assert(fc.property(xmlChars, (s) => {
      const el = parseXml(`<a x="${escapeAttr(s)}">${escapeText(s)}</a>`);
      expect(el.attrs.get("x")).toBe(s);
      expect(el.children.join("")).toBe(s);
    }), { numRuns: 300 });
  });

  it("resolves namespaces by URI whatever the prefix, and reads entities, character references and CDATA", () => {
    const root = parseXml(`<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment -->\n<x:a xmlns:x="urn:one" xmlns="urn:default" x:k="1 &amp; 2" k="&#x41;&#66;">\n  <b><![CDATA[<raw> & ]]>&lt;&apos;&quot;</b><?pi data?>\n</x:a>\n`);
    expect([root.ns, root.name]).toEqual(["urn:one", "a"]);
    expect(root.attrs.get("{urn:one}k")).toBe("1 & 2");
    expect(root.attrs.get("k")).toBe("AB");
    const [b] = childElements(root, "urn:default", "b");
    expect(b.children.join("")).toBe(`<raw> & <'"`);
  });

  it.each([
    ["<a><b></a>", 1, /end tag <\/a> does not match <b>/],
    ["<a>\n\n<b>x</c></a>", 3, /end tag <\/c> does not match <b>/],
    ["<a>&nbsp;</a>", 1, /unknown entity &nbsp;/],
    ["<a>a & b</a>", 1, /"&" must start a reference/],
    ["<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", 1, /document type declarations are not accepted/],
    ["<p:a/>", 1, /namespace prefix "p" is not declared/],
    ["<a x=1/>", 1, /must be quoted/],
    ["<a x='1' x='2'/>", 1, /appears twice/],
    ["<a/><b/>", 1, /content after the root element/],
    ["<a>\n<b>", 2, /is not closed/],
    ["<a>\u0001</a>", 1, /U\+0001 is not allowed/],
    ["<a>&#1;</a>", 1, /not an XML character/],
    ["<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", 1, /must be UTF-8/],
    ["", 1, /the document is empty/],
  ])("refuses %j at line %i", (xml, line, reason) => {
    try { parseXml(xml); } catch (e) {
      expect(e).toBeInstanceOf(XmlSyntaxError);
      expect((e as XmlSyntaxError).line).toBe(line);
      expect((e as XmlSyntaxError).reason).toMatch(reason);
      return;
    }
    throw new Error("parsed");
  });
});

describe("XLIFF ids", () => {
  it("map any path, id or field path to an NMTOKEN and back", () => {
    expect(encodeId("practices/hague-1-9.yaml")).toBe("practices_x002F_hague-1-9.yaml");
    expect(encodeId("steps.0.text")).toBe("steps.0.text");
    expect(encodeId("present_when")).toBe("present_when");
    // A literal "_x002F_" is itself escaped, so it does not decode to "/".
    expect(decodeId(encodeId("a_x002F_b"))).toBe("a_x002F_b");
    fc.assert(fc.property(fc.string({ minLength: 1, unit: fc.oneof(fc.constantFrom("_", "x", "0", "2", "F", "/", ":", " ", "é"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })) }), (s) => {
      const id = encodeId(s);
      expect(id).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(decodeId(id)).toBe(s);
    }), { numRuns: 500 });
  });
});

describe("import of XLIFF written by another tool", () => {
  it("accepts other prefixes, a CDATA target and an annotation inside it", () => {
    const { kb } = loadContent();
    const alliance = kb.manifestations.find((m) => m.id === "alliance")!;
    const xml = `<?xml version="1.0"?>
<xl:xliff xmlns:xl="urn:oasis:names:tc:xliff:document:2.0" xmlns:m="urn:oasis:names:tc:xliff:metadata:2.0" version="2.0" srcLang="en-GB" trgLang="ru">
 <xl:file id="manifestations.yaml">
  <xl:unit id="alliance">
   <m:metadata><m:metaGroup category="nexus:source-hash"><m:meta type="name">${hashText(alliance.name)}</m:meta></m:metaGroup></m:metadata>
   <xl:notes><xl:note>checked</xl:note></xl:notes>
   <xl:segment id="name" state="translated"><xl:source>Alliance</xl:source><xl:target><![CDATA[Аль]]><xl:mrk id="m1" type="term">янс</xl:mrk> групп</xl:target></xl:segment>
  </xl:unit>
 </xl:file>
</xl:xliff>`;
    const r = planXliffImport(defaultContentDir, kb, xml);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.writes.map((w) => w.path)).toEqual(["i18n/ru/manifestations.yaml"]);
    const written = parse(r.plan.writes[0].text);
    expect(written.language).toBe("ru");
    expect(written.entries.find((e: { id: string }) => e.id === "alliance")).toMatchObject({ status: "draft", fields: { name: { text: "Альянс групп", source: hashText(alliance.name) } } });
  });
});
