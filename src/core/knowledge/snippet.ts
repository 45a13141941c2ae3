/**
 * Search-result snippets: the window of an entry's text with the most words that match the
 * query, HTML-escaped, with matches wrapped in <mark>. The text is tokenised once, when the
 * search index is built, and each query only scans the words.
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

/** Stems are prefixes of the words they come from ("centr" of "centres"): a word matches when it starts with one. */
export function buildSnippet(text: string | TokenizedText, stems: string[], maxWords = 30): string {
  const { words, keys } = typeof text === "string" ? tokenize(text) : text;
  const hits = keys.map((k) => stems.some((s) => k.startsWith(s)));
  return cutSnippet(words, (i) => hits[i], maxWords);
}

/**
 * The window of `maxWords` units with the most hits (`hit(i)` says whether `words[i]` matches),
 * HTML-escaped, hits in <mark>, an ellipsis where the text is cut. Units are words joined by
 * spaces, or, for Chinese, segments joined by nothing.
 */
export function cutSnippet(words: string[], hit: (i: number) => boolean, maxWords = 30, joiner = " "): string {
  let best = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < words.length; i++) {
    if (hit(i)) score++;
    if (i >= maxWords && hit(i - maxWords)) score--;
    const start = Math.max(0, i - maxWords + 1);
    if (score > bestScore) { bestScore = score; best = start; }
  }
  // Start a few words before the first match of the best window, so the match has context.
  let firstHit = best;
  while (firstHit < words.length && !hit(firstHit)) firstHit++;
  const start = firstHit < words.length ? Math.max(0, Math.min(best, firstHit - 6)) : 0;
  const body = words.slice(start, start + maxWords).map((w, i) => (hit(start + i) ? markWord(w) : escapeHtml(w))).join(joiner);
  return `${start > 0 ? `…${joiner}` : ""}${body}${start + maxWords < words.length ? `${joiner}…` : ""}`;
}
