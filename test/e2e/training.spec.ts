import { expect, test, type Page } from "@playwright/test";
import { noSeriousViolations, phonePage } from "./helpers.js";

// Self-paced training on a phone (decision 0038): a prosecutor picks their path, opens a module,
// answers its knowledge check (the first answer wrong, the rest right), sees the explanations,
// finishes, reloads and still finds the module done; axe on the three pages; the Arabic path page
// right to left with no raw ids.

test.describe.configure({ timeout: 180_000 });


interface Question { id: string; type: string; stem: string; options: { id: string; text: string }[]; answer: string[]; explanation: string; about: { href: string } }
interface ModuleSummary { id: string; questions: number }


/** Answers the question on screen: wrongly (a wrong choice, or the shuffled order as shown) or rightly. */
async function answer(page: Page, q: Question, right: boolean) {
  const text = (id: string) => q.options.find((o) => o.id === id)!.text;
  if (q.type === "ordering") {
    if (!right) return;
    // Move each item up into place with the keyboard: focus its Up button and press Enter.
    for (let target = 0; target < q.answer.length; target++) {
      const items = page.locator(".training-order li .t");
      const shown = await items.allTextContents();
      let at = shown.indexOf(text(q.answer[target]));
      while (at > target) {
        const up = page.getByRole("button", { name: `Up: ${text(q.answer[target])}`, exact: true });
        await up.focus();
        await page.keyboard.press("Enter");
        at--;
        await expect(items.nth(at)).toHaveText(text(q.answer[target]));
      }
    }
    return;
  }
  const wrong = q.options.find((o) => !q.answer.includes(o.id))!;
  const pick = right ? q.answer : [wrong.id];
  for (const id of pick) await page.getByLabel(text(id), { exact: true }).check();
}

test("a prosecutor takes a module's knowledge check on a phone, and the module stays done after a reload", async ({ browser, request }) => {
  const path = await (await request.get("/api/v1/training/paths/prosecutors")).json() as { modules: ModuleSummary[] };
  const chosen = path.modules.find((m) => m.questions >= 2);
  expect(chosen, "a prosecutors' module with at least two questions").toBeTruthy();
  const body = await (await request.get(`/api/v1/training/paths/prosecutors/modules/${chosen!.id}`)).json() as { module: { questions: Question[] } };
  const questions = body.module.questions;

  const page = await phonePage(browser);
  await page.goto("/training");
  await expect(page.getByRole("heading", { level: 1, name: "Training" })).toBeVisible();
  await noSeriousViolations(page);
  await page.getByRole("link", { name: /^Prosecutors/ }).click();

  await expect(page).toHaveURL(/\/training\/prosecutors$/);
  await expect(page.getByRole("heading", { level: 1, name: "Prosecutors" })).toBeVisible();
  await expect(page.locator(".training-list > li")).toHaveCount(path.modules.length);
  await expect(page.locator(`[data-module="${chosen!.id}"]`)).toContainText("Not started");
  await noSeriousViolations(page);
  await page.locator(`[data-module="${chosen!.id}"] a`).click();

  await expect(page).toHaveURL(new RegExp(`/training/prosecutors/${chosen!.id}$`));
  await expect(page.getByRole("heading", { level: 2, name: "Objectives" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Reading" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Knowledge check" })).toBeVisible();
  await noSeriousViolations(page);
  // phone first: nothing wider than the screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  for (const [i, q] of questions.entries()) {
    await expect(page.getByRole("heading", { level: 3, name: `Question ${i + 1} of ${questions.length}` })).toBeVisible();
    await expect(page.locator(".training-check legend")).toHaveText(q.stem);
    await answer(page, q, i > 0);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    const feedback = page.locator(".training-feedback");
    await expect(feedback).toContainText(i > 0 ? "Right." : "Not quite.");
    if (i === 0) await expect(feedback).toContainText("The right answer:");
    await expect(feedback).toContainText(q.explanation);
    await expect(feedback.getByRole("link", { name: "Read the entry this question is about" })).toHaveAttribute("href", q.about.href);
    if (i === 0) await noSeriousViolations(page);
    await page.getByRole("button", { name: i + 1 < questions.length ? "Next question" : "See the result" }).click();
  }

  await expect(page.getByRole("heading", { level: 3, name: "Result" })).toBeVisible();
  await expect(page.getByText(`Right answers: ${questions.length - 1} of ${questions.length}`)).toBeVisible();
  await expect(page.getByText("Module done.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 3, name: "Result" })).toBeVisible();
  await expect(page.getByText(`Right answers: ${questions.length - 1} of ${questions.length}`)).toBeVisible();
  await page.getByRole("link", { name: "Back to the path" }).click();
  await expect(page.locator(`[data-module="${chosen!.id}"]`)).toContainText("Done");
  await expect(page.getByRole("status").filter({ hasText: "Modules done: 1 of" })).toBeVisible();

  // Offline after the visit: the module comes from the copy kept on the phone, still done.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect(page.locator(`[data-module="${chosen!.id}"]`)).toContainText("Done");
  await page.locator(`[data-module="${chosen!.id}"] a`).click();
  await expect(page.getByRole("heading", { level: 3, name: "Result" })).toBeVisible();
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByText("Shown from the copy saved on this device.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Result" })).toBeVisible();
  await expect(page.getByText(`Right answers: ${questions.length - 1} of ${questions.length}`)).toBeVisible();
  await page.context().setOffline(false);
  await page.context().close();
});

test("the Arabic path page reads right to left and shows no raw ids", async ({ browser, request }) => {
  const path = await (await request.get("/api/v1/training/paths/prosecutors")).json() as { modules: { id: string; reading: { id: string }[] }[] };
  const page = await phonePage(browser, "ar");
  await page.goto("/training/prosecutors");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("أعضاء النيابة العامة");
  await expect(page.locator(".training-list > li")).toHaveCount(path.modules.length);
  await expect(page.locator(".training-list > li").first()).toContainText("فهم الصلة");
  const main = (await page.locator("main").innerText());
  for (const id of [...path.modules.map((m) => m.id), "prosecutors", "training.msg", "common.msg"]) expect(main).not.toContain(id);
  expect(main).not.toMatch(/\b(hague|addendum|icct)-\d+\b/);
  await noSeriousViolations(page);
  await page.context().close();
});
