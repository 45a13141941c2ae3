/**
 * The SCORM 1.2 package in Chromium with a maintained LMS-side runtime standing in for the LMS
 * (decision 0041). The package is downloaded from the running app and unzipped to a temporary
 * folder; a small HTTP server in the test serves it beside a host page that makes scorm-again's
 * Scorm12API the window's `API` (the mastery score loaded as an LMS does from the manifest) and
 * opens one module's SCO in an iframe. The learner answers; the host page then reads what the
 * runtime recorded: LMSInitialize, cmi.interactions with their results, the score, the lesson
 * status, LMSCommit and LMSFinish. Screenshots of the SCO in English and Arabic go to .tmp/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import JSZip from "jszip";
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";

test.describe.configure({ mode: "serial", timeout: 120_000 });

interface Question { id: string; type: string; options: { id: string; text: string }[]; answer: string[] }
interface Recorded {
  calls: string[];
  status: string;
  score: { raw: string; min: string; max: string };
  interactions: { id: string; type: string; student_response: string; result: string; pattern: string }[];
  terminated: boolean;
}

const runtime = readFileSync("node_modules/scorm-again/dist/scorm12.min.js");
const HOST = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS stand-in</title>
<script src="/scorm12.js"></script>
<script>
  window.calls = [];
  window.API = new Scorm12API({ logLevel: 5, autocommit: false });
  // What an LMS takes from the manifest's adlcp:masteryscore.
  window.API.loadFromJSON({ student_data: { mastery_score: "70" } }, "cmi");
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (e) { window.API.on(e, function () { window.calls.push(e); }); });
  window.recorded = function () {
    // The runtime's own JSON of the cmi data (interactions are write-only through the API).
    var cmi = window.API.renderCMIToJSONObject().cmi;
    return {
      calls: window.calls.slice(),
      status: cmi.core.lesson_status,
      score: { raw: cmi.core.score.raw, min: cmi.core.score.min, max: cmi.core.score.max },
      interactions: Object.keys(cmi.interactions).sort(function (a, b) { return a - b; }).map(function (k) {
        var i = cmi.interactions[k];
        return { id: i.id, type: i.type, student_response: i.student_response, result: i.result, pattern: i.correct_responses["0"] ? i.correct_responses["0"].pattern : "" };
      }),
      terminated: window.API.isTerminated(),
    };
  };
</script></head>
<body style="margin:0;font-family:sans-serif;background:#e9ecf1">
<p style="margin:0;padding:.5rem 1rem;background:#2b3440;color:#fff">LMS stand-in (scorm-again Scorm12API)</p>
<iframe id="sco" title="SCO" src="/pkg/modules/MODULE.html" style="display:block;width:100%;height:calc(100vh - 2.5rem);border:0"></iframe>
</body></html>`;

/** Serves one unzipped package under /pkg/, scorm-again at /scorm12.js and the host page at /host/<module>. */
function lms(folder: string) {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (url.pathname === "/scorm12.js") { res.writeHead(200, { "content-type": "text/javascript" }).end(runtime); return; }
    if (url.pathname.startsWith("/host/")) { res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(HOST.replace("MODULE", url.pathname.slice(6))); return; }
    if (url.pathname.startsWith("/pkg/")) {
      const file = normalize(join(folder, decodeURIComponent(url.pathname.slice(5))));
      if (file.startsWith(folder)) {
        try { res.writeHead(200, { "content-type": file.endsWith(".html") ? "text/html; charset=utf-8" : "application/xml" }).end(readFileSync(file)); return; } catch { /* 404 below */ }
      }
    }
    res.writeHead(404).end();
  });
  return {
    start: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Downloads the package of a path in a language and unzips it into a new temporary folder. */
async function unzipPackage(request: APIRequestContext, audience: string, lang: string): Promise<string> {
  const r = await request.get(`/api/v1/training/paths/${audience}/scorm.zip?lang=${lang}`);
  expect(r.status()).toBe(200);
  expect(r.headers()["content-type"]).toBe("application/zip");
  const zip = await JSZip.loadAsync(await r.body());
  const folder = mkdtempSync(join(tmpdir(), `scorm-${lang}-`));
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), await entry.async("nodebuffer"));
  }
  return folder;
}

