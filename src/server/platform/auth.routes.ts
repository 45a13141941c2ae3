import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can, permissions } from "../../core/platform/roles.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf, SESSION_COOKIE, SESSION_HOURS, type AuthService, type User } from "./auth.service.js";

const email = z.email({ error: "must be an email address" }).max(254);
const idParam = z.strictObject({ id: z.string().min(1).max(100) });

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, value: string, maxAge: number) {
  const secure = req.protocol === "https" ? "; Secure" : "";
  reply.header("set-cookie", `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`);
}

const presentUser = (u: User) => ({ id: u.id, email: u.email, name: u.name, organisation: u.organisationId, roles: u.roles });

export function registerAuthRoutes(routes: RouteRegistry, auth: AuthService) {
  routes.add({
    method: "POST", url: "/api/v1/auth/login", access: "public", tags: ["auth"],
    summary: "Sign in; sets an HTTP-only session cookie and returns the CSRF token for later writes",
    body: z.strictObject({ email, password: z.string().min(1, "is required").max(1024) }),
    handler: async ({ body, req, reply }) => {
      const { user, sessionSecret, csrfToken } = await auth.login(body.email, body.password, req.ip);
      setSessionCookie(req, reply, sessionSecret, SESSION_HOURS * 3600);
      return { user: presentUser(user), csrf_token: csrfToken };
    },
  });
  routes.add({
    method: "POST", url: "/api/v1/auth/logout", access: "authenticated", tags: ["auth"],
    summary: "Sign out and end the session",
    handler: async ({ principal, req, reply }) => {
      await auth.logout(req, principal!);
      setSessionCookie(req, reply, "", 0);
      return { ok: true };
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/auth/me", access: "authenticated", tags: ["auth"],
    summary: "The signed-in user, their permissions and the session's CSRF token",
    handler: async ({ principal }) => ({
      user: presentUser(principal!.user), via: principal!.via, csrf_token: principal!.csrfToken ?? null,
      permissions: permissions.filter((p) => can(principal!.user.roles, p) && (principal!.scopes ?? permissions).includes(p)),
    }),
  });
  routes.add({
    method: "POST", url: "/api/v1/setup", access: "public", tags: ["auth"],
    summary: "First run only: create the first organisation and administrator with the one-time setup link",
    body: z.strictObject({ token: z.string().min(1), organisation: z.string().trim().min(2).max(200), name: z.string().trim().min(1).max(200), email, password: z.string().max(1024) }),
    handler: async ({ body, req, reply }) => {
      const user = await auth.completeSetup(body, req.ip);
      const { sessionSecret, csrfToken } = await auth.createSession(user.id);
      setSessionCookie(req, reply, sessionSecret, SESSION_HOURS * 3600);
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
    summary: "Create a scoped API token; the secret is shown once",
    body: z.strictObject({ name: z.string().trim().min(1).max(100), scopes: z.array(z.enum(permissions)).min(1, "name at least one permission") }),
    handler: async ({ body, principal, req, reply }) => {
      reply.code(201);
      return auth.createToken(principal!, body.name, body.scopes, actorOf(principal, req));
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
