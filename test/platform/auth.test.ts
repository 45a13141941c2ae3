import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { Client, PASSWORD, platformFixture, type Fixture } from "../support/platform.js";

describe.each(engines)("accounts and sessions on $name", ({ create }) => {
  let f: Fixture;
  beforeAll(async () => { f = await platformFixture(create); });
  afterAll(async () => { await f?.close(); });

  it("stores passwords as argon2id hashes", async () => {
    const { rows } = await f.t.db.query<{ password_hash: string }>("select password_hash from app_user");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("signs in with an HttpOnly, SameSite session cookie that is Secure only over TLS", async () => {
    const plain = await f.anonymous.post("/api/v1/auth/login", { email: "alice@example.org", password: PASSWORD });
    expect(plain.status).toBe(200);
    const cookie = String(plain.headers["set-cookie"]);
    expect(cookie).toMatch(/^nexus_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure");
    const tls = await f.anonymous.request("POST", "/api/v1/auth/login", { email: "alice@example.org", password: PASSWORD }, { headers: { "x-forwarded-proto": "https" } });
    expect(String(tls.headers["set-cookie"])).toContain("; Secure");
    expect(tls.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
  });

  it("keeps only a hash of the session secret in the database", async () => {
    const alice = await f.as("alice");
    const secret = alice.cookie!.split("=")[1];
    const { rows } = await f.t.db.query<{ id_hash: string }>("select id_hash from user_session");
    expect(rows.map((r) => r.id_hash)).not.toContain(secret);
    expect((await alice.get("/api/v1/auth/me")).body.user.email).toBe("alice@example.org");
  });

  it("answers /auth/session with 200 for a visitor and for a signed-in user, never stored by a cache", async () => {
    const visitor = await f.anonymous.request("GET", "/api/v1/auth/session");
    expect(visitor.status).toBe(200);
    expect(visitor.body).toEqual({ signed_in: false });
    expect(visitor.headers["cache-control"]).toBe("no-store");
    const alice = await f.as("alice");
    const me = (await alice.get("/api/v1/auth/me")).body;
    const session = await alice.get("/api/v1/auth/session");
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ signed_in: true, ...me });
    expect(session.headers["cache-control"]).toBe("no-store");
  });

  it("rejects a state-changing request without the CSRF token, and accepts it with the token", async () => {
    const alice = await f.as("alice");
    const without = await alice.request("POST", "/api/v1/workspaces", { name: "No token" }, { csrf: false });
    expect(without.status).toBe(403);
    expect(without.body.detail).toContain("CSRF");
    const wrong = await alice.request("POST", "/api/v1/workspaces", { name: "Wrong token" }, { csrf: false, headers: { "x-csrf-token": "guess" } });
    expect(wrong.status).toBe(403);
    expect((await alice.post("/api/v1/workspaces", { name: "With token" })).status).toBe(201);
  });

  it("answers a wrong password and an unknown email the same way, and audits both", async () => {
    const wrong = await f.anonymous.post("/api/v1/auth/login", { email: "bob@example.org", password: "not-the-password" });
    const unknown = await f.anonymous.post("/api/v1/auth/login", { email: "nobody@example.org", password: "not-the-password" });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const { rows } = await f.t.db.query<{ n: string }>("select count(*) as n from audit_log where action = 'auth.login-failed'");
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(2);
  });

  it("locks an account after five failures, even with the right password afterwards", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await f.anonymous.request("POST", "/api/v1/auth/login", { email: "dave@example.org", password: `wrong-${i}` }, { headers: { "x-forwarded-for": `10.0.0.${i}` } });
      expect(r.status).toBe(401);
    }
    const locked = await f.anonymous.request("POST", "/api/v1/auth/login", { email: "dave@example.org", password: PASSWORD }, { headers: { "x-forwarded-for": "10.0.1.1" } });
    // The same answer as a wrong password or an unknown email (decision 0013), and no session.
    expect(locked.status).toBe(401);
    expect(locked.headers["set-cookie"]).toBeUndefined();
    expect(locked.body.detail).toContain("locked");
  });

  it("rate-limits sign-in attempts from one address across accounts", async () => {
    let last = 0;
    for (let i = 0; i < 21; i++) {
      last = (await f.anonymous.request("POST", "/api/v1/auth/login", { email: `spray${i}@example.org`, password: "x" }, { headers: { "x-forwarded-for": "203.0.113.9" } })).status;
    }
    expect(last).toBe(429);
    const other = await f.anonymous.request("POST", "/api/v1/auth/login", { email: "bob@example.org", password: PASSWORD }, { headers: { "x-forwarded-for": "203.0.113.10" } });
    expect(other.status).toBe(200);
  });

  it("refuses weak passwords with the field and the reason", async () => {
    const adam = await f.as("adam");
    const r = await adam.post("/api/v1/users", { email: "weak@example.org", name: "Weak", organisation: "police", roles: ["viewer"], password: "password1234" });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toEqual({ param: "password", message: "is a commonly used password" });
    const short = await adam.post("/api/v1/users", { email: "weak@example.org", name: "Weak", organisation: "police", roles: ["viewer"], password: "short" });
    expect(short.body.errors[0]).toEqual({ param: "password", message: "must be at least 12 characters" });
    expect((await f.t.db.query("select 1 from app_user where email = 'weak@example.org'")).rows).toHaveLength(0);
  });

  it("issues scoped API tokens, stores only their hash, and honours revocation", async () => {
    const alice = await f.as("alice");
    const created = await alice.post("/api/v1/tokens", { name: "feed reader", scopes: ["records.read"] });
    expect(created.status).toBe(201);
    const secret: string = created.body.token;
    const { rows } = await f.t.db.query<{ token_hash: string }>("select token_hash from api_token where id = $1", [created.body.id]);
    expect(rows[0].token_hash).not.toBe(secret);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const machine = new Client(f.app, null, null, secret);
    expect((await machine.get("/api/v1/workspaces")).status).toBe(200);
    const outOfScope = await machine.post("/api/v1/workspaces", { name: "From a token" });
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.detail).toContain("not scoped for workspaces.create");
    expect((await alice.post("/api/v1/tokens", { name: "too wide", scopes: ["users.manage"] })).body.errors[0].param).toBe("scopes");
    expect((await alice.del(`/api/v1/tokens/${created.body.id}`)).status).toBe(200);
    expect((await machine.get("/api/v1/workspaces")).status).toBe(401);
  });

  it("ends the session on sign-out", async () => {
    const bob = await f.as("bob");
    expect((await bob.post("/api/v1/auth/logout")).status).toBe(200);
    expect((await bob.get("/api/v1/auth/me")).status).toBe(401);
  });
});

