import { hash as argonHash, verify as argonVerify } from "@node-rs/argon2";
import type { FastifyRequest } from "fastify";
import { generateSecret, generateURI, verify as verifyTotp } from "otplib";
import type { Db, Queryable } from "../../db/connection.js";
import { passwordContext, passwordProblem } from "../../core/platform/password.js";
import { can, roleProblem, roles as allRoles, type Permission, type Role } from "../../core/platform/roles.js";
import { badRequest, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import { CLOCK_SKEW_MS, systemClock, type Clock } from "./clock.js";
import { newId, newSecret, sha256 } from "./crypto.js";
import { invalid } from "../http/validation.js";

export interface User {
  id: string;
  email: string;
  name: string;
  organisationId: string;
  roles: Role[];
  /** Set for an API token limited to some workspaces (TAXII collections): the records kernel reads only these. */
  workspaces?: string[];
}

export interface Principal {
  user: User;
  via: "session" | "token";
  /** for token callers: the permissions the token was scoped to */
  scopes?: Permission[];
  /** the CSRF token of the session (sent back to the browser after login) */
  csrfToken?: string;
  /** for session callers: the stored hash of the session secret (to keep this session when ending the others) */
  sessionHash?: string;
  /** false when a cookie-authenticated, state-changing request lacks the right CSRF header */
  csrfValid: boolean;
}

export const SESSION_COOKIE = "nexus_session";
/** Sliding idle expiry: a session unused this long ends. */
export const SESSION_HOURS = 12;
/** Absolute lifetime: a session ends this long after sign-in, however busy. */
export const SESSION_MAX_HOURS = 24;
const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;
const IP_WINDOW_MINUTES = 15;
const IP_MAX_FAILURES = 20;
const TOTP_ISSUER = "Nexus Toolkit";

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
export const hashPassword = (pw: string) => argonHash(pw, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
/** A hash to verify against when the email is unknown or the account locked, so timing reveals neither. */
let decoyHash: Promise<string> | undefined;

/**
 * The one answer to a refused sign-in, whether the email is unknown, the password wrong or the
 * account locked: the same status and body, so the answer never says which (decision 0013).
 */
const signInRefused = () => new Problem(401, "Unauthorized",
  `The email or password is not correct, or this account is locked after repeated failures (try again in at most ${LOCK_MINUTES} minutes).`);
const throttled = () => new Problem(429, "Too many attempts", `Too many failed sign-ins from this address. Try again in ${IP_WINDOW_MINUTES} minutes.`);

/** A 64-bit advisory lock key for a string (PostgreSQL advisory locks take a bigint). */
const lockKey = (s: string) => BigInt.asIntN(64, BigInt(`0x${sha256(s).slice(0, 16)}`)).toString();

/** A six-digit code checked against a base32 secret, one step either side; the step it matched, or null. */
async function totpStep(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  try {
    const r = await verifyTotp({ secret, token: code, epochTolerance: 30, ...(afterStep === null ? {} : { afterTimeStep: afterStep }) });
    return r.valid && "timeStep" in r ? r.timeStep : null;
  } catch {
    return null; // a malformed code is a wrong code
  }
}

interface Account extends User {
  password_hash: string;
  locked: boolean;
  totp_secret: string | null;
  totp_last_step: string | null;
}

/** An attempt that passed the limits: its id, the account when the email names an active one, and when its lock ends. */
type Reservation = { throttled: true } | { throttled: false; attemptId: string; account: Account | undefined; lockEnds: Date | null };

const iso = (d: Date) => d.toISOString();
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export const actorOf = (principal: Principal | null, req: FastifyRequest): AuditActor => ({
  userId: principal?.user.id ?? null, organisationId: principal?.user.organisationId ?? null, ip: req.ip,
});

const userColumns = (a = "") => `${a}id, ${a}email, ${a}name, ${a}organisation_id as "organisationId", ${a}roles`;

/**
 * Time bounds come from the injected clock, never SQL now() (docs/decisions/0017): a session is
 * valid only from its creation (less the clock skew) to its absolute lifetime, and a lock or an
 * attempt dated ahead of the clock (written while it ran fast) restarts from now, so each lasts
 * its real length instead of until the jumped date.
 */
export class AuthService {
  constructor(private readonly db: Db, private readonly clock: Clock = systemClock) {}

  /** Resolves the caller from a bearer token or the session cookie; null when anonymous. */
  async authenticate(req: FastifyRequest): Promise<Principal | null> {
    const auth = req.headers.authorization;
    // A token as a bearer token, or as the password of HTTP Basic (TAXII clients such as taxii2-client and medallion's send Basic).
    const token = auth?.startsWith("Bearer ") ? auth.slice(7).trim()
      : auth?.startsWith("Basic ") ? Buffer.from(auth.slice(6).trim(), "base64").toString("utf8").replace(/^[^:]*:/, "") : undefined;
    if (token !== undefined) {
      const { rows } = await this.db.query<User & { scopes: Permission[]; token_id: string; token_workspaces: string[] | null }>(
        `select ${userColumns("u.")}, t.scopes, t.id as token_id, t.workspaces as token_workspaces from api_token t join app_user u on u.id = t.user_id
         where t.token_hash = $1 and t.revoked_at is null and u.disabled_at is null`,
        [sha256(token)],
      );
      if (!rows[0]) throw new Problem(401, "Unauthorized", "The API token is unknown or revoked.");
      const { scopes, token_id, token_workspaces, ...user } = rows[0];
      // When it was last used, to the minute (the owner's list shows it; a stale token is one to revoke).
      await this.db.query("update api_token set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')", [token_id]);
      return { user: token_workspaces ? { ...user, workspaces: token_workspaces } : user, via: "token", scopes, csrfValid: true };
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (!sid) return null;
    const sessionHash = sha256(sid);
    const now = this.clock();
    // The sliding expiry, and the absolute lifetime counted from sign-in; a session dated ahead of the clock is no session.
    const { rows } = await this.db.query<User & { csrf_token: string; last_seen_at: string }>(
      `select ${userColumns("u.")}, s.csrf_token, s.last_seen_at from user_session s join app_user u on u.id = s.user_id
       where s.id_hash = $1 and s.expires_at > $2 and s.created_at > $3 and s.created_at <= $4 and u.disabled_at is null`,
      [sessionHash, iso(now), iso(plus(now, -SESSION_MAX_HOURS * HOUR_MS)), iso(plus(now, CLOCK_SKEW_MS))],
    );
    if (!rows[0]) return null;
    const { csrf_token, last_seen_at, ...user } = rows[0];
    if (Math.abs(now.getTime() - new Date(last_seen_at).getTime()) > 5 * MINUTE_MS) {
      // Sliding expiry, written at most every five minutes, never past the absolute lifetime.
      await this.db.query(
        `update user_session set last_seen_at = $2,
           expires_at = least($3::timestamptz, created_at + interval '${SESSION_MAX_HOURS} hours') where id_hash = $1`,
        [sessionHash, iso(now), iso(plus(now, SESSION_HOURS * HOUR_MS))]);
    }
    const safe = req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS";
    return { user, via: "session", csrfToken: csrf_token, sessionHash, csrfValid: safe || req.headers["x-csrf-token"] === csrf_token };
  }

  /**
   * Checks email, password and, when the account has one, the TOTP code. Every answer that
   * refuses the email or password is the same (unknown email, wrong password, locked account),
   * and each costs one argon2id verification. A missing or wrong code is named (field `totp`):
   * it is only ever said after the right password.
   */
  async login(email: string, password: string, ip: string, totp?: string): Promise<{ user: User; sessionSecret: string; csrfToken: string }> {
    const r = await this.reserve(email, ip);
    if (r.throttled) throw throttled();
    const u = r.account;
    const passwordOk = await this.checkPassword(u, password);
    let step: number | null = null;
    let totpProblem: "missing" | "wrong" | null = null;
    if (u && passwordOk && u.totp_secret) {
      step = totp ? await totpStep(u.totp_secret, totp, u.totp_last_step === null ? null : Number(u.totp_last_step)) : null;
      if (step === null) totpProblem = totp ? "wrong" : "missing";
    }
    const ok = Boolean(u && passwordOk && !totpProblem);
    const session = await this.db.transaction(async (tx) => {
      const actor = { userId: u?.id ?? null, organisationId: u?.organisationId ?? null, ip };
      // A code is accepted once: a concurrent sign-in with the same code loses here.
      const fresh = !ok || step === null || (await tx.query("update app_user set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id", [u!.id, step])).rows.length > 0;
      if (ok && fresh) {
        await this.settleSuccess(tx, r.attemptId, u!.id);
        await appendAudit(tx, actor, { action: "auth.login", targetKind: "user", targetId: u!.id });
        return this.createSession(u!.id, tx);
      }
      if (!fresh) totpProblem = "wrong";
      await appendAudit(tx, actor, {
        action: "auth.login-failed", targetKind: "user", targetId: u?.id,
        details: { email: email.toLowerCase(), locked: Boolean(u?.locked), ...(totpProblem ? { totp: totpProblem } : {}) },
      });
      return null;
    });
    if (totpProblem) {
      throw new Problem(401, "Unauthorized", "Enter the current code from your authenticator app.",
        [{ param: "totp", message: totpProblem === "missing" ? "is required for this account" : "is not correct" }]);
    }
    if (!session) throw signInRefused();
    const { password_hash: _h, locked: _l, totp_secret: _s, totp_last_step: _t, ...user } = u!;
    return { user, ...session };
  }

  /**
   * Reserves one attempt before any password is checked, in one transaction under an advisory
   * lock per address and a row lock on the account: the attempt is counted as a failure up front
   * (per address and, for an account that is not locked, per account), and a success settles it.
   * So concurrent attempts can never check more passwords than the limits allow.
   */
  private reserve(email: string, ip: string): Promise<Reservation> {
    return this.db.transaction(async (tx): Promise<Reservation> => {
      const now = this.clock();
      const ahead = iso(plus(now, CLOCK_SKEW_MS));
      const lockLength = LOCK_MINUTES * MINUTE_MS;
      await tx.query("select pg_advisory_xact_lock($1::bigint)", [lockKey(`login-ip:${ip}`)]);
      // Failures dated ahead of the clock count from now, for the window's real length.
      await tx.query("update login_attempt set at = $2 where ip = $1 and at > $3", [ip, iso(now), ahead]);
      const recent = await tx.query<{ n: string }>(
        "select count(*) as n from login_attempt where ip = $1 and not ok and at > $2", [ip, iso(plus(now, -IP_WINDOW_MINUTES * MINUTE_MS))]);
      if (Number(recent.rows[0].n) >= IP_MAX_FAILURES) return { throttled: true };
      const { rows } = await tx.query<Omit<Account, "locked"> & { locked_at: Date | string | null }>(
        `select ${userColumns()}, password_hash, locked_at, totp_secret, totp_last_step
         from app_user where lower(email) = lower($1) and disabled_at is null for update`, [email]);
      let account: Account | undefined;
      let lockEnds: Date | null = null;
      if (rows[0]) {
        const { locked_at, ...rest } = rows[0];
        let lockedAt = locked_at === null ? null : new Date(locked_at);
        if (lockedAt && lockedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
          // Locked while the clock ran ahead: the lock restarts now and lasts its real length.
          lockedAt = now;
          await tx.query("update app_user set locked_at = $2, locked_until = $3 where id = $1", [rest.id, iso(now), iso(plus(now, lockLength))]);
        }
        if (lockedAt && now.getTime() < lockedAt.getTime() + lockLength) lockEnds = plus(lockedAt, lockLength);
        account = { ...rest, locked: lockEnds !== null };
      }
      const attemptId = newId();
      await tx.query("insert into login_attempt (id, ip, email, ok, at) values ($1, $2, $3, false, $4)", [attemptId, ip, email.toLowerCase(), iso(now)]);
      if (account && !account.locked) {
        await tx.query(
          `update app_user set failed_logins = failed_logins + 1,
             locked_at = case when failed_logins + 1 >= $2 then $3::timestamptz else null end,
             locked_until = case when failed_logins + 1 >= $2 then $4::timestamptz else null end where id = $1`,
          [account.id, LOCK_AFTER_FAILURES, iso(now), iso(plus(now, lockLength))]);
      }
      return { throttled: false, attemptId, account, lockEnds };
    });
  }

  /** One argon2id verification whatever the case: against the decoy when the account is unknown or locked. */
  private async checkPassword(account: Account | undefined, password: string): Promise<boolean> {
    const usable = account && !account.locked;
    const ok = await argonVerify(usable ? account.password_hash : await (decoyHash ??= hashPassword(newSecret())), password);
    return Boolean(usable && ok);
  }

  /** The reserved attempt succeeded: it no longer counts, and the account's consecutive failures reset. */
  private async settleSuccess(tx: Queryable, attemptId: string, userId: string) {
    await tx.query("update login_attempt set ok = true where id = $1", [attemptId]);
    await tx.query("update app_user set failed_logins = 0, locked_at = null, locked_until = null where id = $1", [userId]);
  }

  /**
   * Checks a signed-in user's password again (changing it, turning TOTP off), under the same
   * limits as signing in: a wrong password counts towards the lockout.
   */
  private async recheckPassword(user: User, password: string, ip: string): Promise<string> {
    const r = await this.reserve(user.email, ip);
    if (r.throttled) throw throttled();
    if (r.account?.locked && r.lockEnds) {
      // The real time left, from when the lock was made (never from a clock that ran ahead).
      const minutes = Math.max(1, Math.ceil((r.lockEnds.getTime() - this.clock().getTime()) / MINUTE_MS));
      throw new Problem(429, "Account locked", `Too many failed attempts for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, [], { code: "auth.account_locked", params: { minutes } });
    }
    if (!(await this.checkPassword(r.account, password))) throw badRequest("current_password", "is not correct");
    return r.attemptId;
  }

  async createSession(userId: string, q: Queryable = this.db): Promise<{ sessionSecret: string; csrfToken: string }> {
    const sessionSecret = newSecret();
    const csrfToken = newSecret();
    const now = this.clock();
    await q.query(
      "insert into user_session (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) values ($1, $2, $3, $4, $4, $5)",
      [sha256(sessionSecret), userId, csrfToken, iso(now), iso(plus(now, SESSION_HOURS * HOUR_MS))]);
    return { sessionSecret, csrfToken };
  }

  async logout(req: FastifyRequest, principal: Principal): Promise<void> {
    const sid = req.cookies[SESSION_COOKIE];
    await this.db.transaction(async (tx) => {
      if (sid) await tx.query("delete from user_session where id_hash = $1", [sha256(sid)]);
      await appendAudit(tx, actorOf(principal, req), { action: "auth.logout", targetKind: "user", targetId: principal.user.id });
    });
  }

  /** The user changes their own password: the current one is required, and every other session of theirs ends. */
  async changePassword(principal: Principal, current: string, next: string, actor: AuditActor): Promise<void> {
    const { user } = principal;
    const problem = passwordProblem(next, passwordContext(user.email, user.name));
    if (problem) throw badRequest("new_password", problem);
    if (next === current) throw badRequest("new_password", "must differ from the current password");
    const attemptId = await this.recheckPassword(user, current, actor.ip ?? "");
    const hash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await this.settleSuccess(tx, attemptId, user.id);
      await tx.query("update app_user set password_hash = $2 where id = $1", [user.id, hash]);
      const ended = await tx.query("delete from user_session where user_id = $1 and id_hash is distinct from $2 returning id_hash", [user.id, principal.sessionHash ?? null]);
      await appendAudit(tx, actor, { action: "auth.password-change", targetKind: "user", targetId: user.id, details: { sessions_ended: ended.rows.length } });
    });
  }

  /** Whether the user has a second factor, and whether an enrolment waits for its first code. */
  async totpState(userId: string): Promise<{ enabled: boolean; pending: boolean }> {
    const { rows } = await this.db.query<{ enabled: boolean; pending: boolean }>(
      "select totp_secret is not null as enabled, totp_pending_secret is not null as pending from app_user where id = $1", [userId]);
    return rows[0] ?? { enabled: false, pending: false };
  }

  /** Starts a TOTP enrolment: a new secret and its otpauth:// URI; it takes effect once a code confirms it. */
  async enrolTotp(user: User): Promise<{ secret: string; uri: string }> {
    if ((await this.totpState(user.id)).enabled) throw badRequest("totp", "is already on; turn it off first to enrol a new device");
    const secret = generateSecret();
    await this.db.query("update app_user set totp_pending_secret = $2 where id = $1", [user.id, secret]);
    return { secret, uri: generateURI({ issuer: TOTP_ISSUER, label: user.email, secret }) };
  }

  /** Confirms the enrolment with a code from the new device; from then on signing in needs a code. */
  async confirmTotp(user: User, code: string, actor: AuditActor): Promise<void> {
    const { rows } = await this.db.query<{ totp_pending_secret: string | null }>("select totp_pending_secret from app_user where id = $1", [user.id]);
    const secret = rows[0]?.totp_pending_secret;
    if (!secret) throw badRequest("code", "start the enrolment first");
    const step = await totpStep(secret, code, null);
    if (step === null) throw badRequest("code", "is not correct");
    await this.db.transaction(async (tx) => {
      const done = await tx.query(
        "update app_user set totp_secret = $2, totp_pending_secret = null, totp_last_step = $3 where id = $1 and totp_pending_secret = $2 returning id",
        [user.id, secret, step]);
      if (!done.rows.length) throw badRequest("code", "the enrolment changed meanwhile; start again");
      await appendAudit(tx, actor, { action: "auth.totp-enable", targetKind: "user", targetId: user.id });
    });
  }

  /** Turns the second factor off; needs the password and a current code. */
  async disableTotp(user: User, password: string, code: string, actor: AuditActor): Promise<void> {
    const attemptId = await this.recheckPassword(user, password, actor.ip ?? "");
    const { rows } = await this.db.query<{ totp_secret: string | null; totp_last_step: string | null }>(
      "select totp_secret, totp_last_step from app_user where id = $1", [user.id]);
    if (!rows[0]?.totp_secret) throw badRequest("code", "no second factor is on for this account");
    const step = await totpStep(rows[0].totp_secret, code, rows[0].totp_last_step === null ? null : Number(rows[0].totp_last_step));
    if (step === null) throw badRequest("code", "is not correct");
    await this.db.transaction(async (tx) => {
      await this.settleSuccess(tx, attemptId, user.id);
      await tx.query("update app_user set totp_secret = null, totp_pending_secret = null, totp_last_step = null where id = $1", [user.id]);
      await appendAudit(tx, actor, { action: "auth.totp-disable", targetKind: "user", targetId: user.id });
    });
  }

  /** Creates a user; the caller audits it in the same transaction. */
  async createUser(tx: Queryable, input: { email: string; name: string; organisationId: string; roles: Role[]; password: string }): Promise<User> {
    const problem = passwordProblem(input.password, passwordContext(input.email, input.name));
    if (problem) throw badRequest("password", problem);
    const bad = input.roles.find((r) => !allRoles.includes(r));
    if (bad) throw invalid("roles", "unknownRole", { id: bad });
    const conflict = roleProblem(input.roles);
    if (conflict) throw badRequest("roles", conflict);
    const org = await tx.query("select 1 from organisation where id = $1", [input.organisationId]);
    if (!org.rows.length) throw invalid("organisation", "unknownOrganisation", { id: input.organisationId });
    const exists = await tx.query("select 1 from app_user where lower(email) = lower($1)", [input.email]);
    if (exists.rows.length) throw badRequest("email", "a user with this email already exists");
    const user: User = { id: newId(), email: input.email, name: input.name, organisationId: input.organisationId, roles: input.roles };
    await tx.query(
      "insert into app_user (id, email, name, organisation_id, roles, password_hash) values ($1, $2, $3, $4, $5, $6)",
      [user.id, user.email, user.name, user.organisationId, user.roles, await hashPassword(input.password)]);
    return user;
  }

  /**
   * API tokens: shown once, stored only as a hash, scoped to permissions the owner holds. A
   * token that creates a token passes on at most its own scopes, never the owner's wider rights.
   */
  async createToken(principal: Principal, name: string, scopes: Permission[], actor: AuditActor, workspaces?: string[]) {
    const notHeld = scopes.find((s) => !can(principal.user.roles, s));
    if (notHeld) throw invalid("scopes", "permissionNotHeld", { permission: notHeld });
    const notScoped = principal.scopes && scopes.find((s) => !principal.scopes!.includes(s));
    if (notScoped) throw invalid("scopes", "tokenNotScoped", { permission: notScoped });
    // Limited to workspaces the owner belongs to; a limited token passes on at most its own.
    const limit = workspaces ?? principal.user.workspaces;
    if (limit) {
      const { rows } = await this.db.query<{ workspace_id: string }>("select workspace_id from workspace_member where user_id = $1 and revoked_at is null", [principal.user.id]);
      const mine = new Set(rows.map((r) => r.workspace_id));
      const outside = limit.find((w) => !mine.has(w) || (principal.user.workspaces && !principal.user.workspaces.includes(w)));
      if (outside) throw invalid("workspaces", "notAMember", { id: outside });
    }
    const secret = `nxt_${newSecret()}`;
    const id = newId();
    await this.db.transaction(async (tx) => {
      await tx.query("insert into api_token (id, user_id, name, token_hash, scopes, workspaces) values ($1, $2, $3, $4, $5, $6)", [id, principal.user.id, name, sha256(secret), scopes, limit ?? null]);
      await appendAudit(tx, actor, { action: "token.create", targetKind: "api-token", targetId: id, details: { scopes, ...(limit ? { workspaces: limit } : {}) } });
    });
    return { id, name, scopes, workspaces: limit ?? null, token: secret };
  }

  async listTokens(userId: string) {
    const { rows } = await this.db.query(
      "select id, name, scopes, workspaces, created_at, revoked_at, last_used_at from api_token where user_id = $1 order by created_at", [userId]);
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
