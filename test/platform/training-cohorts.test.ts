/**
 * Cohorts of a regional training (issue 16, decision 0039): a trainer's cohort through the records
 * kernel (their cohorts only), participants joining with a code under pseudonyms, server-scored
 * pre/post tests kept once per question, progress merged from phones, gains per question, entry
 * and audience with their reasons, the report, certificates that anyone can verify, weak practices
 * into an action plan all or nothing, and removal on request. Synthetic names only.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import type { Question } from "../../src/core/knowledge/schema.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const { kb } = loadContent();
const byId = new Map(kb.questions.map((q) => [q.id, q]));
const right = (q: Question) => (q.type === "ordering" ? q.options.map((o) => o.id) : q.options.filter((o) => o.correct).map((o) => o.id));
const wrong = (q: Question) => (q.type === "ordering" ? q.options.map((o) => o.id).reverse() : [q.options.find((o) => !o.correct)!.id]);
const pdfText = (raw: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), "cohort-"));
  writeFileSync(join(dir, "f.pdf"), raw);
  return execFileSync("pdftotext", ["-layout", join(dir, "f.pdf"), "-"]).toString();
};

describe.each(engines)("training cohorts on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client, mallory: Client;
  let cohort: Record<string, any>;
  let institution: string;
  let amberInstitution: string;
  const tokens: Record<string, string> = {};
  const C = () => `/api/v1/training/cohorts/${cohort.id}`;
  const as = (who: string) => ({ headers: { "x-participant-token": tokens[who] } });
  const me = (who: string, method: string, url: string, body?: unknown) => f.anonymous.request(method, `/api/v1/training${url}`, body, as(who));
  const count = async (table: string) => (await f.t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, bob, mallory] = await Promise.all(["alice", "bob", "mallory"].map((w) => f.as(w)));
    const inst = await alice.post(`/api/v1/network/workspaces/${f.ids.ws}/institutions`, { name: "[Synthetic] Specialised prosecution office", marking: "GREEN", body: { kind: "prosecution", country: "NE", actors: ["prosecutors"] } });
    expect(inst.status, inst.text).toBe(201);
    institution = inst.body.id;
    const amber = await alice.post(`/api/v1/network/workspaces/${f.ids.ws}/institutions`, { name: "[Synthetic] Protected investigations unit", marking: "AMBER", body: { kind: "police", country: "NE", actors: ["police"] } });
    amberInstitution = amber.body.id;
  });
  afterAll(async () => { await f?.close(); });

  it("refuses a bad cohort naming the field, and writes nothing", async () => {
    const W = `/api/v1/training/workspaces/${f.ids.ws}/cohorts`;
    const before = await count("training_cohort");
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "x", audience: "astronauts" }, "audience"],
      [{ name: "x", audience: "prosecutors", schedule: [{ module: "no-such-area" }] }, "schedule.0.module"],
      [{ name: "x", audience: "prosecutors", schedule: [{ module: "nexus", opens_on: "2027-02-01", due_on: "2027-01-01" }] }, "schedule.0.due_on"],
      [{ name: "x", audience: "prosecutors", test_size: 50 }, "test_size"],
      [{ name: "x", audience: "prosecutors", institutions: ["not-an-institution"] }, "institutions.0"],
      [{ name: "", audience: "prosecutors" }, "name"],
    ];
    for (const [body, param] of cases) {
      const r = await alice.post(W, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].param).toBe(param);
    }
    expect(await count("training_cohort")).toBe(before);
    expect((await mallory.post(W, { name: "x", audience: "prosecutors" })).status).toBe(404);
  });

  it("creates a cohort its trainer alone reads, with a test drawn over the path's modules", async () => {
    const r = await alice.post(`/api/v1/training/workspaces/${f.ids.ws}/cohorts`, { name: "[Synthetic] Regional course for prosecutors", audience: "prosecutors", language: "en", test_size: 6, schedule: [{ module: "nexus", opens_on: "2027-01-10", due_on: "2027-01-12" }], institutions: [institution, amberInstitution] });
    expect(r.status, r.text).toBe(201);
    cohort = r.body;
    expect(cohort.join_code).toMatch(/^[A-Z2-9]{6}$/);
    expect(cohort.test).toEqual({ open: null, questions: 6 });
    expect(cohort.schedule).toEqual([{ module: "nexus", opens_on: "2027-01-10", due_on: "2027-01-12" }]);
    expect(cohort.institutions.map((i: { name: string }) => i.name).sort()).toEqual(["[Synthetic] Protected investigations unit", "[Synthetic] Specialised prosecution office"]);
    // bob is a member of the workspace but not a trainer of this cohort; mallory is not a member at all.
    expect((await bob.get(C())).status).toBe(404);
    expect((await mallory.get(C())).status).toBe(404);
    expect((await bob.get(`/api/v1/training/workspaces/${f.ids.ws}/cohorts`)).body.items).toEqual([]);
    expect((await alice.get(`/api/v1/training/workspaces/${f.ids.ws}/cohorts`)).body.items.map((c: { id: string }) => c.id)).toEqual([cohort.id]);
    const test = (await f.t.db.query<{ test: string[] }>("select test from training_cohort where id = $1", [cohort.id])).rows[0].test;
    expect(new Set(test).size).toBe(6);
    expect(test.filter((q) => byId.get(q)?.audience === "prosecutors")).toHaveLength(6);
  });

  it("lets participants join with the code under pseudonyms, and refuses bad joins naming the field", async () => {
    // Code holders have no account: only the invited institutions anyone may know of (CLEAR, GREEN) are offered.
    const info = await f.anonymous.post("/api/v1/training/join/info", { code: cohort.join_code.toLowerCase() });
    expect(info.body.institutions).toEqual([{ id: institution, name: "[Synthetic] Specialised prosecution office" }]);
    expect(info.text).not.toContain("Protected investigations");
    for (const [who, audience, language] of [["Falcon", "prosecutors", "en"], ["Heron", "prosecutors", "fr"], ["Ibis", "judges", "en"]] as const) {
      const j = await f.anonymous.post("/api/v1/training/join", { code: cohort.join_code, pseudonym: who, audience, institution, language, consent: true });
      expect(j.status, j.text).toBe(201);
      tokens[who] = j.body.token;
    }
    const bad: [Record<string, unknown>, number, string][] = [
      [{ code: cohort.join_code, pseudonym: "falcon", language: "en", consent: true }, 400, "pseudonym"],
      [{ code: "ZZZZZZ", pseudonym: "Kite", language: "en", consent: true }, 404, "code"],
      [{ code: cohort.join_code, pseudonym: "Kite", language: "en", consent: true, institution: "other" }, 400, "institution"],
      [{ code: cohort.join_code, pseudonym: "Kite", language: "en", consent: true, institution: amberInstitution }, 400, "institution"],
      [{ code: cohort.join_code, pseudonym: "Kite", language: "en" }, 400, "consent"],
      [{ code: cohort.join_code, pseudonym: "Kite", language: "en", consent: true, audience: "astronauts" }, 400, "audience"],
    ];
    for (const [body, status, param] of bad) {
      const r = await f.anonymous.post("/api/v1/training/join", body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.errors[0].param).toBe(param);
    }
    expect((await alice.get(C())).body.participants.map((p: { pseudonym: string }) => p.pseudonym)).toEqual(["Falcon", "Heron", "Ibis"]);
    expect((await f.anonymous.get("/api/v1/training/me")).status).toBe(401);
  });

  it("scores the tests on the server, once per question, and shows no answers", async () => {
    expect((await me("Falcon", "GET", "/me/test/pre")).status).toBe(409);
    expect((await alice.patch(C(), { test_open: "pre" })).body.test.open).toBe("pre");
    const t = await me("Falcon", "GET", "/me/test/pre");
    expect(t.status).toBe(200);
    expect(t.text).not.toMatch(/"correct"|"answer"|"explanation"/);
    const ids: string[] = t.body.questions.map((q: { id: string }) => q.id);
    const send = (who: string, phase: string, pick: (q: Question, i: number) => string[]) => me(who, "POST", `/me/test/${phase}/answers`, { answers: ids.map((id, i) => ({ question: id, response: pick(byId.get(id)!, i) })) });
    const before = await count("training_answer");
    const refusals: [unknown, string][] = [
      [{ answers: [{ question: "q-none-1", response: ["a"] }] }, "answers.0.question"],
      [{ answers: [{ question: ids[0], response: ["z"] }] }, "answers.0.response"],
      [{ answers: [{ question: ids[1], response: right(byId.get(ids[1])!) }, { question: ids[0], response: ["a", "a"] }] }, "answers.1.response"],
    ];
    for (const [body, param] of refusals) {
      const r = await me("Falcon", "POST", "/me/test/pre/answers", body);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].param).toBe(param);
    }
    expect(await count("training_answer")).toBe(before); // nothing of a refused sending is kept
    expect((await send("Falcon", "pre", wrong)).body).toMatchObject({ kept: 6, answered: 6, right: null });
    expect((await send("Heron", "pre", right)).body.kept).toBe(6);
    expect((await send("Ibis", "pre", right)).body.kept).toBe(6);
    // Sent again after a lost reply: nothing counted twice, the first answer stands.
    expect((await send("Falcon", "pre", right)).body).toMatchObject({ kept: 0, answered: 6 });
    expect(await count("training_answer")).toBe(before + 18);

    await alice.patch(C(), { test_open: "post" });
    expect((await me("Heron", "POST", "/me/test/pre/answers", { answers: [{ question: ids[0], response: ["a"] }] })).status).toBe(409);
    expect((await send("Falcon", "post", right)).body).toMatchObject({ kept: 6, right: 6 });
    expect((await send("Heron", "post", right)).body.right).toBe(6);
    // Ibis gets only the first question right after the training.
    expect((await send("Ibis", "post", (q, i) => (i === 0 ? right(q) : wrong(q)))).body.right).toBe(1);
    expect((await me("Falcon", "GET", "/me")).body.test).toMatchObject({ open: "post", pre: { answered: 6, right: 0 }, post: { answered: 6, right: 6 } });
  });

  it("merges the progress phones send without losing either side", async () => {
    const later = "2026-11-11T10:00:00Z", earlier = "2026-11-11T09:00:00Z";
    const first = await me("Falcon", "POST", "/me/progress", { modules: [{ module: "nexus", done_at: later, right: 1, of: 1 }] });
    expect(first.status, first.text).toBe(200);
    // An older copy from a second phone: the earlier finish and the better score are kept.
    const merged = await me("Falcon", "POST", "/me/progress", { modules: [{ module: "nexus", done_at: earlier, right: 0, of: 1 }] });
    expect(merged.body.modules[0].done).toEqual({ at: "2026-11-11T09:00:00.000Z", right: 1, of: 1 });
    await me("Heron", "POST", "/me/progress", { modules: [{ module: "nexus", done_at: later, right: 1, of: 1 }] });
    const bad = await me("Heron", "POST", "/me/progress", { modules: [{ module: "nexus", done_at: later, right: 2, of: 1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].param).toBe("modules.0.right");
    expect((await me("Heron", "POST", "/me/progress", { modules: [{ module: "elsewhere", done_at: later, right: 0, of: 0 }] })).body.errors[0].param).toBe("modules.0.module");
  });

  it("reports gains per question, entry and audience, each explained", async () => {
    const g = (await alice.get(`${C()}/gains`)).body;
    expect(g.participants).toEqual({ joined: 3, pre: 3, post: 3, both: 3 });
    expect(g.overall).toMatchObject({ pre: { right: 12, of: 18 }, post: { right: 13, of: 18 } });
    const [q0, q1] = g.questions;
    expect(q0).toMatchObject({ pre: { right: 2, of: 3 }, post: { right: 3, of: 3 }, gain: 33.3, landed: true });
    expect(q1).toMatchObject({ pre: { right: 2, of: 3 }, post: { right: 2, of: 3 }, gain: 0, landed: false, reason: "noGain", why: { key: "training.msg.verdict.noGain" } });
    expect(q1.stem.length).toBeGreaterThan(10);
    expect(g.audiences.map((a: { audience: string; participants: number }) => [a.audience, a.participants])).toEqual([["prosecutors", 2], ["judges", 1]]);
    expect(g.audiences.find((a: { audience: string }) => a.audience === "judges")).toMatchObject({ pre: { right: 6, of: 6 }, post: { right: 1, of: 6 } });
    expect(g.weak_practices.length).toBeGreaterThan(0);
    for (const p of g.weak_practices) expect(g.entries.find((e: { id: string }) => e.id === p).landed).toBe(false);
    expect((await bob.get(`${C()}/gains`)).status).toBe(404);
  });

  it("writes the report as PDF, DOCX and CSV", async () => {
    const pdf = pdfText((await alice.get(`${C()}/report/report.pdf`)).raw);
    for (const s of ["Training report", "[Synthetic] Regional course for prosecutors", "What did not land", "Falcon", "TLP:AMBER"]) expect(pdf).toContain(s);
    // In the session's language (English here) whatever the reader's browser says, unless lang asks for another.
    expect(pdfText((await alice.request("GET", `${C()}/report/report.pdf`, undefined, { headers: { "accept-language": "ar" } })).raw)).toContain("Training report");
    const fr = pdfText((await alice.get(`${C()}/report/report.pdf?lang=fr`)).raw);
    expect(fr).toContain("Rapport de formation");
    const docx = await JSZip.loadAsync((await alice.get(`${C()}/report/report.docx`)).raw);
    expect(await docx.file("word/document.xml")!.async("string")).toContain("Gains per question");
    const csv = (await alice.get(`${C()}/report/gains.csv`)).text;
    expect(csv.split("\n")[0]).toContain("Pre right");
    expect(csv.split("\n").filter((l) => l.startsWith("question,"))).toHaveLength(6);
    expect((await alice.get(`${C()}/report/report.xls`)).body.errors[0].param).toBe("file");
    expect((await bob.get(`${C()}/report/report.pdf`)).status).toBe(404);
  });

  it("issues certificates to those who finished, which anyone can verify without seeing more", async () => {
    const issued = await alice.post(`${C()}/certificates`);
    expect(issued.status).toBe(200);
    // Ibis did the post-test but not the scheduled module: no certificate.
    expect(issued.body.certificates.map((c: { pseudonym: string }) => c.pseudonym).sort()).toEqual(["Falcon", "Heron"]);
    expect(issued.body.not_finished).toBe(1);
    const again = await alice.post(`${C()}/certificates`);
    expect(again.body.certificates).toEqual(issued.body.certificates);
    const falcon = issued.body.certificates.find((c: { pseudonym: string }) => c.pseudonym === "Falcon");
    const v = await f.anonymous.get(`/api/v1/training/certificates/${falcon.code.toLowerCase()}`);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ valid: true, holder: "Falcon", path: { audience: "prosecutors" } });
    expect(v.text).not.toContain(cohort.id);
    expect(v.text).not.toContain("Regional course");
    expect(v.text).not.toContain("Heron");
    const unknown = await f.anonymous.get("/api/v1/training/certificates/ABCDEFGHJKMNP");
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].param).toBe("code");
    expect((await f.anonymous.get("/api/v1/training/certificates/short")).body.errors[0].param).toBe("code");
    const pdf = pdfText((await alice.get(`${C()}/participants/${falcon.participant}/certificate.pdf`)).raw);
    for (const s of ["Certificate of completion", "Falcon", "Prosecutors", falcon.code]) expect(pdf).toContain(s);
    expect((await mallory.get(`${C()}/participants/${falcon.participant}/certificate.pdf`)).status).toBe(404);
    // Printed in the language its holder joined in, unless another is asked for.
    const heron = issued.body.certificates.find((c: { pseudonym: string }) => c.pseudonym === "Heron");
    expect(pdfText((await alice.get(`${C()}/participants/${heron.participant}/certificate.pdf`)).raw)).toContain("Certificat de réussite");
    expect(pdfText((await alice.get(`${C()}/participants/${heron.participant}/certificate.pdf?lang=en`)).raw)).toContain("Certificate of completion");
  });

  it("sends practices that did not land into an action plan, all or none", async () => {
    const sa = (await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "Plan", country: "NE", marking: "AMBER" })).body.id;
    const g = (await alice.get(`${C()}/gains`)).body;
    const weak: string[] = g.weak_practices;
    const landed = g.entries.find((e: { kind: string; landed: boolean }) => e.kind === "practice" && e.landed)?.id ?? "hague-1";
    const refused = await alice.post(`${C()}/to-plan`, { self_assessment: sa, practices: [weak[0], landed] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].param).toBe("practices.1");
    expect((await alice.get(`/api/v1/plans/self-assessments/${sa}/actions`)).body.actions).toHaveLength(0);
    const sent = await alice.post(`${C()}/to-plan`, { self_assessment: sa, practices: weak });
    expect(sent.status, sent.text).toBe(201);
    const actions = (await alice.get(`/api/v1/plans/self-assessments/${sa}/actions`)).body.actions;
    expect(actions.map((a: { practice: string }) => a.practice).sort()).toEqual([...weak].sort());
    expect(actions[0].title).toMatch(/^Capacity building on /);
    expect(actions[0].why.key).toBe("training.msg.action.why");
  });

  it("keeps xAPI statements of the answers, the finished tests and the modules, with no pseudonym in them", async () => {
    // Statements are kept after the answer is acknowledged: wait for them.
    const kept = async () => (await f.t.db.query<{ statement: any; participant_id: string; cohort_id: string }>("select statement, participant_id, cohort_id from xapi_statement where cohort_id = $1", [cohort.id])).rows;
    for (let i = 0; i < 50 && (await kept()).length < 3 * 12 + 6 + 2; i++) await new Promise((r) => setTimeout(r, 100));
    const rows = await kept();
    const verbs = (v: string) => rows.filter((r) => r.statement.verb.id.endsWith(`/${v}`)).length;
    expect(verbs("answered")).toBe(36);
    // Finished tests: Ibis failed the post-test (1 of 6); the rest passed or failed by their scores.
    expect(verbs("passed") + verbs("failed")).toBe(6);
    expect(verbs("completed")).toBe(2);
    expect(JSON.stringify(rows)).not.toMatch(/Falcon|Heron|Ibis/);
    const ibis = (await alice.get(C())).body.participants.find((p: { pseudonym: string }) => p.pseudonym === "Ibis").id;
    expect(rows.filter((r) => r.participant_id === ibis && r.statement.verb.id.endsWith("/failed")).map((r) => r.statement.result.score.raw)).toContain(1);
  });

  it("removes a participant and all their answers on request, and closes joining", async () => {
    const before = await count("training_answer");
    const statementsBefore = await count("xapi_statement");
    const left = await me("Ibis", "DELETE", "/me");
    expect(left.status).toBe(200);
    expect(await count("training_answer")).toBe(before - 12);
    expect(await count("xapi_statement")).toBe(statementsBefore - 12 - 2); // Ibis's answers and finished tests go with them
    expect((await me("Ibis", "GET", "/me")).status).toBe(401);
    const heron = (await alice.get(C())).body.participants.find((p: { pseudonym: string }) => p.pseudonym === "Heron");
    expect((await bob.del(`${C()}/participants/${heron.id}`)).status).toBe(404);
    expect((await alice.del(`${C()}/participants/${heron.id}`)).status).toBe(200);
    expect((await alice.get(C())).body.participants.map((p: { pseudonym: string }) => p.pseudonym)).toEqual(["Falcon"]);
    await alice.patch(C(), { joining_open: false });
    const closed = await f.anonymous.post("/api/v1/training/join", { code: cohort.join_code, pseudonym: "Kite", language: "en", consent: true });
    expect(closed.status).toBe(409);
    expect(closed.body.errors[0].param).toBe("code");
    const audit = (await f.t.db.query<{ action: string }>("select action from audit_log where target_id = $1", [cohort.id])).rows.map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(["training.participant.leave", "training.participant.remove", "training.certificates", "training.export"]));
  });
});
