import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { id, name } from "../../core/fields.js";
import { can, permissions } from "../../core/platform/roles.js";
import { Problem } from "../http/problem.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf, SESSION_COOKIE, SESSION_MAX_HOURS, type AuthService, type Principal, type User } from "./auth.service.js";

const email = z.email({ error: "must be an email address" }).max(254);
const idParam = z.strictObject({ id });
const code = z.string().trim().regex(/^\d{6}$/, "must be the 6-digit code from your authenticator app");

/** The session cookie: HttpOnly, SameSite=Strict, Secure over TLS; it lasts the session's absolute lifetime. */
function setSessionCookie(req: FastifyRequest, reply: FastifyReply, value: string) {
  reply.setCookie(SESSION_COOKIE, value, {
    path: "/", httpOnly: true, sameSite: "strict", secure: req.protocol === "https", maxAge: value ? SESSION_MAX_HOURS * 3600 : 0,
  });
}

/** Password and second-factor changes need a signed-in person, not an API token. */
function sessionOnly(principal: Principal | null): Principal {
  if (principal?.via !== "session") throw new Problem(403, "Forbidden", "Sign in with your password to change your password or second factor; API tokens cannot.");
  return principal;
}

const presentUser = (u: User) => ({ id: u.id, email: u.email, name: u.name, organisation: u.organisationId, roles: u.roles });

export function registerAuthRoutes(routes: RouteRegistry, auth: AuthService) {
  routes.add({
    method: "POST", url: "/api/v1/auth/login", access: "public", tags: ["auth"],
    summary: "Sign in (with the TOTP code when the account has one); sets an HTTP-only session cookie and returns the CSRF token for later writes",
    body: z.strictObject({ email, password: z.string().min(1, "is required").max(1024), totp: code.optional() }),
    handler: async ({ body, req, reply }) => {
      const { user, sessionSecret, csrfToken } = await auth.login(body.email, body.password, req.ip, body.totp);
      setSessionCookie(req, reply, sessionSecret);
      return { user: presentUser(user), csrf_token: csrfToken };
    },
  });
  routes.add({
    method: "POST", url: "/api/v1/auth/logout", access: "authenticated", tags: ["auth"],
    summary: "Sign out and end the session",
    handler: async ({ principal, req, reply }) => {
      await auth.logout(req, principal!);
      setSessionCookie(req, reply, "");
      return { ok: true };
    },
  });
  const me = async (principal: Principal) => ({
    user: presentUser(principal.user), via: principal.via, csrf_token: principal.csrfToken ?? null,
    permissions: permissions.filter((p) => can(principal.user.roles, p) && (principal.scopes ?? permissions).includes(p)),
    totp: (await auth.totpState(principal.user.id)).enabled,
  });
  routes.add({
    method: "GET", url: "/api/v1/auth/me", access: "authenticated", tags: ["auth"],
    summary: "The signed-in user, their permissions, whether a second factor is on, and the session's CSRF token",
    handler: async ({ principal }) => me(principal!),
  });
  routes.add({
    method: "GET", url: "/api/v1/auth/session", access: "public", tags: ["auth"],
    summary: "Whether the caller is signed in (`signed_in`), and if so what /auth/me says; answers 200 either way, so a page asks it without an error for visitors",
    handler: async ({ principal, reply }) => {
      reply.header("cache-control", "no-store");
      return principal ? { signed_in: true, ...(await me(principal)) } : { signed_in: false };
    },
  });
  routes.add({
    method: "POST", url: "/api/v1/auth/password", access: "authenticated", tags: ["auth"],
    summary: "Change your own password (the current one is required); your other sessions end",
    body: z.strictObject({ current_password: z.string().min(1, "is required").max(1024), new_password: z.string().max(1024) }),
    handler: async ({ body, principal, req }) => {
      await auth.changePassword(sessionOnly(principal), body.current_password, body.new_password, actorOf(principal, req));
      return { ok: true };
    },
  });
  routes.add({
    method: "POST", url: "/api/v1/auth/totp", access: "authenticated", tags: ["auth"],
    summary: "Start turning on a TOTP second factor: a new secret and its otpauth:// URI, effective once a code confirms it",
    handler: async ({ principal }) => auth.enrolTotp(sessionOnly(principal).user),
  });
  routes.add({
    method: "POST", url: "/api/v1/auth/totp/confirm", access: "authenticated", tags: ["auth"],
    summary: "Confirm the TOTP enrolment with a code from the authenticator app; signing in then needs a code",
    body: z.strictObject({ code }),
    handler: async ({ body, principal, req }) => {
      await auth.confirmTotp(sessionOnly(principal).user, body.code, actorOf(principal, req));
      return { ok: true, totp: true };
    },
  });
  routes.add({
    method: "POST", url: "/api/v1/auth/totp/disable", access: "authenticated", tags: ["auth"],
    summary: "Turn the TOTP second factor off, with your password and a current code",
    body: z.strictObject({ current_password: z.string().min(1, "is required").max(1024), code }),
    handler: async ({ body, principal, req }) => {
      await auth.disableTotp(sessionOnly(principal).user, body.current_password, body.code, actorOf(principal, req));
      return { ok: true, totp: false };
    },
  });
  routes.add({
    method: "POST", url: "/api/v1/setup", access: "public", tags: ["auth"],
    summary: "First run only: create the first organisation and administrator with the one-time setup link",
    body: z.strictObject({ token: z.string().min(1), organisation: z.string().trim().min(2).max(200), name: name(200), email, password: z.string().max(1024) }),
    handler: async ({ body, req, reply }) => {
      const user = await auth.completeSetup(body, req.ip);
      const { sessionSecret, csrfToken } = await auth.createSession(user.id);
      setSessionCookie(req, reply, sessionSecret);
      reply.code(201);
      return { user: presentUser(user), csrf_token: csrfToken };
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/tokens", access: "tokens.own", tags: ["auth"],
    summary: "Your API tokens (never the secret)",
    handler: async ({ principal }) => ({ items: await auth.listTokens(principal!.user.id) }),
  });
  routes.add({
    method: "POST", url: "/api/v1/tokens", access: "tokens.own", tags: ["auth"],
    summary: "Create a scoped API token, optionally limited to some of your workspaces; the secret is shown once. A token may only pass on its own scopes and workspaces",
    body: z.strictObject({
      name: name(100), scopes: z.array(z.enum(permissions)).min(1, "name at least one permission"),
      // Limits the token to these workspaces (TAXII collections); without it, every workspace of its owner.
      workspaces: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
    }),
    handler: async ({ body, principal, req, reply }) => {
      reply.code(201);
      return auth.createToken(principal!, body.name, body.scopes, actorOf(principal, req), body.workspaces);
    },
  });
  routes.add({
    method: "DELETE", url: "/api/v1/tokens/:id", access: "tokens.own", tags: ["auth"],
    summary: "Revoke one of your API tokens",
    params: idParam,
    handler: async ({ params, principal, req }) => {
      await auth.revokeToken(principal!, params.id, actorOf(principal, req));
      return { ok: true };
    },
  });
}
