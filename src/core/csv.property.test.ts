/**
 * Properties of the CSV writer and reader and of the audit's canonical JSON, checked with
 * fast-check over generated input rather than chosen examples.
 */
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { Problem } from "../server/http/problem.js";
import { readCsvUpload } from "../server/http/uploads.js";
import { canonicalJson } from "./platform/auditChain.js";
import { CsvError, parseCsv, toCsv } from "./csv.js";

/** Text rich in what CSV and spreadsheets care about: quotes, separators, line ends, formula starts, a BOM. */
const tricky = fc.constantFrom('"', ",", "\n", "\r", "\r\n", "'", "=", "+", "-", "@", "\t", " ", "\uFEFF", "\uFF1D", "1", "a", "é", "\u{1F600}");
const cellText = fc.oneof(
  { weight: 3, arbitrary: fc.array(tricky, { maxLength: 12 }).map((parts) => parts.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }).map((s) => s.replace(/\u0000/g, "")) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }).map(String) },
);
const table = fc.array(fc.array(cellText, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

/** Would a spreadsheet read this cell, as written in the file, as a formula? */
const runnable = (cell: string) => /^(?:[=+@\t\r\uFF1D\uFF0B\uFF20\uFF0D]|-(?!\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$))/.test(cell);

describe("CSV writer and reader", () => {
  it("read back exactly what was written: quotes, commas, line breaks, formula-like text", () => {
    fc.assert(fc.property(table, (rows) => {
      expect(parseCsv(toCsv(rows)).rows).toEqual(rows);
    }), { numRuns: 400 });
  });

  it("never write a cell a spreadsheet would run: such cells carry the apostrophe prefix", () => {
    fc.assert(fc.property(table, (rows) => {
      const written = parse(toCsv(rows), { relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n"] }) as string[][];
      written.flat().forEach((cell, i) => {
        expect(runnable(cell), cell).toBe(false);
        const original = rows.flat()[i];
        if (runnable(original)) expect(cell).toBe(`'${original}`);
      });
    }), { numRuns: 300 });
  });

  it("reader: on any text, rows or a CsvError naming a line, never another error", () => {
    const text = fc.oneof(
      fc.array(fc.oneof(tricky, fc.constantFrom("\u0000", "a,b", '""', '"x"')), { maxLength: 40 }).map((p) => p.join("")),
      fc.string({ unit: "binary", maxLength: 200 }),
    );
    fc.assert(fc.property(text, (t) => {
      try {
        const { rows, lines } = parseCsv(t);
        expect(lines).toHaveLength(rows.length);
        for (let i = 1; i < lines.length; i++) expect(lines[i]).toBeGreaterThan(lines[i - 1]);
      } catch (e) {
        expect(e).toBeInstanceOf(CsvError);
        expect((e as CsvError).line).toBeGreaterThanOrEqual(1);
        expect((e as Error).message).toMatch(/^line \d+|^the CSV is empty|^there are no data rows/);
      }
    }), { numRuns: 1000 });
  });

  it("an import's reader throws nothing but a 400 Problem in the import's error shape", () => {
    const text = fc.oneof(
      fc.array(fc.oneof(tricky, fc.constantFrom("\u0000", "subject", "note", ",", '"')), { maxLength: 40 }).map((p) => p.join("")),
      fc.string({ maxLength: 200 }),
    );
    fc.assert(fc.property(text, (t) => {
      try {
        readCsvUpload(`subject,note\n${t}`, { columns: ["subject", "note"], required: ["subject"] });
      } catch (e) {
        expect(e).toBeInstanceOf(Problem);
        expect((e as Problem).status).toBe(400);
        expect((e as Problem).errors[0]).toMatchObject({ param: "csv", line: expect.any(Number), row: expect.any(Number), field: expect.any(String), message: expect.any(String) });
      }
    }), { numRuns: 1000 });
  });
});

describe("canonical JSON (audit chain)", () => {
  /** The value as JSON would carry it: -0 is 0, and so on. */
  const normal = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
  /** The same value with the keys of every object in another order (reversed, or rotated by `shift`). */
  const reorder = (v: unknown, shift: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => reorder(x, shift));
    if (v && typeof v === "object") {
      const keys = Object.keys(v);
      const order = shift % 2 ? keys.reverse() : keys.map((_, i) => keys[(i + shift) % keys.length]);
      const out = {};
      for (const k of order) Object.defineProperty(out, k, { value: reorder((v as Record<string, unknown>)[k], shift + 1), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  const json = fc.jsonValue({ maxDepth: 4 }).map(normal);

  it("is the same whatever order the keys are in", () => {
    fc.assert(fc.property(json, fc.nat(7), (v, shift) => {
      expect(canonicalJson(reorder(v, shift))).toBe(canonicalJson(v));
    }), { numRuns: 500 });
  });

  it("is valid JSON for the same value, so distinct values never share it", () => {
    fc.assert(fc.property(json, (v) => {
      expect(JSON.parse(canonicalJson(v))).toEqual(v);
    }), { numRuns: 500 });
    fc.assert(fc.property(json, json, (a, b) => {
      // Equal text exactly for equal values (key order aside, which toEqual ignores too).
      if (canonicalJson(a) === canonicalJson(b)) expect(a).toEqual(b);
      else expect(a).not.toEqual(b);
    }), { numRuns: 500 });
  });
});
