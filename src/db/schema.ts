/**
 * Typed tables for the query builder (Kysely). Kysely only builds SQL here: queries compile to
 * text and parameters and run through our own Queryable, so they work the same on PGlite and
 * PostgreSQL and inside the caller's transaction. Tables are added as repositories move over.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Compilable } from "kysely";
import type { Marking } from "../core/platform/markings.js";
import type { Queryable } from "./connection.js";

export interface RecordTable {
  id: string;
  workspace_id: string;
  kind: string;
  title: string;
  body: Record<string, unknown>;
  marking: Marking;
  recipients: string[];
  concerns_minor: boolean;
  created_by: string;
  organisation_id: string;
  created_at: string;
  updated_at: string;
  review_due_at: string | null;
  deleted_at: string | null;
  purge_after: string | null;
}
export interface WorkspaceMemberTable { workspace_id: string; user_id: string; added_by: string; added_at: string; revoked_at: string | null; role: "owner" | "member" }
export interface OversightGrantTable { record_id: string; user_id: string; granted_by: string; reason: string; granted_at: string; expires_at: string; revoked_at: string | null }
export interface PlanShareTable { self_assessment_id: string; region_workspace_id: string; consent: "aggregate" | "full"; decided_by: string; decided_at: string }
export interface AppUserTable { id: string; email: string; name: string; organisation_id: string; roles: string[]; disabled_at: string | null }

export interface Tables {
  record: RecordTable;
  workspace_member: WorkspaceMemberTable;
  oversight_grant: OversightGrantTable;
  app_user: AppUserTable;
  plan_share: PlanShareTable;
}

/** A query builder that never connects: it compiles PostgreSQL for `run`. */
export const qb = new Kysely<Tables>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a built query on a connection or transaction handle. */
export async function run<R>(db: Queryable, query: Compilable<R>): Promise<R[]> {
  const c = query.compile();
  return (await db.query<R>(c.sql, c.parameters as unknown[])).rows;
}
