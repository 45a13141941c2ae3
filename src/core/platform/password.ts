/**
 * Password rules after NIST SP 800-63B: length matters, composition rules do not. At least 12
 * characters here (the guideline's minimum is 8; these accounts hold sensitive data), at most
 * 128, no check of character classes, and refusal of common, repetitive or context-derived
 * passwords.
 */
const common = new Set([
  "password", "password1", "password123", "123456789012", "qwertyuiop", "iloveyou", "letmein", "welcome", "admin", "administrator",
  "passw0rd", "p@ssw0rd", "changeme", "secret", "football", "monkey", "dragon", "sunshine", "princess", "trustno1",
  "qwerty123456", "abc123456789", "1q2w3e4r5t6y", "zaq12wsxcde3", "correcthorsebatterystaple",
]);

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** Returns the reason the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: string[] = []): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  // "Password123!" and "password1234" are the common "password" with digits and symbols added.
  if (common.has(lower) || common.has(lower.replace(/[^a-z0-9@]/g, "")) || common.has(lower.replace(/[^a-z]/g, ""))) return "is a commonly used password";
  if (/^(.)\1+$/u.test(password)) return "must not repeat one character";
  if (/^(?:0123456789|1234567890|abcdefghijkl|qwertyuiop)/.test(lower)) return "must not be a keyboard or number sequence";
  for (const word of context.map((c) => c.toLowerCase()).filter((c) => c.length >= 4)) {
    if (lower.includes(word)) return "must not contain your name, email or the name of this service";
  }
  return null;
}

/** The words a user's password must not contain: their email, its local part, their name and the service's name. */
export const passwordContext = (email: string, name: string): string[] =>
  [email, email.split("@")[0], name, ...name.split(/\s+/), "nexus", "toolkit"];
