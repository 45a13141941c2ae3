/**
 * Search-result snippets: the window of an entry's text with the most words that match the
 * query's stems, HTML-escaped, with matches wrapped in <mark>. PostgreSQL's ts_headline does
 * the same but costs milliseconds per long document on the single PGlite connection, so the
 * text is tokenised once (tokenize) and each query only scans the words.
 */
export interface TokenizedText {
  words: string[];
  /** lower-cased words without leading punctuation, for stem matching */
  keys: string[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function tokenize(text: string): TokenizedText {
  const words = text.split(/\s+/).filter(Boolean);
  return { words, keys: words.map((w) => w.replace(/^[^\p{L}\p{N}]+/u, "").toLowerCase()) };
}

/** Marks the word itself, not the punctuation around it: "(hawala)," -> "(<mark>hawala</mark>),". */
function markWord(word: string): string {
  const [, lead, core, trail] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word)!;
  return `${escapeHtml(lead)}<mark>${escapeHtml(core)}</mark>${escapeHtml(trail)}`;
}

/** English stems from to_tsvector are prefixes of the words they come from ("centr" of "centres"). */
export function buildSnippet(text: string | TokenizedText, stems: string[], maxWords = 30): string {
  const { words, keys } = typeof text === "string" ? tokenize(text) : text;
  const hit = keys.map((k) => stems.some((s) => k.startsWith(s)));
  let best = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < words.length; i++) {
    score += hit[i] ? 1 : 0;
    if (i >= maxWords) score -= hit[i - maxWords] ? 1 : 0;
    const start = Math.max(0, i - maxWords + 1);
    if (score > bestScore) { bestScore = score; best = start; }
  }
  // Start a few words before the first match of the best window, so the match has context.
  const firstHit = hit.indexOf(true, best);
  const start = firstHit >= 0 ? Math.max(0, Math.min(best, firstHit - 6)) : 0;
  const body = words.slice(start, start + maxWords).map((w, i) => (hit[start + i] ? markWord(w) : escapeHtml(w))).join(" ");
  return `${start > 0 ? "… " : ""}${body}${start + maxWords < words.length ? " …" : ""}`;
}
