import { describe, expect, it } from "vitest";
import {
  covers, crosswalkInstruments, crosswalkProblems, formatPinpoint, linkedPractices, parsePinpoint, practiceCrosswalk, practicesFor, resolveQuery,
} from "./crosswalk.js";
import type { Crosswalk, Instrument } from "./schema.js";

const cite = { source: "src-a", locator: "x" };
const instruments: Instrument[] = [
  { id: "fatf-recommendations", name: "The FATF Recommendations", short: "FATF Recommendations", kind: "fatf-standard", issuer: "FATF", citation: cite },
  { id: "unscr-2482", name: "Security Council resolution 2482 (2019)", short: "S/RES/2482 (2019)", kind: "unsc-resolution", issuer: "UNSC", citation: cite },
  { id: "untoc", name: "United Nations Convention against Transnational Organized Crime", short: "UNTOC", kind: "convention", issuer: "UNGA", citation: cite },
  { id: "untoc-firearms-protocol", name: "Firearms Protocol", short: "Firearms Protocol", kind: "protocol", issuer: "UNGA", citation: cite },
  { id: "gctf-rabat-memorandum", name: "Rabat Memorandum", short: "GCTF Rabat Memorandum", kind: "gctf-document", issuer: "GCTF", citation: cite },
];
const entry = (practice: string, links: [string, string][], builds_on: string[] = []): Crosswalk => ({
  id: `crosswalk-${practice}`, practice,
  links: links.map(([instrument, pinpoint]) => ({ instrument, pinpoint, topic: `About ${pinpoint}.` })),
  builds_on: builds_on.map((p) => ({ practice: p, reason: "Takes it further." })),
});
const crosswalk: Crosswalk[] = [
  entry("hague-8", [["fatf-recommendations", "R.8"], ["unscr-2482", "para 15"], ["untoc", "art. 27(1)"]]),
  entry("hague-9", [["fatf-recommendations", "R.29"], ["unscr-2482", "paras 3-5"], ["untoc", "arts 18-19"]]),
  entry("addendum-12", [["fatf-recommendations", "Recommendation 8"], ["untoc", "art. 27"]], ["hague-8"]),
  entry("icct-2", [["unscr-2482", "para 4"]], ["hague-8", "hague-9"]),
];

describe("parsePinpoint", () => {
  it.each([
    ["R.8", "recommendation", "R.8"], ["r8", "recommendation", "R.8"], ["Recommendation 8", "recommendation", "R.8"], ["R. 29", "recommendation", "R.29"],
    ["para 15", "paragraph", "para 15"], ["paragraph 15", "paragraph", "para 15"], ["paras 3-5", "paragraph", "paras 3-5"], ["paras 3–5", "paragraph", "paras 3-5"],
    ["paras 2, 4", "paragraph", "paras 2, 4"], ["art. 27", "article", "art. 27"], ["article 27(1)", "article", "art. 27(1)"], ["Art 5(2)(b)", "article", "art. 5(2)(b)"],
    ["arts 18-19", "article", "arts 18-19"], ["articles 18 and 19", "article", "arts 18, 19"],
  ])("reads %s as a %s (%s)", (input, unit, formatted) => {
    const p = parsePinpoint(input);
    expect(p?.unit).toBe(unit);
    expect(formatPinpoint(p!)).toBe(formatted);
  });

  it.each(["", "R.", "paragraph", "art. x", "paras 5-3", "arts 18(1)-19", "resolution 8", "page 4", "R.0"])("refuses %j", (input) => {
    expect(parsePinpoint(input)).toBeUndefined();
  });

  it("reads a bare number or § in the unit it is told, and refuses another unit", () => {
    expect(parsePinpoint("15", "paragraph")).toEqual({ unit: "paragraph", spans: [{ from: 15, to: 15, sub: [] }] });
    expect(parsePinpoint("§ 27", "article")?.unit).toBe("article");
    expect(parsePinpoint("R.8", "paragraph")).toBeUndefined();
    expect(parsePinpoint("15")).toBeUndefined();
  });
});

describe("covers", () => {
  const p = (s: string) => parsePinpoint(s)!;
  it("covers the members of a range and the parts of an article, both ways", () => {
    expect(covers(p("paras 3-5"), p("para 4"))).toBe(true);
    expect(covers(p("paras 3-5"), p("para 6"))).toBe(false);
    expect(covers(p("art. 27(1)"), p("art. 27"))).toBe(true);
    expect(covers(p("art. 27"), p("art. 27(1)"))).toBe(true);
    expect(covers(p("art. 27(1)"), p("art. 27(2)"))).toBe(false);
    expect(covers(p("arts 18-19"), p("art. 19(3)"))).toBe(true);
    expect(covers(p("para 15"), p("paras 14-16"))).toBe(true);
  });
  it("never crosses units", () => {
    expect(covers(p("R.8"), p("para 8"))).toBe(false);
    expect(covers(p("art. 8"), p("para 8"))).toBe(false);
  });
});

