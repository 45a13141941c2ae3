import { expect, test } from "@playwright/test";
import { DEFINING } from "../../src/core/watch/evidence.js";
import { noSeriousViolations, signIn, userId } from "./helpers.js";

// Nexus Watch end to end: two analysts of the same workspace, against accounts created by test/e2e/seed.ts.

test.describe.configure({ timeout: 120_000 });


test("two analysts watch an area: observations, CSV import, alerts, assessments, compare, overview map", async ({ page, baseURL }) => {
  const stamp = Date.now();
  const area = `Liptako border zone ${stamp}`;
  const source = `UN panel of experts ${stamp}`;

  // A workspace with a colleague as second member.
  await signIn(page, "analyst");
  await page.goto("/workspaces");
  await page.getByLabel("Name").fill(`Sahel watch ${stamp}`);
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page).toHaveURL(/\/workspaces\/[^/]+$/);
  await page.getByLabel("User id").fill(await userId("colleague", baseURL!));
  await page.getByRole("button", { name: "Check who gains access" }).click();
  await page.getByRole("button", { name: "Add Bruno Keller to the workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bruno Keller is now a member." })).toBeVisible();

  // The workspace's Nexus Watch page: a source and an area.
  await page.getByRole("link", { name: "Open Nexus Watch for this workspace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nexus Watch" })).toBeVisible();
  const watchUrl = page.url();
  await page.getByRole("button", { name: /^Sources/ }).click();
  await page.getByLabel("Source name").fill(source);
  await page.getByLabel("Source reliability (Admiralty)").selectOption("B");
  await page.getByRole("button", { name: "Add the source" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved: ${source}` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: source })).toContainText("B — usually reliable");

  await page.getByRole("button", { name: /^Areas/ }).click();
  await page.getByLabel("Area name").fill(area);
  await page.getByLabel("Country").selectOption("ML");
  await page.getByLabel("Sub-national name (optional)").fill("Ménaka");
  await page.getByLabel("Latitude (optional)").fill("15.9");
  await page.getByLabel("Longitude (optional)").fill("2.4");
  await page.getByLabel("Regional context").selectOption("post-conflict");
  await page.getByRole("button", { name: "Add the area" }).click();
  await expect(page.getByRole("row").filter({ hasText: area })).toContainText("Mali");
  await noSeriousViolations(page);

  // A watch rule for one indicator.
  await page.getByRole("button", { name: /^Watch rules/ }).click();
  await page.getByLabel("Alert me when").selectOption("indicator-present");
  await page.getByLabel("Indicator", { exact: true }).selectOption("env-governance.eroding-state-institutions");
  await page.getByRole("button", { name: "Save the watch rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Watch rule saved." })).toBeVisible();

  // CSV import: one bad row rejects the whole file and names the row; corrected, it imports.
  await page.getByRole("button", { name: "CSV import" }).click();
  const header = "subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note";
  const good = `${area},org-recruitment.economic-incentives,present,rising,2026-08-01,,${source},2,paid recruits`;
  await page.getByLabel("CSV text").fill([header, good, `${area},org-leadership.factions-forming,present,,2026-08-02,,${source},9,`].join("\n"));
  await page.getByRole("button", { name: "Import the observations" }).click();
  await expect(page.getByRole("alert")).toContainText("1 row was rejected, so nothing was imported");
  const errorRow = page.getByRole("table", { name: "Rejected rows" }).getByRole("row").nth(1);
  await expect(errorRow).toContainText("credibility");
  await expect(errorRow).toContainText("must be an information credibility grade 1-6");
  await expect(errorRow.getByRole("rowheader")).toHaveText("2");
  await page.getByLabel("CSV text").fill([header, good, `${area},org-leadership.factions-forming,present,,2026-08-02,,${source},3,`].join("\n"));
  await page.getByRole("button", { name: "Import the observations" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 observations imported." })).toBeVisible();

  // The area page: two observations, then the ranking with its explanation lines.
  await page.getByRole("button", { name: /^Areas/ }).click();
  await page.getByRole("link", { name: area }).click();
  await expect(page.getByRole("heading", { level: 1, name: area })).toBeVisible();
  await expect(page.getByText("do not record ethnicity, religion")).toBeVisible();
  for (const indicator of ["env-geography.ungoverned-territory", "env-governance.eroding-state-institutions"]) {
    await page.getByLabel("Indicator", { exact: true }).selectOption(indicator);
    await page.getByLabel("State").selectOption("present");
    await page.getByRole("checkbox", { name: new RegExp(source) }).check();
    await page.getByLabel("Credibility of the information").selectOption("2");
    await page.getByRole("button", { name: "Save the observation" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Observation saved" })).toBeVisible();
    await page.getByRole("checkbox", { name: new RegExp(source) }).uncheck();
  }
  await expect(page.getByRole("table").filter({ hasText: "Observed on" }).getByRole("row")).toHaveCount(5);
  const ranking = page.locator("ol.ranking > li");
  await expect(ranking).toHaveCount(7);
  await expect(page.getByRole("heading", { name: /^Why .+ ranks first$/ })).toBeVisible();
  await ranking.first().locator("summary").click();
  await expect(ranking.first().locator("ul.explanation li").first()).toHaveText(/^\+\d/);
  await expect(page.locator("svg.timeline-svg rect.cell").first()).toBeVisible();
  await noSeriousViolations(page);
  const subjectUrl = page.url();

  // The watch rule raised an alert.
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: /Alerts/ })).toContainText("1");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: /Alerts/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await expect(page.locator("ul.alerts li").first()).toContainText(`observed present in ${area}`);
  await noSeriousViolations(page);
  await page.getByRole("button", { name: "Mark as read" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "0 unread alerts." })).toBeVisible();

  // An assessment as of the end of August, sent to review; the author may not publish it.
  await page.goto(subjectUrl);
  await page.getByLabel("Analysis date (optional)").fill("2026-08-31");
  await page.getByLabel("Judgement", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Reason", { exact: true }).fill("Recruitment for pay points to a transformation under way.");
  await page.getByRole("button", { name: "Create the assessment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft assessment created." })).toBeVisible();
  await page.getByRole("button", { name: "Send to review" }).click();
  await expect(page.locator("table.assessments tbody tr").first()).toContainText("in review");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "another member of the workspace reviews and publishes your assessment" })).toBeVisible();

  // The colleague publishes it, writes a second assessment and compares the two.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "colleague");
  await page.goto(subjectUrl);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.locator("table.assessments tbody tr").first()).toContainText("published");
  await page.getByLabel("Judgement", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Create the assessment" }).click();
  await expect(page.locator("table.assessments tbody tr")).toHaveCount(2);
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  const changes = page.getByRole("table", { name: "Indicator changes" });
  await expect(changes).toBeVisible();
  await expect(changes).toContainText("not assessed");
  await expect(page.getByRole("table", { name: "Ranking changes" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Report (PDF)" }).first()).toHaveAttribute("href", /report\.pdf\?lang=en$/);

  // The overview: the area in the table and the map.
  await page.goto(watchUrl);
  await page.getByRole("link", { name: "Map and comparison of areas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nexus Watch overview" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: area })).toContainText("Mali");
  await expect(page.locator("svg.world-map")).toBeVisible();
  await expect(page.locator("svg.world-map path.country.watched")).toHaveCount(1);
  await expect(page.locator("svg.world-map .area-point")).toHaveCount(1);
  await page.getByRole("button", { name: "Score" }).click();
  await expect(page.locator("th[aria-sort=ascending]")).toContainText("Score");
  await page.getByRole("button", { name: "Indicators present" }).first().click();
  await expect(page.locator("svg.world-map path.country.watched.present-2")).toHaveCount(1);
  await noSeriousViolations(page);
});

test("an AMBER+STRICT subject asks for the reason once, then the page and its analysis read with it", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, "analyst");
  // Through the API with the page's session: a workspace and an AMBER+STRICT area in it.
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const headers = { "x-csrf-token": csrf };
  const ws = await (await page.request.post("/api/v1/workspaces", { headers, data: { name: `Strict watch ${stamp}` } })).json();
  const area = await (await page.request.post(`/api/v1/watch/workspaces/${ws.id}/areas`, {
    headers, data: { name: `Strict corridor ${stamp}`, marking: "AMBER+STRICT", body: { country: "NE" } },
  })).json();
  expect(area.id).toBeTruthy();

  await page.goto(`/watch/subjects/${area.id}`);
  const ask = page.getByRole("dialog", { name: "Why do you need to read this record?" });
  await expect(ask).toBeVisible();
  // A dot is not a reason: asked again, with the server's explanation.
  await ask.getByLabel("Reason for reading").fill(".");
  await ask.getByRole("button", { name: "Read the record" }).click();
  await expect(ask.getByRole("alert")).toBeVisible();
  await ask.getByLabel("Reason for reading").fill("Checking the corridor before the regional briefing");
  await ask.getByRole("button", { name: "Read the record" }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: `Strict corridor ${stamp}` })).toBeVisible();

  // The page's other reads (observations, analysis, timeline) went through with the same reason: no refusal shows.
  await expect(page.locator("main p.error[role=alert]")).toHaveCount(0);
  await noSeriousViolations(page);
});

test("the analysis reads in the reader's language: held hypotheses, sensitivity, what each group contributes, the analyst's context", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, "analyst");
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const post = async (url: string, data: unknown) => {
    const r = await page.request.post(url, { headers: { "x-csrf-token": csrf }, data });
    expect(r.status(), `${url} ${await r.text()}`).toBe(201);
    return (await r.json()) as { id: string };
  };
  const ws = await post("/api/v1/workspaces", { name: `Corridor watch ${stamp}` });
  const w = `/api/v1/watch/workspaces/${ws.id}`;
  const source = await post(`${w}/sources`, { name: `Partner report ${stamp}`, marking: "AMBER", body: { type: "partner-agency", reliability: "B" } });
  // The analyst sets a transitional context; the evidence points to a (post-)conflict state.
  const area = await post(`${w}/areas`, { name: `Northern corridor ${stamp}`, marking: "AMBER", body: { country: "ML", context: "transitional" } });
  const crew = await post(`${w}/groups`, { name: `Desert smugglers ${stamp}`, marking: "AMBER", body: { type: "criminal", areas: [area.id], motivations: [{ from: "2015-01-01", kind: "economic", aim: "primary" }] } });
  const cell = await post(`${w}/groups`, { name: `Northern movement ${stamp}`, marking: "AMBER", body: { type: "terrorist", areas: [area.id], motivations: [{ from: "2012-01-01", kind: "ideological", aim: "primary" }] } });
  await post(`${w}/relationships`, { marking: "AMBER", body: { from: crew.id, to: cell.id, kind: "service-provision", start: "2024-03-01", sources: [source.id], credibility: 2 } });
  const observe = (subject: string, indicator: string, state: string) =>
    post(`/api/v1/watch/subjects/${subject}/observations`, { indicator, state, observed_at: "2026-09-01", sources: [source.id], credibility: 2 });
  await observe(area.id, "env-geography.ungoverned-territory", "present");
  await observe(area.id, "env-security-dynamics.porous-borders-trafficking-routes", "present");
  await observe(cell.id, "env-governance.territorial-control", "present");
  await observe(area.id, "env-governance.state-collapse", "absent");
  // Two more areas: one where only confirming evidence is recorded, one where nothing confirms.
  const confirming = await post(`${w}/areas`, { name: `Confirming only ${stamp}`, marking: "AMBER", body: { country: "NE" } });
  await observe(confirming.id, "env-geography.ungoverned-territory", "present");
  const nothing = await post(`${w}/areas`, { name: `Nothing confirms ${stamp}`, marking: "AMBER", body: { country: "NE" } });
  await observe(nothing.id, "env-governance.state-collapse", "absent");
  await observe(nothing.id, "org-capabilities.tactics-evolving", "absent");

  const analysis = page.locator("section[aria-labelledby=analysis-h]");
  const warnings = analysis.locator("div.warnings");
  // Indicator statements and link reasoning come in the reader's language where translated, else in
  // English: English ones, and only those, are marked lang="en".
  const factorsIn = async (lang: string) => ((await (await page.request.get("/api/v1/watchpoints?limit=200", { headers: { "accept-language": lang } })).json()) as {
    items: { indicators: { id: string; statement: string; links: { reasoning: string }[] }[] }[];
  }).items.flatMap((f) => f.indicators);
  const englishFactors = await factorsIn("en");
  const englishTexts = new Set(englishFactors.flatMap((i) => [i.statement, i.statement.replace(/\.$/, ""), ...i.links.map((l) => l.reasoning)]));
  const porous = "env-security-dynamics.porous-borders-trafficking-routes";
  const knowledgeBaseText = async (lang: string) => {
    const english = englishFactors.find((i) => i.id === porous)!.statement;
    const own = (await factorsIn(lang)).find((i) => i.id === porous)!.statement;
    const marked = analysis.locator("[lang=en]");
    if (own === english) await expect(marked.filter({ hasText: english }).first()).toBeAttached();
    else {
      await expect(analysis).toContainText(own);
      await expect(marked.filter({ hasText: own })).toHaveCount(0);
    }
    for (const text of await marked.allTextContents()) expect(englishTexts.has(text), `${lang}: marked as English: ${text}`).toBe(true);
  };
  await page.goto(`/watch/subjects/${confirming.id}`);
  await expect(page.locator("ol.ranking > li")).toHaveCount(7);
  await expect(warnings).toContainText("Only confirming evidence was recorded");
  await page.goto(`/watch/subjects/${nothing.id}`);
  await expect(page.locator("ol.ranking > li")).toHaveCount(7);
  // Only signs found absent: nothing confirms a hypothesis, and the page says nothing about confirming evidence (other warnings show).
  await expect(warnings).toBeVisible();
  await expect(analysis).not.toContainText("Only confirming evidence");

  // English: the unit of the scores, a held hypothesis and why, the sensitivity, the contributions, the context.
  await page.goto(`/watch/subjects/${area.id}`);
  const ranking = page.locator("ol.ranking > li");
  await expect(ranking).toHaveCount(7);
  await expect(analysis.locator("p.score-unit")).toContainText("support − 1.5 × inconsistency");
  await expect(analysis.locator("p.score-unit")).toContainText(`gives ${DEFINING} points`);
  const noNexus = ranking.filter({ hasText: "No nexus evident" });
  await expect(noNexus).toHaveClass(/held/);
  await expect(noNexus.locator("p.held-reason")).toHaveText("Cannot lead: 1 tie(s) between a criminal and a terrorist or armed group are recorded.");
  await expect(page.getByRole("heading", { name: "How robust the lead is" })).toBeVisible();
  await expect(analysis.locator("dl.sensitivity")).toContainText("Lead over the runner-up");
  const contributions = analysis.locator("table.contributors");
  await expect(contributions.locator("tbody tr")).toHaveCount(3);
  await expect(contributions.locator("tbody th")).toHaveText(["The area itself", `Desert smugglers ${stamp}`, `Northern movement ${stamp}`]);
  await expect(contributions.locator("thead th")).toHaveCount(4);
  await expect(contributions.locator("tbody td").first()).toHaveText(/^[+-]?\d/);
  await expect(page.getByRole("heading", { name: "Regional context: Transitional state" })).toBeVisible();
  await expect(analysis).toContainText("Set by the analyst");
  await expect(analysis).toContainText("The evidence suggests another context, (Post-)conflict state");
  await ranking.first().locator("summary").click();
  await expect(ranking.first().locator("ul.explanation li").first()).toHaveText(/^\+\d/);
  // In English nothing needs marking as English.
  await expect(analysis.locator("[lang=en]")).toHaveCount(0);
  await noSeriousViolations(page);

  // French: the analysis speaks French; knowledge-base text not yet translated is marked as English.
  await page.evaluate(() => localStorage.setItem("nexus.lang", "fr"));
  await page.reload();
  await expect(ranking).toHaveCount(7);
  await expect(ranking.filter({ hasText: "Aucun lien manifeste" }).locator("p.held-reason")).toHaveText("Ne peut pas arriver en tête : des liens entre un groupe criminel et un groupe terroriste ou armé sont enregistrés (1).");
  for (const name of ["Trou noir", "Hybride", "Appropriation de tactiques"]) await expect(ranking.locator(".rank-name", { hasText: name })).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Solidité de l'avance" })).toBeVisible();
  await expect(contributions.locator("tbody th").first()).toHaveText("La zone elle-même");
  await expect(page.getByRole("heading", { name: "Contexte régional : État en transition" })).toBeVisible();
  await expect(analysis).toContainText("Fixé par l'analyste");
  await expect(analysis).toContainText("soutien − 1,5 × incohérence");
  for (const english of ["Cannot lead", "ranks first", "sign of it", "confidence that", "points ahead", "watch.msg.", "{{"]) await expect(analysis).not.toContainText(english);
  await knowledgeBaseText("fr");
  await noSeriousViolations(page);

  // Arabic: the same, right to left.
  await page.evaluate(() => localStorage.setItem("nexus.lang", "ar"));
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(ranking).toHaveCount(7);
  await expect(ranking.filter({ hasText: "لا ترابط ظاهر" }).locator("p.held-reason")).toContainText("لا يمكنها التصدّر");
  for (const name of ["الثقب الأسود", "الهجين", "اقتباس الأساليب"]) await expect(ranking.locator(".rank-name", { hasText: name })).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "مدى متانة التصدّر" })).toBeVisible();
  await expect(contributions.locator("tbody th").first()).toHaveText("المنطقة نفسها");
  await expect(analysis).toContainText("حدّده المحلل");
  for (const english of ["Cannot lead", "ranks first", "sign of it", "confidence that", "points ahead", "watch.msg.", "{{"]) await expect(analysis).not.toContainText(english);
  await knowledgeBaseText("ar");
  await noSeriousViolations(page);
  await page.evaluate(() => localStorage.setItem("nexus.lang", "en"));
});

test("an analyst records a group with dated types and a sourced motivation, and a one-off transaction between two groups", async ({ page }) => {
  const stamp = Date.now();
  const source = `Court records ${stamp}`;
  const ring = `Coastal fuel ring ${stamp}`;
  const cell = `Northern cell ${stamp}`;
  await signIn(page, "analyst");
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const ws = await (await page.request.post("/api/v1/workspaces", { headers: { "x-csrf-token": csrf }, data: { name: `Delta watch ${stamp}` } })).json();
  await page.goto(`/watch/workspaces/${ws.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Nexus Watch" })).toBeVisible();

  // A source with notes; new records start at the workspace's default marking (GREEN: workspaces set none).
  await page.getByRole("button", { name: /^Sources/ }).click();
  await expect(page.getByLabel("Marking")).toHaveValue("GREEN");
  await page.getByLabel("Source name").fill(source);
  await page.getByLabel("Source reliability (Admiralty)").selectOption("B");
  await page.getByLabel("Notes (optional)").fill("Trial transcripts, 2011 to 2013.");
  await page.getByRole("button", { name: "Add the source" }).click();
  await expect(page.getByRole("row").filter({ hasText: source })).toContainText("Trial transcripts, 2011 to 2013.");

  // A group that was an armed force before it turned to crime, with an economic aim and a political veneer.
  await page.getByRole("button", { name: /^Groups/ }).click();
  await page.getByLabel("Group name").fill(ring);
  await page.getByLabel("Type today").selectOption("criminal");
  await page.getByRole("button", { name: "Add an earlier type" }).click();
  await page.locator("#type-from-0").fill("2004-06-01");
  await page.getByLabel("Type from that date").selectOption("other-armed");
  await page.getByRole("button", { name: "Add a motivation" }).click();
  const first = page.getByRole("group", { name: "Motivation 1" });
  await first.getByLabel("From").fill("2010-01-01");
  await first.getByLabel("Motivation", { exact: true }).selectOption("economic");
  await first.getByLabel("Aim").selectOption("primary");
  await first.getByRole("checkbox", { name: source }).check();
  await first.getByLabel("Credibility of the information").selectOption("2");
  await page.getByRole("button", { name: "Add a motivation" }).click();
  const second = page.getByRole("group", { name: "Motivation 2" });
  await second.getByLabel("From").fill("2010-01-01");
  await second.getByLabel("Motivation", { exact: true }).selectOption("political");
  await second.getByLabel("Aim").selectOption("secondary");
  await page.getByLabel("Notes (optional)").fill("Took up bunkering after the 2009 amnesty.");
  await page.getByRole("button", { name: "Add the group" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved: ${ring}` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: ring });
  await expect(row).toContainText(/Economic \(primary\) since .*2010; Political \(secondary\) since .*2010/);
  await expect(row).toContainText(/Earlier: Other armed group from .*2004/);
  await expect(row).toContainText("Took up bunkering after the 2009 amnesty.");
  await noSeriousViolations(page);

  await page.getByLabel("Group name").fill(cell);
  await page.getByLabel("Type today").selectOption("terrorist");
  await page.getByRole("button", { name: "Add the group" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved: ${cell}` })).toBeVisible();

  // A one-off transaction: the form explains the kind; integration also says which way it runs.
  await page.getByRole("button", { name: /^Relationships/ }).click();
  await page.getByLabel("From group").selectOption({ label: ring });
  await page.getByLabel("To group").selectOption({ label: cell });
  await page.getByLabel("Kind of relationship").selectOption("integration");
  await expect(page.locator("#rel-kind-hint")).toContainText(`Here: ${ring} joins ${cell} as a whole.`);
  await page.getByLabel("Kind of relationship").selectOption("transaction");
  await expect(page.locator("#rel-kind-hint")).toHaveText("A one-off or short deal, such as a single purchase of weapons or documents.");
  await page.getByLabel("Start (optional)").fill("2012-03-01");
  await page.getByLabel("End (optional)").fill("2012-03-15");
  await page.getByRole("checkbox", { name: source }).check();
  await page.getByLabel("Notes (optional)").fill("One sale of rifles.");
  await page.getByRole("button", { name: "Record the relationship" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved:" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "One sale of rifles." })).toContainText("Transaction");
  // The graph: both groups as nodes and the edge labelled with its kind, dashed since it ended.
  const graph = page.locator("svg.rel-graph-svg");
  await expect(graph).toBeVisible();
  await expect(graph.locator(".graph-node")).toHaveCount(2);
  await expect(graph.locator("text.graph-edge-label")).toHaveText(["Transaction"]);
  await expect(graph.locator("path.graph-edge.ended")).toHaveCount(1);
  await noSeriousViolations(page);

  // The indicator picker: a search narrows the list, the chosen indicator shows when it counts as present.
  await page.getByRole("button", { name: /^Watch rules/ }).click();
  await page.getByLabel("Search the indicators").fill("ransom");
  await expect(page.locator("#rule-indicator-count")).toHaveText(/^[1-9] indicators? match/);
  const options = page.locator("#rule-indicator option:not([value=''])");
  await expect(options).not.toHaveCount(0);
  for (const text of await options.allTextContents()) expect(text.toLowerCase()).toMatch(/ransom|kidnap|hostage/);
  await page.getByLabel("Indicator", { exact: true }).selectOption("env-economic.kidnap-for-ransom-economy");
  await expect(page.locator(".present-when")).toContainText("Present when:");
  await expect(page.locator(".present-when")).toContainText("kidnappings for ransom");
  await page.getByRole("button", { name: "Save the watch rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Watch rule saved." })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Kidnapping for ransom is an established source of income" })).toBeVisible();

  // The overview map zooms to the areas: the globe's outline is larger than the frame until the whole world is asked for.
  await page.request.post(`/api/v1/watch/workspaces/${ws.id}/areas`, { headers: { "x-csrf-token": csrf }, data: { name: `Delta creeks ${stamp}`, marking: "GREEN", body: { country: "NG", point: { lat: 4.8, lon: 6.0 } } } });
  await page.goto(`/watch/overview?workspace=${ws.id}`);
  const map = page.locator("svg.world-map");
  await expect(map.locator(".area-point")).toHaveCount(1);
  const sphereWidth = async () => map.locator("path.sphere").evaluate((p) => (p as SVGGraphicsElement).getBBox().width);
  expect(await sphereWidth()).toBeGreaterThan(3000);
  const mark = await map.locator(".area-point").boundingBox();
  const frame = await map.boundingBox();
  expect(mark!.x).toBeGreaterThan(frame!.x);
  expect(mark!.x + mark!.width).toBeLessThan(frame!.x + frame!.width);
  await page.getByRole("button", { name: "Show the whole world" }).click();
  await expect(page.getByRole("button", { name: "Show the whole world" })).toHaveAttribute("aria-pressed", "true");
  expect(await sphereWidth()).toBeLessThan(1000);
  await noSeriousViolations(page);
});
