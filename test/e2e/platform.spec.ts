import { expect, test } from "@playwright/test";
import { noSeriousViolations, signIn, userId } from "./helpers.js";
import { E2E_PASSWORD, e2eUsers } from "./users.js";

// The secure platform end to end, against accounts created by test/e2e/seed.ts.


test("a wrong password is refused with an announced error", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(e2eUsers.analyst.email);
  await page.getByLabel("Password").fill("not-the-right-passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is not correct, or the account is locked for 15 minutes after repeated failures.");
  await expect(page).toHaveURL(/\/login$/);
});

test("the setup link says so when an administrator already exists", async ({ page }) => {
  await page.goto("/setup?token=x");
  await expect(page.getByText("At least 12 characters")).toBeVisible();
  await page.getByLabel("Organisation").fill("Customs");
  await page.getByLabel("Your name").fill("Casey");
  await page.getByLabel("Email").fill("casey@customs.example");
  await page.getByLabel("Password").fill("harbour-lantern-seventeen");
  await page.getByRole("button", { name: "Create the administrator" }).click();
  await expect(page.getByRole("alert")).toContainText("An administrator already exists");
});

test("an analyst shares a marked record and oversight sees it in the audit trail", async ({ page, baseURL }) => {
  const title = `Fuel smuggling convoy ${Date.now()}`;
  await signIn(page, "analyst");
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByRole("heading", { level: 1, name: "Workspaces" })).toBeVisible();

  // Create a workspace.
  const wsName = `Border cell ${Date.now()}`;
  await page.getByLabel("Name").fill(wsName);
  await page.getByRole("button", { name: "Create the workspace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: wsName })).toBeVisible();
  await expect(page).toHaveURL(/\/workspaces\/[^/]+$/);

  // Create an AMBER+STRICT record; the no-profiling reminder sits next to the free text.
  await expect(page.getByText("do not record ethnicity, religion")).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Note").fill("Three trucks crossed at night without declarations; payments went through a hawala agent.");
  await page.getByLabel("Marking (TLP)").selectOption("AMBER+STRICT");
  await expect(page.locator("#rec-marking-legend li.selected")).toContainText("owning organisation");
  await page.getByRole("button", { name: "Save the record" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Record saved" })).toBeVisible();
  // In the list, an AMBER+STRICT record shows its marking, not its title, until someone says why they open it.
  const row = page.getByRole("row").filter({ hasText: "Restricted record (TLP:AMBER+STRICT)" });
  await expect(row).toContainText("TLP:AMBER+STRICT");
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(0);
  await noSeriousViolations(page);

  // Add a colleague: the "who can see this" preview comes before the confirmation.
  await page.getByLabel("User id").fill(await userId("colleague", baseURL!));
  await page.getByRole("button", { name: "Check who gains access" }).click();
  await expect(page.getByText("Bruno Keller (National Police) would be able to read 1 record")).toBeVisible();
  await page.getByRole("button", { name: "Add Bruno Keller to the workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bruno Keller is now a member." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Bruno Keller" })).toContainText("member since");

  // Open the record: a reason is asked first, then the content shows with why access is given.
  await row.getByRole("link").click();
  const ask = page.getByRole("dialog", { name: "Why do you need to read this record?" });
  await expect(ask).toBeVisible();
  await page.getByLabel("Reason for reading").fill("Preparing the joint border briefing");
  await page.getByRole("button", { name: "Read the record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Three trucks crossed at night")).toBeVisible();
  await expect(page.locator(".note.access")).toContainText("owning organisation");
  await expect(page.locator(".note.access")).toContainText("Preparing the joint border briefing");
  const who = page.getByRole("region", { name: "Who can see this" });
  await expect(who).toContainText("2 people can read the content.");
  await expect(who.getByRole("row").filter({ hasText: "Amira Haddad" })).toBeVisible();
  await expect(who.getByRole("row").filter({ hasText: "Bruno Keller" })).toBeVisible();
  await noSeriousViolations(page);

  // Preview a wider marking before changing it.
  await page.getByLabel("Marking (TLP)").selectOption("GREEN");
  await page.getByRole("button", { name: "Preview who can see it" }).click();
  // People outside the analyst's organisation and the workspace are counted, not named (need to know).
  const after = page.getByRole("table", { name: "People who could read the content after the change" });
  await expect(after).toContainText("in other organisations (not named: need to know)");
  await expect(after).not.toContainText("Chen Li");
  await expect(page.getByLabel("Reason for sharing more widely")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();

  // Sign out.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  // Oversight: the audit trail, filtered, with the CSV link and the chain check.
  await signIn(page, "oversight");
  // Oversight lands on the audit trail (issue 14).
  await expect(page).toHaveURL(/\/oversight$/);
  await expect(page.getByRole("heading", { level: 1, name: "Oversight" })).toBeVisible();
  await expect(page.getByText(/The audit chain is intact: \d+ entries checked\./)).toBeVisible();
  await page.getByLabel("Action").fill("record");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/oversight\?action=record$/);
  const audit = page.locator("table.audit");
  await expect(audit.getByRole("row").filter({ hasText: "record.create" }).first()).toBeVisible();
  await expect(audit.getByRole("row").filter({ hasText: "record.read" }).filter({ hasText: "Preparing the joint border briefing" })).toBeVisible();
  // Who acted by name, what they did in words, the details as lines rather than JSON.
  const read = audit.getByRole("row").filter({ hasText: "Read restricted content" }).first();
  await expect(read).toContainText(e2eUsers.analyst.name);
  await expect(read.locator("ul.audit-details")).toContainText("level: content");
  await expect(audit.getByRole("row").filter({ hasText: "auth.login" })).toHaveCount(0);
  const csv = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(csv).toContain("format=csv");
  expect(csv).toContain("action=record");
  await expect(page.getByRole("heading", { name: "Retention" })).toBeVisible();
  await expect(page.getByText("Not yet set by this deployment")).toBeVisible();
  await noSeriousViolations(page);
});

test("oversight decides a removal request filed by an analyst", async ({ page }) => {
  await signIn(page, "analyst");
  await page.getByRole("link", { name: /^Border cell/ }).first().click();
  await page.getByLabel("Title").fill("Entered in the wrong workspace");
  await page.getByRole("button", { name: "Save the record" }).click();
  await page.getByRole("status").getByRole("link", { name: "Entered in the wrong workspace" }).click();
  await page.getByLabel("Grounds for removal").fill("Entered in the wrong workspace by mistake");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your request was sent" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  await signIn(page, "oversight");
  await page.goto("/oversight");
  const card = page.locator("article.removal").filter({ hasText: "Entered in the wrong workspace by mistake" });
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByRole("alert")).toContainText("Give the reason");
  await card.getByLabel("Reason for the decision").fill("The analyst confirms the mistake");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toContainText("approved");
  await card.getByRole("button", { name: "Carry out the removal" }).click();
  await card.getByRole("button", { name: "Delete the record" }).click();
  await expect(card).toContainText("carried out");
});

test("the platform pages read right to left in Arabic without accessibility violations", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("nexus.lang", "ar"));
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.getByLabel("البريد الإلكتروني").fill(e2eUsers.oversight.email);
  await page.getByLabel("كلمة المرور").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "تسجيل الدخول" }).click();
  await expect(page.getByRole("navigation", { name: "الحساب" })).toContainText(e2eUsers.oversight.name);
  await page.goto("/oversight");
  await expect(page.getByRole("heading", { level: 1, name: "الرقابة" })).toBeVisible();
  await expect(page.getByText("سلسلة التدقيق سليمة")).toBeVisible();
  await noSeriousViolations(page);
  await page.getByRole("button", { name: "تسجيل الخروج" }).click();
  await page.goto("/login");
  await page.getByLabel("البريد الإلكتروني").fill(e2eUsers.admin.email);
  await page.getByLabel("كلمة المرور").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "تسجيل الدخول" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "الإدارة" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Amira Haddad" })).toBeVisible();
  await noSeriousViolations(page);
});

