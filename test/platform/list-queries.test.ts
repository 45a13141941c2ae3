/**
 * Every list costs the same number of database queries however many records it shows (issue
 * 10: no whole-table loads, no query per record). Counts the queries each list route sends,
 * adds a dozen records of every kind those lists show, and counts again. trust.test.ts does the
 * same for the workspace listings; this covers the other lists.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

describe.each(engines)("queries per list on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  let bob: Client;
  const lists = () => [
    "/api/v1/records", "/api/v1/records?q=bulk", `/api/v1/records/export.csv?workspace=${f.ids.ws}`,
    `/api/v1/watch/workspaces/${f.ids.ws}/records`, "/api/v1/watch/alerts", `/api/v1/watch/overview?workspace=${f.ids.ws}`,
    `/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, `/api/v1/exercises/workspaces/${f.ids.ws}/sessions`,
  ];

  const add = async (n: number, from: number) => {
    const W = `/api/v1/watch/workspaces/${f.ids.ws}`;
    const scenario = (await alice.get("/api/v1/exercises/scenarios")).body.items[0].id;
    for (let i = from; i < from + n; i++) {
      const posts: [string, unknown][] = [
        [`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: `bulk note ${i}`, body: {}, marking: i % 2 ? "AMBER" : "GREEN" }],
        [`${W}/areas`, { name: `bulk area ${i}`, marking: "AMBER", body: { country: "NE" } }],
        [`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: `bulk review ${i}`, country: "KE", marking: "AMBER" }],
        [`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario, name: `bulk drill ${i}`, marking: "AMBER" }],
      ];
      for (const [url, body] of posts) {
        const r = await alice.post(url, body);
        if (r.status !== 201) throw new Error(`${url}: ${r.text}`);
      }
    }
  };

  /** Queries each list sends, by wrapping the database's query function. */
  const count = async () => {
    const out: Record<string, number> = {};
    const original = f.t.db.query.bind(f.t.db);
    for (const url of lists()) {
      let n = 0;
      f.t.db.query = ((sql: string, params?: unknown[]) => { n++; return original(sql, params); }) as typeof f.t.db.query;
      try {
        const r = await bob.get(url);
        expect(r.status, url).toBe(200);
      } finally { f.t.db.query = original; }
      out[url] = n;
    }
    return out;
  };

  beforeAll(async () => {
    f = await platformFixture(create);
    alice = await f.as("alice");
    bob = await f.as("bob");
    await add(2, 0);
  });
  afterAll(async () => { await f?.close(); });

  it("sends as many queries for 14 records of each kind as for 2", async () => {
    const before = await count();
    const shown = async () => (await bob.get("/api/v1/records")).body.total as number;
    const totalBefore = await shown();
    await add(12, 2);
    expect(await shown()).toBeGreaterThanOrEqual(totalBefore + 12 * 4); // the lists really grew
    expect(await count()).toEqual(before);
  }, 120_000);
});
