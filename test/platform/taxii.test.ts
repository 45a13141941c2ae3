/**
 * The TAXII 2.1 server (issue 13, decision 0033), driven as a TAXII client drives it: discovery,
 * API root, collections per workspace, objects a page at a time with added_after and match[],
 * manifest, an object and its versions, adding an envelope and reading its status; content
 * negotiation, TAXII error messages, tokens limited by scope and by workspace, RED never served.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";
import { collectionIdOf, TAXII_MEDIA_TYPE } from "../../src/server/stix/taxii.js";
import { validateStixBundle } from "../../src/server/stix/validate.js";

const TAXII = { accept: TAXII_MEDIA_TYPE };
const T = "2026-01-10T08:00:00.000Z";
const uuid = (n: number) => `7a2b3c4d-5e6f-4a1b-9c2d-${String(n).padStart(12, "0")}`;

describe.each(engines)("TAXII 2.1 server on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client;
  let other: string;
  const token: Record<string, string> = {};
  const W = () => `/api/v1/watch/workspaces/${f.ids.ws}`;
  const col = () => `/taxii2/api/collections/${collectionIdOf(f.ids.ws)}`;
  /** A request as a TAXII client sends it: the token, and the TAXII media type. */
  const taxii = (who: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    f.anonymous.request(method, url, body, { headers: { ...TAXII, authorization: `Bearer ${token[who]}`, ...(body ? { "content-type": TAXII_MEDIA_TYPE } : {}), ...headers } });

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, bob] = await Promise.all(["alice", "bob"].map((w) => f.as(w)));
    const s1 = (await alice.post(`${W()}/sources`, { name: "[Synthetic] Liaison desk", marking: "AMBER", body: { type: "partner-agency", reliability: "B" } })).body.id;
    const area = (await alice.post(`${W()}/areas`, { name: "[Synthetic] Border zone", marking: "AMBER", body: { country: "ML" } })).body.id;
    for (let i = 0; i < 6; i++) expect((await alice.post(`${W()}/groups`, { name: `[Synthetic] Group ${i}`, marking: "GREEN", body: { type: "criminal", areas: [] } })).status).toBe(201);
    expect((await alice.post(`${W()}/groups`, { name: "[Synthetic] Red cell", marking: "RED", body: { type: "terrorist", areas: [] } })).status).toBe(201);
    expect((await alice.post(`/api/v1/watch/subjects/${area}/observations`, { indicator: "env-economic.poverty", state: "present", observed_at: "2026-09-15", sources: [s1], credibility: 2 })).status).toBe(201);
    other = (await alice.post("/api/v1/workspaces", { name: "Other desk" })).body.id;
    const mint = async (c: Client, name: string, scopes: string[], workspaces?: string[]) => {
      const r = await c.post("/api/v1/tokens", { name, scopes, ...(workspaces ? { workspaces } : {}) });
      expect(r.status, r.text).toBe(201);
      return r.body.token as string;
    };
    token.alice = await mint(alice, "hub feed", ["records.read", "records.write"], [f.ids.ws]);
    token.aliceAll = await mint(alice, "all desks", ["records.read"]);
    token.bob = await mint(bob, "read only", ["records.read"]);
  });
  afterAll(async () => { await f?.close(); });

  it("answers discovery and the API root in TAXII 2.1, and refuses another version with 406 as a TAXII error", async () => {
    const d = await taxii("alice", "GET", "/taxii2/");
    expect(d.status).toBe(200);
    expect(String(d.headers["content-type"])).toBe(TAXII_MEDIA_TYPE);
    expect(d.body.api_roots).toHaveLength(1);
    expect(d.body.default, "relative to the discovery address when PUBLIC_URL is unset, never from the Host header").toBe("/taxii2/api/");
    const root = await taxii("alice", "GET", d.body.default);
    expect(root.body).toMatchObject({ versions: [TAXII_MEDIA_TYPE], max_content_length: 16 * 1024 * 1024 });
    const old = await taxii("alice", "GET", "/taxii2/", undefined, { accept: "application/taxii+json;version=2.0" });
    expect(old.status).toBe(406);
    expect(String(old.headers["content-type"])).toBe(TAXII_MEDIA_TYPE);
    expect(old.body).toMatchObject({ http_status: "406", title: "Not Acceptable" });
    const anonymous = await f.anonymous.request("GET", "/taxii2/", undefined, { headers: TAXII });
    expect(anonymous.status).toBe(401);
    expect(String(anonymous.headers["www-authenticate"])).toContain("Basic");
    expect(anonymous.body.http_status).toBe("401");
    // HTTP Basic with the token as the password, as taxii2-client and medallion send it.
    const basic = await f.anonymous.request("GET", "/taxii2/", undefined, { headers: { ...TAXII, authorization: `Basic ${Buffer.from(`alice:${token.alice}`).toString("base64")}` } });
    expect(basic.status).toBe(200);
  });

  it("lists one collection per workspace; a token limited to a workspace sees that one only", async () => {
    const all = await taxii("aliceAll", "GET", "/taxii2/api/collections/");
    expect(all.body.collections.map((c: { title: string }) => c.title).sort()).toEqual(["Joint task force", "Other desk"]);
    expect(all.body.collections.every((c: { can_read: boolean; can_write: boolean }) => c.can_read && !c.can_write)).toBe(true);
    const limited = await taxii("alice", "GET", "/taxii2/api/collections/");
    expect(limited.body.collections).toEqual([{ id: collectionIdOf(f.ids.ws), title: "Joint task force", can_read: true, can_write: true, media_types: ["application/stix+json;version=2.1"] }]);
    expect((await taxii("alice", "GET", `/taxii2/api/collections/${collectionIdOf(other)}/objects/`)).status).toBe(404);
    expect((await taxii("alice", "GET", `${col()}/`)).body.title).toBe("Joint task force");
  });

  it("pages through the objects with next, filters by added_after and match[], and never serves RED", async () => {
    const seen: Record<string, any>[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const r = await taxii("alice", "GET", `${col()}/objects/?limit=5${next ? `&next=${next}` : ""}`);
      expect(r.status, r.text).toBe(200);
      expect(r.body.objects.length).toBeLessThanOrEqual(5);
      expect(r.headers["x-taxii-date-added-first"]).toBeTruthy();
      seen.push(...r.body.objects);
      next = r.body.more ? r.body.next : undefined;
      pages++;
    } while (next && pages < 50);
    expect(pages).toBeGreaterThan(2);
    const ids = seen.map((o) => o.id);
    expect(new Set(ids).size, "no object twice across pages").toBe(ids.length);
    const exported = JSON.parse((await alice.get(`/api/v1/stix/workspaces/${f.ids.ws}/bundle`)).text);
    expect(ids.sort()).toEqual(exported.objects.map((o: { id: string }) => o.id).sort());
    expect(validateStixBundle({ type: "bundle", id: exported.id, objects: seen })).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain("Red cell");

    const groups = await taxii("alice", "GET", `${col()}/objects/?match[type]=threat-actor`);
    expect(groups.body.objects).toHaveLength(6);
    const one = groups.body.objects[2];
    const byId = await taxii("alice", "GET", `${col()}/objects/?match[id]=${one.id}`);
    expect(byId.body.objects.map((o: { id: string }) => o.id)).toEqual([one.id]);
    expect((await taxii("alice", "GET", `${col()}/objects/?match[version]=${one.modified}&match[id]=${one.id}`)).body.objects).toHaveLength(1);
    expect((await taxii("alice", "GET", `${col()}/objects/?match[version]=2000-01-01T00:00:00.000Z&match[id]=${one.id}`)).body.objects).toBeUndefined();
    const manifest = await taxii("alice", "GET", `${col()}/manifest/?match[type]=threat-actor`);
    expect(manifest.body.objects[0]).toMatchObject({ id: expect.stringMatching(/^threat-actor--/), version: expect.any(String), media_type: "application/stix+json;version=2.1" });
    const object = await taxii("alice", "GET", `${col()}/objects/${one.id}/`);
    expect(object.body.objects).toEqual([one]);
    expect((await taxii("alice", "GET", `${col()}/objects/${one.id}/versions/`)).body.versions).toEqual([one.modified]);
    expect((await taxii("alice", "GET", `${col()}/objects/threat-actor--${uuid(99)}/`)).status).toBe(404);

    // Only what was added after the last date a client saw.
    const last = seen.map((o) => o.modified ?? o.created).sort().at(-1);
    expect((await taxii("alice", "GET", `${col()}/objects/?added_after=${last}`)).body.objects).toBeUndefined();
    expect((await alice.post(`${W()}/groups`, { name: "[Synthetic] Newcomer", marking: "GREEN", body: { type: "criminal", areas: [] } })).status).toBe(201);
    const fresh = await taxii("alice", "GET", `${col()}/objects/?added_after=${last}`);
    expect(fresh.body.objects.map((o: { name?: string }) => o.name)).toContain("[Synthetic] Newcomer");
    const bad = await taxii("alice", "GET", `${col()}/objects/?added_after=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toHaveProperty("added_after");
    expect((await taxii("alice", "GET", `${col()}/objects/?next=garbage`)).status).toBe(400);
  });

  it("adds an envelope and answers its status; a refused envelope writes nothing and says why; a read-only token may not add", async () => {
    const common = { spec_version: "2.1", created: T, modified: T };
    const envelope = { objects: [{ type: "threat-actor", id: `threat-actor--${uuid(1)}`, ...common, name: "[Synthetic] Pushed from the national node", threat_actor_types: ["terrorist"] }] };
    const r = await taxii("alice", "POST", `${col()}/objects/`, envelope);
    expect(r.status, r.text).toBe(202);
    expect(r.body).toMatchObject({ status: "complete", total_count: 1, success_count: 1, failure_count: 0, pending_count: 0, successes: [{ id: `threat-actor--${uuid(1)}`, version: T }] });
    expect((await taxii("alice", "GET", `/taxii2/api/status/${r.body.id}/`)).body).toEqual(r.body);
    expect((await taxii("bob", "GET", `/taxii2/api/status/${r.body.id}/`)).status, "another's status").toBe(403);
    const groups = await alice.get(`/api/v1/watch/workspaces/${f.ids.ws}/records?kind=group`);
    expect(JSON.stringify(groups.body)).toContain("Pushed from the national node");

    const before = (await alice.get(`/api/v1/watch/workspaces/${f.ids.ws}/records?kind=group`)).body.items.length;
    const refused = await taxii("alice", "POST", `${col()}/objects/`, { objects: [{ type: "threat-actor", id: `threat-actor--${uuid(2)}`, ...common, name: "[Synthetic] Fine" }, { type: "threat-actor", id: `threat-actor--${uuid(3)}`, ...common }] });
    expect(refused.status).toBe(202);
    expect(refused.body).toMatchObject({ success_count: 0, failure_count: 2 });
    expect(refused.body.failures[1]).toMatchObject({ id: `threat-actor--${uuid(3)}`, message: expect.stringContaining("objects.1.name") });
    expect((await alice.get(`/api/v1/watch/workspaces/${f.ids.ws}/records?kind=group`)).body.items.length).toBe(before);

    const readOnly = await taxii("bob", "POST", `${col()}/objects/`, envelope);
    expect(readOnly.status).toBe(403);
    expect(String(readOnly.headers["content-type"])).toBe(TAXII_MEDIA_TYPE);
    const notEnvelope = await taxii("alice", "POST", `${col()}/objects/`, { things: [] });
    expect(notEnvelope.status).toBe(400);
    expect(notEnvelope.body.details).toHaveProperty("objects");
  });

  it("refuses to limit a token to a workspace its owner does not belong to", async () => {
    const r = await bob.post("/api/v1/tokens", { name: "sneaky", scopes: ["records.read"], workspaces: [other] });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].param).toBe("workspaces");
  });
});
