/**
 * Issue 15: the paths of three real users through the seeded demo workspace (`nexus demo load`,
 * run through the test server's admin socket): a policy officer rating a self-assessment on a
 * phone and reading its action plan, a trainer editing an after-action report, an analyst reading
 * Nexus Watch. Each page must stay short enough to read (document height under a stated bound,
 * measured after the fixes with the demo data) and show no raw id where a person reads.
 *
 * Heights measured with the demo data (desktop 1280 px wide, phone 390×844), before → after:
 * action plan 9,826 → 3,180 (phone 13,796 → 4,840); the rating form's top on a phone
 * 5,537 → 1,230; after-action report 11,208 → 3,990 (phone 16,307 → 6,450; its editor 6,265 →
 * 940). Nexus Watch (unchanged): overview 2,303 (phone 3,683), subject page 7,554.
 */
import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { loadContent } from "../../src/content/readContent.js";
import { demoAccount, noSeriousViolations } from "./helpers.js";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const kb = loadContent().kb;
const port = Number(process.env.E2E_PORT ?? 8181);
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** The scenario the demo plays (src/server/exercises/demo.ts picks it the same way). */
const demoScenario = kb.scenarios.find((s) => s.phases[0].decisions.some((d) => d.scope !== "role" && d.options.some((o) => o.branch)))!;

/**
 * Knowledge-base ids a person must never read: practice ids (hague-4), the ids of scenarios and
 * their phases, decisions, options, injects, objectives and hot-wash questions (d-note,
 * p1-seizure), indicator ids (env-governance.eroding-state-institutions), and UUIDs. Ids that are
 * plain words (a role "customs") are left out: they cannot be told from the text.
 */
const kbIds = new Set<string>();
for (const sc of kb.scenarios) {
  kbIds.add(sc.id);
  for (const p of sc.phases) {
    kbIds.add(p.id);
    for (const d of p.decisions) { kbIds.add(d.id); for (const o of d.options) kbIds.add(o.id); }
    for (const i of p.injects) kbIds.add(i.id);
  }
  for (const o of sc.objectives) kbIds.add(o.id);
  for (const h of sc.hotwash) kbIds.add(h.id);
}
for (const f of kb.factors) for (const i of f.indicators) kbIds.add(i.id);
const hyphenated = [...kbIds].filter((id) => /[-.]/.test(id));
const RAW_ID = /(?<![\w-])(?:(?:hague|addendum|icct|gp|ap)-\d+|(?:d|i|inj|obj|h|p\d?)-[a-z0-9]+(?:-[a-z0-9]+)*)(?![\w-])|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

/** The raw ids in a text: id patterns and any hyphenated id of the knowledge base, as a whole token. */
function rawIdsIn(text: string): string[] {
  const tokens = new Set(text.split(/[^\w.-]+/).map((t) => t.replace(/[.-]+$/, "")));
  return [...new Set([...(text.match(RAW_ID) ?? []), ...hyphenated.filter((id) => tokens.has(id))])];
}
const rawIds = async (page: Page) => rawIdsIn(await page.evaluate(() => document.body.innerText));

/** The page's full height, once loading is over. */
async function height(page: Page): Promise<number> {
  await expect(page.locator("main [role=status]").filter({ hasText: /Loading/ })).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => document.documentElement.scrollHeight);
}

let demo: { email: string; password: string; ws: string; sa: string; session: string; area: string };

/** Signs in as the demo analyst; the offline-reading notice is turned off so it covers nothing. */
async function signInDemo(page: Page) {
  await page.addInitScript(() => localStorage.setItem("nexus.offline", JSON.stringify({ enabled: false, keep: [] })));
  await page.goto("/login");
  await page.getByLabel("Email").fill(demo.email);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText("Demo Analyst (synthetic)");
}

test.beforeAll(async ({ browser }) => {
  // The server holds the database: the CLI sends the command through its admin socket (decision 0015).
  demo = { ...demoAccount(port), ws: "", sa: "", session: "", area: "" };
  const page = await browser.newPage({ baseURL: `http://127.0.0.1:${port}` });
  await signInDemo(page);
  const get = async (url: string) => (await page.request.get(url)).json();
  demo.ws = (await get("/api/v1/workspaces")).items.find((w: { name: string }) => w.name.startsWith("[Synthetic]")).id;
  demo.sa = (await get(`/api/v1/plans/workspaces/${demo.ws}/self-assessments`)).items[0].id;
  demo.session = (await get(`/api/v1/exercises/workspaces/${demo.ws}/sessions`)).items[0].id;
  demo.area = (await get(`/api/v1/watch/workspaces/${demo.ws}/records?kind=area`)).items[0].id;
  await page.close();
});

