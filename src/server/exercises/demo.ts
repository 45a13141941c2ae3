import type { Db } from "../../db/connection.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import type { Answer } from "../../core/exercises/events.js";
import type { AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { RecordsService } from "../platform/records.service.js";
import type { WatchService } from "../watch/watch.service.js";
import { ExerciseHub } from "./hub.js";
import { SessionsService } from "./sessions.service.js";

/**
 * A finished synthetic exercise for the demo workspace: four pseudonymous players and an
 * evaluator ran the first phase, took the branch the room chose, and answered the hot wash, so
 * the after-action report has something to show. Deterministic; played through the same rules
 * as a live session.
 */
export async function loadExerciseDemo(db: Db, kb: KnowledgeBase, records: RecordsService, watch: WatchService, facilitator: User, workspace: string, actor: AuditActor) {
  const sc = kb.scenarios.find((s) => s.phases[0].decisions.some((d) => d.scope !== "role" && d.options.some((o) => o.branch)));
  if (!sc) return null;
  const sessions = new SessionsService(db, kb, records, watch, new ExerciseHub(db, (id) => kb.scenarios.find((s) => s.id === id)));
  const s = await sessions.create(facilitator, workspace, { scenario: sc.id, name: `[Synthetic] ${sc.title} (demo run)`, marking: "AMBER", max_participants: 40, language: "en" }, actor);
  const members = [];
  for (const [i, name] of ["Falcon", "Heron", "Kestrel", "Plover"].entries()) {
    members.push((await sessions.join({ code: s.join_code, pseudonym: `${name} (synthetic)`, role: sc.roles[i % sc.roles.length].id, table: `Table ${(i % 2) + 1}`, language: "en", consent: true })).member);
  }
  const evaluator = (await sessions.join({ code: s.evaluator_code, pseudonym: "Owl (synthetic)", language: "en", consent: true })).member;
  const F = { kind: "facilitator" as const };
  const run = (cmd: Parameters<typeof sessions.hub.command>[2], who: Parameters<typeof sessions.hub.command>[1] = F) => sessions.hub.command(s.id, who, cmd);
  const p1 = sc.phases[0];
  const d1 = p1.decisions.find((d) => d.scope !== "role" && d.options.some((o) => o.branch))!;
  const branching = d1.options.find((o) => o.branch)!;
  const aligned = d1.options.find((o) => o.alignment === "aligned")!;
  const answer = (option: string): Answer => (d1.response === "multiple" ? { options: [option] } : d1.response === "rank" ? { order: [option, ...d1.options.filter((o) => o.id !== option).map((o) => o.id)] } : d1.response === "text" ? { text: "We share what we know first." } : { option });
  await run({ type: "start-briefing" });
  await run({ type: "enter-phase", phase: p1.id });
  await run({ type: "release-situation" });
  for (const inj of p1.injects.filter((x) => x.release.mode === "manual")) await run({ type: "release-inject", inject: inj.id });
  await run({ type: "open-decision", decision: d1.id });
  for (const [i, m] of members.entries()) {
    await run({ type: "respond", decision: d1.id, answer: answer(i === 1 ? aligned.id : branching.id), request: `demo-${i}-answer` }, { kind: "participant", member: m.id });
  }
  await run({ type: "observe", rating: "M", practice: branching.practices[0], note: "Agencies kept their information to themselves for too long.", request: "demo-observation-1" }, { kind: "evaluator", member: evaluator.id });
  await run({ type: "close-decision", decision: d1.id });
  await run({ type: "reveal", decision: d1.id });
  const { state } = await sessions.hub.state(s.id);
  const next = state.tallies[d1.id]?.branch ?? sc.phases.find((p, i) => i > 0 && !p.branch)!.id;
  await run({ type: "enter-phase", phase: next });
  await run({ type: "release-situation" });
  await run({ type: "open-hotwash" });
  const rating = sc.hotwash.find((q) => q.kind === "rating");
  const text = sc.hotwash.find((q) => q.kind === "text");
  const ballots = new Map((await db.query<{ id: string; ballot: string }>("select id, ballot from exercise_member where session_id = $1", [s.id])).rows.map((r) => [r.id, r.ballot]));
  for (const [i, m] of members.entries()) {
    const answers: Record<string, string | number> = {};
    if (rating) answers[rating.id] = 3 + (i % 3);
    if (text && i < 2) answers[text.id] = i ? "More time for the second phase." : "Bring the prosecutor in earlier.";
    await run({ type: "hotwash", answers, anonymous: i % 2 === 0, request: `demo-${i}-hotwash` }, { kind: "participant", member: m.id, ballot: ballots.get(m.id) });
  }
  await run({ type: "end" });
  return s.id;
}
