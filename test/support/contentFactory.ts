import type { RawContentFile } from "../../src/core/knowledge/validate.js";
import { manifestationIds } from "../../src/core/knowledge/schema.js";

const cite = (locator = "test") => ({ source: "src-a", locator });

/**
 * The smallest knowledge base that passes validation: every practice id, six manifestations,
 * three contexts, eleven factors with one indicator each. Tests break one thing at a time.
 */
export function buildContentFiles(): RawContentFile[] {
  const practice = (framework: string, area: string, n: number) => ({
    id: `${framework}-${n}`, framework, area, number: n, title: `Practice ${framework} ${n}`,
    summary: "A summary in our own words.", steps: [{ number: 1, text: "Do one thing." }],
    actors: ["police"], instruments: [{ id: "untoc", pinpoint: "Article 5" }], examples: ["eg-one"],
    related: [], manifestations: ["alliance"], indicators: [], citation: cite(`GP ${n}`),
  });
  const factors = Array.from({ length: 11 }, (_, i) => ({
    id: `factor-${i + 1}`, group: i < 7 ? "environmental" : "organizational", name: `Factor ${i + 1}`, question: "What?",
    citation: cite(),
    indicators: [{
      id: `factor-${i + 1}.signal`, statement: "A signal.", question: "Is it there?", present_when: "When seen.",
      practices: ["hague-1"],
      links: [{ manifestation: "black-hole", direction: "for", strength: "strong", reasoning: "Because.", citation: cite() }],
      citation: cite(),
    }],
  }));
  return [
    { path: "sources.yaml", data: [{ id: "src-a", title: "Source A", publisher: "Publisher", year: 2019 }] },
    { path: "frameworks.yaml", data: [
      { id: "hague", name: "Hague", source: "src-a", areas: [{ id: "hague-a", order: 1, name: "A" }] },
      { id: "addendum", name: "Addendum", source: "src-a", areas: [{ id: "addendum-i", order: 1, name: "I" }] },
      { id: "icct", name: "ICCT", source: "src-a", areas: [{ id: "icct", order: 1, name: "Recommendations" }] },
    ] },
    { path: "actors.yaml", data: [
      { id: "law-enforcement", name: "Law enforcement", parent: null, description: "Group." },
      { id: "police", name: "Police", parent: "law-enforcement", description: "Police." },
    ] },
    { path: "manifestations.yaml", data: manifestationIds.map((id, i) => ({
      id, name: id, family: i < 2 ? "transactional" : i < 5 ? "organizational" : "environment", definition: "Def.",
      continuum: i + 1, citation: cite(),
    })) },
    { path: "contexts.yaml", data: ["politically-stable", "transitional", "post-conflict"].map((id) => ({
      id, name: id, summary: "Sum.", manifestations: ["alliance"], citation: cite(),
    })) },
    { path: "watchpoints.yaml", data: factors },
    { path: "practices/hague.yaml", data: Array.from({ length: 25 }, (_, i) => practice("hague", "hague-a", i + 1)) },
    { path: "practices/addendum.yaml", data: Array.from({ length: 25 }, (_, i) => practice("addendum", "addendum-i", i + 1)) },
    { path: "practices/icct.yaml", data: Array.from({ length: 5 }, (_, i) => practice("icct", "icct", i + 1)) },
    { path: "instruments/all.yaml", data: [{ id: "untoc", name: "UNTOC", kind: "convention", issuer: "UNGA", year: 2000, link: "https://example.org/untoc", citation: cite() }] },
    { path: "initiatives/all.yaml", data: [{ id: "eg-one", name: "Example", organisation: "Org", scope: "national", countries: ["KE"], link: "https://example.org", summary: "An example.", citation: cite() }] },
  ];
}

/** Applies a change to one entry of one file and returns the changed copy of the files. */
export function withChange(files: RawContentFile[], path: string, index: number, change: (entry: Record<string, unknown>) => void): RawContentFile[] {
  const copy = structuredClone(files);
  const file = copy.find((f) => f.path === path);
  if (!file) throw new Error(`no file ${path} in the factory`);
  change((file.data as Record<string, unknown>[])[index]);
  return copy;
}
