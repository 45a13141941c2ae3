/**
 * A reason someone gives to read restricted content, widen a marking or take an oversight
 * decision ends up in the audit trail, where an overseer must be able to judge it. "." or
 * "xxx" says nothing: a reason has at least 8 characters, two words and four letters
 * (four characters in scripts written without spaces).
 */
export function reasonFault(text: string | undefined | null): "missing" | "too-short" | null {
  const t = (text ?? "").trim();
  if (!t) return "missing";
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const words = t.split(/\s+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(t); // scripts written without spaces
  if (t.length < (unspaced ? 4 : 8) || letters < 4 || (words.length < 2 && !unspaced) || new Set(t.replace(/\s/g, "")).size < 4) {
    return "too-short";
  }
  return null;
}

/** What is wrong with a reason, in English (null when it will do). */
export function reasonProblem(text: string | undefined | null): string | null {
  const fault = reasonFault(text);
  return fault === "missing" ? "give a reason"
    : fault === "too-short" ? "give a real reason: a short sentence (at least two words) that an overseer can judge"
    : null;
}
