import type { Db } from "../../db/connection.js";
import { generateDemo } from "../../core/watch/demo.js";
import type { WatchModel } from "../../core/watch/model.js";
import type { AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import { newId } from "../platform/crypto.js";
import { getRecord } from "../platform/records.repository.js";
import { insertObservations } from "./watch.repository.js";
import type { WatchService } from "./watch.service.js";

/**
 * The synthetic Nexus Watch data of the demo workspace (src/server/demo.ts): sources, areas,
 * groups and their relationships, months of observations with each area's analysis, and a watch
 * rule. Returns the first area's country (the self-assessment's) and what it made.
 */
export async function loadWatchDemo(db: Db, model: WatchModel, watch: WatchService, user: User, workspace: string, actor: AuditActor, opts: { areas: number; months: number; end: string }) {
  const data = generateDemo(model, opts);
  const ids = new Map<string, string>();
  for (const s of data.sources) ids.set(s.key, (await watch.createSource(user, workspace, { name: s.name, marking: "AMBER", body: { type: s.type, reliability: s.reliability } }, actor)).id);
  for (const a of data.areas) ids.set(a.key, (await watch.createSubject(user, workspace, "area", { name: a.name, marking: "AMBER", body: { country: a.country, point: a.point, context: a.context, notes: "Synthetic demo area." } }, actor)).id);
  for (const g of data.groups) ids.set(g.key, (await watch.createSubject(user, workspace, "group", { name: g.name, marking: "AMBER", body: { type: g.type, areas: g.areas.map((k) => ids.get(k)!), motivations: g.motivations } }, actor)).id);
  for (const r of data.relationships) await watch.createRelationship(user, workspace, { marking: "AMBER", body: { from: ids.get(r.from), to: ids.get(r.to), kind: r.kind, start: r.start, sources: [ids.get(r.source)], credibility: r.credibility } }, actor);
  await db.transaction(async (tx) => {
    await insertObservations(tx, data.observations.map((o) => ({
      id: newId(), subject_id: ids.get(o.area)!, indicator: o.indicator, state: o.state, trend: o.trend, observed_at: o.observed_at, reported_at: o.observed_at,
      source_ids: [ids.get(o.source)!], credibility: o.credibility, note: "synthetic", created_by: user.id,
    })));
    for (const a of data.areas) await watch.refresh(tx, (await getRecord(tx, ids.get(a.key)!))!, []);
  });
  await watch.createRule(user, workspace, { marking: "AMBER", body: { rule: "leader-changed" } }, actor);
  return { country: data.areas[0].country, counts: { areas: data.areas.length, groups: data.groups.length, observations: data.observations.length } };
}
