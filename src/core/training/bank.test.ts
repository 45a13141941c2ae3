import { describe, expect, it } from "vitest";
import { buildContentFiles, withChange } from "../../../test/support/contentFactory.js";
import { translatableFields } from "../../content/translations.js";
import { formatProblem, validateContent } from "../knowledge/validate.js";
import { normalStem } from "./bank.js";

type Q = Record<string, unknown>;
const F = "training/questions/police.yaml";
const at = `content/${F}`;

/** A valid question of the police bank about `about`, number n, with objective `objective`. */
function question(n: number, objective = "recognise", about: Q = { practice: "hague-1" }): Q {
  const entry = Object.values(about)[0] as string;
  return {
    id: `q-police-${entry}-${n}`, audience: "police", type: "single", about, objective,
    stem: `Which step does practice number ${n} ask for first?`,
    options: [{ id: "a", text: "The right one.", correct: true }, { id: "b", text: "A wrong one.", correct: false }, { id: "c", text: "Another wrong one.", correct: false }],
    explanation: "The practice says so in its first step.",
    citation: { source: "src-a", locator: "GP 1" },
  };
}
/** A balanced bank of eight: 3 recognise, 3 apply, 2 judge. */
const balanced = () => ["recognise", "recognise", "recognise", "apply", "apply", "apply", "judge", "judge"].map((o, i) => question(i + 1, o));
function bank(questions: Q[], path = F) {
  const files = buildContentFiles();
  files.push({ path, data: questions });
  return files;
}
const problemsOf = (files: ReturnType<typeof buildContentFiles>) => validateContent(files).problems.map(formatProblem);
const change = (i: number, f: (q: Q) => void) => problemsOf(withChange(bank(balanced()), F, i, f));

