import { expect, test, type Browser, type Page } from "@playwright/test";
import { loadContent } from "../../src/content/readContent.js";
import { translator } from "../../src/core/i18n/catalogues.js";
import { msg } from "../../src/core/i18n/messages.js";
import { participantAr } from "../../src/web/exercises/locale/participant.ar.js";
import { participantFr } from "../../src/web/exercises/locale/participant.fr.js";
import { noSeriousViolations, signIn } from "./helpers.js";

// A live table-top exercise end to end: the analyst runs a session from the console, three
// participants join from their own browsers (one a phone), the room takes a branch, and the
// after-action report shows what was exercised. The scenario is picked like the API test does.

test.describe.configure({ timeout: 180_000 });

const kb = loadContent().kb;
const sc = kb.scenarios.find((s) => s.phases[0].decisions.some((d) => d.options.some((o) => o.branch)))!;
const p1 = sc.phases[0];
const d1 = p1.decisions.find((d) => d.options.some((o) => o.branch))!;
const branching = d1.options.find((o) => o.branch)!;
const branchPhase = sc.phases.find((p) => p.id === branching.branch)!;
const nextMain = sc.phases.slice(sc.phases.indexOf(branchPhase) + 1).find((p) => !p.branch)!;
// Roles that may answer d1: for a role decision its deciding roles, otherwise any three roles.
const roles = d1.scope === "role" ? [d1.roles[0], d1.roles[1] ?? d1.roles[0], d1.roles[0]] : sc.roles.slice(0, 3).map((r) => r.id);
const forAll = (injects: typeof p1.injects) => injects.find((i) => i.audience === "all" && i.release.mode === "manual") ?? injects.find((i) => i.release.mode === "manual")!;
const inject1 = forAll(p1.injects);
const inject2 = forAll(branchPhase.injects);
const sees = (role: string, inj: typeof inject1) => inj.audience === "all" || inj.audience.includes(role);

async function join(browser: Browser, code: string, name: string, role: string, opts: { phone?: boolean; viaRoleLink?: boolean } = {}) {
  const context = await browser.newContext(opts.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {});
  // Keeps a handle on the page's sockets, so that the test can cut a connection.
  await context.addInitScript(() => {
    const Native = window.WebSocket;
    const sockets: WebSocket[] = [];
    Object.assign(window, { __sockets: sockets });
    window.WebSocket = class extends Native { constructor(url: string | URL, protocols?: string | string[]) { super(url, protocols); sockets.push(this); } };
  });
  const page = await context.newPage();
  if (opts.viaRoleLink) {
    await page.goto(`/join?code=${code}&role=${role}`);
    // The link carries the role's id; the page names the role.
    await expect(page.getByText(`Your role: ${sc.roles.find((r) => r.id === role)!.name}`)).toBeVisible();
  } else {
    await page.goto(`/join?code=${code}`);
  }
  await expect(page.getByRole("heading", { level: 1, name: "Join an exercise" })).toBeVisible();
  await expect(page.getByLabel("Join code")).toHaveValue(code);
  await page.getByLabel("Your name in this exercise").fill(name);
  await page.getByLabel("I agree to take part on these terms").check();
  if (opts.viaRoleLink) {
    await page.getByRole("button", { name: "Join the exercise" }).click();
  } else {
    await page.getByRole("button", { name: "Continue" }).click();
    // The code is a participant code: the server asks for a role or a table.
    // Roles are picked from the scenario's list, by name.
    await page.getByRole("radio", { name: sc.roles.find((r) => r.id === role)!.name, exact: true }).check();
    await page.getByLabel("Table (optional)").fill(`Table ${name.length}`);
    await page.getByRole("button", { name: "Join the exercise" }).click();
  }
  await expect(page).toHaveURL(/\/play\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: sc.title })).toBeVisible();
  await expect(page.getByText("Waiting to start")).toBeVisible();
  if (opts.phone) {
    // A compact bar with the language, not the site's header and navigation (issue 14).
    await expect(page.getByRole("navigation")).toHaveCount(0);
    expect((await page.locator("header.site").boundingBox())!.height).toBeLessThan(70);
    await expect(page.getByLabel("Language")).toBeVisible();
  }
  return page;
}

