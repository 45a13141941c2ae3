import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { defaultContentDir } from "../src/content/readContent.js";

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const temp = mkdtempSync(join(tmpdir(), "nexus-cli-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("nexus content validate", () => {
  it("exits 0 on the real knowledge base", async () => {
    const r = await run(["content", "validate"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\ncontent ok \(version [0-9a-f]{16}\)$/);
    // Completeness and staleness of each translation language.
    for (const lang of ["fr", "ar", "es", "ru", "zh"]) expect(r.out).toMatch(new RegExp(`^${lang}: \\d+ of \\d+ fields translated \\([0-9.]+%\\), \\d+ stale`, "m"));
  });

  it("exits 1 with one line per problem, naming the file and the entry", async () => {
    const dir = join(temp, "broken");
    cpSync(defaultContentDir, dir, { recursive: true });
    writeFileSync(join(dir, "practices", "zz-extra.yaml"), [
      "- id: hague-1", "  framework: hague", "  area: hague-a", "  number: 1", "  title: Duplicate", "  summary: Copy.",
      "  steps: [{ number: 1, text: Do it. }]", "  citation: { source: hague-toolkit-2019, locator: GP 1 }",
      "- id: hague-x", "  framework: hague", "  area: hague-a", "  number: 1", "  title: Bad id", "  summary: Bad.",
      "  steps: [{ number: 1, text: Do it. }]", "  citation: { source: hague-toolkit-2019, locator: GP 1 }",
    ].join("\n"));
    const r = await run(["content", "validate", "--dir", dir]);
    expect(r.code).toBe(1);
    const lines = r.err.split("\n");
    expect(lines).toContain("content/practices/zz-extra.yaml: hague-1: duplicate id (also in content/practices/hague-1-9.yaml)");
    expect(lines).toContain("content/practices/zz-extra.yaml: hague-x: id must be hague-N, addendum-N or icct-N");
    expect(lines.at(-1)).toMatch(/^\d+ problem\(s\) found$/);
  });

  it("exits 1 when a file is not valid YAML", async () => {
    const dir = join(temp, "yaml");
    cpSync(defaultContentDir, dir, { recursive: true });
    writeFileSync(join(dir, "contexts.yaml"), "- id: [unclosed\n");
    const r = await run(["content", "validate", "--dir", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^content\/contexts\.yaml: \(file\): YAML does not parse: /m);
  });

  it("exits 2 on misuse", async () => {
    expect((await run(["content", "validate", "--frobnicate"])).code).toBe(2);
    const missing = await run(["content", "validate", "--dir", join(temp, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("does not exist");
    expect((await run(["content", "validate", "--dir"])).err).toContain("option --dir needs a value");
  });
});

describe("nexus content stats", () => {
  it("prints the counts as JSON", async () => {
    const r = await run(["content", "stats", "--json"]);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.out);
    expect(Object.keys(stats)).toEqual(["practices", "manifestations", "contexts", "factors", "indicators", "actors", "instruments", "initiatives", "researchPriorities", "steps", "scenarios"]);
    expect(stats.scenarios).toBeGreaterThanOrEqual(5);
    expect(stats.practices).toEqual({ hague: 25, addendum: 25, icct: 5 });
    expect(stats.indicators).toBeGreaterThanOrEqual(35);
  });

  it("prints readable lines without --json", async () => {
    const r = await run(["content", "stats"]);
    expect(r.out).toContain("practices: hague 25, addendum 25, icct 5");
  });
});

describe("nexus", () => {
  it("names an unknown command and exits 2", async () => {
    const r = await run(["content", "explode"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "content explode"');
  });

  it("runs as `npx nexus` through the package bin", () => {
    const ok = execFileSync("npx", ["nexus", "content", "stats", "--json"], { encoding: "utf8" });
    expect(JSON.parse(ok).factors).toBe(12);
    const bad = spawnSync("npx", ["nexus", "content", "validate", "--bogus"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown option "--bogus"');
  });
});
