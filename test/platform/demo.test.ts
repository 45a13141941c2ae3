import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadContent } from "../../src/content/readContent.js";
import { generateDemo } from "../../src/core/watch/demo.js";
import { buildWatchModel } from "../../src/core/watch/model.js";
import { openDatabase } from "../../src/db/connection.js";

describe("synthetic demo data", () => {
  const model = buildWatchModel(loadContent().kb);

  it("is deterministic, labelled synthetic, and uses only known indicators", () => {
    const a = generateDemo(model, { areas: 6, months: 12, end: "2026-10-31" });
    const b = generateDemo(model, { areas: 6, months: 12, end: "2026-10-31" });
    expect(a).toEqual(b);
    for (const x of [...a.areas, ...a.groups, ...a.sources]) expect(x.name).toMatch(/^\[Synthetic\]/);
    expect(a.observations.every((o) => model.indicators.has(o.indicator))).toBe(true);
    expect(a.observations.every((o) => o.observed_at >= "2025-11-01" && o.observed_at <= "2026-10-31")).toBe(true);
  });

  const dir = mkdtempSync(join(tmpdir(), "nexus-demo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses, before writing anything, to add a member whose roles read no records (an administrator)", async () => {
    process.env.DATA_DIR = dir;
    process.env.NEXUS_PASSWORD = "quiet-harbour-lantern-7";
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    try {
      expect(await main(["admin", "create-user", "--email", "admin@example.org", "--name", "Site Admin", "--organisation", "Ministry"], io)).toBe(0);
      out.length = 0;
      expect(await main(["demo", "load", "--member", "admin@example.org"], io)).toBe(1);
      expect(out.join("\n")).toMatch(/admin@example\.org holds the roles admin, none of which reads records.*analyst role/);
    } finally {
      delete process.env.DATA_DIR;
      delete process.env.NEXUS_PASSWORD;
    }
    const db = await openDatabase({ dataDir: dir });
    try {
      const counts = await db.query<{ workspaces: number; records: number; users: number }>(
        "select (select count(*)::int from workspace) as workspaces, (select count(*)::int from record) as records, (select count(*)::int from app_user) as users");
      expect(counts.rows[0]).toEqual({ workspaces: 0, records: 0, users: 1 });
    } finally {
      await db.close();
    }
  });

  it("loads with `nexus demo load`, once, and the areas read as their profiles", async () => {
    process.env.DATA_DIR = dir;
    const out: string[] = [];
    try {
      expect(await main(["demo", "load"], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
      expect(out.join("\n")).toMatch(/loaded the synthetic demo workspace: 8 areas, \d+ groups, \d+ observations/);
      expect(out.join("\n")).toMatch(/sign in as demo-analyst@example.org with password \S{20}/);
      out.length = 0;
      expect(await main(["demo", "load"], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
      expect(out[0]).toMatch(/already loaded/);
    } finally {
      delete process.env.DATA_DIR;
    }
    const db = await openDatabase({ dataDir: dir });
    const { rows } = await db.query<{ title: string; leader: string }>("select title, body->'latest'->>'leader' as leader from record where kind = 'area' order by title");
    const plan = await db.query<{ title: string; ratings: number; institutions: number; agreed: number; actions: number; dated: number; reviews: number }>(
      `select r.title, (select count(*)::int from plan_rating where self_assessment_id = r.id) as ratings,
              (select count(distinct institution)::int from plan_rating where self_assessment_id = r.id) as institutions,
              (select count(*)::int from plan_agreed where self_assessment_id = r.id) as agreed,
              (select count(*)::int from plan_action where self_assessment_id = r.id) as actions,
              (select count(*)::int from plan_action where self_assessment_id = r.id and due_date >= start_date) as dated,
              (select count(*)::int from plan_review where self_assessment_id = r.id) as reviews
       from record r where r.kind = 'self-assessment'`);
    const exercise = await db.query<{ title: string; members: number; ended: number; responses: number }>(
      `select r.title, (select count(*)::int from exercise_member where session_id = r.id) as members,
              (select count(*)::int from exercise_event where session_id = r.id and type = 'ended') as ended,
              (select count(*)::int from exercise_event where session_id = r.id and type = 'response-recorded') as responses
       from record r where r.kind = 'exercise-session'`);
    const training = await db.query<{ title: string; participants: number; pre: number; post: number; certificates: number }>(
      `select r.title, (select count(*)::int from training_participant where cohort_id = r.id) as participants,
              (select count(*)::int from training_answer where cohort_id = r.id and phase = 'pre') as pre,
              (select count(*)::int from training_answer where cohort_id = r.id and phase = 'post') as post,
              (select count(*)::int from training_participant where cohort_id = r.id and certificate_code is not null) as certificates
       from record r where r.kind = 'training-cohort'`);
    await db.close();
    // The regional training: 8 participants, an 8-question test before and after, certificates for the 7 who finished the modules.
    expect(training.rows).toEqual([{ title: expect.stringMatching(/^\[Synthetic\]/), participants: 8, pre: 64, post: 64, certificates: 7 }]);
    expect(exercise.rows).toEqual([{ title: expect.stringMatching(/^\[Synthetic\]/), members: 5, ended: 1, responses: 4 }]);
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0].title).toMatch(/^\[Synthetic\]/);
    expect(plan.rows[0]).toMatchObject({ institutions: 2, reviews: 2 });
    expect(plan.rows[0].agreed).toBeGreaterThan(3);
    expect(plan.rows[0].dated).toBeGreaterThan(10);
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.leader)).size).toBeGreaterThanOrEqual(3);
  });
});
