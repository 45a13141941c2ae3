import type { Db } from "../../db/connection.js";
import { roleProblem, type Role } from "../../core/platform/roles.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "./audit.repository.js";
import { slug, type AuthService, type User } from "./auth.service.js";

const oversightInOwnOrganisation = "oversight cannot be granted within your own organisation; it belongs to an independent body";

export class AdminService {
  constructor(private readonly db: Db, private readonly auth: AuthService) {}

  async organisations() {
    const { rows } = await this.db.query("select id, name, created_at from organisation order by name");
    return rows;
  }

  async createOrganisation(name: string, actor: AuditActor) {
    const id = slug(name);
    await this.db.transaction(async (tx) => {
      const exists = await tx.query("select 1 from organisation where id = $1 or lower(name) = lower($2)", [id, name]);
      if (exists.rows.length) throw badRequest("name", "an organisation with this name already exists");
      await tx.query("insert into organisation (id, name) values ($1, $2)", [id, name]);
      await appendAudit(tx, actor, { action: "admin.organisation-create", targetKind: "organisation", targetId: id });
    });
    return { id, name };
  }

  /** An administrator manages the accounts of their own organisation. */
  async users(admin: User) {
    const { rows } = await this.db.query(
      `select id, email, name, organisation_id as organisation, roles, disabled_at, locked_until, created_at from app_user
       where organisation_id = $1 order by name`, [admin.organisationId]);
    return rows;
  }

  /**
   * The people a signed-in user may look up (to add to a workspace or name as a recipient):
   * their own organisation, and the active members of the workspaces they are an active member
   * of. Never the whole deployment.
   */
  async directory(viewer: User) {
    const { rows } = await this.db.query(
      `select u.id, u.name, u.organisation_id as organisation from app_user u
       where u.disabled_at is null and (u.organisation_id = $2 or exists (
         select 1 from workspace_member theirs join workspace_member mine on mine.workspace_id = theirs.workspace_id
         where theirs.user_id = u.id and theirs.revoked_at is null and mine.user_id = $1 and mine.revoked_at is null))
       order by u.name, u.id`, [viewer.id, viewer.organisationId]);
    return rows;
  }

  /**
   * Creates an account in the administrator's organisation, or the first account of an
   * organisation that has none yet (so a new agency can be bootstrapped); never an account in
   * another agency that already administers itself. Oversight is given only in that second case:
   * an administrator never grants oversight within their own organisation (decision 0013).
   */
  async createUser(admin: User | null, input: { email: string; name: string; organisation: string; roles: Role[]; password: string }, actor: AuditActor) {
    return this.db.transaction(async (tx) => {
      if (admin && input.organisation !== admin.organisationId) {
        const existing = await tx.query("select 1 from app_user where organisation_id = $1 limit 1", [input.organisation]);
        if (existing.rows.length) throw badRequest("organisation", "you can only add accounts to your own organisation, or the first account of a new one");
      }
      if (admin && input.organisation === admin.organisationId && input.roles.includes("oversight")) throw badRequest("roles", oversightInOwnOrganisation);
      const user = await this.auth.createUser(tx, { ...input, organisationId: input.organisation });
      await appendAudit(tx, actor, { action: "admin.user-create", targetKind: "user", targetId: user.id, details: { roles: user.roles, organisation: user.organisationId } });
      return user;
    });
  }

  /**
   * Role changes and disabling are permission changes: audited with the before and after.
   * Nobody changes their own account this way (roles, disabling or enabling), and oversight is
   * never added here, since an administrator only edits their own organisation (decision 0013).
   */
  async updateUser(admin: User, id: string, patch: { roles?: Role[]; disabled?: boolean }, actor: AuditActor) {
    if (id === admin.id) throw new Problem(403, "Forbidden", "You cannot change your own roles or disable or enable your own account; another administrator of your organisation can.");
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ roles: Role[]; disabled_at: string | null }>("select roles, disabled_at from app_user where id = $1 and organisation_id = $2 for update", [id, admin.organisationId]);
      if (!rows[0]) throw notFound(`user "${id}"`);
      if (patch.roles?.includes("oversight") && !rows[0].roles.includes("oversight")) throw badRequest("roles", oversightInOwnOrganisation);
      const conflict = patch.roles && roleProblem(patch.roles);
      if (conflict) throw badRequest("roles", conflict);
      if (patch.roles) await tx.query("update app_user set roles = $2 where id = $1", [id, patch.roles]);
      if (patch.disabled !== undefined) {
        await tx.query("update app_user set disabled_at = case when $2 then now() else null end where id = $1", [id, patch.disabled]);
        if (patch.disabled) await tx.query("delete from user_session where user_id = $1", [id]);
      }
      await appendAudit(tx, actor, { action: "permission.user-update", targetKind: "user", targetId: id, details: { roles: { from: rows[0].roles, to: patch.roles ?? rows[0].roles }, disabled: patch.disabled ?? null } });
      const after = await tx.query("select id, email, name, organisation_id as organisation, roles, disabled_at from app_user where id = $1", [id]);
      return after.rows[0];
    });
  }
}