/** Answers a question in the SCO rightly or wrongly (a wrong choice; for ordering the shuffled order as shown) and checks it. */
async function answer(sco: FrameLocator | Page, index: number, q: Question, right: boolean) {
  const form = sco.locator(`form.q[data-q="${index}"]`);
  if (q.type === "ordering") {
    if (right) {
      for (let target = 0; target < q.answer.length; target++) {
        const ids = await form.locator("ol.order li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-id")));
        for (let at = ids.indexOf(q.answer[target]); at > target; at--) await form.locator(`li[data-id="${q.answer[target]}"] button.up`).click();
      }
    }
  } else {
    const pick = right ? q.answer : [q.options.find((o) => !q.answer.includes(o.id))!.id];
    for (const id of pick) await form.locator(`input[value="${id}"]`).check();
  }
  await form.locator("button[type=submit]").click();
  await expect(form.locator(".feedback")).not.toBeEmpty();
}

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { recorded: () => Recorded }).recorded());

test.describe("the SCORM 1.2 package in an LMS runtime", () => {
  let folder: string;
  let base: string;
  let server: ReturnType<typeof lms>;
  test.beforeAll(async ({ request }) => {
    folder = await unzipPackage(request, "prosecutors", "en");
    server = lms(folder);
    base = await server.start();
  });
  test.afterAll(async () => { await server?.stop(); rmSync(folder, { recursive: true, force: true }); });

  test("a knowledge check: initialised, each answer an interaction with its result, the score, passed, committed and finished", async ({ page, request }) => {
    const path = await (await request.get("/api/v1/training/paths/prosecutors")).json();
    const withMost = path.modules.reduce((a: { questions: number }, b: { questions: number }) => (b.questions > a.questions ? b : a));
    expect(withMost.questions).toBeGreaterThanOrEqual(2);
    const questions: Question[] = (await (await request.get(`/api/v1/training/paths/prosecutors/modules/${withMost.id}`)).json()).module.questions;

    const external: string[] = [];
    page.on("request", (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(`${base}/host/${withMost.id}`);
    const sco = page.frameLocator("#sco");
    await expect(sco.locator("h1")).toBeVisible();
    await expect(sco.locator("#no-lms")).toBeHidden();
    expect((await recorded(page)).calls).toEqual(["LMSInitialize"]);
    expect((await recorded(page)).status).toBe("incomplete");

    // The first answer right, the second wrong, the rest right.
    for (const [i, q] of questions.entries()) {
      if (i === 0) await page.screenshot({ path: ".tmp/scorm-sco-en.png" });
      await answer(sco, i, q, i !== 1);
    }
    const right = questions.length - 1;
    const score = Math.round((100 * right) / questions.length);
    await expect(sco.locator("#result")).toContainText(`${right} of ${questions.length} answers right: ${score} %.`);
    await expect(sco.locator(`form.q[data-q="1"] .feedback .ko`)).toHaveText("Not right.");

    const r = await recorded(page);
    expect(r.interactions).toEqual(questions.map((q, i) => ({
      id: q.id,
      type: q.type === "ordering" ? "sequencing" : "choice",
      student_response: i === 1 ? (q.type === "ordering" ? q.options.map((o) => o.id).join(",") : q.options.find((o) => !q.answer.includes(o.id))!.id) : q.answer.join(","),
      result: i === 1 ? "wrong" : "correct",
      pattern: q.answer.join(","),
    })));
    expect(r.score).toEqual({ raw: String(score), min: "0", max: "100" });
    expect(r.status).toBe(score >= 70 ? "passed" : "failed");
    expect(r.calls[0]).toBe("LMSInitialize");
    expect(r.calls.filter((c) => c === "LMSCommit").length).toBeGreaterThanOrEqual(questions.length);
    expect(r.calls.at(-1)).toBe("LMSFinish");
    expect(r.terminated).toBe(true);
    await sco.locator('form.q[data-q="1"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: ".tmp/scorm-sco-en-wrong.png" });
    await sco.locator("#result").scrollIntoViewIfNeeded();
    await page.screenshot({ path: ".tmp/scorm-sco-en-result.png" });
    expect(external).toEqual([]);
  });

  test("a check answered wrongly is failed", async ({ page, request }) => {
    const path = await (await request.get("/api/v1/training/paths/prosecutors")).json();
    const small = path.modules.find((m: { questions: number }) => m.questions >= 1)!;
    const questions: Question[] = (await (await request.get(`/api/v1/training/paths/prosecutors/modules/${small.id}`)).json()).module.questions;
    await page.goto(`${base}/host/${small.id}`);
    const sco = page.frameLocator("#sco");
    for (const [i, q] of questions.entries()) await answer(sco, i, q, false);
    await expect(sco.locator("#result")).toContainText("Not passed yet (pass mark 70 %).");
    const r = await recorded(page);
    expect(r.interactions.map((x) => x.result)).toEqual(questions.map(() => "wrong"));
    expect(r.score).toEqual({ raw: "0", min: "0", max: "100" });
    expect(r.status).toBe("failed");
    expect(r.calls.at(-1)).toBe("LMSFinish");
  });

  test("a module without questions is completed when the learner says so", async ({ page, request }) => {
    // A module the bank has no question for yet (the prosecutors' path has some): it is completed by reading.
    const path = await (await request.get("/api/v1/training/paths/prosecutors")).json();
    const reading = path.modules.find((m: { questions: number }) => m.questions === 0);
    expect(reading, "a module of the prosecutors' path without questions").toBeTruthy();
    await page.goto(`${base}/host/${reading.id}`);
    const sco = page.frameLocator("#sco");
    await sco.getByRole("button", { name: "I have finished this module" }).click();
    await expect(sco.locator("#result")).toHaveText("Module finished. You can close it.");
    const r = await recorded(page);
    expect(r.status).toBe("completed");
    expect(r.interactions).toEqual([]);
    expect(r.calls).toEqual(["LMSInitialize", "LMSCommit", "LMSFinish"]);
  });

  test("without an LMS the page says nothing is recorded, and still checks answers", async ({ page, request }) => {
    const path = await (await request.get("/api/v1/training/paths/prosecutors")).json();
    const small = path.modules.find((m: { questions: number }) => m.questions >= 1)!;
    await page.goto(`${base}/pkg/modules/${small.id}.html`);
    await expect(page.locator("#no-lms")).toBeVisible();
    const q: Question = (await (await request.get(`/api/v1/training/paths/prosecutors/modules/${small.id}`)).json()).module.questions[0];
    await answer(page, 0, q, true);
    await expect(page.locator(`form.q[data-q="0"] .feedback .ok`)).toHaveText("Right.");
  });
});

test("the Arabic SCO right to left inside the LMS", async ({ page, request }) => {
  const folder = await unzipPackage(request, "prosecutors", "ar");
  const server = lms(folder);
  const base = await server.start();
  try {
    const path = await (await request.get("/api/v1/training/paths/prosecutors")).json();
    const withMost = path.modules.reduce((a: { questions: number }, b: { questions: number }) => (b.questions > a.questions ? b : a));
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(`${base}/host/${withMost.id}`);
    const sco = page.frameLocator("#sco");
    await expect(sco.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(sco.locator("html")).toHaveAttribute("lang", "ar");
    await expect(sco.locator("#check h2")).toHaveText("اختبار المعارف");
    await page.screenshot({ path: ".tmp/scorm-sco-ar-top.png" });
    await sco.locator('form.q[data-q="0"] button[type=submit]').click();
    await expect(sco.locator('form.q[data-q="0"] .feedback')).toHaveText("اختر إجابة أولاً.");
    await sco.locator("#check").scrollIntoViewIfNeeded();
    await page.screenshot({ path: ".tmp/scorm-sco-ar.png" });
    expect((await recorded(page)).calls).toEqual(["LMSInitialize"]);
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
