/**
 * The evidence-gap map in the browser (decision 0037), on the demo workspace (`nexus demo load`):
 * the matrix as a table with row and column headers, each cell's state in words and a symbol, a
 * cell opening its reasons and research priorities, the view by manifestation, what to collect
 * next, the CSV download, an axe scan, a phone's width (scrolls sideways, the indicator stays in
 * view) and the Arabic page, right to left.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { loadContent } from "../../src/content/readContent.js";
import { parseCsv } from "../../src/core/csv.js";
import { demoAccount, noSeriousViolations } from "./helpers.js";

test.describe.configure({ mode: "serial", timeout: 180_000 });

const port = Number(process.env.E2E_PORT ?? 8181);
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const indicatorIds = loadContent().kb.factors.flatMap((f) => f.indicators.map((i) => i.id));

interface Cell { state: string; observations: number; priorities: string[] }
interface GapMap {
  areas: { id: string; name: string }[];
  factors: { id: string; rows: { indicator: string; statement: string; cells: Cell[] }[] }[];
  collectNext: { area: string; indicator: string }[];
  priorities: { id: string; title: string }[];
}

let demo: { email: string; password: string; ws: string };

async function signInDemo(page: Page, lang?: string) {
  await page.addInitScript((l) => {
    localStorage.setItem("nexus.offline", JSON.stringify({ enabled: false, keep: [] }));
    if (l) localStorage.setItem("nexus.lang", l);
  }, lang ?? "");
  await page.goto("/login");
  await page.locator("#login-email").fill(demo.email);
  await page.locator("input[type=password]").first().fill(demo.password);
  await page.locator("main form button[type=submit]").first().click();
  await expect(page.getByRole("navigation", { name: /.+/ }).filter({ hasText: "Demo Analyst (synthetic)" })).toBeVisible();
}

async function openGaps(page: Page, tab = "Evidence gaps") {
  await page.goto(`/watch/workspaces/${demo.ws}`);
  await page.getByRole("button", { name: tab }).click();
  await expect(page.locator("table.gap-matrix")).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  // The server holds the database: the CLI sends the command through its admin socket (decision 0015).
  demo = { ...demoAccount(port), ws: "" };
  const page = await browser.newPage({ baseURL: `http://127.0.0.1:${port}` });
  await signInDemo(page);
  demo.ws = (await (await page.request.get("/api/v1/workspaces")).json()).items.find((w: { name: string }) => w.name.startsWith("[Synthetic]")).id;
  await page.close();
});

test("an analyst reads the evidence-gap map: cells, their reasons and research priorities, by manifestation, what to collect next, the CSV", async ({ page }) => {
  await signInDemo(page);
  const map: GapMap = await (await page.request.get(`/api/v1/watch/workspaces/${demo.ws}/gap-map`)).json();
  expect(map.areas.length).toBe(8);
  await openGaps(page);
  const table = page.locator("table.gap-matrix");
  await expect(table.locator("caption")).toHaveText("Evidence for each indicator in each area");
  // Column headers are the areas' names; row headers the indicators' statements.
  for (const a of map.areas) await expect(table.getByRole("columnheader", { name: a.name })).toBeVisible();
  const rows = map.factors.flatMap((f) => f.rows);
  await expect(table.getByRole("rowheader")).toHaveCount(rows.length);

  // A solid cell: its state in words and a symbol, and its reasons when opened.
  const solidRow = rows.find((r) => r.cells.some((c) => c.state === "solid"))!;
  const col = solidRow.cells.findIndex((c) => c.state === "solid");
  const row = table.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: solidRow.statement, exact: true }) });
  const cell = row.locator("td").nth(col).getByRole("button");
  await expect(cell).toHaveText(new RegExp(`^● Solid \\(${solidRow.cells[col].observations}\\)$`));
  await expect(cell).toHaveAttribute("aria-expanded", "false");
  await cell.click();
  await expect(cell).toHaveAttribute("aria-expanded", "true");
  const details = page.locator("#gap-details");
  await expect(details.getByRole("heading", { level: 3 })).toHaveText(`${solidRow.statement} — ${map.areas[col].name}`);
  await expect(details).toContainText(/observation\(s\) from \d+ sources, the latest on/);

  // A gap a research priority asks about: the priority's title links to its page.
  const gapRow = rows.find((r) => r.cells.some((c) => c.state === "none" && c.priorities.length))!;
  const gapCol = gapRow.cells.findIndex((c) => c.state === "none" && c.priorities.length);
  const gapButton = table.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: gapRow.statement, exact: true }) }).locator("td").nth(gapCol).getByRole("button");
  await expect(gapButton).toHaveText("○ No evidence");
  await gapButton.click();
  const priority = map.priorities.find((p) => p.id === gapRow.cells[gapCol].priorities[0])!;
  await expect(details.getByRole("link", { name: priority.title })).toHaveAttribute("href", `/research/priorities/${priority.id}`);
  await expect(details).toContainText("No observation of this indicator here.");

  // What to collect next, in the order the server gives, named by statement and area.
  const next = page.locator("ol.gap-next > li");
  await expect(next).toHaveCount(map.collectNext.length);
  const first = map.collectNext[0];
  await expect(next.first()).toContainText(`${rows.find((r) => r.indicator === first.indicator)!.statement} — ${map.areas.find((a) => a.id === first.area)!.name}`);
  await expect(next.first()).toContainText(/points/);

  // No raw indicator id anywhere a person reads.
  const text = await page.evaluate(() => document.body.innerText);
  expect(indicatorIds.filter((id) => text.includes(id))).toEqual([]);
  await noSeriousViolations(page);

  // The view by manifestation: hypotheses as columns, a cell where the indicator bears on one.
  await page.getByRole("radio", { name: "manifestation" }).check();
  await expect(table.locator("caption")).toHaveText("Evidence for each indicator, by the manifestations it speaks for or against");
  await expect(table.getByRole("columnheader", { name: "Black hole" })).toBeVisible();
  await expect(table.locator("td.gap-cell button").first()).toHaveText(/^[+−] (for|against), [●◐○] (Solid|Weak|No evidence)$/);
  await expect(table.locator("tfoot")).toContainText("Solid / linked indicators");
  await noSeriousViolations(page);

  // The CSV: one row per cell, a header a person reads.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  const parsed = parseCsv(csv).rows;
  expect(parsed[0].join(",")).toBe("Watch point,Indicator,Area,Evidence,Observations,Sources,Latest observation,Why,Research priorities,Indicator id,Area id");
  expect(parsed.length).toBe(rows.length * map.areas.length + 1);
  await expect(page.getByRole("link", { name: "Download PDF" })).toHaveAttribute("href", new RegExp(`/gap-map\\?format=pdf&lang=en$`));
});

test("on a phone the matrix scrolls sideways and the indicator stays in view", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ ...phone, baseURL });
  const page = await context.newPage();
  await signInDemo(page);
  await openGaps(page);
  const box = page.locator(".gap-scroll");
  const { scrollWidth, clientWidth } = await box.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  // The page itself does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const header = page.getByRole("rowheader").first();
  await header.scrollIntoViewIfNeeded();
  await box.evaluate((el) => { el.scrollLeft = 0; });
  const before = (await header.boundingBox())!;
  await box.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  await page.waitForTimeout(100);
  const after = (await header.boundingBox())!;
  // The areas moved under it; the indicator did not, and it is on the screen.
  expect(await box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(100);
  expect(Math.abs(after.x - before.x)).toBeLessThan(2);
  expect(after.x).toBeGreaterThanOrEqual(0);
  expect(after.x + after.width).toBeLessThanOrEqual(391);
  await expect(header).toBeInViewport();
  await context.close();
});

test("the map in Arabic reads right to left, in Arabic, with no serious accessibility violation", async ({ page }) => {
  await signInDemo(page, "ar");
  await openGaps(page, "ثغرات الأدلة");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("table.gap-matrix caption")).toHaveText("الأدلة لكل مؤشر في كل منطقة");
  await expect(page.getByRole("heading", { name: "ما ينبغي جمعه بعد ذلك" })).toBeVisible();
  await expect(page.locator("td.gap-cell button").filter({ hasText: "متينة" }).first()).toBeVisible();
  // The reasons come from the Arabic catalogue.
  await expect(page.locator("ol.gap-next > li").first()).toContainText(/نقطة/);
  await expect(page.getByRole("link", { name: "تنزيل CSV" })).toHaveAttribute("href", /lang=ar/);
  await noSeriousViolations(page);
});
