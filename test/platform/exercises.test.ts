import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { engines } from "../support/databases.js";
import { Live } from "../support/live.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const kb = loadContent().kb;
const dir = mkdtempSync(join(tmpdir(), "nexus-ex-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pdfText = (buf: Buffer, name: string) => { const f = join(dir, name); writeFileSync(f, buf); return execFileSync("pdftotext", ["-layout", f, "-"], { encoding: "utf8" }); };

/** A scenario with a branching option in its first phase, and what to play. */
const sc = kb.scenarios.find((s) => s.phases[0].decisions.some((d) => d.options.some((o) => o.branch)))!;
const p1 = sc.phases[0];
const d1 = p1.decisions.find((d) => d.options.some((o) => o.branch))!;
const branching = d1.options.find((o) => o.branch)!;
const branchPhase = sc.phases.find((p) => p.id === branching.branch)!;
const roleA = d1.scope === "role" ? d1.roles[0] : sc.roles[0].id;
const roleB = sc.roles.find((r) => r.id !== roleA)!.id;


describe.each(engines)("table-top exercises on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, mallory: Client;
  let session: { id: string; join_code: string; evaluator_code: string; projector_key: string };
  const open = async (hello: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const live = new Live(await f.app.injectWS("/api/v1/exercises/live", { headers }));
    live.ws.send(JSON.stringify({ t: "hello", session: session.id, ...hello }));
    await live.next((m) => m.t === "snapshot" || m.t === "error");
    return live;
  };
  const join = (body: Record<string, unknown>) => f.anonymous.post("/api/v1/exercises/join", { code: session.join_code, language: "en", consent: true, ...body });
  let facilitator: Live, a: Live, b: Live, c: Live, evaluator: Live, projector: Live;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, mallory] = await Promise.all(["alice", "mallory"].map((w) => f.as(w)));
    const r = await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, max_participants: 3 });
    expect(r.status).toBe(201);
    session = r.body;
    tokens = {};
    for (const [name, role, table] of [["Falcon", roleA, "t1"], ["Heron", roleB, "t1"], ["Kestrel", roleA, "t2"]] as const) {
      const j = await join({ pseudonym: name, role, table });
      expect(j.status, JSON.stringify(j.body)).toBe(201);
      tokens[name] = j.body.token;
    }
    tokens.eval = (await join({ code: session.evaluator_code, pseudonym: "Owl" })).body.token;
    facilitator = await open({}, { cookie: alice.cookie! });
    a = await open({ token: tokens.Falcon });
    b = await open({ token: tokens.Heron });
    c = await open({ token: tokens.Kestrel });
    evaluator = await open({ token: tokens.eval });
    projector = await open({ projector: session.projector_key });
  });
  afterAll(async () => {
    for (const l of [facilitator, a, b, c, evaluator, projector]) l?.ws.terminate();
    await f?.close();
  });

  it("refuses bad joins with the field and the reason, and writes nothing", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ code: "ZZZZZZ", pseudonym: "Nobody", role: roleA }, 404, "code"],
      [{ code: "12", pseudonym: "Nobody", role: roleA }, 400, "code"],
      [{ pseudonym: "Nobody", role: roleA, consent: false }, 400, "consent"],
      [{ pseudonym: "Nobody", role: "astronaut" }, 400, "role"],
      [{ pseudonym: "Nobody", role: roleA }, 409, "code"], // full: three participants already
      [{ pseudonym: "Nobody" }, 400, "role"],
      [{ pseudonym: "N", role: roleA }, 400, "pseudonym"],
      [{ pseudonym: "Nobody", role: roleA, language: "de" }, 400, "language"],
    ];
    for (const [body, status, param] of cases) {
      const r = await join(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.errors[0].param, JSON.stringify(body)).toBe(param);
    }
    // The facilitator closes joining: even an evaluator is turned away, with the reason.
    expect((await alice.post(`/api/v1/exercises/sessions/${session.id}/joining`, { open: false })).body.joining_open).toBe(false);
    const closed = await join({ code: session.evaluator_code, pseudonym: "Late owl" });
    expect([closed.status, closed.body.errors[0].param, closed.body.errors[0].message]).toEqual([409, "code", "the facilitator has closed joining for this session"]);
    await alice.post(`/api/v1/exercises/sessions/${session.id}/joining`, { open: true });
    const n = await f.t.db.query<{ n: string }>("select count(*) as n from exercise_member where session_id = $1", [session.id]);
    expect(Number(n.rows[0].n)).toBe(4);
  });

  it("gives each screen its own view: role briefings, facilitator notes, private injects", async () => {
    const welcome = a.messages.find((m) => m.t === "welcome")!;
    expect(welcome.role).toMatchObject({ id: roleA, briefing: sc.roles.find((r) => r.id === roleA)!.briefing });
    expect(JSON.stringify(welcome)).not.toContain("alignment");
    expect(facilitator.messages.find((m) => m.t === "welcome")!.scenario.phases[0].injects[0].facilitator_notes).toBeTruthy();
    expect(projector.messages.find((m) => m.t === "snapshot")!.view.members.map((m: { pseudonym: string }) => m.pseudonym)).toContain("Falcon");
    // Someone else's session and another organisation's facilitator see nothing.
    const intruder = await open({}, { cookie: mallory.cookie! });
    expect(intruder.messages[0]).toMatchObject({ t: "error", field: "session" });
  });

  it("without PUBLIC_URL gives a relative join link, and never builds one from the Host header", async () => {
    expect((await alice.get(`/api/v1/exercises/sessions/${session.id}`)).body.join_url).toBe(`/join?code=${session.join_code}`);
    const qr = (host: string) => alice.request("GET", `/api/v1/exercises/sessions/${session.id}/qr.svg`, undefined, { headers: { host, "x-forwarded-host": host } });
    const [ours, forged] = [await qr("localhost"), await qr("evil.example")];
    expect([ours.status, forged.status]).toEqual([200, 200]);
    expect(forged.text).toBe(ours.text);
    expect(projector.messages.find((m) => m.t === "welcome")!.join_url).toBe("/join");
  });

  it("runs two phases with a branch: pacing by the facilitator, answers, reveal, results", async () => {
    for (const cmd of [{ type: "start-briefing" }, { type: "enter-phase", phase: p1.id }, { type: "release-situation" }, { type: "release-inject", inject: p1.injects[0].id }, { type: "open-decision", decision: d1.id }]) {
      expect((await facilitator.cmd(cmd)).t, JSON.stringify(cmd)).toBe("ack");
    }
    await c.next((m) => m.t === "event" && m.event.type === "decision-opened");
    const answer = d1.response === "single" ? { option: branching.id } : d1.response === "multiple" ? { options: [branching.id] } : d1.response === "rank" ? { order: [branching.id, ...d1.options.filter((o) => o.id !== branching.id).map((o) => o.id)] } : { text: "we act" };
    const voters = d1.scope === "role" ? [a, c] : [a, b, c];
    // Every voter may use the same request id: ids are scoped to their sender.
    const first = [];
    for (const v of voters) first.push(await v.cmd({ type: "respond", decision: d1.id, answer, request: "req-d1-0001" }));
    for (const ack of first) expect(ack).toMatchObject({ t: "ack", duplicate: false, seqs: [expect.any(Number)] });
    // Resending the same request is idempotent: acknowledged with the event it made, no new event.
    const again = await a.cmd({ type: "respond", decision: d1.id, answer, request: "req-d1-0001" });
    expect(again).toMatchObject({ t: "ack", duplicate: true, seqs: first[0].seqs });
    expect((await facilitator.cmd({ type: "close-decision", decision: d1.id })).t).toBe("ack");
    expect((await facilitator.cmd({ type: "reveal", decision: d1.id })).t).toBe("ack");
    const revealed = await b.next((m) => m.t === "event" && m.event.type === "results-revealed");
    expect(revealed.event.tally).toMatchObject({ chosen: branching.id, branch: branchPhase.id });
    // Out of turn: the plan says the branch comes next.
    const wrong = await facilitator.cmd({ type: "enter-phase", phase: sc.phases.find((p) => !p.branch && p.id !== p1.id)!.id });
    expect(wrong).toMatchObject({ t: "error", field: "cmd.phase", code: "out-of-turn" });
    expect((await facilitator.cmd({ type: "enter-phase", phase: branchPhase.id })).t).toBe("ack");
    await a.next((m) => m.t === "event" && m.event.type === "phase-entered" && m.event.phase === branchPhase.id);
  });

  it("refuses malformed, oversized and out-of-turn messages without touching the session", async () => {
    const seq = (await f.t.db.query<{ n: number }>("select max(seq)::int as n from exercise_event where session_id = $1", [session.id])).rows[0].n;
    const from = a.messages.length;
    a.ws.send("{not json");
    expect(await a.next((m) => m.t === "error", from)).toMatchObject({ field: "message" });
    const from2 = a.messages.length;
    a.ws.send(JSON.stringify({ t: "cmd", id: "big", cmd: { type: "respond", decision: d1.id, answer: { text: "x".repeat(9000) }, request: "req-big-0001" } }));
    expect(await a.next((m) => m.t === "error", from2)).toMatchObject({ field: "message" });
    expect(await a.cmd({ type: "release-inject", inject: p1.injects[0].id })).toMatchObject({ t: "error", code: "forbidden" });
    expect(await a.cmd({ type: "respond", decision: d1.id, answer: { option: branching.id }, request: "req-late-001" })).toMatchObject({ t: "error", field: "cmd.decision", code: "out-of-turn" });
    expect(await a.cmd({ type: "respond", decision: d1.id, request: "req-noanswer" })).toMatchObject({ t: "error", field: "cmd.answer" });
    expect(await a.cmd({ type: "respond", decision: d1.id, answer: { option: branching.id }, request: "short" })).toMatchObject({ t: "error", field: "cmd.request" });
    expect(await a.cmd({ type: "fly" })).toMatchObject({ t: "error", field: "cmd.type" });
    expect(await projector.cmd({ type: "pause" })).toMatchObject({ t: "error", code: "forbidden" });
    expect((await f.t.db.query<{ n: number }>("select max(seq)::int as n from exercise_event where session_id = $1", [session.id])).rows[0].n).toBe(seq);
  });

  it("gives a reconnecting participant exactly the events it missed, with no duplicates and no loss", async () => {
    const heron = b.messages.find((m) => m.t === "welcome")!.viewer.member;
    const seen = b.events();
    const lastSeq = Math.max(...seen.map((e: { seq: number }) => e.seq));
    b.ws.terminate();
    // While Heron is away: situation, every inject of the branch phase that may go out, a timer.
    await facilitator.cmd({ type: "release-situation" });
    for (const i of branchPhase.injects) await facilitator.cmd({ type: "release-inject", inject: i.id });
    await facilitator.cmd({ type: "timer-start", seconds: 300 });
    const back = await open({ token: tokens.Heron, last_seq: lastSeq });
    const missed = back.messages.find((m) => m.t === "missed")!;
    const all = seen.concat(missed.events);
    const seqs = all.map((e: { seq: number }) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    // The full log filtered for Heron is exactly what Heron now holds.
    const log = (await f.t.db.query<{ seq: number; type: string; data: { audience?: unknown; member?: unknown } }>("select seq, type, data from exercise_event where session_id = $1 order by seq", [session.id])).rows;
    const forHeron = log.filter((e) => {
      if (e.type === "inject-released") { const aud = e.data.audience; return aud === "all" || (Array.isArray(aud) && aud.includes(roleB)); }
      if (e.type === "response-recorded") return e.data.member === heron;
      if (e.type === "observation-recorded" || e.type === "hotwash-answered") return false;
      return true;
    }).map((e) => e.seq).filter((s) => s > lastSeq);
    expect(missed.events.map((e: { seq: number }) => e.seq)).toEqual(forHeron);
    expect(missed.events.length).toBeGreaterThanOrEqual(2);
    expect(back.messages.find((m) => m.t === "snapshot")!.view.timer.seconds).toBe(300);
    b = back;
  });

  it("keeps a role's private injects from the other roles and from the projector", async () => {
    const log = (await f.t.db.query<{ seq: number; data: { audience: "all" | string[] } }>("select seq, data from exercise_event where session_id = $1 and type = 'inject-released'", [session.id])).rows;
    const privateToOthers = log.filter((e) => e.data.audience !== "all" && !e.data.audience.includes(roleB)).map((e) => e.seq);
    const publicOnes = log.filter((e) => e.data.audience === "all").map((e) => e.seq);
    const seqsOf = (l: Live) => new Set(l.events().map((e: { seq: number }) => e.seq));
    for (const seq of privateToOthers) expect([seqsOf(b).has(seq), seqsOf(projector).has(seq)]).toEqual([false, false]);
    for (const seq of publicOnes) expect([seqsOf(b).has(seq), seqsOf(projector).has(seq)]).toEqual([true, true]);
    expect(log.length).toBeGreaterThan(2);
  });

  it("finishes in the next main phase, takes observations and a hot wash, and writes the after-action report", async () => {
    const next = sc.phases.slice(sc.phases.indexOf(branchPhase) + 1).find((p) => !p.branch)!;
    expect((await facilitator.cmd({ type: "enter-phase", phase: next.id })).t).toBe("ack");
    expect((await evaluator.cmd({ type: "observe", rating: "S", practice: sc.practices[0], note: "good exchange between agencies", request: "obs-000001" })).t).toBe("ack");
    expect((await evaluator.cmd({ type: "observe", rating: "Q", practice: sc.practices[0], note: "", request: "obs-000002" }))).toMatchObject({ field: "cmd.rating" });
    await facilitator.cmd({ type: "open-hotwash" });
    const rating = sc.hotwash.find((q) => q.kind === "rating");
    if (rating) expect((await c.cmd({ type: "hotwash", answers: { [rating.id]: 4 }, anonymous: true, request: "hw-0000001" })).t).toBe("ack");
    expect((await facilitator.cmd({ type: "end" })).t).toBe("ack");
    expect((await join({ pseudonym: "Latecomer", role: roleA })).body.errors[0].message).toMatch(/ended|full/);

    const r = await alice.get(`/api/v1/exercises/sessions/${session.id}/report`);
    expect(r.status).toBe(200);
    const g = r.body.generated;
    expect(g.phasesPlayed).toEqual([p1.id, branchPhase.id, next.id]);
    expect(g.decisions[0]).toMatchObject({ decision: d1.id, chosen: branching.id });
    const exercised = g.heatmap.filter((h: { level: string }) => h.level !== "not exercised").map((h: { practice: string }) => h.practice);
    for (const p of branching.practices) expect(exercised).toContain(p);
    expect(g.heatmap.find((h: { practice: string }) => h.practice === sc.practices[0]).why).toContainEqual(expect.objectContaining({ key: expect.stringMatching(/^exercises\.msg\.why\.evaluator/), params: expect.objectContaining({ rating: "S" }) }));
    expect(g.agencies.roles.map((x: { role: string }) => x.role).sort()).toEqual([...new Set(d1.scope === "role" ? [roleA] : [roleA, roleB])].sort().concat(d1.scope === "role" ? [roleB] : []).sort());
    const pdf = pdfText((await alice.get(`/api/v1/exercises/sessions/${session.id}/export/report.pdf`)).raw, "aar.pdf");
    for (const s of ["After-action report", "Practices exercised", "Decisions against the aligned options", "Agencies at the table", "Improvement plan", "TLP:AMBER"]) expect(pdf).toContain(s);
    expect((await mallory.get(`/api/v1/exercises/sessions/${session.id}/report`)).status).toBe(404);
  });

  it("lets the facilitator edit the report and send improvement items into an action plan, atomically", async () => {
    const sa = (await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "Plan", country: "KE", marking: "AMBER" })).body.id;
    const edits = { summary: "A lively exercise.", lessons: ["Share earlier"], improvements: [{ practice: sc.practices[0], title: "Set up a joint cell", why: "slow exchange", actors: [], owner: "Crisis cell", due: "2027-03-01" }, { practice: "", title: "Buy better coffee for the next session", why: "", actors: [], owner: "" }] };
    expect((await alice.request("PUT", `/api/v1/exercises/sessions/${session.id}/report`, edits)).body.edits.summary).toBe("A lively exercise.");
    const refused = await alice.post(`/api/v1/exercises/sessions/${session.id}/improvements/to-plan`, { self_assessment: sa, items: [0, 1] });
    expect(refused.body.errors[0].param).toBe("items.1");
    expect((await alice.get(`/api/v1/plans/self-assessments/${sa}/actions`)).body.actions).toHaveLength(0);
    const sent = await alice.post(`/api/v1/exercises/sessions/${session.id}/improvements/to-plan`, { self_assessment: sa, items: [0] });
    expect(sent.status).toBe(201);
    expect((await alice.get(`/api/v1/plans/self-assessments/${sa}/actions`)).body.actions.map((x: { title: string; due: string }) => [x.title, x.due])).toEqual([["Set up a joint cell", "2027-03-01"]]);
    const csv = await alice.get(`/api/v1/exercises/sessions/${session.id}/export/improvements.csv`);
    expect(csv.text).toContain("Set up a joint cell");
    expect((await alice.request("PUT", `/api/v1/exercises/sessions/${session.id}/report`, { ...edits, improvements: [{ title: "x y z", practice: "hague-99" }] })).body.errors[0].param).toBe("improvements.0.practice");
  });

  it("prints the situation manual without the answers and the handbook with them", async () => {
    const manual = pdfText((await alice.get(`/api/v1/exercises/scenarios/${sc.id}/manual.pdf`)).raw, "manual.pdf");
    expect(manual).toContain(`Situation manual: ${sc.title}`);
    expect(manual).not.toContain("misaligned");
    expect(manual).not.toContain(branchPhase.title);
    const handbook = pdfText((await alice.get(`/api/v1/exercises/scenarios/${sc.id}/handbook.pdf`)).raw, "handbook.pdf");
    expect(handbook).toContain("Evaluation guide");
    expect(handbook).toContain("aligned");
    expect(handbook).toContain(`Role card: ${sc.roles[0].name}`);
  });

  it("prints the after-action report, the manual and the handbook in the reader's language, naming no practice by its id", async () => {
    const english = ["After-action report", "Practices exercised", "Decisions against the aligned options", "Agencies at the table", "Improvement plan", "Situation manual",
      "How the exercise runs", "Hot wash", "Evaluation guide", "Role card", "Who takes part", "Objectives", "Performed with", "evaluator:"];
    const texts: [string, string][] = [];
    for (const lang of ["fr", "es", "ru"]) {
      texts.push([`report ${lang}`, pdfText((await alice.get(`/api/v1/exercises/sessions/${session.id}/export/report.pdf?lang=${lang}`)).raw, `aar-${lang}.pdf`)]);
      texts.push([`manual ${lang}`, pdfText((await alice.get(`/api/v1/exercises/scenarios/${sc.id}/manual.pdf?lang=${lang}`)).raw, `manual-${lang}.pdf`)]);
      texts.push([`handbook ${lang}`, pdfText((await alice.get(`/api/v1/exercises/scenarios/${sc.id}/handbook.pdf?lang=${lang}`)).raw, `handbook-${lang}.pdf`)]);
    }
    const [, aarFr] = texts[0];
    for (const w of ["Rapport après action", "Pratiques exercées", "Organismes autour de la table", "Plan d'amélioration"]) expect(aarFr, w).toContain(w);
    expect(texts[2][1]).toContain("Guide d'évaluation");
    expect(texts[8][1]).toContain("Руководство по оценке");
    for (const [name, text] of texts) {
      for (const w of english) expect(text, `${name}: ${w}`).not.toContain(w);
      expect(text, name).not.toMatch(/\b(hague|addendum|icct)-\d/);
    }
    // The improvement plan as CSV: stable English column names, values in the reader's language.
    const csv = (await alice.get(`/api/v1/exercises/sessions/${session.id}/export/improvements.csv?lang=fr`)).text;
    expect(csv.split("\r\n")[0]).toBe("Item,Practice,Why,Actors,Owner,Due");
  });

  it("validates a scenario draft as the editor types", async () => {
    const good = await alice.post("/api/v1/exercises/scenarios/validate", { text: stringify(sc) });
    expect(good.body).toEqual({ ok: true, problems: [] });
    const broken = structuredClone(sc) as typeof sc;
    broken.phases[0].decisions[0].options[0].practices = ["hague-99"];
    const bad = await alice.post("/api/v1/exercises/scenarios/validate", { text: stringify(broken) });
    expect(bad.body.ok).toBe(false);
    expect(JSON.stringify(bad.body.problems)).toContain("hague-99");
    expect((await alice.post("/api/v1/exercises/scenarios/validate", { text: "id: [unclosed" })).body.problems[0].message).toMatch(/not valid YAML/);
    expect((await f.anonymous.post("/api/v1/exercises/scenarios/validate", { text: "" })).status).toBe(401);
  });
});
