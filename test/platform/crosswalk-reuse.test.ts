/**
 * Reuse of a self-assessment answer across the standards crosswalk (decision 0036): rating a
 * Hague practice proposes that answer for the practices that build on it, in the same assessment,
 * to the same assessor; nothing is saved until they confirm; the confirmed rating remembers where
 * it came from until edited. Also the public crosswalk routes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const { kb } = loadContent();
/** The practices that build on hague-8 in the content (the Addendum follower the test reuses an answer for). */
const followers = kb.crosswalk.filter((c) => c.builds_on.some((b) => b.practice === "hague-8")).map((c) => c.practice);
const follower = followers.find((p) => p.startsWith("addendum-")) ?? followers[0];
/** A practice not linked to the follower, to prove reuse only follows the crosswalk. */
const unlinked = kb.practices.map((p) => p.id).find((p) => p !== "hague-8" && p !== follower && !followers.includes(p)
  && !kb.crosswalk.some((c) => (c.practice === follower && c.builds_on.some((b) => b.practice === p)) || (c.practice === p && c.builds_on.some((b) => b.practice === follower))))!;

describe.each(engines)("standards crosswalk and reuse across frameworks on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client, dave: Client, mallory: Client;
  let a: string, b: string;
  const base = (id: string) => `/api/v1/plans/self-assessments/${id}`;
  const rating = (body: { ratings: { practice: string; contributor_id: string }[] }, practice: string, who: string) =>
    body.ratings.find((r) => r.practice === practice && r.contributor_id === f.ids[who]) as Record<string, unknown> | undefined;

  beforeAll(async () => {
    // One crosswalk topic and one reason translated into French, to see how texts are marked by language.
    const reasonOf = kb.crosswalk.find((c) => c.practice === follower)!;
    const translations = new Map([["fr" as const, new Map([
      ["crosswalk:crosswalk-hague-8", new Map([["links.0.topic", "Un sujet traduit en français."]])],
      [`crosswalk:${reasonOf.id}`, new Map([[`builds_on.${reasonOf.builds_on.findIndex((b) => b.practice === "hague-8")}.reason`, "Une raison traduite en français."]])],
    ])]]);
    f = await platformFixture(create, { translations });
    [alice, bob, dave, mallory] = await Promise.all(["alice", "bob", "dave", "mallory"].map((w) => f.as(w)));
    const make = async (name: string) => {
      const r = await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name, country: "KE", marking: "AMBER" });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    a = await make("National review with the crosswalk");
    b = await make("Another review in the same workspace");
  });
  afterAll(async () => { await f?.close(); });

  it("has an Addendum practice that builds on hague-8 in the content", () => {
    expect(follower).toMatch(/^addendum-\d+$/);
  });

  it("proposes the answer to hague-8 for its follower, saving nothing until the assessor confirms", async () => {
    expect((await alice.get(base(a))).body.proposals).toEqual([]);
    const rated = await alice.request("PUT", `${base(a)}/ratings/hague-8`, { institution: "Financial Intelligence Unit", in_place: "LC", working: "Moderate", steps: { "1": "done" } });
    expect(rated.status).toBe(200);
    const s = await alice.get(base(a));
    expect(s.body.proposals).toContainEqual({ practice: follower, from: "hague-8", in_place: "LC", working: "Moderate" });
    // every proposal comes from a practice linked to it, and never for a practice already rated
    for (const p of s.body.proposals as { practice: string; from: string }[]) {
      expect(p.from).toBe("hague-8");
      expect(followers).toContain(p.practice);
    }
    expect(rating(s.body, follower, "alice")).toBeUndefined();
    // another member has answered nothing, so nothing is proposed to them
    expect((await bob.get(base(a))).body.proposals).toEqual([]);
  });

  it("refuses a reuse that does not follow the crosswalk or changes the answer, and saves nothing", async () => {
    const notLinked = await alice.request("PUT", `${base(a)}/ratings/${follower}`, { institution: "Financial Intelligence Unit", in_place: "LC", working: "Moderate", reused_from: unlinked });
    expect(notLinked.status).toBe(400);
    expect(notLinked.body.errors[0]).toMatchObject({ param: "reused_from", code: "validation.msg.reuseNotLinked", params: { id: unlinked, practice: follower } });
    const differs = await alice.request("PUT", `${base(a)}/ratings/${follower}`, { institution: "Financial Intelligence Unit", in_place: "C", working: "Moderate", reused_from: "hague-8" });
    expect(differs.status).toBe(400);
    expect(differs.body.errors[0]).toMatchObject({ param: "reused_from", code: "validation.msg.reuseDiffers" });
    const fr = await alice.request("PUT", `${base(a)}/ratings/${follower}`, { institution: "Financial Intelligence Unit", in_place: "C", working: "Moderate", reused_from: "hague-8" }, { headers: { "accept-language": "fr" } });
    expect(fr.body.errors[0].message).toContain("diffère de la réponse");
    expect(rating((await alice.get(base(a))).body, follower, "alice")).toBeUndefined();
  });

  it("saves the confirmed answer with reused_from, and clears it when the rating is edited", async () => {
    const confirmed = await alice.request("PUT", `${base(a)}/ratings/${follower}`, { institution: "Financial Intelligence Unit", in_place: "LC", working: "Moderate", reused_from: "hague-8" });
    expect(confirmed.status).toBe(200);
    expect(rating(confirmed.body, follower, "alice")).toMatchObject({ in_place: "LC", working: "Moderate", reused_from: "hague-8" });
    expect(confirmed.body.proposals.some((p: { practice: string }) => p.practice === follower)).toBe(false);
    expect(rating(confirmed.body, "hague-8", "alice")).toMatchObject({ reused_from: null });
    const edited = await alice.request("PUT", `${base(a)}/ratings/${follower}`, { institution: "Financial Intelligence Unit", in_place: "PC", working: "Moderate" });
    expect(edited.status).toBe(200);
    expect(rating(edited.body, follower, "alice")).toMatchObject({ in_place: "PC", reused_from: null });
  });

  it("never proposes or reuses across self-assessments", async () => {
    expect((await alice.get(base(b))).body.proposals).toEqual([]);
    const across = await alice.request("PUT", `${base(b)}/ratings/${follower}`, { institution: "Financial Intelligence Unit", in_place: "LC", working: "Moderate", reused_from: "hague-8" });
    expect(across.status).toBe(400);
    expect(across.body.errors[0]).toMatchObject({ param: "reused_from", code: "validation.msg.reuseNothing" });
    expect(rating((await alice.get(base(b))).body, follower, "alice")).toBeUndefined();
  });

  it("shows nothing, proposals included, to someone who cannot read the assessment", async () => {
    for (const outsider of [dave, mallory]) {
      const r = await outsider.get(base(a));
      expect([403, 404]).toContain(r.status);
      expect(r.text).not.toContain("proposals");
      expect(r.text).not.toContain("Moderate");
    }
  });

  it("answers which practices implement a pinpoint, and refuses a query it cannot read with a message key", async () => {
    const fatf = await f.anonymous.get(`/api/v1/crosswalk?q=${encodeURIComponent("FATF R.8")}`);
    expect(fatf.status).toBe(200);
    // in the order of the practices (Hague, Addendum, ICCT), whatever the order of the files
    const linked = new Set(kb.crosswalk.filter((c) => c.links.some((l) => l.instrument === "fatf-recommendations" && /^R\.\s*8$/.test(l.pinpoint))).map((c) => c.practice));
    const expected = kb.practices.map((p) => p.id).filter((p) => linked.has(p));
    expect(expected.length).toBeGreaterThan(0);
    expect(fatf.body.items.map((i: { practice: { id: string } }) => i.practice.id)).toEqual(expected);
    expect(fatf.body).toMatchObject({ instrument: { id: "fatf-recommendations" }, pinpoint: "R.8" });
    expect(fatf.body.items[0].practice.title).toBe(kb.practices.find((p) => p.id === expected[0])!.title);
    const picker = await f.anonymous.get("/api/v1/crosswalk?instrument=fatf-recommendations&q=Recommendation%208");
    expect(picker.body.items).toEqual(fatf.body.items);
    const bad = await f.anonymous.get(`/api/v1/crosswalk?q=${encodeURIComponent("Treaty of Nowhere art 3")}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ param: "q", code: "validation.msg.crosswalkInstrument" });
    const unit = await f.anonymous.get(`/api/v1/crosswalk?q=${encodeURIComponent("UNTOC R.8")}`);
    expect(unit.body.errors[0]).toMatchObject({ param: "q", code: "validation.msg.crosswalkPinpoint", params: { instrument: "UNTOC" } });
    expect((await f.anonymous.get("/api/v1/crosswalk")).body.errors[0]).toMatchObject({ param: "q", code: "validation.msg.crosswalkQuery" });
    expect((await f.anonymous.get("/api/v1/crosswalk?instrument=no-such-thing")).body.errors[0]).toMatchObject({ param: "instrument", code: "validation.msg.unknownId" });
  });

  it("lists the instruments with pinpoints and counts, and gives a practice page its crosswalk", async () => {
    const list = await f.anonymous.get("/api/v1/crosswalk/instruments");
    expect(list.status).toBe(200);
    expect(list.body.practices).toBe(55);
    const total = list.body.items.reduce((n: number, i: { links: number }) => n + i.links, 0);
    expect(total).toBe(kb.crosswalk.reduce((n, c) => n + c.links.length, 0));
    expect(list.body.items[0]).toMatchObject({ id: "fatf-recommendations", short: "FATF Recommendations" });
    const page = await f.anonymous.get("/api/v1/practices/hague-8");
    expect(page.body.crosswalk.links.length).toBe(kb.crosswalk.find((c) => c.practice === "hague-8")!.links.length);
    expect(page.body.crosswalk.built_on_by).toContainEqual(expect.objectContaining({ id: follower, title: kb.practices.find((p) => p.id === follower)!.title }));
    const other = await f.anonymous.get(`/api/v1/practices/${follower}`);
    expect(other.body.crosswalk.builds_on).toContainEqual(expect.objectContaining({ id: "hague-8" }));
  });

  it("gives topics and reasons in the reader's language where translated, and says which are still English", async () => {
    const fr = await f.anonymous.request("GET", "/api/v1/practices/hague-8", undefined, { headers: { "accept-language": "fr" } });
    expect(fr.body.crosswalk.links[0]).toMatchObject({ topic: "Un sujet traduit en français.", language: "fr" });
    expect(fr.body.crosswalk.links[1]).toMatchObject({ topic: kb.crosswalk.find((c) => c.practice === "hague-8")!.links[1].topic, language: "en" });
    expect(fr.body.crosswalk.built_on_by.find((b: { id: string }) => b.id === follower)).toMatchObject({ reason: "Une raison traduite en français.", language: "fr" });
    const en = await f.anonymous.get("/api/v1/practices/hague-8");
    expect(en.body.crosswalk.links[0]).toMatchObject({ topic: kb.crosswalk.find((c) => c.practice === "hague-8")!.links[0].topic, language: "en" });
    const first = kb.crosswalk.find((c) => c.practice === "hague-8")!.links[0];
    const q = await f.anonymous.request("GET", `/api/v1/crosswalk?instrument=${first.instrument}&q=${encodeURIComponent(first.pinpoint)}`, undefined, { headers: { "accept-language": "fr" } });
    const item = q.body.items.find((i: { practice: { id: string } }) => i.practice.id === "hague-8");
    expect(item.links).toContainEqual(expect.objectContaining({ topic: "Un sujet traduit en français.", language: "fr" }));
  });
});
