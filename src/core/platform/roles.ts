/** The roles of the platform and what each may do. Record content is decided by the access function, not by roles alone. */
export const roles = ["viewer", "analyst", "coordinator", "trainer", "admin", "oversight"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "records.read", "records.write", "workspaces.create", "users.manage", "organisations.manage",
  "audit.read", "retention.read", "retention.manage", "removal.request", "removal.decide", "tokens.own",
  // Settles a self-assessment: agreed ratings, follow-up reviews, sharing with a region.
  "plans.coordinate",
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, Permission[]> = {
  viewer: ["records.read", "removal.request", "tokens.own"],
  analyst: ["records.read", "records.write", "workspaces.create", "removal.request", "tokens.own"],
  coordinator: ["records.read", "records.write", "workspaces.create", "removal.request", "tokens.own", "plans.coordinate"],
  trainer: ["records.read", "records.write", "workspaces.create", "removal.request", "tokens.own"],
  // Admins run the deployment; they do not read record content unless a workspace admits them.
  admin: ["users.manage", "organisations.manage", "workspaces.create", "retention.read", "retention.manage", "removal.request", "tokens.own"],
  // Oversight sees the audit trail, retention and who can see what, and decides removals.
  oversight: ["records.read", "audit.read", "retention.read", "removal.decide", "tokens.own"],
};

export function can(userRoles: readonly Role[], permission: Permission): boolean {
  return userRoles.some((r) => grants[r]?.includes(permission));
}

/**
 * Separation of duties (decision 0013): administration and oversight are never held by one
 * account, so whoever runs accounts is not also the one who reads the audit of it.
 */
export function roleProblem(userRoles: readonly Role[]): string | null {
  return userRoles.includes("admin") && userRoles.includes("oversight") ? "admin and oversight cannot be held by the same account" : null;
}
