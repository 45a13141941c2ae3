/**
 * Issue 10, points 3, 8 and 11, and the sign-in hardening around them (decision 0013): token
 * scopes that cannot widen, administrators who cannot raise their own rights, sign-in limits that
 * hold under concurrency and answers that do not tell a locked account from an unknown email,
 * password change, the TOTP second factor, the sessions' absolute lifetime and the user directory.
 */
import { generate } from "otplib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { engines } from "../support/databases.js";
import { Client, PASSWORD, platformFixture, type Fixture } from "../support/platform.js";

// Counts argon2 verifications and the hashes they were run against.
const argon = vi.hoisted(() => ({ hashes: [] as string[] }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: (hash: string, password: string) => { argon.hashes.push(hash); return real.verify(hash, password); } };
});

const system = { userId: null, organisationId: null, ip: "test" };
const NEW_PASSWORD = "lantern-orchid-basalt-77";

describe.each(engines)("auth hardening on $name", ({ create }) => {
  let f: Fixture;
  beforeAll(async () => { f = await platformFixture(create); });
  afterAll(async () => { await f?.close(); });
  beforeEach(() => { argon.hashes.length = 0; });

  /** A fresh police analyst, so each test starts from an account nobody else touched. */
  let n = 0;
  const newUser = async (roles: ("analyst" | "viewer" | "admin")[] = ["analyst"]) => {
    const email = `hardening${++n}@example.org`;
    const u = await f.services.admin.createUser(null, { email, name: `Hardening ${n}`, organisation: "police", roles, password: PASSWORD }, system);
    const hash = (await f.t.db.query<{ password_hash: string }>("select password_hash from app_user where id = $1", [u.id])).rows[0].password_hash;
    return { id: u.id, email, hash };
  };
  const login = (email: string, password: string, ip: string, extra: Record<string, string> = {}) =>
    f.anonymous.request("POST", "/api/v1/auth/login", { email, password, ...extra }, { headers: { "x-forwarded-for": ip } });
  const clientOf = (r: { headers: Record<string, unknown>; body: any }) => new Client(f.app, String(r.headers["set-cookie"]).split(";")[0], r.body.csrf_token);

  describe("#3 API token scopes", () => {
    it("a token scoped tokens.own cannot mint a token with records.read or records.write", async () => {
      const alice = await f.as("alice");
      const narrow = await alice.post("/api/v1/tokens", { name: "token manager", scopes: ["tokens.own"] });
      expect(narrow.status).toBe(201);
      const machine = new Client(f.app, null, null, narrow.body.token);
      const before = (await f.t.db.query("select id from api_token")).rows.length;
      for (const scopes of [["records.read"], ["records.write"], ["tokens.own", "records.read"]]) {
        const r = await machine.post("/api/v1/tokens", { name: "wider", scopes });
        expect(r.status, scopes.join()).toBe(400);
        expect(r.body.errors[0].param).toBe("scopes");
      }
      expect((await f.t.db.query("select id from api_token")).rows.length).toBe(before);
      // Its own scope it may pass on; the owner, signed in, may still create the wider token.
      expect((await machine.post("/api/v1/tokens", { name: "same", scopes: ["tokens.own"] })).status).toBe(201);
      expect((await alice.post("/api/v1/tokens", { name: "reader", scopes: ["records.read"] })).status).toBe(201);
    });
  });

  describe("#8 administrators and their own rights", () => {
    it("an admin cannot change their own roles, nor disable or enable their own account", async () => {
      const adam = await f.as("adam");
      for (const body of [{ roles: ["admin", "oversight", "analyst"] }, { roles: ["analyst"] }, { disabled: true }, { disabled: false }]) {
        const r = await adam.patch(`/api/v1/users/${f.ids.adam}`, body);
        expect(r.status, JSON.stringify(body)).toBe(403);
      }
      const { rows } = await f.t.db.query<{ roles: string[]; disabled_at: string | null }>("select roles, disabled_at from app_user where id = $1", [f.ids.adam]);
      expect(rows[0]).toEqual({ roles: ["admin"], disabled_at: null });
      expect((await adam.get("/api/v1/audit")).status).toBe(403);
    });

    it("an admin cannot grant oversight within their own organisation, nor combine admin and oversight", async () => {
      const adam = await f.as("adam");
      const colleague = await newUser();
      const patched = await adam.patch(`/api/v1/users/${colleague.id}`, { roles: ["analyst", "oversight"] });
      expect(patched.status).toBe(400);
      expect(patched.body.errors[0].param).toBe("roles");
      const created = await adam.post("/api/v1/users", { email: "puppet@example.org", name: "Puppet", organisation: "police", roles: ["oversight"], password: PASSWORD });
      expect(created.status).toBe(400);
      expect(created.body.errors[0].param).toBe("roles");
      // A second admin of the organisation can change a colleague's roles, but not into admin and oversight at once.
      expect((await adam.patch(`/api/v1/users/${colleague.id}`, { roles: ["admin"] })).status).toBe(200);
      const second = await clientOf(await login(colleague.email, PASSWORD, "198.51.100.80"));
      expect((await second.patch(`/api/v1/users/${f.ids.adam}`, { roles: ["admin", "oversight"] })).status).toBe(400);
      expect((await second.patch(`/api/v1/users/${f.ids.adam}`, { roles: ["admin", "analyst"] })).status).toBe(200);
      // The first account of a new, independent body may hold oversight.
      expect((await adam.post("/api/v1/organisations", { name: "Inspectorate" })).status).toBe(201);
      const inspector = await adam.post("/api/v1/users", { email: "inspector@example.org", name: "Inspector", organisation: "inspectorate", roles: ["oversight"], password: PASSWORD });
      expect(inspector.status).toBe(201);
    });
  });

  describe("#11 sign-in limits and enumeration", () => {
    it("40 concurrent wrong passwords for one account check at most 5 against its hash", async () => {
      const u = await newUser();
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(u.email, `wrong-guess-${i}`, `192.0.2.${i + 1}`)));
      expect(argon.hashes.filter((h) => h === u.hash).length).toBeLessThanOrEqual(5);
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([401]));
      expect((await login(u.email, PASSWORD, "192.0.2.200")).status).toBe(401); // locked
    });

    it("40 concurrent wrong passwords from one address check at most 5 for the account and 20 in all", async () => {
      const u = await newUser();
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(u.email, `wrong-guess-${i}`, "198.51.100.7")));
      expect(argon.hashes.filter((h) => h === u.hash).length).toBeLessThanOrEqual(5);
      expect(argon.hashes.length).toBeLessThanOrEqual(20);
      expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(20);
    });

    it("40 concurrent attempts from one address on many emails check at most 20 passwords", async () => {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`spray-${i}@example.org`, "wrong-guess", "198.51.100.8")));
      expect(argon.hashes.length).toBeLessThanOrEqual(20);
      expect(answers.filter((a) => a.status === 401).length).toBe(20);
      expect(answers.filter((a) => a.status === 429).length).toBe(20);
    });

    it("a locked account, an unknown email and a wrong password get the same answer for the same argon2 work", async () => {
      const locked = await newUser();
      const other = await newUser();
      for (let i = 0; i < 5; i++) await login(locked.email, `wrong-${i}`, `203.0.113.${50 + i}`);
      const cases = {
        lockedRight: await login(locked.email, PASSWORD, "203.0.113.60"),
        lockedWrong: await login(locked.email, "wrong-again", "203.0.113.61"),
        unknown: await login("nobody-at-all@example.org", "wrong-again", "203.0.113.62"),
        wrong: await login(other.email, "wrong-again", "203.0.113.63"),
      };
      const shape = (r: { status: number; body: any; headers: Record<string, unknown> }) => ({ status: r.status, body: r.body, cookie: r.headers["set-cookie"] });
      expect(shape(cases.lockedRight)).toEqual(shape(cases.unknown));
      expect(shape(cases.lockedWrong)).toEqual(shape(cases.unknown));
      expect(shape(cases.wrong)).toEqual(shape(cases.unknown));
      expect(cases.unknown.status).toBe(401);
      // One verification per answer (9 = 5 to lock + 4 above); the locked account's own hash only for the first five.
      expect(argon.hashes.length).toBe(9);
      expect(argon.hashes.filter((h) => h === locked.hash).length).toBe(5);
    });
  });

  describe("password change", () => {
    it("needs the current password, applies the policy and ends the user's other sessions", async () => {
      const u = await newUser();
      const here = clientOf(await login(u.email, PASSWORD, "198.51.100.20"));
      const there = clientOf(await login(u.email, PASSWORD, "198.51.100.21"));
      const wrong = await here.post("/api/v1/auth/password", { current_password: "not-my-password", new_password: NEW_PASSWORD });
      expect([wrong.status, wrong.body.errors[0].param]).toEqual([400, "current_password"]);
      const weak = await here.post("/api/v1/auth/password", { current_password: PASSWORD, new_password: "password1234" });
      expect(weak.body.errors[0]).toEqual({ param: "new_password", message: "is a commonly used password" });
      const named = await here.post("/api/v1/auth/password", { current_password: PASSWORD, new_password: `${u.email.split("@")[0]}-and-more` });
      expect(named.body.errors[0].param).toBe("new_password");
      expect((await here.post("/api/v1/auth/password", { current_password: PASSWORD, new_password: NEW_PASSWORD })).status).toBe(200);
      expect((await here.get("/api/v1/auth/me")).status).toBe(200);
      expect((await there.get("/api/v1/auth/me")).status).toBe(401);
      expect((await login(u.email, PASSWORD, "198.51.100.22")).status).toBe(401);
      expect((await login(u.email, NEW_PASSWORD, "198.51.100.23")).status).toBe(200);
      const { rows } = await f.t.db.query("select 1 from audit_log where action = 'auth.password-change' and target_id = $1", [u.id]);
      expect(rows).toHaveLength(1);
    });

    it("counts wrong current passwords towards the lockout, and refuses API tokens", async () => {
      const u = await newUser();
      const here = clientOf(await login(u.email, PASSWORD, "198.51.100.30"));
      for (let i = 0; i < 5; i++) await here.post("/api/v1/auth/password", { current_password: `wrong-${i}`, new_password: NEW_PASSWORD });
      expect((await here.post("/api/v1/auth/password", { current_password: PASSWORD, new_password: NEW_PASSWORD })).status).toBe(429);
      const alice = await f.as("alice");
      const token = (await alice.post("/api/v1/tokens", { name: "all", scopes: ["records.read", "tokens.own"] })).body.token;
      const machine = new Client(f.app, null, null, token);
      expect((await machine.post("/api/v1/auth/password", { current_password: PASSWORD, new_password: NEW_PASSWORD })).status).toBe(403);
      expect((await machine.post("/api/v1/auth/totp")).status).toBe(403);
    });
  });

  describe("TOTP second factor", () => {
    const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

    it("enrols with a confirmed code, then signing in needs a code that is used only once", async () => {
      const u = await newUser();
      const me = clientOf(await login(u.email, PASSWORD, "198.51.100.40"));
      const enrol = await me.post("/api/v1/auth/totp");
      expect(enrol.status).toBe(200);
      const secret: string = enrol.body.secret;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(enrol.body.uri).toMatch(/^otpauth:\/\/totp\/Nexus%20Toolkit:.*secret=/);
      // Not in force before it is confirmed.
      expect((await login(u.email, PASSWORD, "198.51.100.41")).status).toBe(200);
      expect((await me.post("/api/v1/auth/totp/confirm", { code: "12345" })).body.errors[0].param).toBe("code");
      const wrongCode = String((Number(await codeAt(secret)) + 500_000) % 1_000_000).padStart(6, "0");
      expect((await me.post("/api/v1/auth/totp/confirm", { code: wrongCode })).body.errors[0]).toEqual({ param: "code", message: "is not correct" });
      expect((await me.post("/api/v1/auth/totp/confirm", { code: await codeAt(secret) })).status).toBe(200);
      expect((await me.get("/api/v1/auth/me")).body.totp).toBe(true);
      const stored = await f.t.db.query<{ totp_secret: string }>("select totp_secret from app_user where id = $1", [u.id]);
      expect(stored.rows[0].totp_secret).toBe(secret);

      const missing = await login(u.email, PASSWORD, "198.51.100.42");
      expect(missing.status).toBe(401);
      expect(missing.body.errors).toEqual([{ param: "totp", message: "is required for this account" }]);
      expect(missing.headers["set-cookie"]).toBeUndefined();
      // A wrong password still gets the general answer, code or not: the code is only asked after the right password.
      const wrongPassword = await login(u.email, "wrong-password", "198.51.100.43", { totp: await codeAt(secret) });
      expect(wrongPassword.body.errors).toBeUndefined();
      expect((await login(u.email, PASSWORD, "198.51.100.44", { totp: wrongCode })).body.errors[0]).toEqual({ param: "totp", message: "is not correct" });
      // The confirming code's step is spent; the next step's code signs in once.
      expect((await login(u.email, PASSWORD, "198.51.100.45", { totp: await codeAt(secret) })).status).toBe(401);
      const next = await codeAt(secret, 30);
      expect((await login(u.email, PASSWORD, "198.51.100.46", { totp: next })).status).toBe(200);
      expect((await login(u.email, PASSWORD, "198.51.100.47", { totp: next })).status).toBe(401);
    });

    it("turns off only with the password and a current code", async () => {
      const u = await newUser();
      const me = clientOf(await login(u.email, PASSWORD, "198.51.100.50"));
      const secret: string = (await me.post("/api/v1/auth/totp")).body.secret;
      expect((await me.post("/api/v1/auth/totp/confirm", { code: await codeAt(secret) })).status).toBe(200);
      expect((await me.post("/api/v1/auth/totp")).body.errors[0].param).toBe("totp");
      // The confirming code's step is spent; move the record of it back instead of waiting 30 seconds.
      await f.t.db.query("update app_user set totp_last_step = totp_last_step - 10 where id = $1", [u.id]);
      expect((await me.post("/api/v1/auth/totp/disable", { current_password: "wrong-password", code: await codeAt(secret) })).body.errors[0].param).toBe("current_password");
      const wrongCode = String((Number(await codeAt(secret)) + 500_000) % 1_000_000).padStart(6, "0");
      expect((await me.post("/api/v1/auth/totp/disable", { current_password: PASSWORD, code: wrongCode })).body.errors[0].param).toBe("code");
      expect((await me.post("/api/v1/auth/totp/disable", { current_password: PASSWORD, code: await codeAt(secret) })).status).toBe(200);
      expect((await me.get("/api/v1/auth/me")).body.totp).toBe(false);
      expect((await login(u.email, PASSWORD, "198.51.100.51")).status).toBe(200);
      const { rows } = await f.t.db.query<{ action: string }>("select action from audit_log where target_id = $1 and action like 'auth.totp%' order by seq", [u.id]);
      expect(rows.map((r) => r.action)).toEqual(["auth.totp-enable", "auth.totp-disable"]);
    });
  });

  describe("sessions and cookies", () => {
    it("sets and clears the cookie through the cookie plugin, and reads it among other cookies", async () => {
      const u = await newUser();
      const r = await login(u.email, PASSWORD, "198.51.100.60");
      const cookie = String(r.headers["set-cookie"]);
      expect(cookie).toMatch(/^nexus_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toContain("Max-Age=86400");
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const jar = `theme=dark; ${cookie.split(";")[0]}; lang=fr`;
      const me = new Client(f.app, jar, r.body.csrf_token);
      expect((await me.get("/api/v1/auth/me")).body.user.email).toBe(u.email);
      const out = await me.post("/api/v1/auth/logout");
      expect(String(out.headers["set-cookie"])).toMatch(/^nexus_session=;.*Max-Age=0/);
      expect((await me.get("/api/v1/auth/me")).status).toBe(401);
    });

    it("ends a session 24 hours after sign-in however active it is, and never slides past that", async () => {
      const u = await newUser();
      const r = await login(u.email, PASSWORD, "198.51.100.61");
      const me = clientOf(r);
      // Active 23h55m: the sliding refresh stops at the absolute end.
      await f.t.db.query("update user_session set created_at = now() - interval '23 hours 55 minutes', last_seen_at = now() - interval '10 minutes' where user_id = $1", [u.id]);
      expect((await me.get("/api/v1/auth/me")).status).toBe(200);
      const { rows } = await f.t.db.query<{ ok: boolean }>("select expires_at <= created_at + interval '24 hours' as ok from user_session where user_id = $1", [u.id]);
      expect(rows[0].ok).toBe(true);
      await f.t.db.query("update user_session set created_at = now() - interval '24 hours 1 minute', expires_at = now() + interval '6 hours' where user_id = $1", [u.id]);
      expect((await me.get("/api/v1/auth/me")).status).toBe(401);
    });
  });

  describe("user directory", () => {
    it("shows the viewer's organisation and the members of their workspaces, nobody else", async () => {
      const names = async (who: string) => ((await (await f.as(who)).get("/api/v1/directory")).body.items as { id: string }[]).map((p) => p.id);
      const carol = await names("carol");
      // FIU's own people, and the active members of the joint task force.
      expect(carol).toEqual(expect.arrayContaining([f.ids.carol, f.ids.alice, f.ids.bob]));
      for (const hidden of ["dave", "erin", "adam", "olga", "mallory"]) expect(carol, hidden).not.toContain(f.ids[hidden]);
      const mallory = await names("mallory");
      expect(mallory).toEqual([f.ids.mallory]);
      const dave = await names("dave");
      expect(dave).toContain(f.ids.adam);
      expect(dave).not.toContain(f.ids.carol);
    });
  });
});
