import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isParticipantPath, participantPath } from "./paths.js";

describe("training participant paths (lean entry)", () => {
  it("takes the participant's pages and leaves the trainer's and the rest to the app", () => {
    for (const p of ["/learn", "/learn/", "/learn/test/pre", "/training", "/training/prosecutors", "/training/prosecutors/nexus", "/training/verify/ABCD-1234"]) expect([p, isParticipantPath(p)]).toEqual([p, true]);
    for (const p of ["/", "/join", "/learning", "/trainings", "/training/cohorts/c1", "/training/workspaces/w1/cohorts", "/training/a/b/c", "/learn/test", "/practices/hague-1"]) expect([p, isParticipantPath(p)]).toEqual([p, false]);
  });
  it("is the same test in the server and the service worker", () => {
    const server = readFileSync(new URL("../../server/app.ts", import.meta.url), "utf8");
    const sw = readFileSync(new URL("../public/sw.js", import.meta.url), "utf8");
    expect(server).toContain(`const PARTICIPANT_PATH = ${participantPath.toString()};`);
    expect(sw).toContain(`const PARTICIPANT_PATH = ${participantPath.toString()};`);
  });
});
