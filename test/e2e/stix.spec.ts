import { expect, test } from "@playwright/test";
import { noSeriousViolations, signIn } from "./helpers.js";

// STIX 2.1 exchange in Nexus Watch (issue 13): a bundle previewed, refused with its problems named,
// then imported; the workspace's history of imports; a subject downloaded as a bundle.

test.describe.configure({ timeout: 120_000 });

const T = "2026-01-10T08:00:00.000Z";
const uuid = (n: number) => `6e1f4a2b-7c3d-4e5f-8a9b-${String(n).padStart(12, "0")}`;
const common = { spec_version: "2.1", created: T, modified: T };

test("an analyst previews a bundle from a partner's OpenCTI, sees a refusal named, imports it, and downloads a group as STIX", async ({ page }) => {
  const stamp = Date.now();
  const ring = `[Synthetic] Fuel smuggling ring ${stamp}`;
  const bundle = {
    type: "bundle", id: `bundle--${uuid(1)}`, objects: [
      { type: "identity", id: `identity--${uuid(2)}`, ...common, name: "[Synthetic] National CT unit", identity_class: "organization", x_opencti_reliability: "B - Usually reliable" },
      { type: "location", id: `location--${uuid(3)}`, ...common, name: `[Synthetic] Northern district ${stamp}`, country: "NE", object_marking_refs: ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"] },
      { type: "threat-actor", id: `threat-actor--${uuid(4)}`, ...common, created_by_ref: `identity--${uuid(2)}`, name: ring, threat_actor_types: ["crime-syndicate"], primary_motivation: "organizational-gain" },
      { type: "relationship", id: `relationship--${uuid(5)}`, ...common, relationship_type: "located-at", source_ref: `threat-actor--${uuid(4)}`, target_ref: `location--${uuid(3)}` },
      { type: "malware", id: `malware--${uuid(6)}`, ...common, name: "[Synthetic] Courier app implant", is_family: false },
    ],
  };
  const broken = { ...bundle, objects: [{ type: "threat-actor", id: `threat-actor--${uuid(7)}`, ...common }] };

  await signIn(page, "analyst");
  await page.goto("/workspaces");
  await page.getByLabel("Name").fill(`Regional hub ${stamp}`);
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page).toHaveURL(/\/workspaces\/[^/]+$/);
  await page.getByRole("link", { name: "Open Nexus Watch for this workspace" }).click();
  await page.getByRole("button", { name: "STIX exchange" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /STIX 2\.1/ })).toBeVisible();
  await expect(page.getByText("No imports yet.")).toBeVisible();

  // A bundle with a bad object: refused whole, the object and the property named.
  await page.getByLabel("STIX 2.1 bundle (.json)").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The bundle is refused: 1 problem." })).toBeVisible();
  await expect(page.getByText("object 1, name")).toBeVisible();
  await expect(page.getByRole("button", { name: "Import now" })).toHaveCount(0);

  // The partner's bundle: previewed, then imported.
  await page.getByLabel("STIX 2.1 bundle (.json)").setInputFiles({ name: "partner.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bundle)) });
  // The import form's own marking (the subscription form below has one too).
  await page.getByRole("form", { name: "Import a bundle" }).getByLabel("Marking of objects that carry none").selectOption("GREEN");
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nothing is written yet. 2 to create, 1 kept as they came, 0 already here." })).toBeVisible();
  await expect(page.locator("details").filter({ hasText: "To create (2)" })).toContainText(ring);
  await page.locator("summary").filter({ hasText: "Kept as they came (1)" }).click();
  await expect(page.locator("details").filter({ hasText: "Kept as they came (1)" })).toContainText("[Synthetic] Courier app implant");
  await noSeriousViolations(page);
  await page.getByRole("button", { name: "Import now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Imports into this workspace" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Areas (1)" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Groups (1)" })).toBeVisible();

  // The group, downloaded as a bundle from its page.
  await page.getByRole("button", { name: "Groups (1)" }).click();
  await page.getByRole("link", { name: ring }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as STIX 2.1" }).click()]);
  const got = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")));
  expect(got.type).toBe("bundle");
  expect(got.objects.find((o: { type: string }) => o.type === "threat-actor")).toMatchObject({ name: ring, threat_actor_types: ["crime-syndicate"] });
  expect(got.objects.find((o: { type: string }) => o.type === "location")).toMatchObject({ country: "NE", object_marking_refs: ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"] });
});