describe("the question bank", () => {
  it("accepts a valid, balanced bank and adds it to the knowledge base with its reader text", () => {
    const files = bank([
      ...balanced(),
      { ...question(9, "apply", { manifestation: "alliance" }), type: "scenario", case: "A smuggling ring sells safe passage to an armed group.", stem: "What should the team look for first?" },
      { ...question(10, "judge", { indicator: "factor-1.signal" }), type: "multiple", stem: "Which signals count?", options: [{ id: "a", text: "One.", correct: true }, { id: "b", text: "Two.", correct: true }, { id: "c", text: "Three.", correct: false }] },
      { ...question(11, "recognise"), type: "ordering", stem: "Put the steps in order.", options: [{ id: "a", text: "First." }, { id: "b", text: "Second." }, { id: "c", text: "Third." }] },
    ]);
    const { kb, problems } = validateContent(files);
    expect(problems).toEqual([]);
    expect(kb.questions).toHaveLength(11);
    const scenario = kb.questions.find((q) => q.type === "scenario")!;
    expect([...translatableFields(scenario).keys()]).toEqual(["stem", "case", "options.0.text", "options.1.text", "options.2.text", "explanation"]);
  });

  // [what is broken, question index, change, expected problem]
  const cases: [string, number, (q: Q) => void, string][] = [
    ["an unknown practice", 0, (q) => { q.about = { practice: "hague-99" }; q.id = "q-police-hague-99-1"; }, `${at}: q-police-hague-99-1: about.practice refers to unknown practice "hague-99"`],
    ["an unknown manifestation", 0, (q) => { q.about = { manifestation: "fusion" }; q.id = "q-police-fusion-1"; }, `${at}: q-police-fusion-1: about.manifestation refers to unknown manifestation "fusion"`],
    ["an unknown indicator", 0, (q) => { q.about = { indicator: "factor-1.nothing" }; q.id = "q-police-factor-1.nothing-1"; }, `${at}: q-police-factor-1.nothing-1: about.indicator refers to unknown indicator "factor-1.nothing"`],
    ["two cited entries", 0, (q) => { q.about = { practice: "hague-1", manifestation: "alliance" }; }, `${at}: q-police-hague-1-1: about names practice and manifestation: name exactly one of practice, manifestation or indicator`],
    ["no cited entry", 0, (q) => { q.about = {}; }, `${at}: q-police-hague-1-1: about names nothing: name exactly one of practice, manifestation or indicator`],
    ["an unknown audience", 0, (q) => { q.audience = "astronauts"; }, `${at}: q-police-hague-1-1: audience Invalid option: expected one of "prosecutors"|"judges"|"police"|"fiu"|"prison-probation"|"border-customs"|"policy-makers"|"civil-society"`],
    ["an unknown objective", 0, (q) => { q.objective = "memorise"; }, `${at}: q-police-hague-1-1: objective Invalid option: expected one of "recognise"|"apply"|"judge"`],
    ["a single question with two correct options", 0, (q) => { (q.options as Q[])[1].correct = true; }, `${at}: q-police-hague-1-1: a single question needs exactly one correct option, found 2`],
    ["a single question with no correct option", 0, (q) => { (q.options as Q[])[0].correct = false; }, `${at}: q-police-hague-1-1: a single question needs exactly one correct option, found 0`],
    ["an option without correct", 0, (q) => { delete (q.options as Q[])[2].correct; }, `${at}: q-police-hague-1-1: options.2.correct is missing: say true or false for every option of a single question`],
    ["a multiple question with one correct option", 0, (q) => { q.type = "multiple"; }, `${at}: q-police-hague-1-1: a multiple question needs at least two correct options, found 1`],
    ["a multiple question with no wrong option", 0, (q) => { q.type = "multiple"; for (const o of q.options as Q[]) o.correct = true; }, `${at}: q-police-hague-1-1: a multiple question needs at least one wrong option`],
    ["an ordering question that marks correct", 0, (q) => { q.type = "ordering"; }, `${at}: q-police-hague-1-1: options.0.correct must be left out of an ordering question: list the options in the right order`],
    ["a scenario question without a case", 0, (q) => { q.type = "scenario"; }, `${at}: q-police-hague-1-1: case is missing: a scenario question needs a short case`],
    ["a case on a single question", 0, (q) => { q.case = "A case."; }, `${at}: q-police-hague-1-1: case is only for scenario questions, not single`],
    ["two options", 0, (q) => { (q.options as Q[]).pop(); }, `${at}: q-police-hague-1-1: options give 3 to 5 options`],
    ["six options", 0, (q) => { (q.options as Q[]).push(...["d", "e", "f"].map((id) => ({ id, text: `Option ${id}.`, correct: false }))); }, `${at}: q-police-hague-1-1: options give 3 to 5 options`],
    ["option ids out of order", 0, (q) => { (q.options as Q[])[1].id = "c"; (q.options as Q[])[2].id = "b"; }, `${at}: q-police-hague-1-1: options.1.id is "c", expected "b" (option ids run a, b, c, d, e in order)`],
    ["an option id outside a-e", 0, (q) => { (q.options as Q[])[2].id = "z"; }, `${at}: q-police-hague-1-1: options.2.id Invalid option: expected one of "a"|"b"|"c"|"d"|"e"`],
    ["a citation of an unknown source", 0, (q) => { q.citation = { source: "nowhere", locator: "p. 1" }; }, `${at}: q-police-hague-1-1: citation.source refers to unknown source "nowhere"`],
    ["an id naming another entry", 0, (q) => { q.id = "q-police-hague-2-1"; }, `${at}: q-police-hague-2-1: id must be "q-police-hague-1-" followed by a number (q-, the audience, the cited entry id and a number)`],
    ["an id naming another audience", 0, (q) => { q.id = "q-judges-hague-1-1"; }, `${at}: q-judges-hague-1-1: id must be "q-police-hague-1-" followed by a number (q-, the audience, the cited entry id and a number)`],
    ["an id without a number", 0, (q) => { q.id = "q-police-hague-1-x"; }, `${at}: q-police-hague-1-x: id must be q- followed by the audience, the cited entry id and a number`],
    ["an audience other than the file's", 0, (q) => { q.audience = "judges"; q.id = "q-judges-hague-1-1"; }, `${at}: q-judges-hague-1-1: audience is judges, so the question belongs in content/training/questions/judges.yaml`],
    ["a repeated stem (case, spaces and punctuation aside)", 1, (q) => { q.stem = "  which STEP does practice number 1 ask for first "; }, `${at}: q-police-hague-1-2: stem repeats the stem of q-police-hague-1-1: every question asks something of its own`],
    ["an empty explanation", 0, (q) => { q.explanation = " "; }, `${at}: q-police-hague-1-1: explanation must not be empty`],
    ["an unknown field", 0, (q) => { q.hint = "Think."; }, `${at}: q-police-hague-1-1: (entry) Unrecognized key: "hint"`],
  ];
  it.each(cases)("reports %s, naming the file and the question", (_what, index, f, expected) => {
    expect(change(index, f)).toContain(expected);
  });

  it("finds a repeated stem across audiences' files", () => {
    const files = bank(balanced());
    files.push({ path: "training/questions/judges.yaml", data: [{ ...question(1), id: "q-judges-hague-1-1", audience: "judges", stem: "Which step does practice number 1 ask for FIRST!" }] });
    // files are read in path order, so the police question is the one that repeats
    expect(problemsOf(files)).toContain("content/training/questions/police.yaml: q-police-hague-1-1: stem repeats the stem of q-judges-hague-1-1: every question asks something of its own");
  });

  it("asks each objective to cover a quarter of an audience's questions once it has eight", () => {
    // 8 questions, judge on only 1 of them (needs 2)
    const lopsided = ["recognise", "recognise", "recognise", "recognise", "apply", "apply", "apply", "judge"].map((o, i) => question(i + 1, o));
    expect(problemsOf(bank(lopsided))).toContain(`${at}: (file): objective judge covers 1 of 8 questions: each of recognise, apply and judge needs at least a quarter (2)`);
    // 7 questions: too few to ask for the balance
    expect(problemsOf(bank(lopsided.slice(0, 7)))).toEqual([]);
    // exactly a quarter passes
    expect(problemsOf(bank(balanced()))).toEqual([]);
  });

  it("normalises stems by case, spacing and punctuation only", () => {
    expect(normalStem(" What, in short,  is the nexus? ")).toBe("what in short is the nexus");
    expect(normalStem("Who acts first?")).not.toBe(normalStem("Who acts last?"));
  });
});
