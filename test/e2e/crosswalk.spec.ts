import { expect, test, type Page } from "@playwright/test";
import { loadContent } from "../../src/content/readContent.js";
import { noSeriousViolations, signIn } from "./helpers.js";

// The standards crosswalk end to end (decision 0036): the page answers "which practices implement
// FATF R.8" and a Security Council paragraph, its browsing table, the practice page's Standards
// section, and reuse of an answer across linked practices in the rating form and the grid.

test.describe.configure({ timeout: 120_000 });

const { kb } = loadContent();
const practiceOrder = new Map(kb.practices.map((p, i) => [p.id, i]));
/** The practices whose links cover a pinpoint of an instrument, in practice order, as "Hague GP 8" labels would show them. */
const practicesFor = (instrument: string, test: (pinpoint: string) => boolean) =>
  [...new Set(kb.crosswalk.filter((c) => c.links.some((l) => l.instrument === instrument && test(l.pinpoint))).map((c) => c.practice))]
    .sort((a, b) => practiceOrder.get(a)! - practiceOrder.get(b)!);
const titleOf = (id: string) => kb.practices.find((p) => p.id === id)!.title;

// A Security Council paragraph that exists in the content: UNSCR 2482 para 15 when it is mapped, else the first resolution paragraph there is.
const resolutionLink = (() => {
  const all = kb.crosswalk.flatMap((c) => c.links).filter((l) => /^unscr-\d+$/.test(l.instrument) && /^para \d+$/.test(l.pinpoint));
  return all.find((l) => l.instrument === "unscr-2482" && l.pinpoint === "para 15") ?? all[0];
})();

async function search(page: Page, q: string) {
  // The instrument list loads beside the box: wait for it, so nothing re-renders the form under the typing.
  await expect(page.getByLabel("Instrument", { exact: true }).locator("option").nth(1)).toBeAttached();
  await page.getByLabel("Instrument and pinpoint").fill(q);
  await expect(page.getByLabel("Instrument and pinpoint")).toHaveValue(q);
  await page.getByRole("button", { name: "Find practices" }).click();
}

test("the crosswalk page answers FATF R.8 and a Security Council paragraph, and browses by instrument", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Standards crosswalk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Standards crosswalk" })).toBeVisible();

  const r8 = practicesFor("fatf-recommendations", (p) => /^R\.\s*8$/.test(p));
  expect(r8.length).toBeGreaterThan(0);
  await search(page, "FATF R.8");
  await expect(page).toHaveURL(/\/crosswalk\?q=FATF\+R\.8/);
  const results = page.getByRole("region", { name: /^Practices for FATF Recommendations R\.8/ });
  await expect(results.getByRole("status")).toHaveText(r8.length === 1 ? "1 practice" : `${r8.length} practices`);
  // practices by title, never by id
  await expect(results.locator(":scope > ul > li > strong a")).toHaveText(r8.map((id) => new RegExp(`— ${titleOf(id).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`)));
  await expect(results).not.toContainText("hague-");
  await noSeriousViolations(page);

  const number = resolutionLink.instrument.replace("unscr-", "");
  const paragraph = resolutionLink.pinpoint.replace("para ", "");
  const unsc = practicesFor(resolutionLink.instrument, (p) => p === resolutionLink.pinpoint || new RegExp(`^paras? ${paragraph}\\b`).test(p));
  await search(page, `UNSCR ${number} para ${paragraph}`);
  const answer = page.getByRole("region", { name: new RegExp(`^Practices for .*${number}.* para ${paragraph}$`) });
  await expect(answer.locator(":scope > ul > li")).toHaveCount(unsc.length);
  await expect(answer).toContainText(resolutionLink.topic.trim());

  // A query it cannot read gets a clear message on the field.
  await search(page, "Treaty of Nowhere art 3");
  await expect(page.getByRole("alert")).toContainText("names no instrument the crosswalk knows");
  await expect(page.getByLabel("Instrument and pinpoint")).toHaveAttribute("aria-invalid", "true");

  // Browsing: pick an instrument, its table lists pinpoints and practices; a pinpoint runs the query.
  await page.getByLabel("Instrument", { exact: true }).selectOption("untoc");
  const table = page.getByRole("table", { name: /^UNTOC: pinpoints/ });
  await expect(table).toBeVisible();
  const art27 = practicesFor("untoc", (p) => /^art\. 27(\(|$)/.test(p) || p === "art. 27");
  await table.getByRole("link", { name: "art. 27", exact: true }).click();
  await expect(page.getByRole("region", { name: /^Practices for UNTOC art\. 27$/ }).locator(":scope > ul > li")).toHaveCount(art27.length);
  await noSeriousViolations(page);
});