describe("resolveQuery and practicesFor", () => {
  const find = (q: string) => {
    const r = resolveQuery(q, instruments);
    if (!r.ok) throw new Error(r.error);
    return practicesFor(crosswalk, r.value, instruments).map((m) => `${m.practice} ${m.pinpoint}`);
  };
  it("answers 'which practices implement FATF R.8' in any common spelling", () => {
    for (const q of ["FATF R.8", "fatf r8", "FATF Recommendation 8", "R.8", "fatf-recommendations R.8"]) {
      expect(find(q)).toEqual(["hague-8 R.8", "addendum-12 Recommendation 8"]);
    }
  });
  it("answers a resolution paragraph, inside a range too", () => {
    expect(find("UNSCR 2482 para 15")).toEqual(["hague-8 para 15"]);
    expect(find("S/RES/2482 paragraph 4")).toEqual(["hague-9 paras 3-5", "icct-2 para 4"]);
    expect(find("resolution 2482 para 6")).toEqual([]);
  });
  it("answers an article: the whole article finds links to its parts, a range its members", () => {
    expect(find("UNTOC art 27")).toEqual(["hague-8 art. 27(1)", "addendum-12 art. 27"]);
    expect(find("UNTOC article 27(2)")).toEqual(["addendum-12 art. 27"]);
    expect(find("untoc art. 18")).toEqual(["hague-9 arts 18-19"]);
  });
  it("answers an instrument alone with all its links, and not those of a protocol of the same convention", () => {
    expect(find("UNTOC")).toEqual(["hague-8 art. 27(1)", "hague-9 arts 18-19", "addendum-12 art. 27"]);
  });
  it("says why a query cannot be answered", () => {
    expect(resolveQuery("  ", instruments)).toEqual({ ok: false, error: "empty" });
    expect(resolveQuery("Treaty of Nowhere art 3", instruments)).toEqual({ ok: false, error: "unknownInstrument" });
    expect(resolveQuery("UNSCR 2482 R.8", instruments)).toEqual({ ok: false, error: "wrongUnit" });
    expect(resolveQuery("UNTOC para 4", instruments)).toEqual({ ok: false, error: "wrongUnit" });
    expect(resolveQuery("UNTOC art x", instruments).ok).toBe(false);
    expect(resolveQuery("para 15", instruments)).toEqual({ ok: false, error: "unknownInstrument" });
    expect(resolveQuery("GCTF Rabat Memorandum para 3", instruments)).toEqual({ ok: false, error: "wrongUnit" });
  });
});

describe("the inverse: a practice's side", () => {
  it("lists its links, what it builds on and what builds on it", () => {
    expect(practiceCrosswalk(crosswalk, "hague-8")).toEqual({
      links: [
        { instrument: "fatf-recommendations", pinpoint: "R.8", topic: "About R.8." },
        { instrument: "unscr-2482", pinpoint: "para 15", topic: "About para 15." },
        { instrument: "untoc", pinpoint: "art. 27(1)", topic: "About art. 27(1)." },
      ],
      builds_on: [],
      built_on_by: [{ practice: "addendum-12", reason: "Takes it further." }, { practice: "icct-2", reason: "Takes it further." }],
    });
    expect(practiceCrosswalk(crosswalk, "icct-2").builds_on.map((b) => b.practice)).toEqual(["hague-8", "hague-9"]);
    expect(practiceCrosswalk(crosswalk, "hague-1")).toEqual({ links: [], builds_on: [], built_on_by: [] });
  });
  it("links practices through builds_on in both directions", () => {
    expect(linkedPractices(crosswalk, "hague-8")).toEqual(["addendum-12", "icct-2"]);
    expect(linkedPractices(crosswalk, "addendum-12")).toEqual(["hague-8"]);
    expect(linkedPractices(crosswalk, "hague-9")).toEqual(["icct-2"]);
    expect(linkedPractices(crosswalk, "hague-2")).toEqual([]);
  });
  it("tables instruments by pinpoint in numeric order, with counts", () => {
    const table = crosswalkInstruments({ crosswalk, instruments });
    const fatf = table.find((t) => t.instrument === "fatf-recommendations")!;
    expect(fatf.pinpoints.map((p) => p.pinpoint)).toEqual(["R.8", "Recommendation 8", "R.29"]);
    expect(fatf.links).toBe(3);
    const res = table.find((t) => t.instrument === "unscr-2482")!;
    expect(res.pinpoints.map((p) => [p.pinpoint, p.practices])).toEqual([["paras 3-5", ["hague-9"]], ["para 4", ["icct-2"]], ["para 15", ["hague-8"]]]);
  });
});

describe("crosswalkProblems", () => {
  const practices = ["hague-8", "hague-9", "addendum-12", "icct-2"].map((id) => ({ id })) as never[];
  const kb = { instruments, practices };
  it("accepts a consistent entry", () => {
    for (const c of crosswalk) expect(crosswalkProblems(c, kb)).toEqual([]);
  });
  it("names each problem with its field", () => {
    const bad: Crosswalk = {
      id: "crosswalk-hague-9", practice: "hague-8",
      links: [
        { instrument: "fatf-recommendations", pinpoint: "para 3", topic: "t" },
        { instrument: "untoc", pinpoint: "art. 27", topic: "t" },
        { instrument: "untoc", pinpoint: "Article 27", topic: "t" },
        { instrument: "nowhere", pinpoint: "art. 1", topic: "t" },
        { instrument: "gctf-rabat-memorandum", pinpoint: "GP 2", topic: "t" },
      ],
      builds_on: [{ practice: "hague-8", reason: "r" }, { practice: "addendum-12", reason: "r" }, { practice: "hague-99", reason: "r" }],
    };
    expect(crosswalkProblems(bad, kb)).toEqual([
      'id must be "crosswalk-hague-8" (crosswalk- followed by the practice id)',
      'links.0.pinpoint "para 3" is not a FATF Recommendation such as "R.8" for fatf-recommendations',
      "links.2 repeats links.1 (untoc Article 27)",
      'links.3.instrument refers to unknown instrument "nowhere"',
      'links.4.instrument "gctf-rabat-memorandum" is a gctf-document, which has no pinpoints the crosswalk can check; link to a convention, protocol, resolution or the FATF Recommendations',
      "builds_on.0.practice: an entry cannot build on its own practice",
      'builds_on.1.practice "addendum-12" is not a Hague practice; only Hague practices are built on',
      'builds_on.2.practice refers to unknown practice "hague-99"',
    ]);
  });
});
