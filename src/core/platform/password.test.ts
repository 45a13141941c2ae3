import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password.js";

describe("passwordProblem (NIST 800-63B style)", () => {
  it.each([
    ["short", [], "must be at least 12 characters"],
    ["x".repeat(129), [], "must be at most 128 characters"],
    ["Password123!", [], "is a commonly used password"],
    ["tidal-ember-quarry", [], null],
    ["p@ssw0rd", [], "must be at least 12 characters"],
    ["aaaaaaaaaaaaaaa", [], "must not repeat one character"],
    ["1234567890ab", [], "must not be a keyboard or number sequence"],
    ["qwertyuiop12", [], "is a commonly used password"],
    ["abcdefghijklmn", [], "must not be a keyboard or number sequence"],
    ["correct horse battery staple", [], "is a commonly used password"],
    ["amina.fusion.centre", ["amina@example.org", "Amina"], "must not contain your name, email or the name of this service"],
    ["my nexus toolkit pass", ["nexus"], "must not contain your name, email or the name of this service"],
    ["river stone lantern 7", ["amina"], null],
    ["مكتب تحليل المعلومات", [], null],
  ])("%s -> %s", (pw, ctx, expected) => {
    expect(passwordProblem(pw, ctx as string[])).toBe(expected);
  });
});
