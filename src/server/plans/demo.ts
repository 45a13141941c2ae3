import type { Db } from "../../db/connection.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import { inPlaceRatings, workingRatings } from "../../core/plans/ratings.js";
import type { AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { RecordsService } from "../platform/records.service.js";
import type { WatchService } from "../watch/watch.service.js";
import { ActionsService } from "./actions.service.js";
import { PlansService } from "./plans.service.js";

/**
 * A synthetic self-assessment for the demo workspace: one framework rated by two invented
 * institutions that disagree on a few practices, agreed ratings for most, units, a drafted
 * action plan with dates, and a follow-up review that shows progress. Deterministic.
 */
export async function loadPlanDemo(db: Db, kb: KnowledgeBase, records: RecordsService, watch: WatchService, users: { coordinator: User; parliament: User }, workspace: string, country: string, actor: AuditActor, today: string) {
  const user = users.coordinator;
  const plans = new PlansService(db, kb, records, watch);
  const actions = new ActionsService(db, plans);
  const sa = await plans.create(user, workspace, { name: "[Synthetic] National self-assessment", country, framework: "hague", marking: "AMBER" }, actor);
  const practices = kb.practices.filter((p) => p.framework === "hague");
  const at = <T>(xs: readonly T[], n: number) => xs[n % xs.length];
  for (const [i, p] of practices.entries()) {
    if (i % 5 === 4) continue; // a fifth is left unrated, so "not assessed" has something to say
    const inPlace = at(inPlaceRatings.slice(0, 4), i * 7 + 1);
    const working = at(workingRatings, i * 5 + 2);
    await plans.rate(user, sa.id, p.id, { institution: "[Synthetic] Ministry of Interior", in_place: inPlace, working, steps: { "1": i % 2 ? "done" : "in-progress" } }, actor);
    if (i % 3 === 0) {
      // A second institution sees it less favourably; the coordinator settles on the lower view.
      await plans.rate(users.parliament, sa.id, p.id, { institution: "[Synthetic] Parliamentary committee on security", in_place: at(inPlaceRatings.slice(1, 4), i), working: "Low", comment: "Rarely applied in practice." }, actor);
      if (i % 6 === 0) await plans.agree(user, sa.id, p.id, { in_place: at(inPlaceRatings.slice(1, 4), i), working: "Low", reason: "[Synthetic] Agreed at the national validation workshop." }, actor);
    }
  }
  await actions.setUnits(user, sa.id, [
    { id: "moi-ct", name: "[Synthetic] Ministry of Interior, counter-terrorism directorate", actor: "law-enforcement" },
    { id: "moj-leg", name: "[Synthetic] Ministry of Justice, legislative unit", actor: "policy-makers" },
    { id: "dpp", name: "[Synthetic] Office of the Public Prosecutor", actor: "prosecutors" },
    { id: "fiu", name: "[Synthetic] Financial Intelligence Unit", actor: "fiu" },
  ].filter((u) => kb.actors.some((a) => a.id === u.actor)), actor);
  const drafted = (await actions.fromDraft(user, sa.id, undefined, actor)).actions.slice(0, 18);
  const year = Number(today.slice(0, 4));
  for (const [i, a] of drafted.entries()) {
    const start = `${year}-${String((i % 10) + 1).padStart(2, "0")}-01`;
    const due = `${year + 1}-${String((i % 12) + 1).padStart(2, "0")}-15`;
    await actions.update(user, sa.id, a.id, { start, due, status: i % 4 === 0 ? "in-progress" : i % 7 === 0 ? "done" : "planned" }, actor);
  }
  await plans.startReview(user, sa.id, "[Synthetic] Follow-up review", actor);
  for (const p of practices.slice(0, 3)) await plans.agree(user, sa.id, p.id, { in_place: "LC", working: "Moderate", reason: "[Synthetic] Re-rated at the follow-up review." }, actor);
  return sa.id;
}
