/**
 * Refusals of bad input in the reader's language (decision 0028). `fromZod` turns the first issue
 * of a failed parse into a 400 that names the field, with a message key and its parameters where
 * the issue is a generic one (a wrong type, a length, a value not in a list) or the schema gave a
 * message key as its error (the shared fields of src/core/fields.ts); `localizeErrors`
 * renders the errors of any problem in the request's language when it is answered: a key through
 * the catalogues, a fixed sentence of the server through the language's table of them, anything
 * else (a sentence that carries a value) as it was written.
 */
import type { z } from "zod";
import { translator } from "../../core/i18n/catalogues.js";
import { validationEn, type ValidationKey } from "../../core/i18n/validation/en.js";
import { validationTextIn } from "../../core/i18n/validation/texts.js";
import { Problem, type FieldError } from "./problem.js";

type Issue = z.core.$ZodIssue;
const key = (k: ValidationKey) => `validation.msg.${k}`;
const english = translator("en");

/** The value at `path` in `input` (undefined where the path leads nowhere). */
const at = (input: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>((o, p) => (o && typeof o === "object" ? (o as Record<PropertyKey, unknown>)[p] : undefined), input);

/** Whether a schema gave a message key as its error (`messageKey` in src/core/fields.ts). */
const isKey = (message: string) => message.startsWith("validation.msg.") && Object.hasOwn(validationEn, message.slice("validation.msg.".length));

/** The message key of a generic issue or the key a schema gave, or null when the issue's own words must stand. */
function keyOf(i: Issue, input: unknown): { code: string; params?: Record<string, string | number> } | null {
  if ((i.code === "invalid_type" || i.code === "invalid_value") && at(input, i.path) === undefined) return { code: key("required") };
  if (isKey(i.message)) return { code: i.message };
  switch (i.code) {
    case "invalid_type":
      if (i.expected === "int") return { code: key("integer") };
      return { code: key((["string", "number", "boolean", "array", "object"].includes(i.expected) ? `type.${i.expected}` : "type.other") as ValidationKey) };
    case "too_small":
    case "too_big": {
      const n = Number(i.code === "too_small" ? i.minimum : i.maximum);
      const small = i.code === "too_small";
      const k = i.origin === "string" ? (small ? "tooShort" : "tooLong") : i.origin === "array" || i.origin === "set" ? (small ? "tooFew" : "tooMany") : small ? "tooSmall" : "tooBig";
      return { code: key(k), params: { n } };
    }
    case "invalid_value":
      return { code: key("oneOf"), params: { values: i.values.map(String).join(", ") } };
    case "invalid_format":
      if (i.format === "regex") return null;
      return { code: key((["email", "uuid", "date", "datetime", "url"].includes(i.format) ? `format.${i.format}` : "format.other") as ValidationKey) };
    default:
      return null;
  }
}

/**
 * The 400 for a failed parse of `input`, naming the field by its path after `prefix` (none for a route's own
 * fields, "body" for a record's body), or `whole` when the issue is about the value as a whole; an
 * unknown key is named with the path of the object it is in.
 */
export function fromZod(error: z.ZodError, input: unknown, where: { prefix?: string; whole: string }, unknown: "field" | "parameter" = "field"): Problem {
  const i = error.issues[0];
  const path = (i.code === "unrecognized_keys" ? [...i.path, i.keys[0]] : i.path).map(String).join(".");
  const param = !path ? where.whole : where.prefix ? `${where.prefix}.${path}` : path;
  const generic = i.code === "unrecognized_keys" ? { code: key(unknown === "field" ? "unknownField" : "unknownParameter") }
    : validationTextIn("en", i.message) !== undefined ? null
    : keyOf(i, input);
  const found: FieldError = generic ? keyed(param, generic.code, generic.params) : { param, message: i.message };
  return new Problem(400, "Bad request", `${param}: ${found.message}`, [found]);
}

/** A field error said by a message key, its English text beside it for readers of the raw API. */
export function keyed(param: string, code: string, params?: Record<string, string | number>): FieldError {
  return { param, message: english(code, params ?? {}), code, ...(params ? { params } : {}) };
}

/**
 * The 400 for one field whose value the server refuses, said with a message key and the values
 * it names (`invalid("units.0.actor", "notAnActor", { id })`), rendered in the reader's language
 * when answered.
 */
export function invalid(param: string, k: ValidationKey, params?: Record<string, string | number>): Problem {
  const found = keyed(param, key(k), params);
  return new Problem(400, "Bad request", `${param}: ${found.message}`, [found]);
}

/** The errors of a problem, and its detail when it is made of them, in `lang`. */
export function localizeErrors(lang: string, detail: string, errors: FieldError[]): { detail: string; errors: FieldError[] } {
  if (lang === "en" || !errors.length) return { detail, errors };
  const t = translator(lang);
  const out = errors.map((e) => ({ ...e, message: e.code ? t(e.code, e.params ?? {}) : validationTextIn(lang, e.message) ?? e.message }));
  const first = errors[0];
  return { detail: detail === `${first.param}: ${first.message}` ? `${first.param}: ${out[0].message}` : detail, errors: out };
}