test("a policy officer opens the self-assessment, rates on a phone, rates in the grid, and reads a short action plan", async ({ page, browser, baseURL }) => {
  // On a phone: the rating form is in the first screens, not below the list of 25 practices and the guidance.
  const context = await browser.newContext({ ...phone, baseURL });
  const m = await context.newPage();
  await signInDemo(m);
  await m.goto(`/plans/self-assessments/${demo.sa}`);
  await expect(m.getByRole("heading", { level: 1, name: "[Synthetic] National self-assessment" })).toBeVisible();
  const formHeading = m.locator("#my-rating-h");
  await expect(formHeading).toBeVisible();
  await height(m);
  const formTop = await formHeading.evaluate((el) => el.getBoundingClientRect().top + scrollY);
  expect(formTop, "the rating form's top on a phone").toBeLessThan(1500);
  expect(await rawIds(m)).toEqual([]);

  // Picking a practice moves the focus to its form.
  await m.getByLabel("Practice to rate").selectOption("hague-4");
  await expect(m.getByRole("heading", { level: 3, name: /^Hague GP 4 — / })).toBeVisible();
  await expect(m.getByRole("heading", { level: 4, name: "Rate this practice" })).toBeFocused();
  await m.getByLabel("Institution", { exact: true }).fill("[Synthetic] Ministry of Justice");
  await m.getByLabel("In place (on paper)", { exact: true }).selectOption("PC");
  await m.getByLabel("Working (in practice)", { exact: true }).selectOption("Low");
  await m.getByRole("button", { name: "Save my rating" }).click();
  await expect(m.getByRole("status").filter({ hasText: "Your rating is saved." })).toBeVisible();
  expect(await m.evaluate(() => document.documentElement.scrollWidth), "no sideways scrolling of the page").toBeLessThanOrEqual(390);

  // Every practice on one screen: a table of labelled selects that scrolls sideways in its own box.
  await m.getByRole("button", { name: "All practices in a grid" }).click();
  const grid = m.getByRole("table", { name: "Your institution's ratings, one row per practice" });
  await expect(grid.getByRole("row").filter({ has: m.getByRole("rowheader") })).toHaveCount(25);
  await expect(grid.getByLabel(/^In place \(on paper\): Hague GP 4 — /)).toHaveValue("PC");
  await expect(m.getByLabel("Institution", { exact: true })).toHaveValue("[Synthetic] Ministry of Justice");
  await grid.getByLabel(/^In place \(on paper\): Hague GP 5 — /).selectOption("LC");
  await grid.getByLabel(/^Working \(in practice\): Hague GP 5 — /).selectOption("Moderate");
  await grid.getByLabel(/^Comment: Hague GP 5 — /).fill("The channels exist; researchers rarely use them.");
  await grid.getByRole("button", { name: "Save Hague GP 5", exact: true }).click();
  await expect(m.getByRole("status").filter({ hasText: "Saved: Hague GP 5." })).toBeVisible();
  const box = m.getByRole("region", { name: "Your institution's ratings, one row per practice" });
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth), "the grid scrolls inside its box").toBe(true);
  expect(await m.evaluate(() => document.documentElement.scrollWidth), "the page does not scroll sideways").toBeLessThanOrEqual(390);
  await noSeriousViolations(m);
  await m.reload();
  await expect(m.getByLabel(/^Working \(in practice\): Hague GP 5 — /)).toHaveValue("Moderate");
  expect(await rawIds(m)).toEqual([]);

  // The action plan on the phone: one line per practice, the most pressing one open.
  await m.getByRole("button", { name: "Action plan", exact: true }).click();
  await expect(m.locator("details.plan-group").first()).toBeVisible();
  expect(await height(m), "action-plan tab on a phone").toBeLessThan(5500);
  await context.close();

  // On a desktop: the action plan reads in a few screens, grouped by practice, most pressing first.
  await signInDemo(page);
  await page.goto(`/plans/self-assessments/${demo.sa}?tab=plan`);
  const groups = page.locator("details.plan-group");
  await expect(groups.first()).toBeVisible();
  expect(await groups.count()).toBeGreaterThan(5);
  await expect(page.locator("details.plan-group[open]")).toHaveCount(1);
  await expect(groups.first().locator("summary")).toContainText(/Hague GP \d+ — .+\d+ actions? · \d+ done/);
  expect(await height(page), "action-plan tab on a desktop").toBeLessThan(4000);
  expect(await rawIds(page)).toEqual([]);
  // A folded practice opens; its actions' "depends on" list stays a bounded, filterable box.
  await groups.nth(1).locator("summary").click();
  await expect(page.locator("details.plan-group[open]")).toHaveCount(2);
  await groups.nth(1).getByRole("button", { name: /^Edit/ }).first().click();
  const deps = page.getByRole("form", { name: /^Edit the action/ }).getByRole("group", { name: "Depends on" });
  await expect(deps.getByRole("searchbox", { name: "Filter the list" })).toBeVisible();
  expect((await deps.boundingBox())!.height, "the depends-on field").toBeLessThan(450);
  await noSeriousViolations(page);

  // The gaps: a heatmap per practice next to the one per area, as a table.
  await page.getByRole("button", { name: "Gaps", exact: true }).click();
  await page.getByRole("button", { name: "Heatmap by practice", exact: true }).click();
  const byPractice = page.getByRole("table", { name: "Heatmap by practice" });
  await expect(byPractice.getByRole("rowheader")).toHaveCount(25);
  // The demo's follow-up review agreed LC and Moderate for the first three practices.
  const first = byPractice.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Hague GP 1 [^\d]/ }) }).getByRole("cell");
  await expect(first.nth(0)).toHaveText("LC");
  await expect(first.nth(1)).toHaveText("Moderate");
  expect(await rawIds(page)).toEqual([]);
  await noSeriousViolations(page);
});

