import { expect, test, type Page } from "@playwright/test";
import { noSeriousViolations, signIn } from "./helpers.js";

// Institutions and partnerships (issue 15, decision 0035): an analyst builds the directory of a
// workspace, draws the network, reads its gaps and who should be at the table; axe on every view,
// in English and Arabic. Synthetic names only.

async function workspaceWith(page: Page, name: string) {
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const headers = { "x-csrf-token": csrf };
  const ws = await (await page.request.post("/api/v1/workspaces", { headers, data: { name } })).json();
  const add = async (path: string, data: unknown) => {
    const r = await page.request.post(`/api/v1/network/workspaces/${ws.id}/${path}`, { headers, data });
    expect(r.status(), await r.text()).toBe(201);
    return (await r.json()).id as string;
  };
  const police = await add("institutions", { name: "[Synthetic] Judicial police", marking: "AMBER", body: { kind: "police", country: "NE", actors: ["police"] } });
  const prosecutor = await add("institutions", { name: "[Synthetic] Prosecution office", marking: "AMBER", body: { kind: "prosecution", country: "NE", actors: ["prosecutors"] } });
  const ncb = await add("institutions", { name: "[Synthetic] INTERPOL bureau", marking: "AMBER", body: { kind: "police", country: "NE", actors: ["police", "foreign-counterparts"] } });
  await add("partnerships", { marking: "AMBER", body: { kind: "network", network: "interpol", members: [ncb] } });
  await add("partnerships", { marking: "AMBER", body: { kind: "mou", members: [police, ncb], status: "active", practices: ["addendum-13"] } });
  await add("partnerships", { marking: "AMBER", body: { kind: "liaison-officer", members: [police, prosecutor], status: "ended" } });
  return { id: ws.id as string, headers, police, prosecutor, ncb };
}

