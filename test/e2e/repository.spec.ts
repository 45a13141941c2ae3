import { expect, test } from "@playwright/test";

test("search as you type, open a practice, then filter the practices by one of its actors", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Search the toolkit" }).fill("hawala");
  await expect(page.getByRole("listbox")).toBeVisible();
  await expect(page.getByRole("option").first()).toContainText(/hawala/i);
  await page.getByRole("option").first().click();
  await expect(page).toHaveURL(/\/practices\/addendum-1$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Addendum GP 1");
  await expect(page.getByRole("heading", { name: "Key actions and steps" })).toBeVisible();

  // Follow an actor chip to its page, then to the filtered practice list.
  const actors = page.locator("#actors").locator("..").getByRole("link");
  const actorName = (await actors.first().textContent())!.trim();
  await actors.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(actorName);
  await page.getByRole("link", { name: "Filter the practice list by this actor" }).click();
  await expect(page).toHaveURL(/\/practices\?actor=/);
  await expect(page.getByRole("combobox", { name: "Actor" })).toHaveValue(new URL(page.url()).searchParams.get("actor")!);
  await expect(page.getByRole("link", { name: /Addendum GP 1 / })).toBeVisible();
  const count = await page.locator(".practice-list > li").count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(55);
});

test("filters practices with the facet controls", async ({ page }) => {
  await page.goto("/practices");
  await expect(page.getByText("55 practices")).toBeVisible();
  await page.getByRole("button", { name: "GCTF Addendum" }).click();
  await expect(page.getByText("25 practices")).toBeVisible();
  await page.getByRole("combobox", { name: "Area or pillar" }).selectOption("addendum-v");
  await expect(page.getByText("5 practices")).toBeVisible();
  await page.getByRole("combobox", { name: "Actor" }).selectOption("prison-administration");
  await expect(page).toHaveURL(/actor=prison-administration/);
  await expect(page.getByRole("link", { name: /Addendum GP 24 / })).toBeVisible();
});

test("the search page lists ranked results for a query", async ({ page }) => {
  await page.goto("/search?q=prison");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("prison");
  const hits = page.locator("ol.hits > li");
  await expect(hits.first()).toBeVisible();
  await expect(page.locator("ol.hits mark").first()).toBeVisible();
});

test("switching to Arabic translates the interface and lays it out right to left", async ({ page }) => {
  await page.goto("/practices/hague-1");
  await page.getByRole("combobox", { name: "Language" }).selectOption("ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { name: "الإجراءات والخطوات الرئيسية" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.getByRole("combobox", { name: "اللغة" }).selectOption("fr");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { name: "Actions clés et étapes" })).toBeVisible();
});

test("practice pages print without the navigation and controls", async ({ page }) => {
  await page.goto("/practices/hague-24");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.site")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Key actions and steps" })).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
});

test("after one visit the repository can be read and searched offline", async ({ page, context }) => {
  await page.goto("/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100; i++) {
      const cache = await caches.open("nexus-data");
      if (await cache.match("/api/v1/bundle?lang=en", { ignoreVary: true })) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the offline bundle was never cached");
  });
  await context.setOffline(true);
  await page.goto("/practices/hague-17");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hague GP 17");
  await expect(page.getByRole("status").filter({ hasText: "You are offline" })).toBeVisible();
  await page.getByRole("combobox", { name: "Search the toolkit" }).fill("hawala");
  await expect(page.getByRole("option").first()).toContainText(/Addendum|ICCT|hawala/i);
  await page.goto("/practices?framework=icct");
  await expect(page.getByText("5 practices")).toBeVisible();
  await context.setOffline(false);
});
