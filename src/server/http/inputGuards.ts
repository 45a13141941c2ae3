/**
 * Input no route should ever see, refused before routing or validation with a 400 that names
 * the field: a NUL character anywhere in the URL (PostgreSQL cannot store it in text or jsonb,
 * so it would otherwise end as a 500 deep in a query), and JSON bodies that hold a NUL
 * character or an unpaired surrogate (\ud800: not Unicode, refused by jsonb) in a key or
 * string, or are nested deeper than MAX_JSON_DEPTH (recursive code further on, from
 * validation to the audit's canonical JSON, would run out of stack).
 * Text bodies (CSV) are left to their reader, which names the line.
 */
import type { FastifyInstance } from "fastify";
import { badRequest } from "./problem.js";

/** Deepest nesting of arrays and objects a JSON body may have; the deepest real body is under 10. */
export const MAX_JSON_DEPTH = 64;

const NUL = /%00|\u0000/;
/** Half of a surrogate pair without its other half: JSON can carry it, Unicode text cannot. */
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What is wrong with a string of a JSON body, if anything. */
const textProblem = (s: string) =>
  s.includes("\u0000") ? "a NUL character (\\u0000), which cannot be stored" : UNPAIRED.test(s) ? "an unpaired surrogate (such as \\ud800), which is not valid Unicode" : null;

const decode = (s: string) => {
  try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch { return s; }
};

/** The parameter of a URL with a NUL character in it, or null: "path", a query parameter's name, or "query". */
export function nulInUrl(url: string): { param: string; message: string } | null {
  if (!NUL.test(url)) return null;
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (NUL.test(path)) return { param: "path", message: "contains a NUL character (%00)" };
  for (const pair of url.slice(q + 1).split("&")) {
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (NUL.test(name)) return { param: "query", message: "a parameter name contains a NUL character (%00)" };
    if (NUL.test(pair.slice(eq + 1))) return { param: decode(name), message: "contains a NUL character (%00)" };
  }
  return { param: "query", message: "contains a NUL character (%00)" };
}

/**
 * The first problem in a parsed JSON body, or null: a key or string with a NUL character or
 * an unpaired surrogate, or nesting deeper than MAX_JSON_DEPTH. Walks without recursion, so any depth is safe to check.
 * Fields are named as validation names them: the path inside the body, joined with dots.
 */
export function jsonBodyProblem(body: unknown, maxDepth = MAX_JSON_DEPTH): { param: string; message: string } | null {
  if (body === null || typeof body !== "object") return null;
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value: body, path: [], depth: 1 }];
  const name = (path: string[]) => (path.length ? path.join(".") : "body");
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { param: name(path), message: `contains ${problem}` };
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth > maxDepth) return { param: name(path.slice(0, 3)), message: `is nested more than ${maxDepth} levels deep` };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, String(i)], depth: depth + 1 });
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const problem = textProblem(key);
        if (problem) return { param: name([...path, key.replace(/\u0000/g, "").replace(new RegExp(UNPAIRED, "g"), "\uFFFD")]), message: `has ${problem} in its name` };
        stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key], depth: depth + 1 });
      }
    }
  }
  return null;
}

/** Installs the guards: the URL on every request (pages and sockets included), the body once parsed. */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook("onRequest", async (req) => {
    const problem = nulInUrl(req.raw.url ?? req.url);
    if (problem) throw badRequest(problem.param, problem.message);
  });
  app.addHook("preValidation", async (req) => {
    const problem = jsonBodyProblem(req.body);
    if (problem) throw badRequest(problem.param, problem.message);
  });
}
