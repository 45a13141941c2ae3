import { expect, test, type Page } from "@playwright/test";
import { noSeriousViolations, signIn, userId } from "./helpers.js";

// Self-assessment and action plan end to end: two institutions rate a practice differently, the
// coordinator settles it, the gaps become a dated action plan, and a follow-up review keeps the history.

test.describe.configure({ timeout: 180_000 });

async function rate(page: Page, institution: string, inPlace: string, working: string, comment: string) {
  await page.getByLabel("Institution", { exact: true }).fill(institution);
  await page.getByLabel("In place (on paper)", { exact: true }).selectOption(inPlace);
  await page.getByLabel("Working (in practice)", { exact: true }).selectOption(working);
  await page.getByLabel("Comment", { exact: true }).fill(comment);
  await page.getByRole("button", { name: "Save my rating" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your rating is saved." })).toBeVisible();
  // Focus stays on the button, not dropped to the page body while it was disabled (issue 14).
  await expect(page.getByRole("button", { name: "Save my rating" })).toBeFocused();
}

async function agree(page: Page, inPlace: string, working: string, reason: string) {
  await page.getByLabel("Agreed rating: in place").selectOption(inPlace);
  await page.getByLabel("Agreed rating: working").selectOption(working);
  await page.getByLabel("Reason for the agreed rating").fill(reason);
  await page.getByRole("button", { name: "Record the agreed rating" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The agreed rating is recorded." })).toBeVisible();
}

test("two institutions rate, the coordinator agrees, gaps become a dated action plan, a follow-up review keeps the history", async ({ page, browser, baseURL }) => {
  // The analyst also holds the coordinator role (test/e2e/users.ts): agreed ratings and follow-up reviews need it.
  {
    const stamp = Date.now();

    // A workspace with an analyst of another organisation (the FIU) as second member.
    await signIn(page, "analyst");
    await page.goto("/workspaces");
    await page.getByLabel("Name").fill(`National review ${stamp}`);
    await page.getByRole("button", { name: "Create the workspace" }).click();
    await expect(page).toHaveURL(/\/workspaces\/[^/]+$/);
    await page.getByLabel("User id").fill(await userId("fiu", baseURL!));
    await page.getByRole("button", { name: "Check who gains access" }).click();
    await page.getByRole("button", { name: "Add Chen Li to the workspace" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Chen Li is now a member." })).toBeVisible();

    // A self-assessment of The Hague framework.
    await page.getByRole("link", { name: "Self-assessments for this workspace" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Self-assessments" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(`National self-assessment ${stamp}`);
    await page.getByLabel("Country", { exact: true }).selectOption("ML");
    await page.getByLabel("One framework").check();
    await page.getByLabel("Framework", { exact: true }).selectOption("hague");
    await page.getByRole("button", { name: "Start the self-assessment" }).click();
    await expect(page).toHaveURL(/\/plans\/self-assessments\/[^/?]+/);
    await expect(page.getByRole("heading", { level: 1, name: `National self-assessment ${stamp}` })).toBeVisible();
    await expect(page.locator(".record-meta")).toContainText("25 practices");
    const assessmentUrl = page.url();

    // Rate: the first practice with its guidance, in place and working kept apart.
    await expect(page.getByRole("heading", { level: 3, name: /^Hague GP 1 — / })).toBeVisible();
    await expect(page.getByRole("heading", { name: "In place: what exists on paper" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Working: results in practice" })).toBeVisible();
    await page.getByLabel("Status of step 1").selectOption("done");
    await rate(page, "Ministry of Justice", "LC", "Moderate", "The law is aligned; the review body rarely meets.");
    await noSeriousViolations(page);

    // The FIU analyst, in a browser of their own, rates the same practice lower for parliament.
    const other = await browser.newContext({ baseURL });
    const fiu = await other.newPage();
    await signIn(fiu, "fiu");
    await fiu.goto(assessmentUrl);
    await expect(fiu.getByRole("heading", { level: 3, name: /^Hague GP 1 — / })).toBeVisible();
    await rate(fiu, "Parliamentary committee", "PC", "Low", "The review body exists only on paper.");
    await expect(fiu.getByText("A coordinator of the self-assessment records the agreed rating.")).toBeVisible();
    await other.close();

    // The coordinator sees the disagreement and records the agreed rating with the reason.
    await page.reload();
    await expect(page.getByText("The institutions disagree on this practice.")).toBeVisible();
    const ratings = page.getByRole("table", { name: "Ratings by institution" });
    await expect(ratings.getByRole("row").filter({ hasText: "Ministry of Justice" })).toContainText("LC — Largely compliant");
    await expect(ratings.getByRole("row").filter({ hasText: "Parliamentary committee" })).toContainText("PC — Partially compliant");
    await agree(page, "PC", "Moderate", "Agreed at the coordination meeting: the review body has not met since 2024.");
    await expect(page.getByText("Agreed: in place PC — Partially compliant, working Moderate")).toBeVisible();
    await expect(page.getByText("The institutions disagree on this practice.")).toHaveCount(0);

    // Gaps: the heatmap and the priorities with their reasons.
    await page.getByRole("button", { name: "Gaps", exact: true }).click();
    const heatmap = page.getByRole("table", { name: "Heatmap by framework and area" });
    await expect(heatmap.getByRole("row").filter({ hasText: "Legal considerations" })).toContainText("1 of 2");
    await expect(heatmap.locator("td.plan-heat-1").first()).toHaveText("1");
    const priorities = page.getByRole("table", { name: "Priorities" });
    await expect(priorities.getByRole("row").filter({ hasText: "Hague GP 1" })).toContainText("2 of 3 short of fully in place");
    await noSeriousViolations(page);

    // Action plan: a unit, actions drafted from the gaps, one of them dated.
    await page.getByRole("button", { name: "Action plan", exact: true }).click();
    await page.getByRole("button", { name: "Add a unit" }).click();
    await page.getByLabel("Unit code").fill("moj-legal");
    await page.getByLabel("Unit name").fill("Legal Affairs Department");
    await page.getByLabel("Actor in the taxonomy").selectOption("policy-makers");
    await page.getByRole("button", { name: "Save the units" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 unit saved." })).toBeVisible();
    await page.getByRole("button", { name: "Draft actions from the gaps" }).click();
    await expect(page.getByRole("status").filter({ hasText: /actions? added to the plan/ })).toBeVisible();
    const actions = page.getByRole("table", { name: "Actions" });
    await expect(actions.getByRole("row").nth(1)).toContainText("Legal Affairs Department");
    await actions.getByRole("button", { name: /^Edit/ }).first().click();
    const edit = page.getByRole("form", { name: /^Edit the action/ });
    await edit.getByLabel("Start", { exact: true }).fill("2027-03-01");
    await edit.getByLabel("Due", { exact: true }).fill("2027-02-01");
    await edit.getByRole("button", { name: "Save the action" }).click();
    await expect(edit.locator(".field").filter({ has: page.getByLabel("Due", { exact: true }) })).toContainText("must not be before the start date");
    await edit.getByLabel("Due", { exact: true }).fill("2027-06-30");
    await edit.getByRole("button", { name: "Save the action" }).click();
    await expect(edit.getByRole("status").filter({ hasText: "Action saved." })).toBeVisible();
    await expect(actions.getByRole("row").nth(1)).toContainText("Mar 1, 2027");
    await expect(actions.getByRole("row").nth(1)).toContainText("Jun 30, 2027");
    await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
    await expect(page.locator(".plan-gantt-months > span").first()).toHaveText("Mar2027");
    await expect(page.locator(".plan-gantt-bar")).toHaveCount(1);
    await expect(page.locator(".plan-gantt-rows li").first()).toContainText("from Mar 1, 2027 to Jun 30, 2027");
    await noSeriousViolations(page);

    // A follow-up review: the practice is rated afresh and a new rating agreed; the history keeps both.
    await page.getByRole("button", { name: "Reviews & history" }).click();
    await page.getByLabel("Name of the review").fill("Mid-term review");
    await page.getByRole("button", { name: "Start the follow-up review" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Review 2 started." })).toBeVisible();
    await expect(page.locator(".record-meta")).toContainText("Review 2 — Mid-term review");
    await page.getByRole("button", { name: "Rate", exact: true }).click();
    await expect(page.getByText("No institution has rated this practice in this review yet.")).toBeVisible();
    await rate(page, "Ministry of Justice", "LC", "Substantial", "The review body now meets every quarter.");
    await agree(page, "LC", "Substantial", "Minutes of four review meetings in 2027 settle it.");
    await page.getByRole("button", { name: "Reviews & history" }).click();
    const means = page.getByRole("table", { name: "Overall means per review" });
    await expect(means.getByRole("row")).toHaveCount(3);
    await expect(means.getByRole("row").nth(1)).toContainText("Review 1");
    await expect(means.getByRole("row").nth(2)).toContainText("Review 2 — Mid-term review");
    const history = page.getByRole("table", { name: "Agreed ratings per practice" }).getByRole("row").filter({ hasText: "Hague GP 1" });
    await expect(history).toContainText("PC — Partially compliant · Moderate");
    await expect(history).toContainText("LC — Largely compliant · Substantial");
    await expect(history).toContainText("Minutes of four review meetings");
  }
});
