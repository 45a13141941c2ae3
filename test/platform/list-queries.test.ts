/**
 * Every list costs the same number of database queries however many records it shows (issue
 * 10: no whole-table loads, no query per record). Counts the queries each list route sends,
 * adds a dozen records of every kind those lists show, and counts again. trust.test.ts does the
 * same for the workspace listings; this covers the other lists.
 *
 * The record lists page (keyset on created_at, id): a page costs the same queries whichever page
 * it is, walking the pages gives every record once in the list's order (ties on created_at
 * included), and a bad `limit` or `cursor` answers 400 naming it.
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
    const shown = async () => (await bob.get("/api/v1/records?limit=200")).body.items.length as number;
    const totalBefore = await shown();
    await add(12, 2);
    expect(await shown()).toBeGreaterThanOrEqual(totalBefore + 12 * 4); // the lists really grew
    expect(await count()).toEqual(before);
  }, 120_000);
});

describe.each(engines)("paged record lists on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  let bob: Client;
  const WS = () => `/api/v1/workspaces/${f.ids.ws}/records`;
  const WHY = encodeURIComponent("preparing the joint briefing");
  type Page = { items: { id: string; title?: string; marking: string; created_at: string }[]; next_cursor: string | null };

  /** Every page of a list, following next_cursor; with the queries each page sent. */
  const walk = async (url: string, limit: number, headers: Record<string, string> = {}) => {
    const pages: Page[] = [];
    const queries: number[] = [];
    const original = f.t.db.query.bind(f.t.db);
    let cursor: string | null = null;
    do {
      let n = 0;
      f.t.db.query = ((sql: string, params?: unknown[]) => { n++; return original(sql, params); }) as typeof f.t.db.query;
      let r;
      try {
        r = await bob.request("GET", `${url}${url.includes("?") ? "&" : "?"}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, undefined, { headers });
      } finally { f.t.db.query = original; }
      expect(r.status, r.text).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(limit);
      pages.push(r.body);
      queries.push(n);
      cursor = r.body.next_cursor;
      expect(pages.length).toBeLessThan(50);
    } while (cursor);
    return { pages, queries, ids: pages.flatMap((p) => p.items.map((i) => i.id)) };
  };

  beforeAll(async () => {
    f = await platformFixture(create);
    alice = await f.as("alice");
    bob = await f.as("bob");
    const markings = ["GREEN", "AMBER", "AMBER+STRICT", "CLEAR"];
    for (let i = 0; i < 23; i++) {
      const r = await alice.request("POST", WS(), { kind: "note", title: `paged note ${i}`, body: {}, marking: markings[i % markings.length] }, { headers: { "x-access-reason": WHY } });
      if (r.status !== 201) throw new Error(r.text);
    }
    // Ties: nine records share one created_at (microseconds included), so a page boundary falls inside them.
    await f.t.db.query("update record set created_at = '2026-03-01 10:00:00.123456+00' where title in (" + Array.from({ length: 9 }, (_, i) => `'paged note ${i * 2 + 1}'`).join(", ") + ")");
  });
  afterAll(async () => { await f?.close(); });

  it("walks a workspace's records page by page: each once, in the list's order, the same queries per page, and no cursor after the last", async () => {
    const all = (await bob.get(`${WS()}?limit=200`)).body as Page;
    expect(all.next_cursor).toBeNull();
    expect(all.items.length).toBe(23);
    for (const limit of [1, 4, 9, 22]) {
      const { pages, queries, ids } = await walk(WS(), limit);
      expect(ids, `limit ${limit}`).toEqual(all.items.map((i) => i.id));
      expect(pages.length).toBe(Math.ceil(23 / limit));
      expect(pages.at(-1)!.next_cursor).toBeNull();
      expect(new Set(queries).size, `queries per page at limit ${limit}: ${queries}`).toBe(1);
    }
    // The default page is 50, so all 23 fit in one.
    const first = (await bob.get(WS())).body as Page;
    expect([first.items.length, first.next_cursor]).toEqual([23, null]);
  });

  it("keeps the access rule on every page: AMBER+STRICT records are withheld without a reason and read (audited) with one", async () => {
    const without = await walk(WS(), 5);
    const strict = without.pages.flatMap((p) => p.items).filter((i) => i.marking === "AMBER+STRICT");
    expect(strict.length).toBe(6); // notes 2, 6, 10, 14, 18, 22
    for (const i of strict) expect(i.title).toBeUndefined();
    const withReason = await walk(WS(), 5, { "x-access-reason": WHY });
    expect(withReason.ids).toEqual(without.ids);
    for (const i of withReason.pages.flatMap((p) => p.items).filter((x) => x.marking === "AMBER+STRICT")) expect(i.title).toMatch(/^paged note/);
    const audited = await f.t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'record.read' and actor_id = $1 and reason is not null", [f.ids.bob]);
    expect(audited.rows[0].n).toBeGreaterThan(0);
  });

  it("pages a search and every readable record the same way", async () => {
    const search = await walk("/api/v1/records?q=paged", 6);
    expect(search.ids.length).toBe(23 - 6); // AMBER+STRICT matches only with a reason
    const everything = (await bob.get("/api/v1/records?limit=200")).body as Page;
    expect((await walk("/api/v1/records", 7)).ids).toEqual(everything.items.map((i) => i.id));
  });

  it("answers 400 naming limit or cursor when either is wrong", async () => {
    const cursor = (await bob.get(`${WS()}?limit=2`)).body.next_cursor as string;
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const bad: [string, string][] = [
      ["limit=0", "limit"], ["limit=201", "limit"], ["limit=abc", "limit"], ["limit=2.5", "limit"],
      ["cursor=", "cursor"], ["cursor=%25%25%25", "cursor"], [`cursor=${cursor.slice(0, -3)}`, "cursor"],
      [`cursor=${forged(["yesterday", "x"])}`, "cursor"], [`cursor=${forged(["2026-03-01 10:00:00+00"])}`, "cursor"], [`cursor=${forged({ at: 1 })}`, "cursor"],
    ];
    for (const [query, param] of bad) {
      for (const url of [`${WS()}?${query}`, `/api/v1/records?${query}`]) {
        const r = await bob.get(url);
        expect([r.status, r.body?.errors?.[0]?.param], url).toEqual([400, param]);
      }
    }
    expect((await bob.get(`${WS()}?limit=2&cursor=${cursor}`)).status).toBe(200);
  });

  it("describes limit and cursor in the OpenAPI document", async () => {
    const doc = (await f.anonymous.get("/api/v1/openapi.json")).body;
    for (const path of ["/api/v1/workspaces/{id}/records", "/api/v1/records"]) {
      const params = doc.paths[path].get.parameters as { name: string; in: string; schema: { maximum?: number; default?: number } }[];
      const limit = params.find((p) => p.name === "limit")!;
      expect([limit.in, limit.schema.maximum, limit.schema.default], path).toEqual(["query", 200, 50]);
      expect(params.find((p) => p.name === "cursor")?.in, path).toBe("query");
    }
  });
});
