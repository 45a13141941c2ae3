import { expect, test } from "@playwright/test";
import { noSeriousViolations, signIn } from "./helpers.js";

// API tokens on the Account page, for TAXII clients such as MISP and OpenCTI (decision 0033).

const taxii = { accept: "application/taxii+json;version=2.1" };

test("an analyst creates a read token for one workspace, a TAXII client uses it, then it is revoked", async ({ page, baseURL, context }) => {
  const stamp = Date.now();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "analyst");
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const shared = `Harbour cell ${stamp}`;
  const other = `Inland cell ${stamp}`;
  for (const name of [shared, other]) {
    expect((await page.request.post("/api/v1/workspaces", { headers: { "x-csrf-token": csrf }, data: { name } })).status()).toBe(201);
  }

  await page.goto("/account");
  const section = page.getByRole("region", { name: "API tokens" });
  await expect(section.getByRole("heading", { level: 2, name: "API tokens" })).toBeVisible();
  await expect(section.getByLabel("TAXII discovery address").first()).toHaveValue(`${baseURL}/taxii2/`);
  const form = section.locator("form").filter({ has: page.getByRole("button", { name: "Create the token" }) });

  // The server's errors sit next to the fields they name: no name, and "only these workspaces" with none chosen.
  await form.getByRole("radio", { name: "Only the workspaces I choose" }).check();
  await form.getByRole("button", { name: "Create the token" }).click();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator("#token-name-error")).toBeVisible();
  const tokenName = `MISP of the regional hub ${stamp}`;
  await form.getByLabel("Name").fill(tokenName);
  await form.getByRole("button", { name: "Create the token" }).click();
  await expect(form.getByRole("group", { name: "Workspaces" }).getByRole("alert")).toBeVisible();
  await expect(form.locator("#token-name-error")).toHaveCount(0);

  // A read token limited to one workspace; the analyst may also write, so both are offered.
  await expect(form.getByRole("radio", { name: /^Read and write/ })).toBeVisible();
  await form.getByRole("radio", { name: /^Read —/ }).check();
  await form.getByRole("checkbox", { name: shared }).check();
  await form.getByRole("button", { name: "Create the token" }).click();

  // The secret, once, with a warning and the discovery address.
  const created = section.getByRole("region", { name: `Your new token “${tokenName}”` });
  await expect(created.getByRole("heading", { name: `Your new token “${tokenName}”` })).toBeFocused();
  await expect(created).toContainText("It will not be shown again");
  const secretField = created.getByLabel("Token", { exact: true });
  await expect(secretField).toHaveAttribute("readonly", "");
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^nxt_.{20,}/);
  await expect(created.getByLabel("TAXII discovery address")).toHaveValue(`${baseURL}/taxii2/`);
  await created.getByRole("button", { name: "Copy the token" }).click();
  await expect(created.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await noSeriousViolations(page);

  // The list: what it may do in words and its workspace by name; the secret is gone for good.
  await created.getByRole("button", { name: "I have copied the token" }).click();
  await expect(page.getByLabel("Token", { exact: true })).toHaveCount(0);
  const row = section.getByRole("row").filter({ hasText: tokenName });
  await expect(row.getByRole("cell").nth(0)).toHaveText("Read");
  await expect(row.getByRole("cell").nth(1)).toHaveText(shared);
  await expect(row).not.toContainText(other);
  await page.reload();
  await expect(section.getByRole("row").filter({ hasText: tokenName })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // A TAXII client with the token sees that workspace only, read but not write.
  const auth = { ...taxii, authorization: `Bearer ${secret}` };
  const listed = await page.request.get("/taxii2/api/collections/", { headers: auth });
  expect(listed.status()).toBe(200);
  const collections = (await listed.json()).collections as { title: string; can_read: boolean; can_write: boolean }[];
  expect(collections.map((c) => c.title)).toEqual([shared]);
  expect(collections[0]).toMatchObject({ can_read: true, can_write: false });

  // Revoke, after a confirmation; the same request is then refused.
  await section.getByRole("button", { name: `Revoke ${tokenName}` }).click();
  const confirm = section.getByRole("group", { name: "Revoke the token" });
  await expect(confirm).toContainText(`Revoke “${tokenName}”?`);
  await noSeriousViolations(page);
  await confirm.getByRole("button", { name: "Revoke the token" }).click();
  await expect(section.getByRole("status").filter({ hasText: `The token “${tokenName}” was revoked.` })).toBeVisible();
  await expect(section.getByRole("row").filter({ hasText: tokenName })).toContainText("Revoked on");
  await expect(section.getByRole("button", { name: `Revoke ${tokenName}` })).toHaveCount(0);
  expect((await page.request.get("/taxii2/api/collections/", { headers: auth })).status()).toBe(401);
});
