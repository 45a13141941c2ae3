/**
 * The analysis's messages (src/core/watch/messages.ts) cut into the pieces a page renders: the
 * template text of the reader's language, and the parameters, each marked with what it is, so the
 * page can mark knowledge-base text still in English (indicator statements, link reasoning) with
 * lang="en", isolate names typed by analysts, and format dates and numbers for the locale.
 * Joined, the pieces read exactly as `renderMessage` (given the same list separator and plain
 * formatting); the unit test checks it. Pure: no DOM, no i18next.
 */
import { lineMessage, lookup, msg, watchMessagesEn, type LineLike, type Msg, type MsgParam } from "../../core/watch/messages.js";

/** kb: knowledge-base text in English; user: a name an analyst typed; en: a sentence stored in English before the analysis spoke in keys. */
export type Mark = "kb" | "user" | "en";
export type Part = string | { text: string; mark: Mark };

export interface PartOptions {
  catalogue: Record<string, string>;
  /** joins a list of messages ("; " as renderMessage does) */
  separator?: string;
  formatNumber?: (value: number, signed: boolean) => string;
  formatDate?: (iso: string) => string;
  /**
   * Words the core still sends in English inside a parameter (how much an ended relationship
   * counts, the codes of the warnings that lower confidence): the reader's word for a parameter's
   * value, or undefined to keep it.
   */
  word?: (param: string, value: string) => string | undefined;
}

/** Parameters that carry knowledge-base text (still in English) and names typed by analysts. */
const KB = new Set(["statement", "reasoning"]);
const USER = new Set(["group", "from", "to", "subjects"]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;

const isMsg = (x: unknown): x is Msg => !!x && typeof x === "object" && "key" in x;
const isLine = (x: unknown): x is LineLike => !!x && typeof x === "object" && "reason" in x && "label" in x;

function paramParts(name: string, value: MsgParam, o: PartOptions): Part[] {
  if (Array.isArray(value)) return value.flatMap((m, i) => (i ? [o.separator ?? "; ", ...messageParts(m, o)] : messageParts(m, o)));
  if (isMsg(value)) return messageParts(value, o);
  if (typeof value === "number") return [o.formatNumber ? o.formatNumber(value, false) : String(value)];
  // Analyst judgement carries its grade as "judgement B2": the catalogue has words for it.
  const judgement = name === "grade" && /^judgement (\S+)$/.exec(value);
  if (judgement) return messageParts(msg("watch.msg.grade.judgement", { grade: judgement[1] }), o);
  const word = o.word?.(name, value);
  if (word !== undefined) return [word];
  if (KB.has(name)) return [{ text: value, mark: "kb" }];
  if (USER.has(name)) return [{ text: value, mark: "user" }];
  if (DATE.test(value) && o.formatDate) return [o.formatDate(value)];
  if (NUMBER.test(value) && o.formatNumber) return [o.formatNumber(Number(value), /^[+-]/.test(value))];
  return [value];
}

/**
 * The pieces of a message, a list of messages (joined with a space, as textOf does), an
 * explanation line, or a sentence stored in English by an older analysis.
 */
export function messageParts(x: unknown, o: PartOptions): Part[] {
  if (typeof x === "string") return x ? [{ text: x, mark: "en" }] : [];
  if (Array.isArray(x)) return x.flatMap((y, i) => (i ? [" ", ...messageParts(y, o)] : messageParts(y, o)));
  if (!isMsg(x)) return isLine(x) ? messageParts(lineMessage(x), o) : [];
  const template = lookup(o.catalogue, x.key) ?? lookup(watchMessagesEn, x.key) ?? x.key;
  const params = x.params ?? {};
  // Parameters inside a nested key name a key ($t(watch.msg.relKind.{{kind}})): fill those first.
  const keyed = template.replace(/\$t\(([^)]+)\)/g, (_, key: string) => `$t(${key.replace(/\{\{(\w+)\}\}/g, (all, n: string) => (n in params ? String(params[n]) : all))})`);
  const out: Part[] = [];
  for (const token of keyed.split(/(\{\{\w+\}\}|\$t\([^)]+\))/)) {
    if (!token) continue;
    const param = /^\{\{(\w+)\}\}$/.exec(token);
    const nested = /^\$t\(([^)]+)\)$/.exec(token);
    if (param) out.push(...(param[1] in params ? paramParts(param[1], params[param[1]], o) : [token]));
    else if (nested) out.push(...messageParts({ key: nested[1] }, o));
    else out.push(token);
  }
  return out;
}

export const partText = (p: Part) => (typeof p === "string" ? p : p.text);
/** The plain text of a message in a catalogue, with the options' formatting. */
export const messageString = (x: unknown, o: PartOptions) => messageParts(x, o).map(partText).join("");
