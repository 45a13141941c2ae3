import { describe, expect, it } from "vitest";
import { buildSnippet } from "./snippet.js";

describe("buildSnippet", () => {
  it.each([
    // [text, stems, expected]
    ["Prisons bring offenders together.", ["prison"], "<mark>Prisons</mark> bring offenders together."],
    ["Set up fusion centres to share data.", ["fusion", "centr"], "Set up <mark>fusion</mark> <mark>centres</mark> to share data."],
    ["Nothing relevant here.", ["hawala"], "Nothing relevant here."],
    ["A <script> tag & more about hawala", ["hawala"], "A &#60;script&#62; tag &#38; more about <mark>hawala</mark>"],
    ["(Hawala) networks move money.", ["hawala"], "(<mark>Hawala</mark>) networks move money."],
  ])("%s", (text, stems, expected) => {
    expect(buildSnippet(text, stems)).toBe(expected);
  });

  it("shows the window with the most matches, with ellipses where text is cut", () => {
    const text = `${"filler ".repeat(40)}the prison and the prison service ${"tail ".repeat(40)}`;
    const s = buildSnippet(text, ["prison"], 12);
    expect(s.startsWith("… ")).toBe(true);
    expect(s.endsWith(" …")).toBe(true);
    expect(s.match(/<mark>/g)).toHaveLength(2);
  });
});