test("an analyst builds the directory, draws the map, reads the gaps and the seats at the table", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, "analyst");
  const { id: ws } = await workspaceWith(page, `Sahel network ${stamp}`);

  await page.goto(`/workspaces/${ws}`);
  await page.getByRole("link", { name: "Institutions and partnerships" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Institutions and partnerships" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Institutions" })).toContainText("[Synthetic] Prosecution office");
  await expect(page.getByRole("table", { name: "Partnerships and channels" })).toContainText("INTERPOL");

  // A bad institution: the error sits by the field it names; nothing is added.
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add the institution" }) });
  await form.getByLabel("Name", { exact: true }).fill("[Synthetic] National FIU");
  await form.getByLabel("Kind").selectOption("fiu");
  await form.getByLabel("Role mailbox").fill("not an address");
  await form.getByRole("button", { name: "Add the institution" }).click();
  await expect(form.getByRole("group", { name: "Parts it plays" }).getByRole("alert")).toBeVisible();
  await form.getByRole("group", { name: "Parts it plays" }).getByLabel("Filter the list").fill("financial intel");
  await form.getByRole("checkbox", { name: /Financial intelligence/ }).check();
  await form.getByRole("button", { name: "Add the institution" }).click();
  await expect(form.locator("#inst-mailbox-error")).toBeVisible();
  await form.getByLabel("Role mailbox").fill("desk@fiu.example.org");
  await form.getByRole("button", { name: "Add the institution" }).click();
  await expect(form.getByRole("status")).toHaveText("Institution added.");
  await expect(page.getByRole("table", { name: "Institutions" })).toContainText("desk@fiu.example.org");
  // Edit it: the form opens with its values; the change shows in the table.
  await page.getByRole("button", { name: "Edit [Synthetic] National FIU" }).click();
  const edit = page.getByRole("region", { name: "Edit [Synthetic] National FIU" });
  await expect(edit.getByLabel("Role mailbox")).toHaveValue("desk@fiu.example.org");
  await edit.getByLabel("Mandate").fill("Receives and analyses suspicious transaction reports");
  await noSeriousViolations(page);
  await edit.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.getByRole("table", { name: "Institutions" })).toContainText("Receives and analyses suspicious transaction reports");
  await expect(page.getByRole("region", { name: "Edit [Synthetic] National FIU" })).toHaveCount(0);
  // A partnership is suspended through its own edit form.
  const mou = "[Synthetic] Judicial police – [Synthetic] INTERPOL bureau";
  await page.getByRole("button", { name: `Edit ${mou}` }).click();
  const editMou = page.getByRole("region", { name: `Edit ${mou}` });
  await expect(editMou.getByLabel("Kind")).toHaveValue("mou");
  await editMou.getByLabel("Status").selectOption("suspended");
  await editMou.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.getByRole("table", { name: "Partnerships and channels" }).getByRole("row", { name: /Memorandum of understanding/ })).toContainText("Suspended");
  await noSeriousViolations(page);

  // The map: drawn lazily, with the links in words beside it.
  await page.getByRole("link", { name: "Network map" }).click();
  const map = page.getByRole("img", { name: /^Network of \d+ institutions and networks, \d+ links$/ });
  await expect(map).toBeVisible();
  await expect(map.locator("rect")).toHaveCount(1); // INTERPOL as a hub
  await expect(map.locator("line.net-not-live")).toHaveCount(2); // the ended liaison officer and the suspended MoU
  await expect(page.getByRole("table", { name: "The links, as a list" })).toContainText("[Synthetic] Prosecution office");
  await noSeriousViolations(page);
  await page.getByLabel("Part played").selectOption("prosecutors");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/actor=prosecutors/);
  await expect(page.getByRole("img", { name: /^Network of 1 institutions/ })).toBeVisible();

  // Gaps: Addendum GP 13's prosecutors have no live channel to the police and the bureau.
  await page.goto(`/network/workspaces/${ws}?tab=gaps&practice=addendum-13`);
  const gaps = page.getByRole("table", { name: "Gaps" });
  await expect(gaps).toContainText("no live channel between them");
  await expect(gaps).toContainText("No institution on the map plays the part of");
  await noSeriousViolations(page);

  // Who should be at the table for an audience of prosecutors and judges.
  await page.getByRole("link", { name: "Who should be at the table" }).click();
  const audience = page.getByRole("group", { name: "Audience" });
  await audience.getByLabel("Filter the list").fill("prosecut");
  await audience.getByRole("checkbox", { name: "Prosecutors" }).check();
  await audience.getByLabel("Filter the list").fill("judge");
  await audience.getByRole("checkbox", { name: "Judges" }).check();
  await page.getByRole("button", { name: "Show the seats" }).click();
  const seats = page.getByRole("table", { name: "Who should be at the table" });
  await expect(seats.getByRole("row", { name: /Prosecutors/ })).toContainText("[Synthetic] Prosecution office");
  await expect(seats.getByRole("row", { name: /Judges/ })).toContainText("None yet");
  await noSeriousViolations(page);
});

test("the map and the gaps read right to left in Arabic, without an id in sight", async ({ page }) => {
  await signIn(page, "analyst");
  const { id: ws } = await workspaceWith(page, `Réseau ${Date.now()}`);
  await page.evaluate(() => localStorage.setItem("nexus.lang", "ar"));
  await page.goto(`/network/workspaces/${ws}?tab=map`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: "المؤسسات والشراكات" })).toBeVisible();
  await expect(page.locator("svg.net-graph")).toBeVisible();
  await noSeriousViolations(page);
  await page.goto(`/network/workspaces/${ws}?tab=gaps`);
  await expect(page.getByRole("table").first()).toBeVisible();
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\b(hague|addendum|icct)-\d+\b/);
  await noSeriousViolations(page);
});

