/**
 * Implementation-plan benchmarks: the gap analysis and heatmap for 55 practices in each of 40
 * countries with the regional spread across them (in core, and through the API on PGlite), and
 * the time to generate the national action plan as PDF and DOCX. Runs the app in this process.
 */
import { loadContent } from "../src/content/readContent.js";
import { gapAnalysis } from "../src/core/plans/gaps.js";
import { inPlaceRatings, workingRatings } from "../src/core/plans/ratings.js";
import { regionalSpread } from "../src/core/plans/regional.js";
import { openDatabase } from "../src/db/connection.js";
import { deployment, round, stats, system } from "./watch.js";

const { kb } = loadContent();
const COUNTRIES = 40;
const codes = ["KE", "TZ", "UG", "RW", "BI", "ET", "SO", "DJ", "ER", "SD", "SS", "NG", "NE", "ML", "BF", "TD", "SN", "GH", "CI", "CM",
  "MA", "DZ", "TN", "LY", "EG", "JO", "LB", "IQ", "SY", "YE", "AF", "PK", "BD", "ID", "PH", "MY", "TH", "CO", "PE", "MX"];
/** Deterministic pseudo-random ratings, so every run measures the same work. */
const pick = <T>(xs: readonly T[], n: number) => xs[(n * 2654435761) % 4294967296 % xs.length];
const ratingsOf = (c: number) => kb.practices.map((p, i) => ({ practice: p.id, inPlace: pick(inPlaceRatings, c * 97 + i), working: pick(workingRatings, c * 89 + i * 3) }));

function core() {
  const practices = kb.practices.map((p) => ({ id: p.id, framework: p.framework, area: p.area, title: p.title, manifestations: p.manifestations }));
  const all = codes.map((_, c) => ratingsOf(c));
  const times: number[] = [];
  for (let run = 0; run < 300; run++) {
    const t = performance.now();
    for (const r of all) gapAnalysis(practices, r, ["black-hole", "alliance"]);
    regionalSpread(codes.map((country, c) => ({ country, consent: c % 3 ? "full" : "aggregate", ratings: all[c] })), practices.map((p) => p.id));
    times.push(performance.now() - t);
  }
  return { workload: `${COUNTRIES} countries × ${kb.practices.length} practices: gap analysis and heatmap for each, then the regional spread`, ...stats(times.slice(30)) };
}

async function api() {
  const db = await openDatabase({ dataDir: "memory://" });
  try {
    const d = await deployment(db);
    const get = (url: string) => d.app.inject({ url, headers: { cookie: d.cookie } });
    const send = (method: "POST" | "PUT", url: string, payload: unknown) => d.app.inject({ method, url, payload: payload as object, headers: { cookie: d.cookie, "x-csrf-token": d.csrf } });
    const region = (await d.services.workspaces.create(d.user, { name: "Region" }, system)) as unknown as { id: string };
    const ids: string[] = [];
    for (const [c, country] of codes.entries()) {
      const id = (await send("POST", `/api/v1/plans/workspaces/${d.ws}/self-assessments`, { name: `Review ${country}`, country, marking: "AMBER" })).json().id as string;
      ids.push(id);
      await db.transaction(async (tx) => {
        for (const r of ratingsOf(c)) {
          await tx.query("insert into plan_agreed (self_assessment_id, practice, cycle, in_place, working, reason, decided_by) values ($1, $2, 1, $3, $4, 'bench', $5)", [id, r.practice, r.inPlace, r.working, d.user.id]);
        }
      });
      const shared = await send("PUT", `/api/v1/plans/self-assessments/${id}/share`, { region: region.id, consent: c % 3 ? "full" : "aggregate" });
      if (shared.statusCode !== 200) throw new Error(`sharing ${country}: ${shared.body}`);
    }
    const summary: number[] = [];
    for (let i = 0; i < 120; i++) {
      const t = performance.now();
      const r = await get(`/api/v1/plans/self-assessments/${ids[i % ids.length]}`);
      summary.push(performance.now() - t);
      if (r.statusCode !== 200) throw new Error(r.body);
    }
    const spread: number[] = [];
    let consenting = 0;
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      const r = await get(`/api/v1/plans/regions/${region.id}`);
      spread.push(performance.now() - t);
      consenting = r.json().consenting;
    }
    if (consenting !== COUNTRIES) throw new Error(`the regional view counts ${consenting} consenting countries, not ${COUNTRIES}`);
    // The action plan: one country, a unit per key actor, the actions drafted from all its gaps, with dates.
    const id = ids[0];
    const units = [...new Set(kb.practices.flatMap((p) => p.actors))].slice(0, 12).map((actor) => ({ id: actor.slice(0, 40), name: `Unit for ${actor}`, actor }));
    await send("PUT", `/api/v1/plans/self-assessments/${id}/units`, { units });
    const actions = (await send("POST", `/api/v1/plans/self-assessments/${id}/actions/from-draft`, {})).json().actions as { id: string }[];
    for (const [i, a] of actions.entries()) {
      const m = (i % 12) + 1;
      await d.app.inject({ method: "PATCH", url: `/api/v1/plans/self-assessments/${id}/actions/${a.id}`, payload: { start: `2027-${String(m).padStart(2, "0")}-01`, due: `2028-${String(m).padStart(2, "0")}-15` }, headers: { cookie: d.cookie, "x-csrf-token": d.csrf } });
    }
    const documents: Record<string, unknown> = {};
    for (const file of ["action-plan.pdf", "action-plan.docx"]) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 12; i++) {
        const t = performance.now();
        const r = await get(`/api/v1/plans/self-assessments/${id}/export/${file}`);
        times.push(performance.now() - t);
        bytes = r.rawPayload.length;
      }
      documents[file] = { actions: actions.length, kB: round(bytes / 1024, 0), ...stats(times.slice(2)) };
    }
    await d.app.close();
    return {
      summaryWithGapAnalysis: { database: "pglite", workload: `GET one country's assessment (${kb.practices.length} agreed ratings, gap analysis, heatmap), ${COUNTRIES} countries in turn`, ...stats(summary.slice(20)) },
      regionalSpread: { database: "pglite", consenting, ...stats(spread.slice(5)) },
      actionPlanDocuments: documents,
    };
  } finally {
    await db.close();
  }
}

export async function plansBench() {
  return { gapAnalysisCore: core(), ...(await api()) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await plansBench(), null, 2));
}
