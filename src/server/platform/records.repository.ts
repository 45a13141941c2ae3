import type { Queryable } from "../../db/connection.js";
import type { RecordFacts } from "../../core/platform/access.js";
import type { RecordTable } from "../../db/schema.js";

/** A row of the record table, as the typed query layer declares it. */
export type RecordRow = RecordTable;

export const factsOf = (r: RecordRow): RecordFacts => ({
  id: r.id, workspaceId: r.workspace_id, marking: r.marking, organisationId: r.organisation_id,
  createdBy: r.created_by, recipients: r.recipients, deleted: r.deleted_at !== null,
});

/** One record by id, whoever may read it: for system jobs (demo loading, retention), never to answer a user. */
export async function getRecord(db: Queryable, id: string): Promise<RecordRow | undefined> {
  const { rows } = await db.query<RecordRow>("select * from record where id = $1", [id]);
  return rows[0];
}
