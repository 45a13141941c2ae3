import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { expect, request, type Page } from "@playwright/test";
import { E2E_PASSWORD, e2eUsers } from "./users.js";

/** Signs in through the login form as one of the seeded users. */
export async function signIn(page: Page, who: keyof typeof e2eUsers) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(e2eUsers[who].email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(e2eUsers[who].name);
}

/** Runs axe once the page has finished loading; fails on any serious or critical violation. */
export async function noSeriousViolations(page: Page) {
  await expect(page.locator("main [role=status]").filter({ hasText: /Loading|جارٍ/ })).toHaveCount(0);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

/** A seeded user's id, read through the API. */
export async function userId(who: keyof typeof e2eUsers, baseURL: string): Promise<string> {
  const api = await request.newContext({ baseURL });
  await api.post("/api/v1/auth/login", { data: { email: e2eUsers[who].email, password: E2E_PASSWORD } });
  const me = await (await api.get("/api/v1/auth/me")).json();
  await api.dispose();
  return me.user.id;
}

/**
 * The demo workspace's analyst, loading the demo (`nexus demo load`, through the running server's
 * admin socket) the first time a spec asks: it can be loaded only once per data folder, and its
 * password is printed only then, so it is kept in the folder (which test/e2e/seed.ts empties at
 * each run) for the specs that come after.
 */
export function demoAccount(port: number): { email: string; password: string } {
  const dir = `.tmp/e2e-data-${port}`;
  const file = `${dir}/demo-account.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const out = execFileSync(process.execPath, ["bin/nexus.mjs", "demo", "load"], { env: { ...process.env, DATA_DIR: dir }, encoding: "utf8" });
  const signIn = /sign in as (\S+) with password (\S+)/.exec(out);
  if (!signIn) throw new Error(`the demo workspace was not loaded afresh: ${out}`);
  const account = { email: signIn[1], password: signIn[2] };
  writeFileSync(file, JSON.stringify(account));
  return account;
}

/** A phone (390 px, touch) in a fresh context, offline reading off, optionally in a language. */
export const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export async function phonePage(browser: import("@playwright/test").Browser, lang?: string): Promise<import("@playwright/test").Page> {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.addInitScript((l) => {
    localStorage.setItem("nexus.offline", JSON.stringify({ enabled: false, keep: [] }));
    if (l) localStorage.setItem("nexus.lang", l);
  }, lang ?? "");
  return page;
}
