/**
 * The analysis speaks in message keys with parameters, never in finished sentences, so every
 * reader gets it in their language. The mechanism lives in src/core/i18n (decision 0025) and the
 * catalogues in src/core/i18n/watch/<lang>.ts; this module keeps the names the watch code uses.
 */
import { catalogueEn } from "../i18n/catalogues.en.js";
import { lookup, msg, renderWith, type Catalogue, type Msg } from "../i18n/messages.js";
import { watchMessagesEn } from "../i18n/watch/en.js";

export { lookup, msg, watchMessagesEn };
export type { Msg, MsgParam } from "../i18n/messages.js";

/** Fills a message from a catalogue (English by default; a key missing there comes from English). */
export const renderMessage = (m: Msg, catalogue: Catalogue = catalogueEn): string => renderWith(m, catalogue, { fallback: catalogueEn });

/** One line of a hypothesis's explanation, as stored by the analysis. */
export interface LineLike { points: number; label: Msg; state: string; grade: string; reason: Msg }
export const lineMessage = (l: LineLike): Msg =>
  msg("watch.msg.line", { points: l.points >= 0 ? `+${l.points}` : `${l.points}`, label: l.label, state: l.state, grade: l.grade, reason: l.reason });

/**
 * Text of something the analysis said, for a document: a message, a list of them, an explanation
 * line, or (in assessments stored before the analysis spoke in keys) the English sentence itself.
 */
export function textOf(x: unknown, catalogue: Catalogue = catalogueEn): string {
  if (typeof x === "string") return x;
  if (Array.isArray(x)) return x.map((y) => textOf(y, catalogue)).join(" ");
  if (x && typeof x === "object" && "key" in x) return renderMessage(x as Msg, catalogue);
  if (x && typeof x === "object" && "reason" in x && "label" in x) return renderMessage(lineMessage(x as LineLike), catalogue);
  return "";
}
