/**
 * Exercises in each participant's language (issue 12): players pick their role from a list named
 * in their language, each screen receives the scenario's texts in its reader's language (a
 * participant's own, the session's on the projector, the facilitator's choice), and the stored
 * log stays as released.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { loadTranslations, localize } from "../../src/content/translations.js";
import { localizeEvent } from "../../src/core/exercises/localize.js";
import type { ExerciseEvent } from "../../src/core/exercises/events.js";
import { engines } from "../support/databases.js";
import { Live } from "../support/live.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const { kb, dir } = { kb: loadContent().kb, dir: undefined };
const translations = loadTranslations(dir ?? "content", kb).translations;
const fr = localize(kb, "fr", translations);
// A scenario whose first phase's situation, first inject and role names are translated into French.
const sc = kb.scenarios.find((s) => {
  const f = fr.scenarios.find((x) => x.id === s.id)!;
  return f.phases[0].situation !== s.phases[0].situation && f.phases[0].injects[0].text !== s.phases[0].injects[0].text && f.roles.every((r, i) => r.name !== s.roles[i].name);
})!;
const scFr = fr.scenarios.find((x) => x.id === sc.id)!;
const p1 = sc.phases[0];


describe("scenario texts in the reader's language (core)", () => {
  it("takes each released text from the translated scenario by id, and keeps the stored text where the id is unknown", () => {
    const base = { seq: 1, at: "2026-12-06T00:00:00.000Z" };
    const inj = p1.injects[0];
    const released = { ...base, type: "inject-released", inject: inj.id, phase: p1.id, kind: inj.kind, title: inj.title, text: inj.text, audience: inj.audience, notes: inj.facilitator_notes } as ExerciseEvent;
    const out = localizeEvent(released, scFr) as Extract<ExerciseEvent, { type: "inject-released" }>;
    expect([out.title, out.text, out.notes]).toEqual([scFr.phases[0].injects[0].title, scFr.phases[0].injects[0].text, scFr.phases[0].injects[0].facilitator_notes]);
    expect(out.text).not.toBe(inj.text);
    // Without notes (as a participant receives it), none are added.
    const { notes: _n, ...forParticipant } = released as Extract<ExerciseEvent, { type: "inject-released" }>;
    expect("notes" in localizeEvent(forParticipant as ExerciseEvent, scFr)).toBe(false);
    const unknown = { ...released, inject: "no-such-inject" } as ExerciseEvent;
    expect(localizeEvent(unknown, scFr)).toBe(unknown);
    const d = sc.phases.flatMap((p) => p.decisions.map((x) => ({ p, x })))[0];
    const opened = { ...base, type: "decision-opened", decision: d.x.id, phase: d.p.id, prompt: d.x.prompt, scope: d.x.scope, roles: d.x.roles, response: d.x.response, options: d.x.options.map((o) => ({ id: o.id, text: o.text })) } as ExerciseEvent;
    const dFr = scFr.phases.find((p) => p.id === d.p.id)!.decisions.find((x) => x.id === d.x.id)!;
    expect(localizeEvent(opened, scFr)).toMatchObject({ prompt: dFr.prompt, options: dFr.options.map((o) => ({ id: o.id, text: o.text })) });
  });
});

describe.each(engines)("exercises in each participant's language on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  let session: { id: string; join_code: string; evaluator_code: string; projector_key: string; language: string };
  const screens: Live[] = [];
  const open = async (hello: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const live = new Live(await f.app.injectWS("/api/v1/exercises/live", { headers }));
    screens.push(live);
    live.ws.send(JSON.stringify({ t: "hello", session: session.id, ...hello }));
    await live.next((m) => m.t === "snapshot" || m.t === "error");
    return live;
  };
  const roles = (code: string, language: string) => f.anonymous.request("POST", "/api/v1/exercises/join/roles", { code }, { headers: { "accept-language": language } });

  beforeAll(async () => {
    f = await platformFixture(create, { translations });
    alice = await f.as("alice");
    const r = await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, language: "fr" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    session = r.body;
  });
  afterAll(async () => {
    for (const l of screens) l.ws.terminate();
    await f?.close();
  });

  it("lists the roles to pick from, named in the reader's language, only to one who holds the join code", async () => {
    const inFrench = await roles(session.join_code, "fr-FR,fr;q=0.9");
    expect(inFrench.status).toBe(200);
    expect(inFrench.body.roles).toEqual(scFr.roles.map((r) => ({ id: r.id, name: r.name, actor: r.actor })));
    expect((await roles(session.join_code, "en")).body.roles.map((r: { name: string }) => r.name)).toEqual(sc.roles.map((r) => r.name));
    const wrong = await roles("ZZZZZZ", "fr");
    expect([wrong.status, wrong.body.errors[0].param]).toEqual([404, "code"]);
    const malformed = await roles("12", "fr");
    expect([malformed.status, malformed.body.errors[0].param]).toEqual([400, "code"]);
    // The evaluator code is not a participant's: no list for it.
    const evaluator = await roles(session.evaluator_code, "fr");
    expect([evaluator.status, evaluator.body.errors[0].param]).toEqual([400, "code"]);
    const badLanguage = await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, language: "de" });
    expect([badLanguage.status, badLanguage.body.errors[0].param]).toEqual([400, "language"]);
  });

  it("answers the scenario library and a whole scenario in the reader's language", async () => {
    const list = await alice.request("GET", "/api/v1/exercises/scenarios", undefined, { headers: { "accept-language": "fr" } });
    expect(list.status).toBe(200);
    const item = list.body.items.find((x: { id: string }) => x.id === sc.id);
    expect([item.title, item.summary, item.roles.map((r: { name: string }) => r.name)]).toEqual([scFr.title, scFr.summary, scFr.roles.map((r) => r.name)]);
    expect(item.summary).not.toBe(sc.summary);
    const english = await alice.get("/api/v1/exercises/scenarios");
    expect(english.body.items.find((x: { id: string }) => x.id === sc.id).summary).toBe(sc.summary);
    const whole = await alice.get(`/api/v1/exercises/scenarios/${sc.id}?lang=fr`);
    expect(whole.status).toBe(200);
    expect([whole.body.phases[0].situation, whole.body.phases[0].injects[0].text]).toEqual([scFr.phases[0].situation, scFr.phases[0].injects[0].text]);
  });

  it("sends each screen the scenario in its reader's language, and stores the log as released", async () => {
    const join = (pseudonym: string, language: string) => f.anonymous.post("/api/v1/exercises/join", { code: session.join_code, pseudonym, role: sc.roles[0].id, language, consent: true });
    const [jFr, jEn] = [await join("Falcon", "fr"), await join("Heron", "en")];
    expect([jFr.status, jEn.status]).toEqual([201, 201]);
    expect(jFr.body.scenario.title).toBe(scFr.title);
    const facilitator = await open({ language: "fr" }, { cookie: alice.cookie! });
    const english = await open({ token: jEn.body.token });
    const french = await open({ token: jFr.body.token });
    const projector = await open({ projector: session.projector_key });
    expect(french.messages.find((m) => m.t === "welcome")!.role.briefing).toBe(scFr.roles[0].briefing);
    expect(projector.messages.find((m) => m.t === "welcome")!.scenario.title).toBe(scFr.title);
    for (const cmd of [{ type: "start-briefing" }, { type: "enter-phase", phase: p1.id }, { type: "release-situation" }, { type: "release-inject", inject: p1.injects[0].id }]) {
      facilitator.ws.send(JSON.stringify({ t: "cmd", id: `c-${cmd.type}`, cmd }));
      await facilitator.next((m) => m.t === "ack" && m.id === `c-${cmd.type}`);
    }
    expect((await french.event("situation-released")).situation).toBe(scFr.phases[0].situation);
    expect((await projector.event("situation-released")).situation).toBe(scFr.phases[0].situation);
    expect((await english.event("situation-released")).situation).toBe(p1.situation);
    expect((await facilitator.event("inject-released")).notes).toBe(scFr.phases[0].injects[0].facilitator_notes);
    if (p1.injects[0].audience === "all") expect((await french.event("inject-released")).text).toBe(scFr.phases[0].injects[0].text);
    // A French screen that reconnects gets its snapshot in French too.
    const again = await open({ token: jFr.body.token });
    const snapshot = again.messages.find((m) => m.t === "snapshot")!;
    expect(snapshot.view.feed.find((x: { kind: string }) => x.kind === "situation").text).toBe(scFr.phases[0].situation);
    // The log keeps the text as the session released it.
    const stored = await f.t.db.query<{ data: { situation: string } }>("select data from exercise_event where session_id = $1 and type = 'situation-released'", [session.id]);
    expect(stored.rows[0].data.situation).toBe(p1.situation);
  });

  it("refuses a command with a message key, the scenario's titles and the text in the connection's language", async () => {
    const r = await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, language: "fr" });
    session = r.body;
    const d = p1.decisions[0];
    const dFr = scFr.phases[0].decisions[0];
    const answerer = d.scope === "role" ? d.roles[0] : sc.roles[0].id;
    const join = (pseudonym: string, language: string) => f.anonymous.post("/api/v1/exercises/join", { code: session.join_code, pseudonym, role: answerer, language, consent: true });
    const [jFr, jEn] = [await join("Plover", "fr"), await join("Curlew", "en")];
    const facilitator = await open({ language: "fr" }, { cookie: alice.cookie! });
    const [french, english] = [await open({ token: jFr.body.token }), await open({ token: jEn.body.token })];
    for (const cmd of [{ type: "start-briefing" }, { type: "enter-phase", phase: p1.id }, { type: "release-inject", inject: p1.injects[0].id }]) expect((await facilitator.cmd(cmd)).t).toBe("ack");

    // The decision is not open yet: each participant reads why in their language, the decision named by its prompt in that language.
    const answer = { type: "respond", decision: d.id, answer: { option: d.options[0].id }, request: "req-too-early" };
    const fr = await french.cmd(answer);
    expect(fr).toMatchObject({ t: "error", field: "cmd.decision", code: "out-of-turn", key: "exercises.msg.refused.notOpenForAnswers", params: { decision: dFr.prompt }, message: `« ${dFr.prompt} » n'est pas ouverte aux réponses` });
    const en = await english.cmd(answer);
    expect(en).toMatchObject({ key: "exercises.msg.refused.notOpenForAnswers", params: { decision: d.prompt }, message: `“${d.prompt}” is not open for answers` });
    expect(dFr.prompt).not.toBe(d.prompt);

    // The French facilitator releasing the same inject again: the inject by its French title, never its id.
    const again = await facilitator.cmd({ type: "release-inject", inject: p1.injects[0].id });
    expect(again).toMatchObject({ field: "cmd.inject", code: "out-of-turn", key: "exercises.msg.refused.injectOut", params: { inject: scFr.phases[0].injects[0].title }, message: `« ${scFr.phases[0].injects[0].title} » a déjà été diffusé` });
    for (const m of [fr, en, again]) expect(m.message).not.toContain(m.key);
    expect(JSON.stringify([fr, en, again])).not.toContain(`"${d.id}"`);

    // A malformed command is refused with a validation key, in French for the French reader.
    const short = await french.cmd({ ...answer, request: "short" });
    expect(short).toMatchObject({ field: "cmd.request", code: "bad-input", message: "doit être un identifiant de requête unique (8 à 100 caractères)" });
    const unknown = await french.cmd({ ...answer, request: "req-unknown-field", extra: 1 });
    expect(unknown).toMatchObject({ field: "cmd.extra", key: "validation.msg.unknownField" });
    expect(unknown.message).not.toBe("unknown field");
  });
});
