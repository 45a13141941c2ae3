import { hash as argonHash, verify as argonVerify } from "@node-rs/argon2";
import type { FastifyRequest } from "fastify";
import type { Db, Queryable } from "../../db/connection.js";
import { passwordProblem } from "../../core/platform/password.js";
import { can, roles as allRoles, type Permission, type Role } from "../../core/platform/roles.js";
import { badRequest, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import { newId, newSecret, sha256 } from "./crypto.js";

export interface User {
  id: string;
  email: string;
  name: string;
  organisationId: string;
  roles: Role[];
}

export interface Principal {
  user: User;
  via: "session" | "token";
  /** for token callers: the permissions the token was scoped to */
  scopes?: Permission[];
  /** the CSRF token of the session (sent back to the browser after login) */
  csrfToken?: string;
  /** false when a cookie-authenticated, state-changing request lacks the right CSRF header */
  csrfValid: boolean;
}

export const SESSION_COOKIE = "nexus_session";
export const SESSION_HOURS = 12;
const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;
const IP_WINDOW_MINUTES = 15;
const IP_MAX_FAILURES = 20;

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
export const hashPassword = (pw: string) => argonHash(pw, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
/** A hash to verify against when the email is unknown, so timing does not reveal which emails exist. */
let decoyHash: Promise<string> | undefined;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export const actorOf = (principal: Principal | null, req: FastifyRequest): AuditActor => ({
  userId: principal?.user.id ?? null, organisationId: principal?.user.organisationId ?? null, ip: req.ip,
});

const userColumns = (a = "") => `${a}id, ${a}email, ${a}name, ${a}organisation_id as "organisationId", ${a}roles`;

export class AuthService {
  constructor(private readonly db: Db) {}

  /** Resolves the caller from a bearer token or the session cookie; null when anonymous. */
  async authenticate(req: FastifyRequest): Promise<Principal | null> {
    const auth = req.headers.authorization;
    if (auth?.startsWith("Bearer ")) {
      const { rows } = await this.db.query<User & { scopes: Permission[]; token_id: string }>(
        `select ${userColumns("u.")}, t.scopes, t.id as token_id from api_token t join app_user u on u.id = t.user_id
         where t.token_hash = $1 and t.revoked_at is null and u.disabled_at is null`,
        [sha256(auth.slice(7).trim())],
      );
      if (!rows[0]) throw new Problem(401, "Unauthorized", "The API token is unknown or revoked.");
      const { scopes, token_id: _t, ...user } = rows[0];
      return { user, via: "token", scopes, csrfValid: true };
    }
    const sid = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (!sid) return null;
    const { rows } = await this.db.query<User & { csrf_token: string; last_seen_at: string }>(
      `select ${userColumns("u.")}, s.csrf_token, s.last_seen_at from user_session s join app_user u on u.id = s.user_id
       where s.id_hash = $1 and s.expires_at > now() and u.disabled_at is null`,
      [sha256(sid)],
    );
    if (!rows[0]) return null;
    const { csrf_token, last_seen_at, ...user } = rows[0];
    if (Date.now() - new Date(last_seen_at).getTime() > 5 * 60_000) {
      // Sliding expiry, written at most every five minutes.
      await this.db.query(`update user_session set last_seen_at = now(), expires_at = now() + interval '${SESSION_HOURS} hours' where id_hash = $1`, [sha256(sid)]);
    }
    const safe = req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS";
    return { user, via: "session", csrfToken: csrf_token, csrfValid: safe || req.headers["x-csrf-token"] === csrf_token };
  }

  /**
   * Checks email and password. Failed attempts are counted per account (lockout) and per
   * address (rate limit); the answer never says whether the email exists.
   */
  async login(email: string, password: string, ip: string): Promise<{ user: User; sessionSecret: string; csrfToken: string }> {
    const recent = await this.db.query<{ n: string }>(
      `select count(*) as n from login_attempt where ip = $1 and not ok and at > now() - interval '${IP_WINDOW_MINUTES} minutes'`, [ip]);
    if (Number(recent.rows[0].n) >= IP_MAX_FAILURES) {
      throw new Problem(429, "Too many attempts", `Too many failed sign-ins from this address. Try again in ${IP_WINDOW_MINUTES} minutes.`);
    }
    const { rows } = await this.db.query<User & { password_hash: string; failed_logins: number; locked_until: string | null }>(
      `select ${userColumns()}, password_hash, failed_logins, locked_until from app_user where lower(email) = lower($1) and disabled_at is null`, [email]);
    const u = rows[0];
    const ok = await argonVerify(u?.password_hash ?? (await (decoyHash ??= hashPassword(newSecret()))), password);
    const locked = u?.locked_until && new Date(u.locked_until) > new Date();
    await this.db.transaction(async (tx) => {
      await tx.query("insert into login_attempt (ip, email, ok) values ($1, $2, $3)", [ip, email.toLowerCase(), ok && !locked]);
      const actor = { userId: u?.id ?? null, organisationId: u?.organisationId ?? null, ip };
      if (u && ok && !locked) {
        await tx.query("update app_user set failed_logins = 0, locked_until = null where id = $1", [u.id]);
        await appendAudit(tx, actor, { action: "auth.login", targetKind: "user", targetId: u.id });
      } else {
        if (u && !locked) {
          await tx.query(
            `update app_user set failed_logins = failed_logins + 1,
               locked_until = case when failed_logins + 1 >= $2 then now() + interval '${LOCK_MINUTES} minutes' else null end where id = $1`,
            [u.id, LOCK_AFTER_FAILURES]);
        }
        await appendAudit(tx, actor, { action: "auth.login-failed", targetKind: "user", targetId: u?.id, details: { email: email.toLowerCase(), locked: Boolean(locked) } });
      }
    });
    if (locked) throw new Problem(429, "Account locked", `Too many failed sign-ins for this account. Try again in ${LOCK_MINUTES} minutes.`);
    if (!u || !ok) throw new Problem(401, "Unauthorized", "The email or password is not correct.");
    const session = await this.createSession(u.id);
    const { password_hash: _h, failed_logins: _f, locked_until: _l, ...user } = u;
    return { user, ...session };
  }

  async createSession(userId: string): Promise<{ sessionSecret: string; csrfToken: string }> {
    const sessionSecret = newSecret();
    const csrfToken = newSecret();
    await this.db.query(
      `insert into user_session (id_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + interval '${SESSION_HOURS} hours')`,
      [sha256(sessionSecret), userId, csrfToken]);
    return { sessionSecret, csrfToken };
  }

  async logout(req: FastifyRequest, principal: Principal): Promise<void> {
    const sid = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    await this.db.transaction(async (tx) => {
      if (sid) await tx.query("delete from user_session where id_hash = $1", [sha256(sid)]);
      await appendAudit(tx, actorOf(principal, req), { action: "auth.logout", targetKind: "user", targetId: principal.user.id });
    });
  }

  /** Creates a user; the caller audits it in the same transaction. */
  async createUser(tx: Queryable, input: { email: string; name: string; organisationId: string; roles: Role[]; password: string }): Promise<User> {
    const problem = passwordProblem(input.password, [input.email, input.email.split("@")[0], input.name, ...input.name.split(/\s+/), "nexus", "toolkit"]);
    if (problem) throw badRequest("password", problem);
    const bad = input.roles.find((r) => !allRoles.includes(r));
    if (bad) throw badRequest("roles", `unknown role "${bad}"`);
    const org = await tx.query("select 1 from organisation where id = $1", [input.organisationId]);
    if (!org.rows.length) throw badRequest("organisation", `unknown organisation "${input.organisationId}"`);
    const exists = await tx.query("select 1 from app_user where lower(email) = lower($1)", [input.email]);
    if (exists.rows.length) throw badRequest("email", "a user with this email already exists");
    const user: User = { id: newId(), email: input.email, name: input.name, organisationId: input.organisationId, roles: input.roles };
    await tx.query(
      "insert into app_user (id, email, name, organisation_id, roles, password_hash) values ($1, $2, $3, $4, $5, $6)",
      [user.id, user.email, user.name, user.organisationId, user.roles, await hashPassword(input.password)]);
    return user;
  }

  /** API tokens: shown once, stored only as a hash, scoped to permissions the owner holds. */
  async createToken(principal: Principal, name: string, scopes: Permission[], actor: AuditActor) {
    const notHeld = scopes.find((s) => !can(principal.user.roles, s));
    if (notHeld) throw badRequest("scopes", `you do not hold the permission "${notHeld}"`);
    const secret = `nxt_${newSecret()}`;
    const id = newId();
    await this.db.transaction(async (tx) => {
      await tx.query("insert into api_token (id, user_id, name, token_hash, scopes) values ($1, $2, $3, $4, $5)", [id, principal.user.id, name, sha256(secret), scopes]);
      await appendAudit(tx, actor, { action: "token.create", targetKind: "api-token", targetId: id, details: { scopes } });
    });
    return { id, name, scopes, token: secret };
  }

  async listTokens(userId: string) {
    const { rows } = await this.db.query(
      "select id, name, scopes, created_at, revoked_at, last_used_at from api_token where user_id = $1 order by created_at", [userId]);
    return rows;
  }

  async revokeToken(principal: Principal, id: string, actor: AuditActor) {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query("update api_token set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning id", [id, principal.user.id]);
      if (!rows.length) throw new Problem(404, "Not found", `token "${id}" does not exist`);
      await appendAudit(tx, actor, { action: "token.revoke", targetKind: "api-token", targetId: id });
    });
  }

  /** First run: when no user exists, a one-time secret lets the first administrator be created. */
  async setupLink(): Promise<string | null> {
    const users = await this.db.query<{ n: string }>("select count(*) as n from app_user");
    if (Number(users.rows[0].n) > 0) return null;
    const secret = newSecret();
    await this.db.query("insert into setup_token (token_hash) values ($1)", [sha256(secret)]);
    return secret;
  }

  async completeSetup(input: { token: string; organisation: string; name: string; email: string; password: string }, ip: string) {
    return this.db.transaction(async (tx) => {
      const users = await tx.query<{ n: string }>("select count(*) as n from app_user");
      if (Number(users.rows[0].n) > 0) throw new Problem(409, "Already set up", "An administrator already exists; ask them for an account.");
      const t = await tx.query("update setup_token set used_at = now() where token_hash = $1 and used_at is null returning token_hash", [sha256(input.token)]);
      if (!t.rows.length) throw badRequest("token", "the setup link is unknown or was already used");
      const orgId = slug(input.organisation);
      await tx.query("insert into organisation (id, name) values ($1, $2)", [orgId, input.organisation]);
      const user = await this.createUser(tx, { email: input.email, name: input.name, organisationId: orgId, roles: ["admin"], password: input.password });
      await appendAudit(tx, { userId: user.id, organisationId: orgId, ip }, { action: "admin.setup", targetKind: "user", targetId: user.id, details: { organisation: orgId } });
      return user;
    });
  }
}

export const slug = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || newId().slice(0, 8);
