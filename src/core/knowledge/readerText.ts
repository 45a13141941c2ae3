/**
 * Which strings of a knowledge entry a person reads. The content schemas name reader-facing
 * text by key (`title`, `summary`, `steps.*.text`, ...): these fields are translated (decision
 * 0022) and searched. Proper names kept in their original (decision 0027) are searched too.
 * Everything else is a code or a reference (`actors: [border-authorities]`, `direction: for`,
 * locators such as "§82-84"), which a reader never sees as such and a search snippet must not
 * show.
 */

/** Keys whose string values are text a reader sees (names of fields in the content schemas). */
export const READER_TEXT_KEYS: ReadonlySet<string> = new Set([
  "name", "title", "summary", "definition", "description", "statement", "question", "questions", "present_when", "text", "points",
  "reasoning", "rationale", "reason", "characteristics", "briefing", "situation", "prompt", "pattern", "facilitator_notes", "evidence",
  "C", "LC", "PC", "NC", "High", "Substantial", "Moderate", "Low", "region", "short",
  // the standards crosswalk: what a link is about (decision 0036)
  "topic",
  // the training question bank (decision 0038); a question's `objective` (recognise, apply, judge) is a code, not text
  "stem", "case", "explanation",
]);

/** Keys whose values are proper names shown in their original language: searched, never translated. */
export const PROPER_NAME_KEYS: ReadonlySet<string> = new Set(["organisation", "issuer", "publisher"]);

/**
 * The searchable texts of an entry, in document order: reader text and proper names, never
 * citations, and not the texts of other entries nested in it (`isEntry(id)` says that an object
 * with that id is an entry of its own, searched by itself: a factor's indicators, or the
 * references an expanded body carries).
 */
export function searchTexts(entry: unknown, isEntry: (id: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string | null, top: boolean) => {
    if (typeof v === "string") {
      if (key && (READER_TEXT_KEYS.has(key) || PROPER_NAME_KEYS.has(key))) out.push(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key, false);
    } else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (!top && typeof o.id === "string" && isEntry(o.id)) return;
      for (const [k, x] of Object.entries(o)) if (k !== "citation") walk(x, k, false);
    }
  };
  walk(entry, null, true);
  return out;
}
