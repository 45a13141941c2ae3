import type { Queryable } from "../../db/connection.js";
import type { RecordFacts } from "../../core/platform/access.js";
import type { Marking } from "../../core/platform/markings.js";

export interface RecordRow {
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

export const factsOf = (r: RecordRow): RecordFacts => ({
  id: r.id, workspaceId: r.workspace_id, marking: r.marking, organisationId: r.organisation_id,
  createdBy: r.created_by, recipients: r.recipients, deleted: r.deleted_at !== null,
});

/** One record by id, whoever may read it: for system jobs (demo loading, retention), never to answer a user. */
export async function getRecord(db: Queryable, id: string): Promise<RecordRow | undefined> {
  const { rows } = await db.query<RecordRow>("select * from record where id = $1", [id]);
  return rows[0];
}
