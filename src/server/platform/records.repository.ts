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

/**
 * Candidate records for a user: everything in workspaces they belong to (or belonged to),
 * CLEAR and GREEN records, and for oversight everything. The access function then decides;
 * this query only narrows what it has to look at.
 */
export async function candidateRecords(db: Queryable, userId: string, oversight: boolean, filter: { workspaceId?: string; q?: string; ids?: string[] } = {}): Promise<RecordRow[]> {
  const { rows } = await db.query<RecordRow>(
    `select r.* from record r
     where ($2::boolean or r.marking in ('CLEAR', 'GREEN')
            or exists (select 1 from workspace_member m where m.workspace_id = r.workspace_id and m.user_id = $1)
            or exists (select 1 from oversight_grant g where g.record_id = r.id and g.user_id = $1))
       and ($3::text is null or r.workspace_id = $3)
       and ($4::text is null or r.title ilike '%' || $4 || '%' or r.body::text ilike '%' || $4 || '%')
       and ($5::text[] is null or r.id = any($5::text[]))
     order by r.created_at desc, r.id`,
    [userId, oversight, filter.workspaceId ?? null, filter.q ?? null, filter.ids ?? null],
  );
  return rows;
}

export async function getRecord(db: Queryable, id: string): Promise<RecordRow | undefined> {
  const { rows } = await db.query<RecordRow>("select * from record where id = $1", [id]);
  return rows[0];
}