test("a practice page shows its standards and what builds on it", async ({ page }) => {
  const follower = kb.crosswalk.find((c) => c.builds_on.some((b) => b.practice === "hague-8"))!.practice;
  await page.goto("/practices/hague-8");
  const standards = page.getByRole("region", { name: "Standards" });
  await expect(standards.getByRole("listitem").first()).toBeVisible();
  await expect(standards.locator("ul.standards > li")).toHaveCount(kb.crosswalk.find((c) => c.practice === "hague-8")!.links.length);
  await expect(standards.getByRole("heading", { name: "Built on by" })).toBeVisible();
  await expect(standards.getByRole("link", { name: new RegExp(titleOf(follower).slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })).toBeVisible();
  await standards.locator("ul.standards > li a").first().click();
  await expect(page).toHaveURL(/\/crosswalk\?q=/);
  await expect(page.getByRole("region", { name: /^Practices for / }).getByRole("link", { name: new RegExp(titleOf("hague-8").slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })).toBeVisible();
});

test("an answer to hague-8 is proposed for the practice that builds on it, saved only when confirmed, and cleared by an edit", async ({ page }) => {
  const follower = kb.crosswalk.find((c) => c.builds_on.some((b) => b.practice === "hague-8") && c.practice.startsWith("addendum-"))!.practice;
  const stamp = Date.now();
  await signIn(page, "analyst");
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const ws = await (await page.request.post("/api/v1/workspaces", { headers: { "x-csrf-token": csrf }, data: { name: `Crosswalk review ${stamp}` } })).json();
  const sa = await (await page.request.post(`/api/v1/plans/workspaces/${ws.id}/self-assessments`, { headers: { "x-csrf-token": csrf }, data: { name: `Review with reuse ${stamp}`, country: "ML", marking: "AMBER" } })).json();

  // Rate hague-8 in the form.
  await page.goto(`/plans/self-assessments/${sa.id}?practice=hague-8`);
  await expect(page.getByRole("heading", { level: 3, name: /^Hague GP 8 — / })).toBeVisible();
  await page.getByLabel("Institution", { exact: true }).fill("Financial Intelligence Unit");
  await page.getByLabel("In place (on paper)", { exact: true }).selectOption("LC");
  await page.getByLabel("Working (in practice)", { exact: true }).selectOption("Moderate");
  await page.getByRole("button", { name: "Save my rating" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your rating is saved." })).toBeVisible();

  // The follower proposes that answer; nothing is saved yet.
  await page.goto(`/plans/self-assessments/${sa.id}?practice=${follower}`);
  await expect(page.getByRole("heading", { level: 3, name: new RegExp(`^Addendum GP ${follower.split("-")[1]} — `) })).toBeVisible();
  const proposal = page.locator(".plan-reuse");
  await expect(proposal).toContainText(`Proposed from Hague GP 8 — ${titleOf("hague-8")}`);
  await expect(proposal).toContainText("in place LC — Largely compliant; working Moderate");
  const before = await (await page.request.get(`/api/v1/plans/self-assessments/${sa.id}`)).json();
  expect(before.ratings.some((r: { practice: string }) => r.practice === follower)).toBe(false);
  await noSeriousViolations(page);

  await proposal.getByRole("button", { name: "Use this answer" }).click();
  await expect(page.locator(".plan-reused")).toContainText("Reused from Hague GP 8");
  await expect(page.getByLabel("In place (on paper)", { exact: true })).toHaveValue("LC");
  const after = await (await page.request.get(`/api/v1/plans/self-assessments/${sa.id}`)).json();
  expect(after.ratings.find((r: { practice: string }) => r.practice === follower)).toMatchObject({ in_place: "LC", working: "Moderate", reused_from: "hague-8" });

  // Editing makes the rating the assessor's own.
  await page.getByLabel("In place (on paper)", { exact: true }).selectOption("PC");
  await page.getByRole("button", { name: "Save my rating" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your rating is saved." })).toBeVisible();
  await expect(page.locator(".plan-reused")).toHaveCount(0);
  const edited = await (await page.request.get(`/api/v1/plans/self-assessments/${sa.id}`)).json();
  expect(edited.ratings.find((r: { practice: string }) => r.practice === follower)).toMatchObject({ in_place: "PC", reused_from: null });

  // The grid proposes too: rate a Hague practice another one builds on, then confirm its answer in that row.
  const pair = kb.crosswalk.find((c) => c.practice !== follower && c.builds_on.length > 0)!;
  const from = pair.builds_on[0].practice;
  if (from !== "hague-8") {
    const put = await page.request.put(`/api/v1/plans/self-assessments/${sa.id}/ratings/${from}`, { headers: { "x-csrf-token": csrf }, data: { institution: "Financial Intelligence Unit", in_place: "C", working: "High" } });
    expect(put.status()).toBe(200);
  }
  await page.goto(`/plans/self-assessments/${sa.id}?view=grid`);
  const row = page.locator(`tr[data-practice="${pair.practice}"]`);
  const proposed = row.locator(".plan-reuse");
  await expect(proposed).toContainText("Proposed from ");
  const source = await proposed.getAttribute("data-reuse-from");
  expect(kb.crosswalk.some((c) => (c.practice === pair.practice && c.builds_on.some((b) => b.practice === source)) || (c.practice === source && c.builds_on.some((b) => b.practice === pair.practice)))).toBe(true);
  await row.getByRole("button", { name: /^Use this answer/ }).click();
  await expect(row.locator(".plan-reused")).toContainText("Reused from ");
  const grid = await (await page.request.get(`/api/v1/plans/self-assessments/${sa.id}`)).json();
  expect(grid.ratings.find((r: { practice: string }) => r.practice === pair.practice)).toMatchObject({ reused_from: source });
  await noSeriousViolations(page);
});
