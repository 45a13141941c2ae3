import { z } from "zod";
import { roles } from "../../core/platform/roles.js";
import type { RouteRegistry } from "../http/routes.js";
import type { AdminService } from "./admin.service.js";
import { actorOf } from "./auth.service.js";

export function registerAdminRoutes(routes: RouteRegistry, admin: AdminService) {
  routes.add({
    method: "GET", url: "/api/v1/organisations", access: "authenticated", tags: ["admin"],
    summary: "Organisations of this deployment",
    handler: async () => ({ items: await admin.organisations() }),
  });
  routes.add({
    method: "POST", url: "/api/v1/organisations", access: "organisations.manage", tags: ["admin"],
    summary: "Create an organisation (an agency)",
    body: z.strictObject({ name: z.string().trim().min(2, "must be at least 2 characters").max(200) }),
    handler: async ({ body, principal, req, reply }) => {
      reply.code(201);
      return admin.createOrganisation(body.name, actorOf(principal, req));
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/directory", access: "authenticated", tags: ["admin"],
    summary: "People you may look up: your organisation and the members of your workspaces",
    handler: async ({ principal }) => ({ items: await admin.directory(principal!.user) }),
  });
  routes.add({
    method: "GET", url: "/api/v1/users", access: "users.manage", tags: ["admin"],
    summary: "The user accounts of your organisation",
    handler: async ({ principal }) => ({ items: await admin.users(principal!.user) }),
  });
  routes.add({
    method: "POST", url: "/api/v1/users", access: "users.manage", tags: ["admin"],
    summary: "Create a user account",
    body: z.strictObject({
      email: z.email({ error: "must be an email address" }), name: z.string().trim().min(1).max(200), organisation: z.string().min(1),
      roles: z.array(z.enum(roles)).min(1, "give at least one role"), password: z.string().max(1024),
    }),
    handler: async ({ body, principal, req, reply }) => {
      reply.code(201);
      return admin.createUser(principal!.user, body, actorOf(principal, req));
    },
  });
  routes.add({
    method: "PATCH", url: "/api/v1/users/:id", access: "users.manage", tags: ["admin"],
    summary: "Change a user's roles or disable the account",
    params: z.strictObject({ id: z.string().min(1).max(100) }),
    body: z.strictObject({ roles: z.array(z.enum(roles)).min(1).optional(), disabled: z.boolean().optional() }),
    handler: async ({ params, body, principal, req }) => admin.updateUser(principal!.user, params.id, body, actorOf(principal, req)),
  });
}