describe("first run", () => {
  it("creates the first administrator once with the setup link", async () => {
    const t = await engines[0].create();
    const { migrate } = await import("../../src/db/migrate.js");
    await migrate(t.db);
    const { loadContent } = await import("../../src/content/readContent.js");
    const { buildAppWithServices } = await import("../../src/server/app.js");
    const c = loadContent();
    const { app, services } = await buildAppWithServices({ db: t.db, kb: c.kb, webDir: "/nonexistent/" });
    const secret = await services.auth.setupLink();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const anon = new Client(app, null, null);
    const bad = await anon.post("/api/v1/setup", { token: "guess", organisation: "Ministry of Interior", name: "Amina", email: "amina@example.org", password: PASSWORD });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].param).toBe("token");
    const ok = await anon.post("/api/v1/setup", { token: secret, organisation: "Ministry of Interior", name: "Amina", email: "amina@example.org", password: PASSWORD });
    expect(ok.status).toBe(201);
    expect(ok.body.user.roles).toEqual(["admin"]);
    const again = await anon.post("/api/v1/setup", { token: secret, organisation: "Other", name: "X", email: "x@example.org", password: PASSWORD });
    expect(again.status).toBe(409);
    expect(await services.auth.setupLink()).toBeNull();
    await app.close();
    await t.drop();
  });
});
