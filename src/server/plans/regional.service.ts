import type { Db } from "../../db/connection.js";
import { reasonRequired } from "../../core/platform/markings.js";
import { regionalSpread, type CountryShare } from "../../core/plans/regional.js";
import type { InPlace } from "../../core/plans/ratings.js";
import { badRequest } from "../http/problem.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { PlansService, SelfAssessmentBody } from "./plans.service.js";
import { invalid } from "../http/validation.js";


/**
 * The regional view. A country opts in, per self-assessment, to share its agreed ratings with a
 * regional workspace, in aggregate only or in full. The regional dashboard reads only what was
 * shared: a country that has not opted in (or withdrew, or whose assessment was deleted) is not
 * read at all, so it cannot show up even in a count. AMBER+STRICT and RED (markings that need a
 * reason to read) are never released; the records kernel reads the releases (`released`).
 */
export class RegionalService {
  constructor(private readonly db: Db, private readonly plans: PlansService) {}

  async share(user: User, id: string, input: { region: string; consent: "none" | "aggregate" | "full" }, actor: AuditActor) {
    const a = await this.plans.assessment(user, id, true);
    if ((await this.plans.records.viewerOf(user)).memberships.get(input.region) !== true) throw badRequest("region", "you can share only with a regional workspace you belong to");
    if (input.region === a.workspace_id) throw badRequest("region", "choose a regional workspace other than the assessment's own");
    if (input.consent !== "none" && reasonRequired(a.marking)) throw invalid("consent", "notShareable", { marking: a.marking });
    await this.db.transaction(async (tx) => {
      if (input.consent === "none") await tx.query("delete from plan_share where self_assessment_id = $1 and region_workspace_id = $2", [id, input.region]);
      else {
        await tx.query(
          `insert into plan_share (self_assessment_id, region_workspace_id, consent, decided_by) values ($1, $2, $3, $4)
           on conflict (self_assessment_id, region_workspace_id) do update set consent = $3, decided_by = $4, decided_at = now()`,
          [id, input.region, input.consent, user.id]);
      }
      await appendAudit(tx, actor, { action: "plans.share", targetKind: "record", targetId: id, details: { region: input.region, consent: input.consent } });
    });
    return this.plans.summary(user, id);
  }

  /** The spread per practice across the countries that shared with this regional workspace. */
  async spread(user: User, regionId: string) {
    const rows = (await this.plans.records.released(user, regionId, "self-assessment")).map((r) => ({ ...r, body: r.body as unknown as SelfAssessmentBody }));
    // One assessment per country: the one shared most recently.
    const byCountry = new Map<string, (typeof rows)[number]>();
    for (const r of rows) byCountry.set(r.body.country, r);
    const chosen = [...byCountry.values()];
    const agreed = await this.db.query<{ id: string; practice: string; in_place: InPlace | null }>(
      "select distinct on (self_assessment_id, practice) self_assessment_id as id, practice, in_place from plan_agreed where self_assessment_id = any($1::text[]) order by self_assessment_id, practice, cycle desc",
      [chosen.map((r) => r.id)]);
    const shares: CountryShare[] = chosen.map((r) => ({
      country: r.body.country, consent: r.consent,
      ratings: agreed.rows.filter((x) => x.id === r.id).map((x) => ({ practice: x.practice, inPlace: x.in_place ?? undefined })),
    }));
    return regionalSpread(shares, this.plans.kb.practices.map((p) => p.id));
  }
}
