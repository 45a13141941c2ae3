import { describe, expect, it } from "vitest";
import { joinList, resolveList, splitList } from "./csvList.js";

describe("the list of sources in a CSV cell", () => {
  it("splits on semicolons outside double quotes, with doubled quotes inside", () => {
    expect(splitList("a; b ;c")).toEqual(["a", "b", "c"]);
    expect(splitList('"Reuters; Africa desk"; Field report')).toEqual(["Reuters; Africa desk", "Field report"]);
    expect(splitList('"The ""Delta"" bulletin";x')).toEqual(['The "Delta" bulletin', "x"]);
    expect(splitList(" ; a;; ")).toEqual(["a"]);
    expect(splitList("")).toEqual([]);
  });

  it("refuses a quote left open, text after a closing quote and a stray quote", () => {
    expect(splitList('"open; b')).toBeNull();
    expect(splitList('"a"b; c')).toBeNull();
    expect(splitList('a"b')).toBeNull();
  });

  it("writes names so that they read back unchanged", () => {
    const names = ["Reuters; Africa desk", 'The "Delta" bulletin', "Plain", " padded "];
    const cell = joinList(names);
    expect(cell).toBe('"Reuters; Africa desk"; "The ""Delta"" bulletin"; Plain; " padded "');
    expect(splitList(cell)).toEqual(names);
  });

  const known = new Map([["reuters; africa desk", "s1"], ["reuters", "s2"], ["africa desk", "s3"], ["field report", "s4"], ["s1", "s1"], ["s4", "s4"]]);
  const find = (k: string) => known.get(k.toLowerCase());

  it("resolves names and ids; a cell that is one name with a semicolon is that source", () => {
    expect(resolveList("s1;Field report", find)).toEqual({ ids: ["s1", "s4"] });
    expect(resolveList('"Reuters; Africa desk"; field report', find)).toEqual({ ids: ["s1", "s4"] });
    const onlyWhole = (k: string) => (k.toLowerCase() === "reuters; africa desk" ? "s1" : undefined);
    expect(resolveList("Reuters; Africa desk", onlyWhole)).toEqual({ ids: ["s1"] });
  });

  it("refuses an ambiguous cell, an unknown name and a broken quote, naming the problem", () => {
    expect(resolveList("Reuters; Africa desk", find)).toEqual({ error: expect.stringMatching(/names a source and also the sources "Reuters", "Africa desk"; put the name in quotes/) });
    expect(resolveList("Reuters; Nobody", find)).toEqual({ error: 'no source "Nobody" in this workspace' });
    expect(resolveList('"Reuters; Africa desk', find)).toEqual({ error: expect.stringMatching(/quote in the list of sources is not closed/) });
  });
});
