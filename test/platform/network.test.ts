/**
 * Institutions and partnerships (issue 15, decision 0035): the directory through the records
 * kernel, partnerships that cite their institutions, the network and its gaps, who should be at
 * the table, CSV export and import (all rows or none), and the capabilities that point at
 * institutions: self-assessment units, exercise agencies and Watch sources. Synthetic names only.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const { kb } = loadContent();
const scenario = kb.scenarios[0];

describe.each(engines)("institutions and partnerships on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client, mallory: Client;
  const N = () => `/api/v1/network/workspaces/${f.ids.ws}`;
  const id: Record<string, string> = {};
  const institution = (c: Client, name: string, body: Record<string, unknown>, marking = "AMBER", extra: Record<string, unknown> = {}) =>
    c.post(`${N()}/institutions`, { name, marking, body, ...extra });
  const count = async (kind: string) => (await f.t.db.query<{ n: number }>("select count(*)::int as n from record where workspace_id = $1 and kind = $2", [f.ids.ws, kind])).rows[0].n;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, bob, mallory] = await Promise.all(["alice", "bob", "mallory"].map((w) => f.as(w)));
    const made = async (key: string, name: string, body: Record<string, unknown>, marking?: string, extra?: Record<string, unknown>) => {
      const r = await institution(alice, name, body, marking, extra);
      expect(r.status, r.text).toBe(201);
      id[key] = r.body.id;
    };
    await made("fiu", "[Synthetic] National FIU", { kind: "fiu", country: "NE", actors: ["fiu"], mandate: "Receives and analyses suspicious transaction reports", mailbox: "liaison@fiu.example.org" });
    await made("police", "[Synthetic] Judicial police, CT division", { kind: "police", country: "NE", actors: ["police"] });
    await made("prosecutor", "[Synthetic] Specialised prosecution office", { kind: "prosecution", country: "NE", actors: ["prosecutors"] });
    await made("interpolNcb", "[Synthetic] INTERPOL NCB", { kind: "police", country: "NE", actors: ["police", "foreign-counterparts"] });
    await made("secret", "[Synthetic] Protected liaison cell", { kind: "intelligence", country: "NE", actors: ["intelligence-services"] }, "RED", { recipients: [f.ids.alice] });
  });
  afterAll(async () => { await f?.close(); });

  it("keeps institutions as marked records: members read them, RED only its recipients, non-members get 404", async () => {
    const a = await alice.get(N());
    expect(a.status).toBe(200);
    // RED content comes with a reason only (the kernel's rule): without one, Alice learns it is there.
    expect(a.body.withheld).toBe(1);
    expect(JSON.stringify(a.body)).not.toContain("Protected liaison");
    const withReason = await alice.request("GET", N(), undefined, { headers: { "x-access-reason": encodeURIComponent("Preparing the regional network review") } });
    expect(withReason.body.institutions.map((i: { name: string }) => i.name)).toContain("[Synthetic] Protected liaison cell");
    const b = await bob.get(N());
    expect(b.body.institutions.map((i: { name: string }) => i.name).sort()).toEqual(["[Synthetic] INTERPOL NCB", "[Synthetic] Judicial police, CT division", "[Synthetic] National FIU", "[Synthetic] Specialised prosecution office"]);
    expect(JSON.stringify(b.body)).not.toContain("Protected liaison");
    expect(b.body.withheld).toBe(0);
    expect((await mallory.get(N())).status).toBe(404);
    expect((await f.anonymous.get(N())).status).toBe(401);
    expect((await bob.post(`${N()}/institutions`, { name: "[Synthetic] FIU regional desk", marking: "GREEN", body: { kind: "fiu", actors: ["fiu"] } })).status).toBe(201);
    expect((await mallory.post(`${N()}/institutions`, { name: "x", marking: "GREEN", body: { kind: "fiu", actors: ["fiu"] } })).status).toBe(404);
  });

  it("refuses bad institutions naming the field, and writes nothing", async () => {
    const before = await count("institution");
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "spy-agency", actors: ["fiu"] }, "body.kind"],
      [{ kind: "fiu", actors: [] }, "body.actors"],
      [{ kind: "fiu", actors: ["wizards"] }, "body.actors.0"],
      [{ kind: "fiu", actors: ["fiu"], country: "Niger" }, "body.country"],
      [{ kind: "fiu", actors: ["fiu"], mailbox: "not an address" }, "body.mailbox"],
      [{ kind: "fiu", actors: ["fiu"], parent: "no-such-institution" }, "body.parent"],
      [{ kind: "fiu", actors: ["fiu"], ethnicity: "x" }, "body.ethnicity"],
    ];
    for (const [body, param] of cases) {
      const r = await institution(alice, "[Synthetic] Bad", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].param, JSON.stringify(r.body)).toBe(param);
    }
    const noName = await alice.post(`${N()}/institutions`, { name: " ", marking: "GREEN", body: { kind: "fiu", actors: ["fiu"] } });
    expect(noName.status).toBe(400);
    expect(noName.body.errors[0].param).toBe("name");
    const french = await alice.request("POST", `${N()}/institutions`, { name: "[Synthetic] Bad", marking: "GREEN", body: { kind: "fiu", actors: [] } }, { headers: { "accept-language": "fr" } });
    expect(french.body.errors[0].message).toBe("indiquez au moins un acteur de la taxonomie que joue l'institution");
    expect(await count("institution")).toBe(before);
  });

  it("records partnerships that cite their institutions: never wider than them, members checked", async () => {
    const mou = await alice.post(`${N()}/partnerships`, { marking: "AMBER", body: { kind: "mou", members: [id.fiu, id.police], status: "active", start: "2024-01-01", practices: ["hague-8", "addendum-10"] } });
    expect(mou.status, mou.text).toBe(201);
    expect(mou.body.title).toBe("[Synthetic] National FIU – [Synthetic] Judicial police, CT division");
    id.mou = mou.body.id;
    const net = await alice.post(`${N()}/partnerships`, { marking: "AMBER", body: { kind: "network", network: "interpol", members: [id.interpolNcb] } });
    expect(net.status, net.text).toBe(201);
    // A partnership with the RED cell must be RED for its recipients: a wider marking is refused by the kernel.
    const wide = await alice.post(`${N()}/partnerships`, { marking: "AMBER", body: { kind: "secure-channel", members: [id.police, id.secret] } });
    expect(wide.status).toBe(400);
    expect(wide.body.errors[0].param).toBe("body.members.1");
    const narrow = await alice.post(`${N()}/partnerships`, { marking: "RED", recipients: [f.ids.alice], body: { kind: "secure-channel", members: [id.police, id.secret] } });
    expect(narrow.status, narrow.text).toBe(201);
    expect(JSON.stringify((await bob.get(N())).body)).not.toContain(narrow.body.id);
    // Bob cannot cite the RED institution he cannot read.
    const bobs = await bob.post(`${N()}/partnerships`, { marking: "RED", recipients: [f.ids.bob], body: { kind: "mou", members: [id.police, id.secret] } });
    expect(bobs.status).toBe(400);
    for (const [body, param] of [
      [{ kind: "mou", members: [id.fiu] }, "body.members"],
      [{ kind: "mou", members: [id.fiu, id.fiu] }, "body.members"],
      [{ kind: "network", members: [id.fiu] }, "body.network"],
      [{ kind: "mou", members: [id.fiu, id.police], start: "2025-05-01", end: "2024-01-01" }, "body.end"],
      [{ kind: "mou", members: [id.fiu, id.police], start: "2025-02-30" }, "body.start"],
      [{ kind: "mou", members: [id.fiu, id.police], practices: ["hague-99"] }, "body.practices.0"],
      [{ kind: "mou", members: [id.fiu, "nope"] }, "body.members.1"],
    ] as [Record<string, unknown>, string][]) {
      const r = await alice.post(`${N()}/partnerships`, { marking: "AMBER", body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].param, JSON.stringify(r.body)).toBe(param);
    }
  });

  it("draws the network, filtered, with networks as hubs; shows only what the viewer reads", async () => {
    const g = await alice.get(`${N()}/graph`);
    expect(g.status).toBe(200);
    const labels = g.body.nodes.map((n: { label: string }) => n.label);
    expect(labels).toContain("interpol");
    expect(g.body.edges.some((e: { from: string; to: string; live: boolean }) => e.from === id.fiu && e.to === id.police && e.live)).toBe(true);
    const forFiu = await alice.get(`${N()}/graph?actor=fiu`);
    const fius = forFiu.body.nodes.map((n: { id: string }) => n.id);
    expect(fius).toContain(id.fiu);
    expect(fius).not.toContain(id.police);
    expect(forFiu.body.nodes.every((n: { actors: string[] }) => n.actors.includes("fiu"))).toBe(true);
    const practice = await alice.get(`${N()}/graph?practice=hague-8`);
    expect(practice.status).toBe(200);
    const bobs = await bob.get(`${N()}/graph`);
    expect(bobs.body.nodes.map((n: { id: string }) => n.id)).not.toContain(id.secret);
    expect((await alice.get(`${N()}/graph?country=niger`)).body.errors[0].param).toBe("country");
    expect((await alice.get(`${N()}/graph?practice=gp8`)).status).toBe(400);
    expect((await mallory.get(`${N()}/graph`)).status).toBe(404);
  });

  it("finds the gaps: expected actors with no institution, institutions with no live channel", async () => {
    // Addendum GP 13 expects the FIU, the police and the prosecutors among others.
    const r = await bob.get(`${N()}/gaps?practice=addendum-13`);
    expect(r.status).toBe(200);
    const kinds = r.body.items.map((g: { kind: string }) => g.kind);
    expect(kinds).toContain("no-institution");
    const missing = r.body.items.filter((g: { kind: string }) => g.kind === "no-institution").map((g: { actor: string }) => g.actor);
    expect(missing).not.toContain("fiu");
    expect(missing).not.toContain("police");
    // The prosecutors share no channel with the FIU and the police, who have their MoU.
    const channel = r.body.items.find((g: { kind: string }) => g.kind === "no-channel");
    expect(channel, JSON.stringify(r.body.items)).toBeTruthy();
    const groups = channel.groups.map((g: string[]) => g.sort());
    expect(groups).toContainEqual([id.prosecutor]);
    expect(groups).toContainEqual([id.fiu, id.police].sort());
    expect(channel.message.key).toBe("network.msg.gap.noChannel");
    expect(JSON.stringify(channel.message)).toContain("Specialised prosecution office");
    // A live channel between the prosecutors and the police closes the gap.
    expect((await alice.post(`${N()}/partnerships`, { marking: "AMBER", body: { kind: "joint-task-force", members: [id.prosecutor, id.police], status: "active" } })).status).toBe(201);
    const joined = (await bob.get(`${N()}/gaps?practice=addendum-13`)).body.items.find((g: { kind: string }) => g.kind === "no-channel");
    expect(joined.groups.find((g: string[]) => g.includes(id.prosecutor)).sort()).toEqual([id.fiu, id.police, id.prosecutor].sort());
    // An ended partnership is not a channel: the INTERPOL bureau stays on its own.
    expect((await alice.post(`${N()}/partnerships`, { marking: "AMBER", body: { kind: "liaison-officer", members: [id.interpolNcb, id.fiu], status: "ended" } })).status).toBe(201);
    const still = (await bob.get(`${N()}/gaps?practice=addendum-13`)).body.items.find((g: { kind: string }) => g.kind === "no-channel");
    expect(still.groups).toContainEqual([id.interpolNcb]);
  });

  it("says who should be at the table for a scenario, practices or an audience", async () => {
    const sc = scenario;
    const r = await bob.get(`${N()}/table?scenario=${sc.id}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.seats.map((s: { actor: string }) => s.actor).sort()).toEqual([...new Set(sc.roles.map((x) => x.actor))].sort());
    const audience = await bob.get(`${N()}/table?actors=fiu,judges`);
    const bySeat = Object.fromEntries(audience.body.seats.map((s: { actor: string; institutions: { name: string }[] }) => [s.actor, s.institutions.map((i) => i.name)]));
    expect(bySeat.fiu.sort()).toEqual(["[Synthetic] FIU regional desk", "[Synthetic] National FIU"]);
    expect(bySeat.judges).toEqual([]);
    expect(audience.body.seats.find((s: { actor: string }) => s.actor === "judges").why.key).toBe("network.msg.seat.empty");
    expect((await bob.get(`${N()}/table?scenario=no-such-scenario`)).body.errors[0].param).toBe("scenario");
    expect((await bob.get(`${N()}/table?actors=fiu,wizards`)).body.errors[0].param).toBe("actors.1");
    expect((await bob.get(`${N()}/table?practices=hague-8,hague-99`)).body.errors[0].param).toBe("practices.1");
  });

  it("exports CSV and imports it back all or nothing, naming each refused row", async () => {
    const csv = await alice.get(`${N()}/institutions.csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers["content-type"])).toContain("text/csv");
    expect(csv.text.split("\n")[0].trim()).toBe("id,name,kind,country,actors,mandate,mailbox,parent,marking");
    expect(csv.text).toContain("liaison@fiu.example.org");
    expect((await bob.get(`${N()}/institutions.csv`)).text).not.toContain("Protected liaison");
    const before = await count("institution");
    const bad = "name,kind,country,actors\n[Synthetic] Customs HQ,customs-border,NE,customs\n[Synthetic] Bad row,fiu,NE,wizards\n,fiu,NE,fiu\n";
    const refused = await alice.post(`${N()}/institutions/import`, { csv: bad, marking: "GREEN" });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[2, "actors.0"], [3, "name"]]);
    expect(await count("institution"), "nothing is written when a row is refused").toBe(before);
    const good = "name,kind,country,actors,parent\n[Synthetic] Customs HQ,customs-border,NE,customs\n[Synthetic] Customs intelligence unit,customs-border,NE,customs;intelligence-services,[Synthetic] Customs HQ\n";
    const ok = await alice.post(`${N()}/institutions/import`, { csv: good, marking: "GREEN" });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.imported).toBe(2);
    const dir = (await alice.get(N())).body.institutions as { name: string; id: string; body: { parent?: string } }[];
    const hq = dir.find((i) => i.name === "[Synthetic] Customs HQ")!;
    expect(dir.find((i) => i.name === "[Synthetic] Customs intelligence unit")!.body.parent).toBe(hq.id);
    const partners = `kind,members,status,practices\nmou,[Synthetic] Customs HQ;[Synthetic] National FIU,active,hague-8\n`;
    const p = await alice.post(`${N()}/partnerships/import`, { csv: partners, marking: "AMBER" });
    expect(p.status, p.text).toBe(200);
    const pcsv = await alice.get(`${N()}/partnerships.csv`);
    expect(pcsv.text).toContain(`${hq.id};${id.fiu}`);
    const unreadable = await alice.post(`${N()}/institutions/import`, { csv: "name,kind\n\"unclosed,fiu\n", marking: "GREEN" });
    expect(unreadable.status).toBe(400);
    expect((await alice.post(`${N()}/institutions/import`, { csv: "", marking: "GREEN" })).body.errors[0].param).toBe("csv");
  });

  it("changes an institution through its own endpoint, and refuses the generic one", async () => {
    const r = await alice.patch(`/api/v1/network/entries/${id.police}`, { body: { kind: "police", country: "NE", actors: ["police", "financial-investigators"] } });
    expect(r.status, r.text).toBe(200);
    expect(r.body.body.actors).toEqual(["police", "financial-investigators"]);
    const generic = await alice.patch(`/api/v1/records/${id.police}`, { body: { kind: "police", actors: ["police"] } });
    expect(generic.status).toBe(400);
    const bad = await alice.patch(`/api/v1/network/entries/${id.police}`, { body: { kind: "police", actors: ["police"], parent: id.police } });
    expect(bad.body.errors[0].param).toBe("body.parent");
    expect((await mallory.patch(`/api/v1/network/entries/${id.police}`, { name: "taken" })).status).toBe(404);
  });

  it("lets self-assessment units, exercise agencies and Watch sources point at institutions", async () => {
    const sa = await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "[Synthetic] Niger 2026", country: "NE", framework: "hague", marking: "AMBER" });
    expect(sa.status, sa.text).toBe(201);
    const units = await alice.request("PUT", `/api/v1/plans/self-assessments/${sa.body.id}/units`, { units: [{ id: "fiu", name: "FIU", actor: "fiu", institution: id.fiu }] });
    expect(units.status, units.text).toBe(200);
    expect(units.body.units[0].institution).toBe(id.fiu);
    const badUnit = await alice.request("PUT", `/api/v1/plans/self-assessments/${sa.body.id}/units`, { units: [{ id: "x", name: "X", actor: "fiu", institution: "nope" }] });
    expect(badUnit.body.errors[0].param).toBe("units.0.institution");

    const sc = scenario;
    const session = await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, max_participants: 5 });
    expect(session.status, session.text).toBe(201);
    const S = `/api/v1/exercises/sessions/${session.body.id}/agencies`;
    const set = await alice.request("PUT", S, { agencies: [{ institution: id.fiu, roles: [sc.roles[0].id] }, { institution: id.secret, roles: [] }] });
    expect(set.status, set.text).toBe(200);
    // Alice reads her RED cell only with a reason, so without one it is counted, not named.
    expect(set.body.items.map((a: { name: string }) => a.name)).toEqual(["[Synthetic] National FIU"]);
    expect(set.body.withheld).toBe(1);
    const bobView = await bob.get(S);
    expect(bobView.body.items.map((a: { name: string }) => a.name)).toEqual(["[Synthetic] National FIU"]);
    expect(bobView.body.withheld).toBe(1);
    const badRole = await alice.request("PUT", S, { agencies: [{ institution: id.fiu, roles: ["no-role"] }] });
    expect(badRole.body.errors[0].param).toBe("agencies.0.roles.0");
    const kept = (await alice.get(S)).body;
    expect(kept.items.length + kept.withheld, "a refused change keeps the table as it was").toBe(2);
    // The after-action report names the institutions at the table that its reader may read, with their roles.
    const report = await bob.get(`/api/v1/exercises/sessions/${session.body.id}/report`);
    expect(report.status, report.text).toBe(200);
    expect(report.body.institutions).toEqual([{ name: "[Synthetic] National FIU", roles: [sc.roles[0].name] }]);
    const pdf = await bob.get(`/api/v1/exercises/sessions/${session.body.id}/export/report.pdf`);
    expect(pdf.status).toBe(200);
    const text = execFileSync("pdftotext", ["-q", "-", "-"], { input: pdf.raw }).toString().replace(/\s+/g, " ");
    expect(text).toContain("Institutions of the directory at the table: [Synthetic] National FIU");
    expect(text).not.toContain("Protected liaison");

    const W = `/api/v1/watch/workspaces/${f.ids.ws}`;
    const src = await alice.post(`${W}/sources`, { name: "[Synthetic] FIU bulletin", marking: "AMBER", body: { type: "partner-agency", reliability: "B", institution: id.fiu } });
    expect(src.status, src.text).toBe(201);
    // A GREEN source may not cite an AMBER institution (the derived-data rule).
    const wider = await alice.post(`${W}/sources`, { name: "[Synthetic] Open note", marking: "GREEN", body: { type: "partner-agency", reliability: "B", institution: id.fiu } });
    expect(wider.status).toBe(400);
    const unknown = await alice.post(`${W}/sources`, { name: "[Synthetic] x", marking: "AMBER", body: { type: "partner-agency", reliability: "B", institution: sa.body.id } });
    expect(unknown.body.errors[0].param).toBe("body.institution");
  });
});
