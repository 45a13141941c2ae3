import { expect, test } from "@playwright/test";
import { loadContent } from "../../src/content/readContent.js";
import { noSeriousViolations, signIn } from "./helpers.js";

// Scheduled injects in the console (issue 14): the facilitator schedules an inject a few seconds
// after the phase started, sees it counting down under "Coming next", holds another, and the
// scheduled one goes out by itself.

test.describe.configure({ timeout: 120_000 });

const kb = loadContent().kb;
const sc = kb.scenarios.find((s) => s.phases[0].injects.filter((i) => i.release.mode === "manual").length >= 2)!;
const p1 = sc.phases[0];
const [first, second] = p1.injects.filter((i) => i.release.mode === "manual");

test("the facilitator schedules an inject, sees it coming, holds another, and the first goes out on time", async ({ page }) => {
  await signIn(page, "analyst");
  const stamp = Date.now().toString(36);
  await page.goto("/workspaces");
  await page.getByLabel("Name").fill(`Schedule room ${stamp}`);
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await page.getByRole("link", { name: "Exercises for this workspace" }).click();
  await page.getByLabel("Scenario", { exact: true }).selectOption(sc.id);
  await page.getByLabel("Session name (optional)").fill(`Timed drill ${stamp}`);
  await page.getByRole("button", { name: "Start the session" }).click();
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("button", { name: "Start the briefing" }).click();
  await page.getByRole("button", { name: `Enter the next phase: ${p1.title}` }).click();

  // The second first, far off, then held; then the first, 20 seconds after the phase started.
  const card = (title: string) => page.locator(".ex-injects > li").filter({ has: page.getByRole("heading", { level: 4, name: title }) });
  await card(second.title).getByLabel("Minutes after the phase started").fill("30");
  await card(second.title).getByRole("button", { name: `Schedule: ${second.title}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Scheduled: ${second.title}.` })).toBeVisible();
  await expect(page.locator(".ex-next")).toContainText(`Next: ${second.title} in 29:`);
  await card(second.title).getByRole("button", { name: `Hold: ${second.title}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Held: ${second.title}.` })).toBeVisible();
  await expect(page.locator(".ex-next")).toHaveCount(0);

  await card(first.title).getByLabel("Minutes after the phase started").fill("0.34");
  await card(first.title).getByRole("button", { name: `Schedule: ${first.title}` }).click();
  await expect(page.locator(".ex-next")).toContainText(`Next: ${first.title} in 0:`);
  await expect(card(first.title)).toContainText("Scheduled 0:20 after the phase started: in 0:");
  await noSeriousViolations(page);
  // It goes out by itself: the card shows it released, and "Coming next" is gone.
  await expect(card(first.title).getByText("✓ Released")).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(".ex-next")).toHaveCount(0);
  await expect(card(second.title).getByRole("button", { name: `Release: ${second.title}` })).toBeVisible();
});
