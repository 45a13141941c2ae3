import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { loadContent } from "../../src/content/readContent.js";
import { noSeriousViolations, phonePage, signIn } from "./helpers.js";

// A training cohort end to end (decision 0039): a signed-in trainer creates a cohort for
// prosecutors (a 5-question test, the "nexus" module scheduled) and opens the pre-test; three
// participants join on their phones from the join link, without an account (one in French), take
// the pre-test, finish the nexus module's check (their progress goes to the cohort), then the
// post-test: Falcon and Heron improve, Ibis does not. The console shows their progress and the
// gains that follow from those answers, the report downloads, certificates are issued and the
// public check names a holder. Axe on /learn and the console; screenshots in English and Arabic.
// Synthetic names only.

test.describe.configure({ timeout: 300_000 });

const kb = loadContent().kb;
const byId = new Map(kb.questions.map((q) => [q.id, q]));
const shots = ".tmp/screens";


/** The option ids of an ordering question in the order shown (read from its Up buttons' ids). */
async function shownOrder(fs: Locator, q: string): Promise<string[]> {
  const ids = await fs.locator('button[id$="-up"]').evaluateAll((bs) => bs.map((b) => b.id));
  return ids.map((id) => id.slice(`lt-${q}-`.length, -"-up".length));
}

/** Answers one test question on the page, rightly or wrongly, through its inputs (the same in every language). */
async function answerTest(page: Page, qid: string, right: boolean) {
  const q = byId.get(qid)!;
  const fs = page.locator(`fieldset[data-question="${qid}"]`);
  if (q.type === "ordering") {
    const target = q.options.map((o) => o.id);
    if (right) {
      for (let i = 0; i < target.length; i++) {
        let at = (await shownOrder(fs, qid)).indexOf(target[i]);
        while (at > i) { await fs.locator(`[id="lt-${qid}-${target[i]}-up"]`).click(); at--; }
      }
      expect(await shownOrder(fs, qid)).toEqual(target);
    } else if ((await shownOrder(fs, qid)).join() === target.join()) {
      await fs.locator(`[id="lt-${qid}-${target[0]}-down"]`).click();
    }
    return;
  }
  const pick = right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id];
  for (const id of pick) await fs.locator(`input[value="${id}"]`).check();
}

/** Takes the open test from the participant's page: `right(i)` says which questions (in the order shown) get the right answer. */
async function takeTest(page: Page, phase: "pre" | "post", right: (i: number) => boolean, shot?: string) {
  await page.goto("/learn");
  await page.locator(`a[href="/learn/test/${phase}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/learn/test/${phase}$`));
  await expect(page.locator("fieldset[data-question]")).toHaveCount(5);
  const ids = await page.locator("fieldset[data-question]").evaluateAll((f) => f.map((x) => x.getAttribute("data-question")!));
  for (const [i, id] of ids.entries()) await answerTest(page, id, right(i));
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  await page.locator("main button.co-big[type=submit]").click();
  await expect(page.locator(".training-feedback")).toBeVisible();
  return ids;
}

/** Opens the nexus module from "my cohort" and answers its check (right answers); its finish is sent to the cohort. */
async function finishNexus(page: Page) {
  await page.goto("/learn");
  await page.locator('[data-module="nexus"] a').click();
  await expect(page).toHaveURL(/\/training\/prosecutors\/nexus$/);
  const body = await (await page.request.get("/api/v1/training/paths/prosecutors/modules/nexus")).json() as { module: { questions: { id: string; type: string; answer: string[] }[] } };
  const synced = page.waitForResponse((r) => r.url().endsWith("/api/v1/training/me/progress") && r.request().method() === "POST");
  for (const q of body.module.questions) {
    await expect(page.locator(`.training-check input[name="tq-${q.id}"], .training-order`).first()).toBeVisible();
    if (q.type !== "ordering") for (const id of q.answer) await page.locator(`.training-check input[value="${id}"]`).check();
    await page.locator(".training-check .training-actions button.primary").click(); // Check
    await expect(page.locator(".training-feedback")).toBeVisible();
    await page.locator(".training-check .training-actions button.primary").click(); // Next question / See the result
  }
  await expect(page.locator("#tm-result")).toBeVisible();
  expect((await synced).status()).toBe(200);
  await page.goto("/learn");
  await expect(page.locator('[data-module="nexus"] .training-status.done')).toBeVisible();
}

