import type { Db } from "../db/connection.js";
import type { KnowledgeBase } from "../core/knowledge/schema.js";
import { buildWatchModel } from "../core/watch/model.js";
import { can, type Role } from "../core/platform/roles.js";
import { loadExerciseDemo } from "./exercises/demo.js";
import { loadNetworkDemo } from "./network/demo.js";
import { loadPlanDemo } from "./plans/demo.js";
import { AuthService, type User } from "./platform/auth.service.js";
import { newSecret } from "./platform/crypto.js";
import { recordsService } from "./platform/records.service.js";
import { WorkspacesService } from "./platform/workspaces.service.js";
import { loadWatchDemo } from "./watch/demo.js";
import { loadTrainingDemo } from "./training/demo.js";
import { ActionsService } from "./plans/actions.service.js";
import { PlansService } from "./plans/plans.service.js";
import { WatchService } from "./watch/watch.service.js";

export const DEMO_WORKSPACE = "[Synthetic] Nexus Watch demo";
const actor = { userId: null, organisationId: null, ip: "demo-loader" };

/**
 * Loads a synthetic demo workspace (clearly labelled) with a demo analyst account: the workspace,
 * its accounts and members are made here, and each capability loads its own part (Nexus Watch,
 * then the self-assessment, an exercise, the directory of institutions and a regional training). Safe to run twice: a second run changes nothing.
 * Returns the sign-in details when it created the account.
 */
export async function loadDemo(db: Db, kb: KnowledgeBase, opts: { areas?: number; months?: number; members?: string[]; password?: string; end?: string } = {}) {
  const existing = await db.query<{ id: string }>("select id from workspace where name = $1", [DEMO_WORKSPACE]);
  if (existing.rows.length) return { created: false as const, workspace: existing.rows[0].id };
  // The members to add are checked before anything is written: a refusal leaves no half-loaded demo.
  const memberIds: string[] = [];
  for (const email of opts.members ?? []) {
    const m = await db.query<{ id: string; roles: Role[] }>("select id, roles from app_user where lower(email) = lower($1) and disabled_at is null", [email]);
    if (!m.rows[0]) throw new Error(`no user with email ${email}`);
    if (!can(m.rows[0].roles, "records.read")) {
      throw new Error(`${email} holds the roles ${m.rows[0].roles.join(", ")}, none of which reads records (an administrator runs the deployment and does not read workspaces): give the account the analyst role as well (on the Administration page), or name another member`);
    }
    memberIds.push(m.rows[0].id);
  }
  const model = buildWatchModel(kb);
  const records = recordsService(db);
  const watch = new WatchService(db, model, records);
  const workspaces = new WorkspacesService(db, records.kernel);
  const auth = new AuthService(db);
  const password = opts.password ?? newSecret().slice(0, 20);
  const user: User = await db.transaction(async (tx) => {
    await tx.query("insert into organisation (id, name) values ('demo-synthetic', 'Demo agency (synthetic)') on conflict do nothing");
    return auth.createUser(tx, { email: "demo-analyst@example.org", name: "Demo Analyst (synthetic)", organisationId: "demo-synthetic", roles: ["analyst", "coordinator"], password });
  });
  // A second contributor for the self-assessment, from another (synthetic) institution; it cannot sign in until an admin resets its password.
  const parliament: User = await db.transaction(async (tx) => {
    await tx.query("insert into organisation (id, name) values ('demo-parliament', 'Parliamentary committee (synthetic)') on conflict do nothing");
    return auth.createUser(tx, { email: "demo-parliament@example.org", name: "Demo Committee Clerk (synthetic)", organisationId: "demo-parliament", roles: ["analyst"], password: newSecret() });
  });
  const ws = (await workspaces.create(user, { name: DEMO_WORKSPACE, description: "Synthetic data for trying Nexus Watch and the self-assessment. No real people, groups or places below country level." }, actor)) as unknown as { id: string };
  await workspaces.addMember(user, ws.id, parliament.id, actor);
  for (const id of memberIds) await workspaces.addMember(user, ws.id, id, actor);
  const end = opts.end ?? new Date().toISOString().slice(0, 10);
  const watchDemo = await loadWatchDemo(db, model, watch, user, ws.id, actor, { areas: opts.areas ?? 8, months: opts.months ?? 12, end });
  await loadPlanDemo(db, kb, records, watch, { coordinator: user, parliament }, ws.id, watchDemo.country, actor, end);
  await loadExerciseDemo(db, kb, records, watch, user, ws.id, actor);
  await loadNetworkDemo(db, kb, records, user, ws.id, watchDemo.country, actor);
  await loadTrainingDemo(db, kb, records, new ActionsService(db, new PlansService(db, kb, records, watch)), user, ws.id, actor);
  return { created: true as const, workspace: ws.id, email: user.email, password: opts.password ? undefined : password, counts: watchDemo.counts };
}
