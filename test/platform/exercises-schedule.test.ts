/**
 * Scheduled injects (issue 14): injects fire at offsets from their phase's start, pauses shift
 * them, delivery is within a second of the schedule (the server's timer, not a minute tick), the
 * facilitator may hold an inject or fire it now, and the schedule is the facilitator's alone.
 * Real time, real sockets through the app: the offsets are a few seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import type { ExerciseEvent } from "../../src/core/exercises/events.js";
import { engines } from "../support/databases.js";
import { Live } from "../support/live.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const kb = loadContent().kb;
const sc = kb.scenarios.find((s) => s.phases[0].injects.filter((i) => i.release.mode === "manual" && i.audience === "all").length >= 2)
  ?? kb.scenarios.find((s) => s.phases[0].injects.filter((i) => i.release.mode === "manual").length >= 3)!;
const p1 = sc.phases[0];
const manual = p1.injects.filter((i) => i.release.mode === "manual");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(engines)("scheduled injects on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  const opened: Live[] = [];
  const open = async (session: string, hello: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const live = new Live(await f.app.injectWS("/api/v1/exercises/live", { headers }));
    opened.push(live);
    live.ws.send(JSON.stringify({ t: "hello", session, ...hello }));
    await live.next((m) => m.t === "snapshot" || m.t === "error");
    return live;
  };
  const start = async () => {
    const s = (await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, max_participants: 5 })).body as { id: string; join_code: string };
    const joined = await f.anonymous.post("/api/v1/exercises/join", { code: s.join_code, pseudonym: "Heron", role: sc.roles[0].id, language: "en", consent: true });
    expect(joined.status).toBe(201);
    const facilitator = await open(s.id, {}, { cookie: alice.cookie! });
    const participant = await open(s.id, { token: joined.body.token });
    for (const cmd of [{ type: "start-briefing" }, { type: "enter-phase", phase: p1.id }]) expect((await facilitator.cmd(cmd)).t).toBe("ack");
    const entered = await facilitator.event("phase-entered");
    return { s, facilitator, participant, phaseStart: Date.parse(entered.at) };
  };
  const releasedOf = (live: Live, inject: string) => live.events().filter((e: ExerciseEvent) => e.type === "inject-released" && e.inject === inject);

  beforeAll(async () => {
    f = await platformFixture(create);
    alice = await f.as("alice");
  });
  afterAll(async () => {
    for (const l of opened) l.ws.terminate();
    await f?.close();
  });

  it("fires an inject at its offset from the phase's start, within a second, and a pause shifts it by its length", async () => {
    const { facilitator, participant, phaseStart } = await start();
    expect(await facilitator.cmd({ type: "schedule-inject", inject: manual[0].id, after_seconds: 2 })).toMatchObject({ t: "ack" });
    expect(await facilitator.cmd({ type: "schedule-inject", inject: manual[1].id, after_seconds: 1 })).toMatchObject({ t: "ack" });
    // The second is held before it fires; the first goes through a 1.5-second pause.
    expect((await facilitator.cmd({ type: "hold-inject", inject: manual[1].id })).t).toBe("ack");
    await sleep(Math.max(0, phaseStart + 500 - Date.now()));
    expect((await facilitator.cmd({ type: "pause" })).t).toBe("ack");
    await sleep(1500);
    expect((await facilitator.cmd({ type: "resume" })).t).toBe("ack");
    const paused = facilitator.events().find((e: ExerciseEvent) => e.type === "paused")!;
    const resumed = facilitator.events().find((e: ExerciseEvent) => e.type === "resumed")!;
    const due = phaseStart + 2000 + (Date.parse(resumed.at) - Date.parse(paused.at));
    const fired = (await facilitator.next((m) => m.t === "event" && m.event.type === "inject-released", 0, 8000)).event as ExerciseEvent & { type: "inject-released" };
    expect(fired.inject).toBe(manual[0].id);
    expect(fired.scheduled).toBe(true);
    expect(Math.abs(Date.parse(fired.at) - due)).toBeLessThanOrEqual(1000);
    expect(Date.parse(fired.at)).toBeGreaterThanOrEqual(due - 50); // never early
    // The participant gets the inject, but never the schedule.
    if (manual[0].audience === "all" || manual[0].audience.includes(sc.roles[0].id)) await participant.next((m) => m.t === "event" && m.event.type === "inject-released");
    expect(participant.events().some((e: ExerciseEvent) => e.type === "inject-scheduled" || e.type === "inject-held")).toBe(false);
    // The held inject never fires by itself.
    await sleep(1200);
    expect(releasedOf(facilitator, manual[1].id)).toHaveLength(0);
  }, 20_000);

  it("lets the facilitator fire a scheduled inject now, once, and refuses what cannot be scheduled", async () => {
    const { facilitator } = await start();
    expect((await facilitator.cmd({ type: "schedule-inject", inject: manual[0].id, after_seconds: 1 })).t).toBe("ack");
    expect((await facilitator.cmd({ type: "release-inject", inject: manual[0].id })).t).toBe("ack");
    await sleep(1600);
    expect(releasedOf(facilitator, manual[0].id)).toHaveLength(1);
    expect(releasedOf(facilitator, manual[0].id)[0].scheduled).toBeUndefined();
    // Bad input names the field: out of range, not a whole number, an inject of another phase, one that is out, one not scheduled.
    expect(await facilitator.cmd({ type: "schedule-inject", inject: manual[1].id, after_seconds: -1 })).toMatchObject({ t: "error", field: "cmd.after_seconds" });
    expect(await facilitator.cmd({ type: "schedule-inject", inject: manual[1].id, after_seconds: 1.5 })).toMatchObject({ t: "error", field: "cmd.after_seconds" });
    expect(await facilitator.cmd({ type: "schedule-inject", inject: manual[1].id, after_seconds: 6 * 3600 + 1 })).toMatchObject({ t: "error", field: "cmd.after_seconds" });
    const later = sc.phases.slice(1).flatMap((p) => p.injects)[0];
    if (later) expect(await facilitator.cmd({ type: "schedule-inject", inject: later.id, after_seconds: 10 })).toMatchObject({ t: "error", field: "cmd.inject" });
    expect(await facilitator.cmd({ type: "schedule-inject", inject: manual[0].id, after_seconds: 10 })).toMatchObject({ t: "error", field: "cmd.inject", code: "out-of-turn" });
    expect(await facilitator.cmd({ type: "hold-inject", inject: manual[1].id })).toMatchObject({ t: "error", field: "cmd.inject", code: "out-of-turn" });
    expect(await facilitator.cmd({ type: "schedule-inject", inject: manual[1].id })).toMatchObject({ t: "error", field: "cmd.after_seconds" });
  }, 20_000);

  it("does not let a participant schedule or hold", async () => {
    const { participant } = await start();
    expect(await participant.cmd({ type: "schedule-inject", inject: manual[0].id, after_seconds: 1 })).toMatchObject({ t: "error", code: "forbidden" });
    expect(await participant.cmd({ type: "hold-inject", inject: manual[0].id })).toMatchObject({ t: "error", code: "forbidden" });
  });
});