test("a trainer reads the after-action report of a session and edits it in a short editor", async ({ page, browser, baseURL }) => {
  await signInDemo(page);
  await page.goto(`/exercises/sessions/${demo.session}/report`);
  await expect(page.getByRole("heading", { level: 1, name: /^After-action report — / })).toBeVisible();
  const editor = page.locator("section[aria-labelledby=rp-edit]");
  await expect(editor).toBeVisible();
  expect(await height(page), "after-action report on a desktop").toBeLessThan(5000);
  expect((await editor.boundingBox())!.height, "the report editor").toBeLessThan(1500);
  expect(await rawIds(page)).toEqual([]);

  // Drafted items are the practices rated weak and the agencies missing, each one folded to a line.
  const weak = await page.locator("tr[data-practice]").filter({ has: page.locator(".ex-level-weak") }).count();
  const missing = await page.locator("ul.ex-agencies li.ex-missing").count();
  const items = editor.locator("details.ex-item");
  await expect(items).toHaveCount(weak + missing);
  await expect(editor.locator("details.ex-item[open]")).toHaveCount(0);
  await expect(items.first().locator("summary")).toContainText(/^Item 1 Strengthen (Hague|Addendum) GP \d+ before the next exercise/);
  // Only the agencies the scenario gives a role to are expected, not every actor the practices name.
  await expect(page.locator("ul.ex-agencies li")).not.toHaveCount(0);
  expect(await page.locator("ul.ex-agencies li").count()).toBeLessThanOrEqual(demoScenario.roles.length);

  // An item opens to its fields; the edit is saved.
  await items.first().locator("summary").click();
  await items.first().getByLabel("Owner").fill("[Synthetic] Office of the Public Prosecutor");
  await noSeriousViolations(page);
  await page.getByRole("button", { name: "Save the report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The report is saved." })).toBeVisible();

  // The Word report names branches and agencies in words, and expects only the scenario's agencies.
  const docx = await page.request.get(`/api/v1/exercises/sessions/${demo.session}/export/report.docx?lang=en`);
  expect(docx.status()).toBe(200);
  const xml = await (await JSZip.loadAsync(await docx.body())).file("word/document.xml")!.async("string");
  const text = xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&quot;/g, "\"").replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  expect(rawIdsIn(text)).toEqual([]);
  const cast = new Set(demoScenario.roles.map((r) => kb.actors.find((a) => a.id === r.actor)!.name));
  const expected = /also expect: (.+)\. None of these/.exec(text)?.[1].split("; ") ?? [];
  for (const agency of expected) expect(cast, `${agency} is an agency of the scenario`).toContain(agency);

  // On a phone the report's tables scroll sideways in their own boxes instead of growing a screen per row.
  const context = await browser.newContext({ ...phone, baseURL });
  const m = await context.newPage();
  await signInDemo(m);
  await m.goto(`/exercises/sessions/${demo.session}/report`);
  await expect(m.locator("section[aria-labelledby=rp-edit]")).toBeVisible();
  expect(await height(m), "after-action report on a phone").toBeLessThan(7500);
  await context.close();
});

test("an analyst reads the Nexus Watch overview and a subject page", async ({ page, browser, baseURL }) => {
  await signInDemo(page);
  await page.goto(`/watch/workspaces/${demo.ws}`);
  await expect(page.getByRole("heading", { level: 1, name: "Nexus Watch" })).toBeVisible();
  expect(await height(page), "Nexus Watch overview on a desktop").toBeLessThan(3000);
  expect(await rawIds(page)).toEqual([]);

  await page.goto(`/watch/subjects/${demo.area}`);
  await expect(page.getByRole("heading", { level: 1, name: /^\[Synthetic\] District/ })).toBeVisible();
  expect(await height(page), "subject page on a desktop").toBeLessThan(9000);
  expect(await rawIds(page)).toEqual([]);

  const context = await browser.newContext({ ...phone, baseURL });
  const m = await context.newPage();
  await signInDemo(m);
  await m.goto(`/watch/workspaces/${demo.ws}`);
  await expect(m.getByRole("heading", { level: 1, name: "Nexus Watch" })).toBeVisible();
  expect(await height(m), "Nexus Watch overview on a phone").toBeLessThan(4500);
  await context.close();
});
