/**
 * Two deployments federating over TAXII 2.1 on loopback (issue 13, decision 0034): a regional hub
 * subscribes to a national node's collection and pulls; later pulls bring only what is new; the
 * national node pulls the hub back and recognises its own objects; markings hold and RED never
 * crosses; a remote sending bad data is quarantined with a report and nothing is applied.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";
import { collectionIdOf } from "../../src/server/stix/taxii.js";

describe.each(engines)("federation over TAXII 2.1 on $name", ({ create }) => {
  let national: Fixture, hub: Fixture;
  let nat: Client, reg: Client;
  let natUrl: string, hubUrl: string;
  let bad: Server, badUrl: string;
  let hubWs: string;
  const id: Record<string, string> = {};
  const records = async (f: Fixture, ws: string, kind: string) =>
    (await f.t.db.query<{ title: string; marking: string; body: any }>("select title, marking, body from record where workspace_id = $1 and kind = $2 and deleted_at is null order by title", [ws, kind])).rows;

  beforeAll(async () => {
    [national, hub] = [await platformFixture(create), await platformFixture(create)];
    [nat, reg] = [await national.as("alice"), await hub.as("alice")];
    natUrl = await national.app.listen({ port: 0, host: "127.0.0.1" });
    hubUrl = await hub.app.listen({ port: 0, host: "127.0.0.1" });
    const W = `/api/v1/watch/workspaces/${national.ids.ws}`;
    id.source = (await nat.post(`${W}/sources`, { name: "[Synthetic] Border liaison", marking: "GREEN", body: { type: "partner-agency", reliability: "B" } })).body.id;
    id.area = (await nat.post(`${W}/areas`, { name: "[Synthetic] Border zone", marking: "AMBER", body: { country: "ML", context: "post-conflict" } })).body.id;
    id.group = (await nat.post(`${W}/groups`, { name: "[Synthetic] Transport network", marking: "AMBER", body: { type: "criminal", areas: [id.area] } })).body.id;
    expect((await nat.post(`${W}/groups`, { name: "[Synthetic] Red cell", marking: "RED", body: { type: "terrorist", areas: [] } })).status).toBe(201);
    expect((await nat.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator: "env-geography.ungoverned-territory", state: "present", observed_at: "2026-09-15", sources: [id.source], credibility: 2 })).status).toBe(201);
    id.natToken = (await nat.post("/api/v1/tokens", { name: "regional hub", scopes: ["records.read"], workspaces: [national.ids.ws] })).body.token;
    hubWs = (await reg.post("/api/v1/workspaces", { name: "Regional hub" })).body.id;
    id.hubToken = (await reg.post("/api/v1/tokens", { name: "national node", scopes: ["records.read"], workspaces: [hubWs] })).body.token;
    // A remote that serves objects our import refuses (a threat actor without a name).
    bad = createServer((req, res) => {
      res.setHeader("content-type", "application/taxii+json;version=2.1");
      res.end(JSON.stringify({ more: false, objects: [{ type: "threat-actor", spec_version: "2.1", id: "threat-actor--0b3a2c1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", created: "2026-01-01T00:00:00.000Z", modified: "2026-01-01T00:00:00.000Z" }] }));
    });
    await new Promise<void>((r) => bad.listen(0, "127.0.0.1", () => r()));
    badUrl = `http://127.0.0.1:${(bad.address() as AddressInfo).port}/taxii2/api/collections/x/`;
  });
  afterAll(async () => { await national?.close(); await hub?.close(); await new Promise((r) => bad?.close(r)); });

  it("a regional hub pulls a national node: markings kept, RED never crosses, the analysis reads the same, and the next pull brings only what is new", async () => {
    const sub = await reg.post(`/api/v1/stix/workspaces/${hubWs}/subscriptions`, {
      title: "National node", collection_url: `${natUrl}/taxii2/api/collections/${collectionIdOf(national.ids.ws)}/`, token: id.natToken, interval_minutes: 60,
    });
    expect(sub.status, sub.text).toBe(201);
    expect(sub.body).not.toHaveProperty("token");
    expect(sub.body.has_token).toBe(true);
    const first = await reg.post(`/api/v1/stix/subscriptions/${sub.body.id}/pull`);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ last_status: "ok", last_counts: { create: 4 } });
    expect(first.body.added_after).toBeTruthy();
    expect((await records(hub, hubWs, "group")).map((g) => [g.title, g.marking])).toEqual([["[Synthetic] Transport network", "AMBER"]]);
    expect((await records(hub, hubWs, "source")).map((g) => [g.title, g.marking])).toEqual([["[Synthetic] Border liaison", "GREEN"]]);
    const hubArea = (await hub.t.db.query<{ id: string }>("select id from record where workspace_id = $1 and kind = 'area'", [hubWs])).rows[0].id;
    const reading = async (c: Client, subject: string) => (await c.get(`/api/v1/watch/subjects/${subject}`)).body.analysis.ranking.map((h: any) => [h.id, h.score]);
    expect(await reading(reg, hubArea)).toEqual(await reading(nat, id.area));
    // Provenance: the import says which subscription brought it, and when.
    const imports = (await reg.get(`/api/v1/stix/workspaces/${hubWs}/imports`)).body.items;
    expect(imports[0]).toMatchObject({ origin: `taxii:${sub.body.id}` });

    // Nothing new: nothing created. Something new: only that.
    expect((await reg.post(`/api/v1/stix/subscriptions/${sub.body.id}/pull`)).body.last_counts).toMatchObject({ create: 0 });
    expect((await nat.post(`/api/v1/watch/workspaces/${national.ids.ws}/groups`, { name: "[Synthetic] Newcomer", marking: "GREEN", body: { type: "criminal", areas: [] } })).status).toBe(201);
    const third = await reg.post(`/api/v1/stix/subscriptions/${sub.body.id}/pull`);
    expect(third.body).toMatchObject({ last_status: "ok", last_counts: { create: 1 } });
    expect((await records(hub, hubWs, "group")).map((g) => g.title)).toEqual(["[Synthetic] Newcomer", "[Synthetic] Transport network"]);
    expect(JSON.stringify(await records(hub, hubWs, "group"))).not.toContain("Red cell");
  });

  it("the national node pulls the hub back and recognises its own objects; the hub's own work comes through", async () => {
    expect((await reg.post(`/api/v1/watch/workspaces/${hubWs}/groups`, { name: "[Synthetic] Hub finding", marking: "GREEN", body: { type: "terrorist", areas: [] } })).status).toBe(201);
    const back = await nat.post(`/api/v1/stix/workspaces/${national.ids.ws}/subscriptions`, {
      title: "Regional hub", collection_url: `${hubUrl}/taxii2/api/collections/${collectionIdOf(hubWs)}/`, token: id.hubToken,
    });
    expect(back.status, back.text).toBe(201);
    const pulled = await nat.post(`/api/v1/stix/subscriptions/${back.body.id}/pull`);
    expect(pulled.body.last_status, JSON.stringify(pulled.body.last_errors)).toBe("ok");
    expect(pulled.body.last_counts.create, "only the hub's own group is new here").toBe(1);
    const groups = (await records(national, national.ids.ws, "group")).map((g) => g.title);
    expect(groups).toEqual(["[Synthetic] Hub finding", "[Synthetic] Newcomer", "[Synthetic] Red cell", "[Synthetic] Transport network"]);
  });

  it("a coordinator pushes a published assessment to the hub; a draft, or an analyst who is not a coordinator, is refused", async () => {
    const hubWrite = (await reg.post("/api/v1/tokens", { name: "national pushes", scopes: ["records.read", "records.write"], workspaces: [hubWs] })).body.token;
    const target = await nat.post(`/api/v1/stix/workspaces/${national.ids.ws}/subscriptions`, {
      title: "Regional hub (assessments)", collection_url: `${hubUrl}/taxii2/api/collections/${collectionIdOf(hubWs)}/`, token: hubWrite,
    });
    expect(target.status, target.text).toBe(201);
    const a = await nat.post(`/api/v1/watch/subjects/${id.area}/assessments`, { judgement: { manifestation: "black-hole", reason: "The state has all but left the border zone." } });
    expect(a.status, a.text).toBe(201);
    const draft = await nat.post(`/api/v1/stix/assessments/${a.body.id}/push`, { subscription: target.body.id });
    expect(draft.status).toBe(400);
    expect(draft.body.errors[0]).toMatchObject({ param: "assessment", code: "validation.msg.pushUnpublished" });
    expect((await nat.patch(`/api/v1/watch/assessments/${a.body.id}`, { status: "review" })).status).toBe(200);
    const bob = await national.as("bob");
    expect((await bob.patch(`/api/v1/watch/assessments/${a.body.id}`, { status: "published" })).status).toBe(200);
    expect((await bob.post(`/api/v1/stix/assessments/${a.body.id}/push`, { subscription: target.body.id })).status, "bob is an analyst, not a coordinator").toBe(403);
    const pushed = await nat.post(`/api/v1/stix/assessments/${a.body.id}/push`, { subscription: target.body.id });
    expect(pushed.status, pushed.text).toBe(200);
    expect(pushed.body.status).toMatchObject({ status: "complete", failure_count: 0 });
    expect(pushed.body.status.success_count).toBe(pushed.body.objects);
    const reports = (await hub.t.db.query<{ title: string; body: any }>("select title, body from record where workspace_id = $1 and kind = 'stix-object' and body->>'stix_type' = 'report'", [hubWs])).rows;
    expect(reports.map((r) => r.title)).toEqual([a.body.title]);
    expect(reports[0].body.object.extensions).toBeTruthy();
    const audit = await national.t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'watch.stix-push'");
    expect(audit.rows[0].n).toBe(1);
    expect((await nat.post(`/api/v1/stix/assessments/${a.body.id}/push`, { subscription: "no-such-subscription" })).body.errors[0].param).toBe("subscription");
  });

  it("quarantines what a remote sends that the import refuses, applies nothing, and keeps its place", async () => {
    const sub = await reg.post(`/api/v1/stix/workspaces/${hubWs}/subscriptions`, { title: "Broken feed", collection_url: badUrl });
    expect(sub.status, sub.text).toBe(201);
    const before = (await records(hub, hubWs, "group")).length;
    const r = await reg.post(`/api/v1/stix/subscriptions/${sub.body.id}/pull`);
    expect(r.body).toMatchObject({ last_status: "quarantined", added_after: null });
    expect(r.body.last_errors[0]).toMatchObject({ param: "objects.0.name" });
    expect((await records(hub, hubWs, "group")).length).toBe(before);
    const q = await hub.t.db.query<{ n: number }>("select count(*)::int as n from stix_quarantine where subscription_id = $1", [sub.body.id]);
    expect(q.rows[0].n).toBe(1);
    // An unreachable remote is said so, and nothing changes.
    const gone = await reg.post(`/api/v1/stix/workspaces/${hubWs}/subscriptions`, { title: "Gone", collection_url: "http://127.0.0.1:9/taxii2/api/collections/x/" });
    expect((await reg.post(`/api/v1/stix/subscriptions/${gone.body.id}/pull`)).body.last_status).toBe("unreachable");
    // Bad input is refused by name; another organisation's member cannot see or pull.
    const badUrlInput = await reg.post(`/api/v1/stix/workspaces/${hubWs}/subscriptions`, { title: "x", collection_url: "ftp://example.org/" });
    expect(badUrlInput.status).toBe(400);
    expect(badUrlInput.body.errors[0].param).toBe("collection_url");
    expect((await reg.post(`/api/v1/stix/workspaces/${hubWs}/subscriptions`, { title: "x", collection_url: badUrl, interval_minutes: 1 })).body.errors[0].param).toBe("interval_minutes");
    const mallory = await hub.as("mallory");
    expect((await mallory.post(`/api/v1/stix/subscriptions/${sub.body.id}/pull`)).status).toBe(404);
    expect((await mallory.get(`/api/v1/stix/workspaces/${hubWs}/subscriptions`)).status).toBe(404);
  });

  it("pulls what is due on the schedule, each subscription once even when two schedulers look at the same time", async () => {
    await hub.t.db.query("update taxii_subscription set next_pull_at = now() - interval '1 minute' where workspace_id = $1 and removed_at is null and title = 'National node'", [hubWs]);
    const actor = { userId: null, organisationId: null, ip: "test scheduler" };
    const [a, b] = await Promise.all([hub.services.subscriptions.pullDue(actor), hub.services.subscriptions.pullDue(actor)]);
    expect(a + b).toBe(1);
    const { rows } = await hub.t.db.query<{ due: boolean }>("select next_pull_at > now() as due from taxii_subscription where title = 'National node'");
    expect(rows[0].due, "the next pull is an interval away").toBe(true);
  });
});