async function answer(page: Page) {
  const card = page.locator(".ex-decision").filter({ has: page.getByRole("heading", { name: d1.prompt }) });
  await expect(card).toBeVisible();
  if (d1.response === "single") await card.getByRole("radio", { name: branching.text }).check();
  else if (d1.response === "multiple") await card.getByRole("checkbox", { name: branching.text }).check();
  else {
    for (let i = d1.options.indexOf(branching); i > 0; i--) await card.getByRole("button", { name: `Move up: ${branching.text}` }).click();
  }
  await card.getByRole("button", { name: "Send my answer" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Your answer was recorded." })).toBeVisible();
  await expect(card).toContainText("Your recorded answer:");
}

test("a live exercise: console, three participants, a branch, and the after-action report", async ({ page, browser }) => {
  const stamp = Date.now();
  await signIn(page, "analyst");
  await page.goto("/workspaces");
  await page.getByLabel("Name").fill(`Exercise room ${stamp}`);
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page).toHaveURL(/\/workspaces\/[^/]+$/);

  // The library: scenario cards, then a new session from the chosen scenario.
  await page.getByRole("link", { name: "Exercises for this workspace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Table-top exercises" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: sc.title })).toBeVisible();
  await expect(page.getByText("No session yet.")).toBeVisible();
  await page.getByLabel("Scenario", { exact: true }).selectOption(sc.id);
  await page.getByLabel("Session name (optional)").fill(`Drill ${stamp}`);
  await page.getByLabel("Most participants").fill("10");
  await page.getByRole("button", { name: "Start the session" }).click();

  // The console: join code, QR, projector link (the key is shown once), live controls.
  await expect(page).toHaveURL(/\/exercises\/sessions\/[^/]+\/console$/);
  await expect(page.getByRole("heading", { level: 1, name: `Drill ${stamp}` })).toBeVisible();
  const code = (await page.locator(".ex-join-box .ex-join-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await expect(page.getByRole("img", { name: /QR code of .*\/join\?code=/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Open the projector view/ })).toHaveAttribute("href", /projector\?key=.+&code=/);
  await expect(page.getByRole("button", { name: "Start the briefing" })).toBeVisible();
  await noSeriousViolations(page);

  // Three participants in three browsers, one on a phone, one through its role's own link.
  const falcon = await join(browser, code, "Falcon", roles[0], { phone: true });
  const heron = await join(browser, code, "Heron", roles[1]);
  const kestrel = await join(browser, code, "Kestrel", roles[2], { viaRoleLink: true });
  const players = [falcon, heron, kestrel];
  await expect(page.getByRole("heading", { name: "In the room: 3 participants" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Who has joined, by role and table" })).toContainText("Falcon");
  await expect(falcon.locator("details.ex-briefing summary").first()).toContainText("Your briefing:"); // the role's private briefing
  await noSeriousViolations(falcon);

  // Briefing, phase 1, the situation and an inject.
  await page.getByRole("button", { name: "Start the briefing" }).click();
  for (const p of players) await expect(p.locator(".ex-statusbar")).toContainText("Briefing");
  await page.getByRole("button", { name: `Enter the next phase: ${p1.title}` }).click();
  await page.getByRole("button", { name: "Release the situation" }).click();
  await page.getByRole("button", { name: `Release: ${inject1.title}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Released: ${inject1.title}.` })).toBeVisible();
  for (const [i, p] of players.entries()) {
    await expect(p.locator(".ex-statusbar")).toContainText(p1.title);
    await expect(p.getByRole("heading", { level: 3, name: p1.title })).toBeVisible(); // the situation in the feed
    if (sees(roles[i], inject1)) await expect(p.getByRole("heading", { level: 3, name: inject1.title })).toBeVisible();
  }

  // The decision: everyone who may answer picks the branching option.
  await page.getByRole("button", { name: `Open the decision: ${d1.prompt}` }).click();
  for (const p of players) await answer(p);
  await noSeriousViolations(falcon);
  const decisionCard = page.locator(".ex-decision").filter({ has: page.getByRole("heading", { name: d1.prompt }) });
  await expect(decisionCard).toContainText("3 have answered");
  await page.getByRole("button", { name: `Close answers: ${d1.prompt}` }).click();
  await page.getByRole("button", { name: `Reveal the results: ${d1.prompt}` }).click();
  await expect(decisionCard).toContainText(`The room's choice leads to the branch “${branchPhase.title}”.`);
  for (const p of players) {
    const row = p.locator(".ex-bar-row").filter({ hasText: branching.text });
    await expect(row).toContainText("(chosen)");
    await expect(row).toContainText("100 %");
  }

  // Heron's connection drops (and stays down) while the room moves into the branch; once back,
  // the page reconnects by itself with the last event it holds and catches up.
  await heron.context().setOffline(true);
  await heron.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.at(-1)!.close());
  await expect(heron.getByRole("status").filter({ hasText: "Connection lost: reconnecting…" })).toBeVisible();
  await page.getByRole("button", { name: `Enter the branch the room chose: ${branchPhase.title}` }).click();
  await page.getByRole("button", { name: `Release: ${inject2.title}` }).click();
  await expect(heron.locator(".ex-statusbar")).toContainText(p1.title);
  await heron.context().setOffline(false);
  await expect(heron.locator(".ex-statusbar")).toContainText(branchPhase.title, { timeout: 15_000 });
  await expect(heron.locator(".ex-conn")).toBeEmpty();
  const seeing = players.filter((_, i) => sees(roles[i], inject2));
  for (const p of seeing) await expect(p.getByRole("heading", { level: 3, name: inject2.title })).toBeVisible();
  await page.getByRole("button", { name: `Enter the next phase: ${nextMain.title}` }).click();
  for (const p of players) await expect(p.locator(".ex-statusbar")).toContainText(nextMain.title);
  await page.getByRole("button", { name: "End the exercise" }).click();
  await page.getByRole("button", { name: "Yes, end the exercise now" }).click();
  for (const p of players) await expect(p.locator(".ex-statusbar")).toContainText("Ended");
  await noSeriousViolations(page);

  // The after-action report: the branching option's practices exercised, the decision's result.
  await page.getByRole("link", { name: "After-action report" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: `After-action report — Drill ${stamp}` })).toBeVisible();
  await expect(page.getByText(`Phases played: ${[p1.title, branchPhase.title, nextMain.title].join(" → ")}`)).toBeVisible();
  for (const practice of branching.practices) {
    await expect(page.locator(`tr[data-practice="${practice}"] .ex-level-cell`)).not.toHaveText("Not exercised");
  }
  const result = page.locator(`[data-decision="${d1.id}"]`);
  await expect(result).toContainText(`The room chose: ${branching.text}`);
  await expect(result.getByRole("row").filter({ hasText: branching.text })).toContainText("chosen");
  await expect(page.getByRole("heading", { name: "Agencies at the table" })).toBeVisible();
  await noSeriousViolations(page);

  // The facilitator's edits are saved with the report.
  await page.getByLabel("Summary").fill(`Branch taken in drill ${stamp}.`);
  await page.getByRole("button", { name: "Save the report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The report is saved." })).toBeVisible();
  await expect(page.locator("p.lead")).toHaveText(`Branch taken in drill ${stamp}.`);

  for (const p of players) await p.context().close();
});

test("an AMBER+STRICT session asks its facilitator for the reason on the console, then runs live", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, "analyst");
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const ws = await (await page.request.post("/api/v1/workspaces", { headers: { "x-csrf-token": csrf }, data: { name: `Strict drills ${stamp}` } })).json();

  // Started from the library like any session, marked AMBER+STRICT.
  await page.goto(`/exercises/workspaces/${ws.id}`);
  await page.getByLabel("Scenario", { exact: true }).selectOption(sc.id);
  await page.getByLabel("Session name (optional)").fill(`Strict drill ${stamp}`);
  await page.locator("#ex-start-marking").selectOption("AMBER+STRICT");
  await page.getByRole("button", { name: "Start the session" }).click();

  // The console reads the session: the reason dialog comes first, and nothing of the session or its live controls shows meanwhile.
  await expect(page).toHaveURL(/\/exercises\/sessions\/[^/]+\/console$/);
  const ask = page.getByRole("dialog", { name: "Why do you need to read this record?" });
  await expect(ask).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `Strict drill ${stamp}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start the briefing" })).toHaveCount(0);
  await ask.getByLabel("Reason for reading").fill("Running the border drill with the task force");
  await ask.getByRole("button", { name: "Read the record" }).click();
  await expect(ask).toBeHidden();

  // With the reason stated, the page loads and the live channel lets the facilitator in: the briefing starts.
  await expect(page.getByRole("heading", { level: 1, name: `Strict drill ${stamp}` })).toBeVisible();
  await expect(page.locator(".record-meta")).toContainText("TLP:AMBER+STRICT");
  await page.getByRole("button", { name: "Start the briefing" }).click();
  await expect(page.locator(".record-meta .ex-status")).toContainText("Briefing");
  await expect(page.locator(".ex-conn-refused")).toHaveCount(0);
  await noSeriousViolations(page);
});

test("a refused answer says why in the language the participant reads now, not only the one they joined in", async ({ page, browser }) => {
  const stamp = Date.now();
  await signIn(page, "analyst");
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const ws = await (await page.request.post("/api/v1/workspaces", { headers: { "x-csrf-token": csrf }, data: { name: `Refusal drills ${stamp}` } })).json();
  const s = await (await page.request.post(`/api/v1/exercises/workspaces/${ws.id}/sessions`, { headers: { "x-csrf-token": csrf }, data: { scenario: sc.id, name: `Paused drill ${stamp}` } })).json();
  await page.goto(`/exercises/sessions/${s.id}/console`);
  const plover = await join(browser, s.join_code, "Plover", roles[0]);

  // The facilitator opens the decision, then pauses: an answer sent now is refused as out of turn.
  await page.getByRole("button", { name: "Start the briefing" }).click();
  await page.getByRole("button", { name: `Enter the next phase: ${p1.title}` }).click();
  await page.getByRole("button", { name: `Open the decision: ${d1.prompt}` }).click();
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(plover.locator(".ex-statusbar")).toContainText("Paused");

  // Plover joined in English and now reads the page in French: the server's reason (a message key) is shown in French.
  await plover.locator("label.lang select").selectOption("fr");
  const card = plover.locator(".ex-decision").filter({ has: plover.getByRole("heading", { name: d1.prompt }) });
  if (d1.response === "single") await card.getByRole("radio", { name: branching.text }).check();
  else if (d1.response === "multiple") await card.getByRole("checkbox", { name: branching.text }).check();
  await card.locator('button[type="submit"]').click();
  const paused = msg("exercises.msg.refused.paused");
  const alert = card.getByRole("alert");
  await expect(alert).toHaveText(participantFr.play.err.outOfTurn.replace("{{message}}", translator("fr")(paused)));
  await expect(alert).not.toContainText(translator("en")(paused));
  // Another language, and the same refusal follows it.
  await plover.locator("label.lang select").selectOption("ar");
  await expect(alert).toHaveText(participantAr.play.err.outOfTurn.replace("{{message}}", translator("ar")(paused)));
  await noSeriousViolations(plover);
  await plover.context().close();
});