test("self-assessment units, an exercise's agencies and Watch sources point at institutions of the directory", async ({ page }) => {
  await signIn(page, "analyst");
  const { id: ws, headers } = await workspaceWith(page, `Directory users ${Date.now()}`);

  // A unit of the action plan is an institution: choosing it fills the name and the actor.
  const sa = await (await page.request.post(`/api/v1/plans/workspaces/${ws}/self-assessments`, { headers, data: { name: "[Synthetic] Niger review", country: "NE", framework: "addendum", marking: "AMBER" } })).json();
  await page.goto(`/plans/self-assessments/${sa.id}?workspace=${ws}&tab=plan`);
  await page.getByRole("button", { name: "Add a unit" }).click();
  await page.getByLabel("Unit code").fill("prosecution");
  await page.getByLabel("Institution in the directory").selectOption({ label: "[Synthetic] Prosecution office" });
  await expect(page.getByLabel("Unit name")).toHaveValue("[Synthetic] Prosecution office");
  await expect(page.getByLabel("Actor in the taxonomy")).toHaveValue("prosecutors");
  await page.getByRole("button", { name: "Save the units" }).click();
  await expect(page.getByText("1 unit saved.")).toBeVisible();
  const units = await (await page.request.get(`/api/v1/plans/self-assessments/${sa.id}`)).json();
  expect(units.units[0].institution).toBeTruthy();

  // The facilitator seats two institutions at an exercise's table, one with its role.
  const scenarios = await (await page.request.get("/api/v1/exercises/scenarios")).json();
  const session = await (await page.request.post(`/api/v1/exercises/workspaces/${ws}/sessions`, { headers, data: { scenario: scenarios.items[0].id, max_participants: 5 } })).json();
  await page.goto(`/exercises/sessions/${session.id}/console`);
  const agencies = page.getByRole("region", { name: "Agencies at the table" });
  await agencies.getByRole("checkbox", { name: "[Synthetic] Judicial police" }).check();
  await agencies.getByLabel("Role played by [Synthetic] Judicial police").selectOption({ index: 1 });
  await agencies.getByRole("checkbox", { name: "[Synthetic] Prosecution office" }).check();
  await agencies.getByRole("button", { name: "Save the agencies" }).click();
  await expect(agencies.getByRole("status")).toHaveText("Agencies saved.");
  const seated = await (await page.request.get(`/api/v1/exercises/sessions/${session.id}/agencies`)).json();
  expect(seated.items.map((a: { name: string }) => a.name).sort()).toEqual(["[Synthetic] Judicial police", "[Synthetic] Prosecution office"]);
  expect(seated.items.find((a: { name: string }) => a.name === "[Synthetic] Judicial police").roles).toHaveLength(1);
  await noSeriousViolations(page);
  // The after-action report names them.
  await page.goto(`/exercises/sessions/${session.id}/report`);
  await expect(page.getByRole("heading", { name: "Institutions of the directory at the table" })).toBeVisible();
  await expect(page.locator("main")).toContainText("[Synthetic] Prosecution office");

  // A partner-agency source names the institution behind it; a human source is never offered one.
  await page.goto(`/watch/workspaces/${ws}`);
  await page.getByRole("button", { name: /^Sources/ }).click();
  await page.getByLabel("Source type").selectOption("human");
  await expect(page.getByLabel("Organisation behind it")).toHaveCount(0);
  await page.getByLabel("Source type").selectOption("partner-agency");
  await page.getByLabel("Source name").fill("[Synthetic] Bureau bulletin");
  await page.getByLabel("Organisation behind it").selectOption({ label: "[Synthetic] INTERPOL bureau" });
  // The workspace's default marking is GREEN: wider than the AMBER institution, so the kernel refuses it at the field.
  await page.getByRole("button", { name: "Add the source" }).click();
  await expect(page.locator("#source-institution-error")).toContainText("TLP:AMBER");
  await page.getByLabel("Marking (TLP)").selectOption("AMBER");
  await page.getByRole("button", { name: "Add the source" }).click();
  await expect(page.getByRole("table", { name: "Sources" })).toContainText("[Synthetic] INTERPOL bureau");
});
