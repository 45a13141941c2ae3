/**
 * Exercise hardening (issue 10): hot-wash ballot stuffing and request ids scoped to their sender
 * (#12), Object.prototype keys as command types (#15), evaluator codes as strong as a password,
 * the join rate limit, the live channel's message and connection budgets, and join links and
 * QR codes built from PUBLIC_URL rather than the Host header. The sockets are real (the app
 * listens on a loopback port), so each connection has an address (X-Forwarded-For, TRUST_PROXY).
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import qrcode from "qrcode-generator";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { liveLimits } from "../../src/server/exercises/live.js";
import { engines } from "../support/databases.js";
import { Live } from "../support/live.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const PUBLIC_URL = "https://nexus.example.org/";
const kb = loadContent().kb;
const sc = kb.scenarios.find((s) => s.hotwash.some((q) => q.kind === "rating") && s.hotwash.some((q) => q.kind === "text"))!;
const rating = sc.hotwash.find((q) => q.kind === "rating")!;
const text = sc.hotwash.find((q) => q.kind === "text")!;
const role = sc.roles[0].id;
const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]+$/;


describe.each(engines)("exercise hardening on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  let url: string;
  const sockets: Live[] = [];
  const savedPublicUrl = process.env.PUBLIC_URL;

  /** Opens a socket from an address (X-Forwarded-For) and, unless hello is null, says hello and waits for the snapshot or a refusal. */
  const connect = async (hello: Record<string, unknown> | null, opts: { address?: string; cookie?: string } = {}) => {
    const headers: Record<string, string> = { "x-forwarded-for": opts.address ?? "192.0.2.1" };
    if (opts.cookie) headers.cookie = opts.cookie;
    const live = new Live(new WebSocket(url, { headers }));
    sockets.push(live);
    await once(live.ws, "open");
    if (hello) {
      live.ws.send(JSON.stringify({ t: "hello", ...hello }));
      await live.next((m) => m.t === "snapshot" || m.t === "error");
    }
    return live;
  };
  const newSession = async (max_participants = 60) => {
    const r = await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: sc.id, max_participants });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; join_code: string; join_url: string; evaluator_code: string; projector_key: string };
  };
  const join = async (code: string, pseudonym: string, extra: Record<string, unknown> = { role }, address = "192.0.2.1") => {
    const r = await f.anonymous.request("POST", "/api/v1/exercises/join", { code, pseudonym, language: "en", consent: true, ...extra }, { headers: { "x-forwarded-for": address } });
    return r;
  };

  beforeAll(async () => {
    process.env.PUBLIC_URL = PUBLIC_URL; // read when the app is built
    f = await platformFixture(create);
    alice = await f.as("alice");
    await f.app.listen({ port: 0, host: "127.0.0.1" });
    url = `ws://127.0.0.1:${(f.app.server.address() as AddressInfo).port}/api/v1/exercises/live`;
  });
  afterAll(async () => {
    if (savedPublicUrl === undefined) delete process.env.PUBLIC_URL; else process.env.PUBLIC_URL = savedPublicUrl;
    for (const s of sockets) s.ws.terminate();
    await f?.close();
  });

  it("counts one hot-wash answer per participant and question, the latest, and scopes request ids to their sender (#12)", async () => {
    const s = await newSession();
    const [p1, p2] = [(await join(s.join_code, "Falcon")).body, (await join(s.join_code, "Heron")).body];
    const facilitator = await connect({ session: s.id }, { cookie: alice.cookie! });
    const [a, b] = [await connect({ session: s.id, token: p1.token }), await connect({ session: s.id, token: p2.token })];
    for (const cmd of [{ type: "start-briefing" }, { type: "open-hotwash" }]) expect((await facilitator.cmd(cmd)).t).toBe("ack");

    // Ballot stuffing: 25 anonymous answers from one participant, then a 26th that changes their mind.
    const first = await a.cmd({ type: "hotwash", answers: { [rating.id]: 1 }, anonymous: true, request: "hw-stuff-00" });
    expect(first).toMatchObject({ t: "ack", duplicate: false });
    for (let i = 1; i < 25; i++) expect((await a.cmd({ type: "hotwash", answers: { [rating.id]: 1 }, anonymous: true, request: `hw-stuff-${String(i).padStart(2, "0")}` })).t).toBe("ack");
    expect((await a.cmd({ type: "hotwash", answers: { [rating.id]: 5, [text.id]: "Shorter phases" }, anonymous: true, request: "hw-final-01" })).t).toBe("ack");
    // Another participant may use the same request id: it is theirs, and their answer counts.
    const other = await b.cmd({ type: "hotwash", answers: { [rating.id]: 3 }, anonymous: false, request: "hw-stuff-00" });
    expect(other).toMatchObject({ t: "ack", duplicate: false });
    expect(other.seqs).toHaveLength(1);
    // A resent request is acknowledged with the event it made; the same id with other content is refused, not dropped.
    expect(await a.cmd({ type: "hotwash", answers: { [rating.id]: 1 }, anonymous: true, request: "hw-stuff-00" })).toMatchObject({ t: "ack", duplicate: true, seqs: first.seqs });
    expect(await a.cmd({ type: "hotwash", answers: { [rating.id]: 2 }, anonymous: true, request: "hw-stuff-00" })).toMatchObject({ t: "error", field: "cmd.request", code: "bad-input", key: "exercises.msg.refused.requestReused" });

    const report = (await alice.get(`/api/v1/exercises/sessions/${s.id}/report`)).body.generated;
    const byId = Object.fromEntries(report.hotwash.map((q: { id: string }) => [q.id, q]));
    expect(byId[rating.id]).toMatchObject({ count: 2, mean: 4 });
    // The author of an anonymous answer is a message key the reader's language renders.
    expect(byId[text.id].texts).toEqual([{ by: { key: "exercises.msg.anonymous" }, text: "Shorter phases" }]);

    // Still anonymous in every output: no ballot and no member on the anonymous answers.
    const log = (await alice.get(`/api/v1/exercises/sessions/${s.id}/export/events.json`)).body as { type: string; member?: string | null }[];
    const answers = log.filter((e) => e.type === "hotwash-answered");
    expect(answers).toHaveLength(27);
    expect(answers.filter((e) => e.member !== null).map((e) => e.member)).toEqual([p2.member.id]);
    expect(JSON.stringify(log)).not.toContain("ballot");
    expect(JSON.stringify(facilitator.events())).not.toContain("ballot");
    const stored = await f.t.db.query<{ n: number }>("select count(distinct data->>'ballot')::int as n from exercise_event where session_id = $1 and type = 'hotwash-answered'", [s.id]);
    expect(stored.rows[0].n).toBe(2);
  });

  it("answers a command type that is a key of Object.prototype with an error naming cmd.type, never a crash (#15)", async () => {
    const s = await newSession();
    const p = (await join(s.join_code, "Plover")).body;
    const participant = await connect({ session: s.id, token: p.token });
    const facilitator = await connect({ session: s.id }, { cookie: alice.cookie! });
    for (const live of [participant, facilitator]) {
      for (const type of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"]) {
        const r = await live.cmd({ type });
        expect(r, type).toMatchObject({ t: "error", field: "cmd.type", key: "exercises.msg.refused.notACommand", message: "this is not a command of the live exercise", code: "bad-input" });
      }
    }
    // A "__proto__" key anywhere in a message is refused with its path, not dropped in silence.
    await facilitator.cmd({ type: "start-briefing" });
    await facilitator.cmd({ type: "open-hotwash" });
    expect(await participant.raw(`{"t":"cmd","id":"p1","cmd":{"type":"hotwash","answers":{"__proto__":{"polluted":true},"${rating.id}":4},"anonymous":true,"request":"hw-proto-01"}}`, "p1"))
      .toMatchObject({ t: "error", field: "cmd.answers.__proto__", message: "unknown field" });
    expect(await participant.raw(`{"t":"cmd","id":"p2","__proto__":{},"cmd":{"type":"pause"}}`, "p2")).toMatchObject({ t: "error", field: "__proto__" });
    const hello = await connect({ session: "__proto__" });
    expect(hello.messages[0]).toMatchObject({ t: "error", field: "session", message: "no such session" });
    // The sockets still work, nothing internal happened, and nothing was written by the refusals.
    expect(await participant.cmd({ type: "hotwash", answers: { [rating.id]: 4 }, anonymous: true, request: "hw-after-01" })).toMatchObject({ t: "ack" });
    expect([...participant.messages, ...facilitator.messages].filter((m) => m.code === "internal")).toEqual([]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("makes evaluator codes as strong as a password, and replaces the short ones of existing sessions", async () => {
    const s = await newSession();
    expect(s.join_code).toMatch(CODE);
    expect(s.join_code).toHaveLength(6);
    expect(s.evaluator_code).toMatch(CODE);
    expect(s.evaluator_code).toHaveLength(26); // 31^26: about 128 bits
    // Typed by hand: lower case, in the console's groups of four.
    const typed = s.evaluator_code.toLowerCase().match(/.{1,4}/g)!.join(" ");
    const owl = await join(typed, "Owl", {});
    expect(owl.status, JSON.stringify(owl.body)).toBe(201);
    expect(owl.body.member.kind).toBe("evaluator");
    // Six characters of it are not an evaluator code (nor, here, anyone's join code).
    const short = await join(s.evaluator_code.slice(0, 6), "Not an owl", {});
    expect(short.status).toBe(404);
    expect((await join("ABCDEFGHJK", "Nobody", {})).body.errors[0].param).toBe("code");
    // Migration 0010 gives a session that still has a six-character evaluator code a strong one.
    await f.t.db.query("update exercise_session set evaluator_code = 'ABC234' where id = $1", [s.id]);
    const sql = readFileSync(new URL("../../src/db/migrations/0010_exercise_hardening.sql", import.meta.url), "utf8");
    await f.t.db.exec(sql.slice(sql.indexOf("update exercise_session s")));
    const after = (await f.t.db.query<{ evaluator_code: string }>("select evaluator_code from exercise_session where id = $1", [s.id])).rows[0].evaluator_code;
    expect(after).toMatch(CODE);
    expect(after).toHaveLength(26);
    expect((await join("ABC234", "Old owl", {})).status).toBe(404);
  });

  it("limits join attempts with unknown codes per address, so short join codes cannot be guessed", async () => {
    const s = await newSession();
    const guesser = "203.0.113.7";
    for (let i = 0; i < 100; i++) {
      const guess = (await join(`ZZ${String(i).padStart(4, "0").replace(/[01]/g, "Z")}`, `Guess ${i}`, { role }, guesser));
      expect([404, 201]).toContain(guess.status);
    }
    // The budget is spent: even the right code is refused from that address, not from another.
    expect((await join(s.join_code, "Guesser", { role }, guesser)).status).toBe(429);
    expect((await join(s.join_code, "Neighbour", { role }, "203.0.113.8")).status).toBe(201);
  });

  it("closes a socket that sends more than its message budget, with an error and 1008", async () => {
    const s = await newSession();
    const p = (await join(s.join_code, "Chatty")).body;
    const live = await connect({ session: s.id, token: p.token });
    for (let i = 0; i < liveLimits.messagesPerWindow + 5; i++) live.ws.send(JSON.stringify({ t: "cmd", id: `flood-${i}`, cmd: { type: "pause" } }));
    expect(await live.closed).toBe(1008);
    expect(live.messages.find((m) => m.code === "too-many")).toMatchObject({ t: "error", field: "message" });
    // Everything up to the budget was answered (the hello counts as one message).
    expect(live.messages.filter((m) => m.t === "error" && typeof m.id === "string" && m.id.startsWith("flood-")).length).toBeLessThanOrEqual(liveLimits.messagesPerWindow - 1);
  });

  it("keeps at most a few sockets per member: a newer one closes the oldest", async () => {
    const s = await newSession();
    const p = (await join(s.join_code, "Many tabs")).body;
    const tabs = [];
    for (let i = 0; i <= liveLimits.perMember; i++) tabs.push(await connect({ session: s.id, token: p.token }));
    expect(await tabs[0].closed).toBe(1008);
    expect(tabs[0].messages.some((m) => m.code === "replaced")).toBe(true);
    for (const t of tabs.slice(1)) {
      expect(t.messages.some((m) => m.t === "snapshot")).toBe(true);
      expect(t.closeCode).toBeNull();
    }
  });

  it("refuses more sockets to a session from one address than it takes, while other addresses connect", async () => {
    const s = await newSession();
    const tokens = [];
    for (const name of ["One", "Two", "Three"]) tokens.push((await join(s.join_code, name)).body.token as string);
    const original = liveLimits.perAddress;
    liveLimits.perAddress = () => 3;
    try {
      const first = [await connect({ session: s.id }, { cookie: alice.cookie!, address: "198.51.100.1" }), await connect({ session: s.id, projector: s.projector_key }, { address: "198.51.100.1" }), await connect({ session: s.id, token: tokens[0] }, { address: "198.51.100.1" })];
      for (const l of first) expect(l.messages.some((m) => m.t === "snapshot")).toBe(true);
      const fourth = await connect({ session: s.id, token: tokens[1] }, { address: "198.51.100.1" });
      expect(fourth.messages[0]).toMatchObject({ t: "error", field: "session", code: "too-many" });
      expect(await fourth.closed).toBe(1008);
      const elsewhere = await connect({ session: s.id, token: tokens[2] }, { address: "198.51.100.2" });
      expect(elsewhere.messages.some((m) => m.t === "snapshot")).toBe(true);
    } finally {
      liveLimits.perAddress = original;
    }
  });

  it("lets a 40-person exercise run on one conference Wi-Fi address, reconnects included", async () => {
    const s = await newSession(40);
    const nat = "192.0.2.40";
    const tokens: string[] = [];
    for (let i = 0; i < 40; i++) {
      const j = await join(s.join_code, `Player ${i}`, { role: sc.roles[i % sc.roles.length].id }, nat);
      expect(j.status, JSON.stringify(j.body)).toBe(201);
      tokens.push(j.body.token);
    }
    for (let i = 0; i < 3; i++) tokens.push((await join(s.evaluator_code, `Evaluator ${i}`, {}, nat)).body.token);
    const room = [await connect({ session: s.id }, { cookie: alice.cookie!, address: nat }), await connect({ session: s.id, projector: s.projector_key }, { address: nat })];
    // Everyone connects, then every phone reconnects while its old socket is still open (not yet found dead).
    for (const round of [0, 1]) room.push(...(await Promise.all(tokens.map((token) => connect({ session: s.id, token, ...(round ? { last_seq: 0 } : {}) }, { address: nat })))));
    expect(room).toHaveLength(2 + 2 * 43);
    expect(room.filter((l) => !l.messages.some((m) => m.t === "snapshot")).map((l) => l.messages[0])).toEqual([]);
    expect(room.filter((l) => l.closeCode !== null)).toEqual([]);
  });

  it("closes sockets that do not say hello in time, and bounds them per address", async () => {
    const { helloWithinMs, unjoinedPerAddress } = liveLimits;
    liveLimits.helloWithinMs = 300;
    liveLimits.unjoinedPerAddress = 2;
    try {
      const silent = await connect(null, { address: "198.51.100.9" });
      const second = await connect(null, { address: "198.51.100.9" });
      const third = await connect(null, { address: "198.51.100.9" });
      expect(await third.closed).toBe(1008);
      expect(third.messages[0]).toMatchObject({ t: "error", code: "too-many" });
      expect(await silent.closed).toBe(1008);
      expect(silent.messages[0]).toMatchObject({ t: "error", field: "t", code: "out-of-turn" });
      await second.closed;
    } finally {
      Object.assign(liveLimits, { helloWithinMs, unjoinedPerAddress });
    }
  });

  it("builds join links and the QR code from PUBLIC_URL, never from the Host header", async () => {
    const s = await newSession();
    const expected = `https://nexus.example.org/join?code=${s.join_code}`;
    expect(s.join_url).toBe(expected);
    expect((await alice.get(`/api/v1/exercises/sessions/${s.id}`)).body.join_url).toBe(expected);
    const qr = qrcode(0, "M");
    qr.addData(expected);
    qr.make();
    const svg = await alice.request("GET", `/api/v1/exercises/sessions/${s.id}/qr.svg`, undefined, { headers: { host: "evil.example", "x-forwarded-host": "evil.example" } });
    expect(svg.status).toBe(200);
    expect(svg.text).toBe(qr.createSvgTag({ cellSize: 8, margin: 2, scalable: true }));
    const projector = await connect({ session: s.id, projector: s.projector_key });
    expect(projector.messages.find((m) => m.t === "welcome")).toMatchObject({ join_url: "https://nexus.example.org/join" });
  });
});
