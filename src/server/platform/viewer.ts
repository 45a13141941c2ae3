import type { Queryable } from "../../db/connection.js";
import type { Viewer } from "../../core/platform/access.js";
import type { User } from "./auth.service.js";

/** Loads what the access function needs to know about a user: memberships and oversight grants. */
export async function loadViewer(db: Queryable, user: User): Promise<Viewer> {
  const m = await db.query<{ workspace_id: string; active: boolean }>(
    "select workspace_id, revoked_at is null as active from workspace_member where user_id = $1", [user.id]);
  const g = await db.query<{ record_id: string }>("select record_id from oversight_grant where user_id = $1", [user.id]);
  return {
    id: user.id, organisationId: user.organisationId, roles: user.roles,
    memberships: new Map(m.rows.map((r) => [r.workspace_id, r.active])),
    grants: new Set(g.rows.map((r) => r.record_id)),
  };
}
