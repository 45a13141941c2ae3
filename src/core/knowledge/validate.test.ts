import { describe, expect, it } from "vitest";
import { buildContentFiles, withChange } from "../../../test/support/contentFactory.js";
import { contentStats, formatProblem, validateContent } from "./validate.js";
import { translatableFields } from "../../content/translations.js";

const problemsOf = (files: ReturnType<typeof buildContentFiles>) => validateContent(files).problems.map(formatProblem);

describe("validateContent", () => {
  it("accepts a complete, consistent knowledge base", () => {
    const { problems, kb } = validateContent(buildContentFiles());
    expect(problems).toEqual([]);
    expect(contentStats(kb)).toMatchObject({ practices: { hague: 25, addendum: 25, icct: 5 }, manifestations: 6, contexts: 3, factors: 11, indicators: 11, steps: 55 });
  });

  const P = "practices/hague.yaml";
  // [what is broken, change, expected problem line]
  const cases: [string, string, number, (e: Record<string, unknown>) => void, string][] = [
    ["unknown actor", P, 0, (e) => { e.actors = ["astronauts"]; }, 'content/practices/hague.yaml: hague-1: actors refers to unknown actor "astronauts"'],
    ["unknown instrument", P, 1, (e) => { e.instruments = [{ id: "no-such-treaty" }]; }, 'content/practices/hague.yaml: hague-2: instruments refers to unknown instrument "no-such-treaty"'],
    ["unknown example", P, 2, (e) => { e.examples = ["ghost"]; }, 'content/practices/hague.yaml: hague-3: examples refers to unknown initiative "ghost"'],
    ["unknown related practice", P, 3, (e) => { e.related = [{ id: "hague-99", reason: "x" }]; }, 'content/practices/hague.yaml: hague-4: related refers to unknown practice "hague-99"'],
    ["unknown indicator", P, 4, (e) => { e.indicators = ["factor-1.nothing"]; }, 'content/practices/hague.yaml: hague-5: indicators refers to unknown indicator "factor-1.nothing"'],
    ["missing citation", P, 5, (e) => { delete e.citation; }, "content/practices/hague.yaml: hague-6: citation Invalid input: expected object, received undefined"],
    ["citation of an unknown source", P, 6, (e) => { e.citation = { source: "nowhere", locator: "p. 1" }; }, 'content/practices/hague.yaml: hague-7: citation.source refers to unknown source "nowhere"'],
    ["empty summary", P, 7, (e) => { e.summary = "  "; }, "content/practices/hague.yaml: hague-8: summary must not be empty"],
    ["badly numbered steps", P, 8, (e) => { e.steps = [{ number: 2, text: "x" }]; }, "content/practices/hague.yaml: hague-9: steps.0.number is 2, expected 1"],
    ["merged_with that does not point back", P, 9, (e) => { e.merged_with = "hague-11"; }, 'content/practices/hague.yaml: hague-10: merged_with "hague-11" does not point back'],
    ["area of another framework", P, 10, (e) => { e.area = "icct"; }, 'content/practices/hague.yaml: hague-11: area "icct" is not an area of framework hague'],
    ["malformed link", "initiatives/all.yaml", 0, (e) => { e.link = "not a link"; }, "content/initiatives/all.yaml: eg-one: link must be an http(s) link without spaces"],
    ["bad country code", "initiatives/all.yaml", 0, (e) => { e.countries = ["Kenya"]; }, "content/initiatives/all.yaml: eg-one: countries.0 must be an ISO 3166-1 alpha-2 code"],
    ["id that is not kebab-case", "actors.yaml", 1, (e) => { e.id = "Police Force"; }, "content/actors.yaml: Police Force: id must be lower-case kebab-case"],
    ["unknown actor parent", "actors.yaml", 1, (e) => { e.parent = "army"; }, 'content/actors.yaml: police: parent refers to unknown actor "army"'],
    ["indicator outside its factor", "watchpoints.yaml", 0, (e) => { (e.indicators as Record<string, unknown>[])[0].id = "factor-2.signal-x"; }, 'content/watchpoints.yaml: factor-2.signal-x: indicator id must start with its factor id "factor-1."'],
    ["indicator with no link", "watchpoints.yaml", 0, (e) => { (e.indicators as Record<string, unknown>[])[0].links = []; }, "content/watchpoints.yaml: factor-1: indicators.0.links an indicator must bear on at least one manifestation"],
  ];
  it.each(cases)("reports %s, naming the file and the entry", (_what, path, index, change, expected) => {
    expect(problemsOf(withChange(buildContentFiles(), path, index, change))).toContain(expected);
  });

  it("reports duplicate ids across files of one collection", () => {
    const files = buildContentFiles();
    files.push({ path: "instruments/more.yaml", data: [{ id: "untoc", name: "Again", kind: "convention", issuer: "X", citation: { source: "src-a", locator: "x" } }] });
    expect(problemsOf(files)).toContain("content/instruments/more.yaml: untoc: duplicate id (also in content/instruments/all.yaml)");
  });

  it("reports a missing practice and a missing manifestation", () => {
    const files = withChange(buildContentFiles(), "manifestations.yaml", 0, () => {});
    (files.find((f) => f.path === "manifestations.yaml")!.data as unknown[]).pop();
    (files.find((f) => f.path === "practices/icct.yaml")!.data as unknown[]).pop();
    const problems = problemsOf(files);
    expect(problems).toContain("content/practices/: icct-5: practice is missing");
    expect(problems).toContain("content/manifestations.yaml: (file): expected 6 manifestations, found 5");
  });

  it("checks rating guidance: grounded in existing steps, and complete once started", () => {
    const files = buildContentFiles();
    const guide = (id: string, steps: number[]) => ({
      id, in_place: { questions: ["Is there a law?", "Is it applied?"], thresholds: { C: "all", LC: "most", PC: "some", NC: "none" } },
      working: { questions: ["Does it work?", "Who says so?"], thresholds: { High: "a", Substantial: "b", Moderate: "c", Low: "d" } },
      evidence: ["annual report"], steps, citation: { source: "src-a", locator: "GP 1" },
    });
    files.push({ path: "rating-guidance/hague.yaml", data: [guide("hague-1", [1]), guide("hague-2", [4])] });
    const problems = problemsOf(files);
    expect(problems).toContain("content/rating-guidance/hague.yaml: hague-2: steps refers to step 4, but hague-2 has 1 steps");
    expect(problems).toContain("content/rating-guidance/: hague-3: rating guidance is missing for this practice");
    expect(problems).not.toContain("content/rating-guidance/: hague-1: rating guidance is missing for this practice");
    const partial = buildContentFiles();
    partial.push({ path: "rating-guidance/x.yaml", data: [{ ...guide("hague-1", [1]), working: { questions: ["one"], thresholds: { High: "a" } } }] });
    expect(problemsOf(partial)).toContain("content/rating-guidance/x.yaml: hague-1: working.questions give at least two guiding questions");
  });

  it("accepts \"no nexus evident\" as the target of an indicator link, and nowhere else", () => {
    const link = { manifestation: "no-nexus", direction: "for", strength: "strong", reasoning: "Looked for and not found.", citation: { source: "src-a", locator: "x" } };
    const linked = withChange(buildContentFiles(), "watchpoints.yaml", 0, (e) => { ((e.indicators as Record<string, unknown>[])[0].links as unknown[]).push(link); });
    expect(problemsOf(linked)).toEqual([]);
    const inPractice = withChange(buildContentFiles(), P, 0, (e) => { e.manifestations = ["no-nexus"]; });
    expect(problemsOf(inPractice)).toContain('content/practices/hague.yaml: hague-1: manifestations refers to unknown manifestation "no-nexus"');
    const inContext = withChange(buildContentFiles(), "contexts.yaml", 0, (e) => { e.manifestations = ["no-nexus"]; });
    expect(problemsOf(inContext)).toContain('content/contexts.yaml: politically-stable: manifestations refers to unknown manifestation "no-nexus"');
    const typo = withChange(buildContentFiles(), "watchpoints.yaml", 0, (e) => { ((e.indicators as Record<string, unknown>[])[0].links as unknown[]).push({ ...link, manifestation: "no-nexsu" }); });
    expect(problemsOf(typo)).toContain('content/watchpoints.yaml: factor-1: factor-1.signal.links.manifestation refers to unknown manifestation "no-nexsu"');
  });

  it("reports an indicator that links to the same hypothesis twice", () => {
    const twice = withChange(buildContentFiles(), "watchpoints.yaml", 0, (e) => {
      const links = (e.indicators as Record<string, unknown>[])[0].links as Record<string, unknown>[];
      links.push({ ...links[0], direction: "against", strength: "weak" });
    });
    expect(problemsOf(twice)).toContain('content/watchpoints.yaml: factor-1.signal: links name "black-hole" more than once');
  });

  it("accepts a search factor next to the toolkit's eleven, and still counts the eleven", () => {
    const files = buildContentFiles();
    const factors = files.find((f) => f.path === "watchpoints.yaml")!.data as Record<string, unknown>[];
    const search: Record<string, unknown> = { ...structuredClone(factors[0]), id: "nexus-search", group: "search" };
    (search.indicators as Record<string, unknown>[])[0].id = "nexus-search.signal";
    factors.push(search);
    expect(problemsOf(files)).toEqual([]);
    factors.splice(0, 1);
    expect(problemsOf(files)).toContain("content/watchpoints.yaml: (file): expected the toolkit's 11 watch-point factors (environmental and organizational), found 10");
    const badGroup = withChange(buildContentFiles(), "watchpoints.yaml", 0, (e) => { e.group = "negative"; });
    expect(problemsOf(badGroup).some((p) => p.startsWith("content/watchpoints.yaml: factor-1: group"))).toBe(true);
  });

  describe("the standards crosswalk", () => {
    const fatf = { id: "fatf-recommendations", name: "FATF Recommendations", kind: "fatf-standard", issuer: "FATF", citation: { source: "src-a", locator: "x" } };
    const res = { id: "unscr-2482", name: "Resolution 2482", kind: "unsc-resolution", issuer: "UNSC", citation: { source: "src-a", locator: "x" } };
    const entry = (practice: string) => ({
      id: `crosswalk-${practice}`, practice,
      links: [{ instrument: "untoc", pinpoint: "art. 5", topic: "Criminalising participation." }],
      ...(practice.startsWith("addendum-") ? { builds_on: [{ practice: `hague-${practice.split("-")[1]}`, reason: "Takes it further." }] } : {}),
    });
    /** The factory's knowledge base with a complete crosswalk; `change` breaks one thing. */
    const withCrosswalk = (change: (entries: Record<string, unknown>[]) => void = () => {}) => {
      const files = buildContentFiles();
      (files.find((f) => f.path === "instruments/all.yaml")!.data as unknown[]).push(fatf, res);
      const ids = ["hague", "addendum", "icct"].flatMap((fw) => Array.from({ length: fw === "icct" ? 5 : 25 }, (_, i) => `${fw}-${i + 1}`));
      const entries = ids.map(entry) as Record<string, unknown>[];
      change(entries);
      files.push({ path: "crosswalk/all.yaml", data: entries });
      return files;
    };
    const C = "content/crosswalk/all.yaml";
    const links = (e: Record<string, unknown>) => e.links as Record<string, unknown>[];

    it("accepts a complete crosswalk and adds it to the knowledge base", () => {
      const { problems, kb } = validateContent(withCrosswalk());
      expect(problems.map(formatProblem)).toEqual([]);
      expect(kb.crosswalk).toHaveLength(55);
      expect(kb.crosswalk.find((c) => c.practice === "addendum-8")?.builds_on).toEqual([{ practice: "hague-8", reason: "Takes it further." }]);
      // topic and reason are translated like other prose (decision 0022); ids and pinpoints are not text
      expect([...translatableFields(kb.crosswalk.find((c) => c.practice === "addendum-8")!).keys()]).toEqual(["links.0.topic", "builds_on.0.reason"]);
    });
    it("checks that practices and instruments exist", () => {
      const problems = problemsOf(withCrosswalk((es) => { es[0].practice = "hague-99"; es[0].id = "crosswalk-hague-99"; links(es[1])[0].instrument = "no-such-treaty"; }));
      expect(problems).toContain(`${C}: crosswalk-hague-99: practice refers to unknown practice "hague-99"`);
      expect(problems).toContain(`${C}: crosswalk-hague-2: links.0.instrument refers to unknown instrument "no-such-treaty"`);
    });
    it("checks that pinpoints parse for the instrument's kind", () => {
      const problems = problemsOf(withCrosswalk((es) => {
        links(es[0]).push({ instrument: "fatf-recommendations", pinpoint: "para 8", topic: "t" }, { instrument: "fatf-recommendations", pinpoint: "R.8", topic: "t" });
        links(es[1]).push({ instrument: "unscr-2482", pinpoint: "art. 15", topic: "t" }, { instrument: "unscr-2482", pinpoint: "paras 3-5", topic: "t" });
        links(es[2])[0].pinpoint = "Article five";
      }));
      expect(problems).toContain(`${C}: crosswalk-hague-1: links.1.pinpoint "para 8" is not a FATF Recommendation such as "R.8" for fatf-recommendations`);
      expect(problems).toContain(`${C}: crosswalk-hague-2: links.1.pinpoint "art. 15" is not a paragraph such as "para 15" or "paras 3-5" for unscr-2482`);
      expect(problems).toContain(`${C}: crosswalk-hague-3: links.0.pinpoint "Article five" is not an article such as "art. 27", "art. 27(1)" or "arts 18-19" for untoc`);
      expect(problems.filter((p) => p.includes("links.2"))).toEqual([]);
    });
    it("names every practice the crosswalk misses, and entries with no link", () => {
      const problems = problemsOf(withCrosswalk((es) => { es.splice(es.findIndex((e) => e.practice === "icct-3"), 1); es.splice(es.findIndex((e) => e.practice === "hague-25"), 1); es[0].links = []; }));
      expect(problems).toContain("content/crosswalk/: icct-3: crosswalk entry is missing for this practice");
      expect(problems).toContain("content/crosswalk/: hague-25: crosswalk entry is missing for this practice");
      expect(problems).toContain(`${C}: crosswalk-hague-1: links is empty: map hague-1 to at least one pinpoint of an instrument`);
      expect(problems).toHaveLength(3);
    });
    it("reports the same instrument and pinpoint twice in one entry, however it is written", () => {
      const problems = problemsOf(withCrosswalk((es) => { links(es[4]).push({ instrument: "untoc", pinpoint: "Article 5", topic: "Again." }); }));
      expect(problems).toEqual([`${C}: crosswalk-hague-5: links.1 repeats links.0 (untoc Article 5)`]);
    });
    it("lets entries build only on Hague practices, never on their own", () => {
      const problems = problemsOf(withCrosswalk((es) => {
        es[25].builds_on = [{ practice: "addendum-2", reason: "r" }];
        es[0].builds_on = [{ practice: "hague-1", reason: "r" }];
        es[26].builds_on = [{ practice: "hague-77", reason: "r" }];
      }));
      expect(problems).toContain(`${C}: crosswalk-addendum-1: builds_on.0.practice "addendum-2" is not a Hague practice; only Hague practices are built on`);
      expect(problems).toContain(`${C}: crosswalk-hague-1: builds_on.0.practice: an entry cannot build on its own practice`);
      expect(problems).toContain(`${C}: crosswalk-addendum-2: builds_on.0.practice refers to unknown practice "hague-77"`);
    });
    it("requires the id to be crosswalk- and the practice id, and reports a misspelt field", () => {
      const problems = problemsOf(withCrosswalk((es) => { es[3].id = "crosswalk-hague-40"; es[5].id = "xw-hague-6"; (links(es[6])[0] as Record<string, unknown>).pinpiont = "art. 5"; }));
      expect(problems).toContain(`${C}: crosswalk-hague-40: id must be "crosswalk-hague-4" (crosswalk- followed by the practice id)`);
      expect(problems).toContain(`${C}: xw-hague-6: id must be crosswalk- followed by the practice id`);
      expect(problems.some((p) => p.startsWith(`${C}: crosswalk-hague-7: links.0`) && p.includes("pinpiont"))).toBe(true);
    });
  });

  it("reports YAML that does not parse and files it does not know", () => {
    const files = buildContentFiles();
    files.push({ path: "practices/broken.yaml", data: undefined, parseError: "bad indentation" });
    files.push({ path: "notes.yaml", data: [] });
    const problems = problemsOf(files);
    expect(problems).toContain("content/practices/broken.yaml: (file): YAML does not parse: bad indentation");
    expect(problems).toContain("content/notes.yaml: (file): unknown content file; see docs/content-format.md");
  });
});
