import { describe, expect, it } from "vitest";
import { searchTexts } from "./readerText.js";

describe("searchTexts", () => {
  const none = () => false;

  it("keeps reader text and proper names, in document order", () => {
    expect(searchTexts({ id: "x", title: "Border posts", organisation: "IOM", steps: [{ id: "s1", text: "Train the guards", points: ["one", "two"] }] }, none))
      .toEqual(["Border posts", "IOM", "Train the guards", "one", "two"]);
  });

  it("leaves out ids, codes, links, locators and citations", () => {
    expect(searchTexts({
      id: "x", actors: ["border-authorities"], direction: "for", strength: "moderate", link: "https://a.invalid",
      pinpoint: "§82-84", countries: ["NE"], citation: { source: "hague", locator: "GP 3", title: "The toolkit" }, summary: "kept",
    }, none)).toEqual(["kept"]);
  });

  it("does not read the entries nested in an entry, but reads the entry itself", () => {
    const factor = { id: "f", name: "Geography", indicators: [{ id: "f.border", statement: "Near a border" }] };
    expect(searchTexts(factor, (id) => id === "f.border" || id === "f")).toEqual(["Geography"]);
    expect(searchTexts(factor, none)).toEqual(["Geography", "Near a border"]);
  });
});