async function join(browser: Browser, joinUrl: string, name: string, lang?: string) {
  const page = await phonePage(browser, lang);
  await page.goto(joinUrl);
  await expect(page.locator("#learn-code")).toHaveValue(/^[A-Z0-9]{6}$/);
  // The path's audience is chosen once the code is known; the invited institution can be named.
  await expect(page.locator("#learn-audience")).toHaveValue("prosecutors");
  await page.locator("#learn-institution").selectOption({ label: "[Synthetic] Specialised prosecution office" });
  await page.locator("#learn-pseudonym").fill(name);
  await page.locator("main button.co-big[type=submit]").click();
  // No consent: nothing is sent, the box says why.
  await expect(page.locator("#learn-consent-error")).toBeVisible();
  await page.locator("#learn-consent").check();
  await page.locator("main button.co-big[type=submit]").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("[Synthetic] Regional course for prosecutors");
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("nexus.cohort")!).audience)).toBe("prosecutors");
  return page;
}

test("a trainer runs a cohort: participants join on phones, take the tests and a module, and the console shows the gains", async ({ page, browser }) => {
  mkdirSync(shots, { recursive: true });
  await signIn(page, "analyst");
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const headers = { "x-csrf-token": csrf };
  const ws = await (await page.request.post("/api/v1/workspaces", { headers, data: { name: `[Synthetic] Regional training ${Date.now()}` } })).json();
  const inst = await page.request.post(`/api/v1/network/workspaces/${ws.id}/institutions`, { headers, data: { name: "[Synthetic] Specialised prosecution office", marking: "GREEN", body: { kind: "prosecution", country: "NE", actors: ["prosecutors"] } } });
  expect(inst.status(), await inst.text()).toBe(201);

  // The workspace page leads to its cohorts; the trainer creates one.
  await page.goto(`/workspaces/${ws.id}`);
  await page.getByRole("link", { name: "Training cohorts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Training cohorts" })).toBeVisible();
  await expect(page.getByText("You train no cohort in this workspace yet.")).toBeVisible();
  await page.getByLabel("Name of the cohort").fill("[Synthetic] Regional course for prosecutors");
  await page.getByLabel("Learning path").selectOption({ label: "Prosecutors" });
  await page.getByLabel("Language of the training").selectOption("en");
  await page.getByLabel("Questions in the test").fill("50");
  await page.getByRole("checkbox", { name: "Understanding the nexus" }).check();
  await page.getByRole("checkbox", { name: "[Synthetic] Specialised prosecution office" }).check();
  await page.getByRole("button", { name: "Create the cohort" }).click();
  // Too many questions: the field says why, and nothing is created.
  await expect(page.locator("#co-size-error")).toBeVisible();
  await expect(page).toHaveURL(/\/cohorts$/);
  await page.getByLabel("Questions in the test").fill("5");
  await page.getByRole("button", { name: "Create the cohort" }).click();
  await expect(page).toHaveURL(/\/training\/cohorts\/[^/]+$/);
  const cohortId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("[Synthetic] Regional course for prosecutors");
  const code = (await page.locator(".co-code").textContent())!;
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  await expect(page.getByRole("img", { name: "QR code of the join link" })).toBeVisible();
  const qr = await page.request.get((await page.getByRole("img", { name: "QR code of the join link" }).getAttribute("src"))!);
  expect(qr.headers()["content-type"]).toContain("image/svg+xml");
  expect(await qr.text()).toContain("<svg");
  const joinUrl = (await page.locator(".co-link a").getAttribute("href"))!;
  expect(joinUrl).toBe(`/learn?code=${code}`);
  await expect(page.getByText("Questions: 5.")).toBeVisible();
  await page.getByRole("button", { name: "Open the pre-test" }).click();
  await expect(page.getByText("The pre-test is open.")).toBeVisible();

  // Three participants on phones, no account; Heron reads French.
  const falcon = await join(browser, joinUrl, "Falcon");
  await noSeriousViolations(falcon);
  await falcon.screenshot({ path: `${shots}/cohort-learn-en.png`, fullPage: true });
  const heron = await join(browser, joinUrl, "Heron", "fr");
  await expect(heron.locator("html")).toHaveAttribute("lang", "fr");
  const ibis = await join(browser, joinUrl, "Ibis");

  // Pre-test: Falcon none right, Heron the first two, Ibis the first three.
  const order = await takeTest(falcon, "pre", () => false, `${shots}/cohort-test-en.png`);
  await expect(falcon.locator(".training-feedback")).toContainText("Answers kept: 5 of 5.");
  // An unanswered question: a message by it, and nothing is sent.
  await heron.goto("/learn/test/pre");
  await expect(heron.locator("fieldset[data-question]")).toHaveCount(5);
  await heron.locator("main button.co-big[type=submit]").click();
  await expect(heron.locator("fieldset[data-question] .field-error").first()).toBeVisible();
  await expect(heron.locator(".training-feedback")).toHaveCount(0);
  await noSeriousViolations(heron);
  await takeTest(heron, "pre", (i) => i < 2);
  await takeTest(ibis, "pre", (i) => i < 3);
  await ibis.goto("/learn/test/pre");
  await expect(ibis.getByText("You have answered all 5 questions of this test.")).toBeVisible();

  // Each finishes the nexus module's check; the finish reaches the cohort.
  for (const p of [falcon, heron, ibis]) await finishNexus(p);

  // Post-test: Falcon and Heron all right; Ibis only the last two, one fewer than before.
  await page.reload();
  await page.getByRole("button", { name: "Open the post-test" }).click();
  await expect(page.getByText("The post-test is open.")).toBeVisible();
  const falconPost = await takeTest(falcon, "post", () => true);
  expect(falconPost).toEqual(order); // the same questions, in the same order, before and after
  await expect(falcon.locator(".training-feedback")).toContainText("Right answers: 5 of 5.");
  await takeTest(heron, "post", () => true);
  await takeTest(ibis, "post", (i) => i >= 3);
  await expect(ibis.locator(".training-feedback")).toContainText("Right answers: 2 of 5.");
  await ibis.goto("/learn");
  await expect(ibis.getByText("Pre-test: 5 of 5 answered, 3 right")).toBeVisible();
  await expect(ibis.getByText("Post-test: 5 of 5 answered, 2 right")).toBeVisible();

  // The console: progress per participant, and the gains that follow from those answers.
  await page.reload();
  const row = (name: string) => page.locator(`tr[data-participant="${name}"]`);
  for (const [name, pre, post] of [["Falcon", 0, 5], ["Heron", 2, 5], ["Ibis", 3, 2]] as const) {
    await expect(row(name).locator(".co-modules")).toHaveText("1 of 1");
    await expect(row(name).locator(".co-pre")).toHaveText(`${pre} right of 5 answered`);
    await expect(row(name).locator(".co-post")).toHaveText(`${post} right of 5 answered`);
    await expect(row(name)).toContainText("[Synthetic] Specialised prosecution office");
  }
  await expect(page.getByText("3 joined; 3 took the pre-test, 3 the post-test, 3 both.")).toBeVisible();
  // 0 + 2 + 3 = 5 of 15 right before; 5 + 5 + 2 = 12 of 15 after: a gain of 46.7 points.
  await expect(page.getByTestId("co-overall")).toHaveText("Right answers: 5 of 15 before, 12 of 15 after (gain: +46.7 points).");
  // Per question: the first two right twice before and after (no gain: they did not land); the last two none before, all after.
  const perQuestion = page.getByRole("region", { name: "Per question" }).locator("tbody tr");
  await expect(perQuestion).toHaveCount(5);
  await expect(perQuestion.nth(0).locator("td").nth(0)).toHaveText("2 of 3");
  await expect(perQuestion.nth(0).locator("td").nth(1)).toHaveText("2 of 3");
  await expect(perQuestion.nth(0).locator("td").nth(3)).toHaveText("No: no more answered it right after the training than before");
  await expect(perQuestion.nth(2).locator("td").nth(0)).toHaveText("1 of 3");
  await expect(perQuestion.nth(2).locator("td").nth(3)).toHaveText("Yes");
  await expect(perQuestion.nth(4).locator("td").nth(0)).toHaveText("0 of 3");
  await expect(perQuestion.nth(4).locator("td").nth(1)).toHaveText("3 of 3");
  const perAudience = page.getByRole("region", { name: "Per audience" }).locator("tbody tr");
  await expect(perAudience).toHaveCount(1);
  await expect(perAudience.first()).toContainText("Prosecutors");
  await expect(page.getByRole("heading", { level: 3, name: "What did not land" })).toBeVisible();
  await expect(page.locator(".co-missed li").first()).toContainText("no more answered it right after the training than before");
  await noSeriousViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}/cohort-console-en.png`, fullPage: true });

  // The report downloads as a PDF.
  const href = (await page.getByRole("link", { name: "Training report (PDF)" }).getAttribute("href"))!;
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).length).toBeGreaterThan(3000);

  // The practices that did not land go into a self-assessment's action plan (which practices the
  // cohort's drawn test asks about varies, so the weak ones are read from the gains).
  const gains = await (await page.request.get(`/api/v1/training/cohorts/${cohortId}/gains`)).json() as { weak_practices: string[] };
  if (gains.weak_practices.length) {
    const sa = await page.request.post(`/api/v1/plans/workspaces/${ws.id}/self-assessments`, { headers, data: { name: "[Synthetic] Niger review", country: "NE", marking: "AMBER" } });
    expect(sa.status(), await sa.text()).toBe(201);
    await page.reload();
    const plan = page.locator("section").filter({ has: page.getByRole("heading", { name: "Send to an action plan" }) });
    await plan.getByLabel("Self-assessment").selectOption({ label: "[Synthetic] Niger review (NE)" });
    await expect(plan.getByRole("checkbox")).toHaveCount(gains.weak_practices.length);
    for (const box of await plan.getByRole("checkbox").all()) await expect(box).toBeChecked();
    await plan.getByRole("button", { name: "Send to the action plan" }).click();
    await expect(plan.getByText(`Actions added to the plan: ${gains.weak_practices.length}.`)).toBeVisible();
    const actions = await (await page.request.get(`/api/v1/plans/self-assessments/${(await sa.json()).id}/actions`)).json();
    expect(actions.actions.map((x: { practice: string }) => x.practice).sort()).toEqual([...gains.weak_practices].sort());
  } else {
    await expect(page.getByText("No practice fell short.")).toBeVisible();
  }

  // Certificates: all three answered the whole post-test and finished the scheduled module.
  await page.getByRole("button", { name: "Issue certificates" }).click();
  await expect(page.getByText("New certificates: 3. Certificates in all: 3. Participants who have not finished: 0.")).toBeVisible();
  await expect(row("Heron").getByRole("link", { name: "Certificate (PDF) Heron" })).toBeVisible();
  const cert = await page.request.get((await row("Heron").getByRole("link", { name: "Certificate (PDF) Heron" }).getAttribute("href"))!);
  expect(cert.headers()["content-type"]).toContain("application/pdf");

  // Heron finds the certificate's code on the phone, and its public check names the holder.
  await heron.goto("/learn");
  const certCode = (await heron.locator(".co-cert-code").textContent())!;
  expect(certCode).toMatch(/^[A-Z2-9]{13}$/);
  const anyone = await phonePage(browser);
  await anyone.goto(`/training/verify/${certCode}`);
  await expect(anyone.getByText("Valid certificate")).toBeVisible();
  await expect(anyone.locator(".co-verified dd").first()).toHaveText("Heron");
  await expect(anyone.locator(".co-verified")).toContainText("Prosecutors");
  await expect(anyone.locator(".co-verified")).toContainText("Understanding the nexus");
  await expect(anyone.locator("main")).not.toContainText("Regional course");
  await anyone.goto("/training/verify/ABCDEFGHJKMNP");
  await expect(anyone.getByText("No certificate has this code.")).toBeVisible();

  // Arabic phones: the join page and the certificate check read right to left.
  const ar = await phonePage(browser, "ar");
  await ar.goto(joinUrl);
  await expect(ar.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(ar.locator("#learn-audience")).toHaveValue("prosecutors");
  await noSeriousViolations(ar);
  expect(await ar.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await ar.screenshot({ path: `${shots}/cohort-learn-ar.png`, fullPage: true });
  await ar.goto(`/training/verify/${certCode}`);
  await expect(ar.locator(".co-verified")).toBeVisible();
  await ar.screenshot({ path: `${shots}/cohort-verify-ar.png`, fullPage: true });
  // Heron's place opened on a second phone, in Arabic: "my cohort" right to left.
  const place = await heron.evaluate(() => localStorage.getItem("nexus.cohort"));
  await ar.evaluate((p) => localStorage.setItem("nexus.cohort", p!), place);
  await ar.goto("/learn");
  await expect(ar.locator(".co-cert-code")).toHaveText(certCode);
  await expect(ar.locator('[data-module="nexus"]')).toContainText("فهم الصلة");
  await noSeriousViolations(ar);
  expect(await ar.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await ar.screenshot({ path: `${shots}/cohort-mine-ar.png`, fullPage: true });

  // Falcon's phone: my cohort with its results and certificate; then Falcon leaves, and the answers go.
  await falcon.goto("/learn");
  await expect(falcon.locator(".co-cert-code")).toBeVisible();
  expect(await falcon.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await falcon.screenshot({ path: `${shots}/cohort-mine-en.png`, fullPage: true });
  await heron.screenshot({ path: `${shots}/cohort-mine-fr.png`, fullPage: true });
  await falcon.getByRole("button", { name: "Leave this cohort and delete my answers" }).click();
  await falcon.getByRole("button", { name: "Yes, leave and delete" }).click();
  await expect(falcon.getByText("You have left the cohort, and your answers were deleted.")).toBeVisible();
  expect(await falcon.evaluate(() => localStorage.getItem("nexus.cohort"))).toBeNull();

  // The trainer removes Ibis on request (after a confirmation); Heron stays.
  await page.reload();
  await expect(row("Falcon")).toHaveCount(0);
  await row("Ibis").getByRole("button", { name: "Remove Ibis" }).click();
  await page.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByText("Ibis was removed with all their answers.")).toBeVisible();
  await expect(row("Ibis")).toHaveCount(0);
  await expect(row("Heron")).toHaveCount(1);
  const list = await (await page.request.get(`/api/v1/training/workspaces/${ws.id}/cohorts`)).json();
  expect(list.items.map((c: { id: string; participants: number }) => [c.id, c.participants])).toEqual([[cohortId, 1]]);
  for (const p of [falcon, heron, ibis, anyone, ar]) await p.context().close();
});
