/**
 * The demo's regional training (decision 0039): a synthetic course for prosecutors with eight
 * pseudonymous participants who took the pre-test, the nexus module and the post-test, so the
 * console shows progress, gains, what did not land and certificates. Answers follow a fixed
 * pattern (no randomness): most improve, two questions do not land.
 */
import type { Db } from "../../db/connection.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import type { AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { RecordsService } from "../platform/records.service.js";
import type { ActionsService } from "../plans/actions.service.js";
import { CohortsService } from "./cohorts.service.js";

const LEARNERS: [string, string][] = [
  ["Kestrel", "prosecutors"], ["Lark", "prosecutors"], ["Merlin", "prosecutors"], ["Osprey", "judges"],
  ["Plover", "prosecutors"], ["Robin", "police"], ["Swift", "prosecutors"], ["Wren", "judges"],
];

export async function loadTrainingDemo(db: Db, kb: KnowledgeBase, records: RecordsService, actions: ActionsService, user: User, workspaceId: string, actor: AuditActor) {
  const cohorts = new CohortsService(db, kb, records, actions, () => kb);
  const invited = (await records.readable(user, { kinds: ["institution"], workspaceId })).rows.filter((r) => (r.body as { actors?: string[] }).actors?.some((a) => ["prosecutors", "police"].includes(a))).map((r) => r.id);
  const path = cohorts.path("prosecutors");
  const c = await cohorts.create(user, workspaceId, {
    name: "[Synthetic] Regional course on the nexus for prosecutors", audience: "prosecutors", language: "en", marking: "GREEN", test_size: 8, max_participants: 40,
    schedule: [{ module: "nexus" }, { module: path.modules[1].id }], institutions: invited,
  }, actor);
  const test: string[] = (await db.query<{ test: string[] }>("select test from training_cohort where id = $1", [c.id])).rows[0].test;
  const byId = new Map(kb.questions.map((q) => [q.id, q]));
  const response = (id: string, right: boolean) => {
    const q = byId.get(id)!;
    if (q.type === "ordering") { const ids = q.options.map((o) => o.id); return right ? ids : [...ids].reverse(); }
    return right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id];
  };
  const tokens: string[] = [];
  for (const [i, [pseudonym, audience]] of LEARNERS.entries()) {
    const j = await cohorts.join({ code: c.join_code, pseudonym, audience, institution: invited[i % Math.max(invited.length, 1)], language: "en", consent: true });
    tokens.push(j.token);
  }
  await cohorts.update(user, c.id, { test_open: "pre" }, actor);
  // Before: about a third right. After: most right, except the last two questions, which stay where they were.
  for (const [i, token] of tokens.entries()) await cohorts.answer(token, "pre", test.map((q, k) => ({ question: q, response: response(q, (i + k) % 3 === 0) })));
  const done = new Date(Date.now() - 86_400_000).toISOString();
  for (const [i, token] of tokens.entries()) {
    if (i === 7) continue; // one participant has not finished the modules
    await cohorts.sync(token, path.modules.slice(0, 2).map((m) => ({ module: m.id, done_at: done, right: m.questions.length, of: m.questions.length })));
  }
  await cohorts.update(user, c.id, { test_open: "post" }, actor);
  for (const [i, token] of tokens.entries()) await cohorts.answer(token, "post", test.map((q, k) => ({ question: q, response: response(q, k >= test.length - 2 ? (i + k) % 3 === 0 : (i + k) % 5 !== 0) })));
  await cohorts.update(user, c.id, { test_open: null }, actor);
  const certificates = await cohorts.issueCertificates(user, c.id, actor);
  return { cohort: c.id, participants: LEARNERS.length, certificates: certificates.issued };
}