test("a workspace with more records than a page shows them page by page", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, "analyst");
  const csrf = (await (await page.request.get("/api/v1/auth/me")).json()).csrf_token as string;
  const headers = { "x-csrf-token": csrf };
  const ws = await (await page.request.post("/api/v1/workspaces", { headers, data: { name: `Busy cell ${stamp}` } })).json();
  // 53 records: a page of 50 and three more.
  for (let i = 0; i < 53; i++) {
    const r = await page.request.post(`/api/v1/workspaces/${ws.id}/records`, { headers, data: { kind: "note", title: `Port call ${String(i).padStart(2, "0")}`, body: { text: "Synthetic port call." }, marking: "GREEN" } });
    expect(r.status()).toBe(201);
  }
  await page.goto(`/workspaces/${ws.id}`);
  const table = page.getByRole("region", { name: "Records" }).getByRole("table");
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  // Newest first: the first three notes are on the next page.
  await expect(table).toContainText("Port call 52");
  await expect(table).not.toContainText("Port call 02");
  await page.getByRole("button", { name: "Show more records" }).click();
  await expect(rows).toHaveCount(53);
  await expect(rows.last()).toContainText("Port call 00");
  await expect(page.getByRole("button", { name: "Show more records" })).toHaveCount(0);
  await noSeriousViolations(page);
});

test("an administrator creates accounts one after another, and is told why workspaces are closed to them", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, "admin");
  await page.goto("/admin");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create the account" }) });
  const analyst = form.getByRole("checkbox", { name: /^Analyst/ });
  const viewer = form.getByRole("checkbox", { name: /^Viewer/ });
  await form.getByLabel("Name").fill(`Reader ${stamp}`);
  await form.getByLabel("Email").fill(`reader-${stamp}@police.example`);
  await analyst.uncheck();
  await viewer.check();
  await form.getByLabel("Initial password").fill("quiet-harbour-lantern-7");
  await form.getByRole("button", { name: "Create the account" }).click();
  await expect(page.getByText(`The account of Reader ${stamp} was created.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `Reader ${stamp}` })).toContainText("Viewer");
  // The next account starts from a fresh form: the roles chosen for the last one do not carry over.
  await expect(viewer).not.toBeChecked();
  await expect(analyst).toBeChecked();
  await expect(form.getByLabel("Name")).toHaveValue("");
  // Workspaces hold records, which the administrator's role does not read: said, with what would change it.
  await page.goto("/workspaces");
  await expect(page.getByRole("alert")).toContainText("Your roles (Administrator) run the deployment and do not read or record records");
});

test("a visitor's pages ask for the session without a failed request in the console", async ({ page }) => {
  const failures: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") failures.push(m.text()); });
  page.on("response", (r) => { if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`); });
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText("Sign in");
  // The home page presents the secure workspace's capabilities and the way in (issue 14).
  const work = page.getByRole("region", { name: "Work with it" });
  for (const name of ["Self-assessment and action plans", "Nexus Watch", "Table-top exercises"]) await expect(work.getByRole("heading", { level: 3, name })).toBeVisible();
  await expect(work.getByRole("link", { name: "Sign in to start" })).toHaveAttribute("href", "/login?next=%2Fworkspaces");
  await expect(work.getByRole("link", { name: "Join an exercise with a code" })).toHaveAttribute("href", "/join");
  await page.goto("/practices");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(failures).toEqual([]);
});
