/**
 * A self-assessment read in Spanish, Arabic and Russian (decision 0025): the API answers in the
 * reader's language, so the gap statement (with its plural form), the gaps of the technical
 * assistance report and the practice titles the knowledge base translates carry no lang="en";
 * a practice title shown in English because it is not translated is marked lang="en", and only
 * then does the note on English texts show.
 */
import { expect, request, test, type Locator } from "@playwright/test";
import { plansAr } from "../../src/web/plans/locale/ar.js";
import { plansEs } from "../../src/web/plans/locale/es.js";
import { plansRu } from "../../src/web/plans/locale/ru.js";
import { signIn } from "./helpers.js";
import { E2E_PASSWORD, e2eUsers } from "./users.js";

test.describe.configure({ timeout: 180_000 });

const readers = [
  // 24 of the 25 practices of the Hague framework are not assessed: Arabic "many", Russian "few".
  { lang: "es", note: plansEs.englishNote, statement: "24 de 25 prácticas no se evaluaron", gap: "implantación:" },
  { lang: "ar", note: plansAr.englishNote, statement: "لم تُقيَّم 24 ممارسة من أصل 25", gap: "الوجود:" },
  { lang: "ru", note: plansRu.englishNote, statement: "Не оценены 24 практики из 25", gap: "внедрение:" },
] as const;

/** The practice's title in the element is marked lang="en" exactly when the knowledge API gives it in English. */
async function titleMarked(where: Locator, title: string, language: string) {
  if (language === "en") await expect(where.locator("[lang=en]", { hasText: title })).toHaveCount(1);
  else {
    await expect(where).toContainText(title);
    await expect(where.locator("[lang=en]")).toHaveCount(0);
  }
}

test("server texts in the reader's language carry no English marker; an untranslated title does", async ({ page, baseURL }) => {
  const api = await request.newContext({ baseURL });
  await api.post("/api/v1/auth/login", { data: { email: e2eUsers.analyst.email, password: E2E_PASSWORD } });
  const csrf = (await (await api.get("/api/v1/auth/me")).json()).csrf_token as string;
  const call = async (method: "post" | "put", url: string, data: unknown) => {
    const r = await api[method](url, { data, headers: { "x-csrf-token": csrf } });
    expect(r.status(), `${url}: ${await r.text()}`).toBeLessThan(300);
    return r.json();
  };
  const ws = (await call("post", "/api/v1/workspaces", { name: `Revisión ${Date.now()}` })).id as string;
  const sa = (await call("post", `/api/v1/plans/workspaces/${ws}/self-assessments`, { name: "Revisión 2026", country: "KE", framework: "hague", marking: "AMBER" })).id as string;
  const base = `/api/v1/plans/self-assessments/${sa}`;
  await call("post", `${base}/agreed/hague-1`, { in_place: "PC", working: "Moderate", reason: "Acordado en la reunión." });
  await call("put", `${base}/practices/hague-1`, { assistance_requested: true, assistance_note: "Apoyo a la redacción" });
  await call("post", `${base}/actions`, { practice: "hague-1", title: "Revisar la ley" });

  await signIn(page, "analyst");
  for (const r of readers) {
    const practice = (await (await api.get("/api/v1/practices/hague-1", { headers: { "accept-language": r.lang } })).json()) as { title: string; language: string };
    await page.evaluate((l) => localStorage.setItem("nexus.lang", l), r.lang);

    // Gaps: the statement in the reader's language, in its plural form; the practice named as the API gives it.
    await page.goto(`/plans/self-assessments/${sa}?tab=gaps`);
    await expect(page.locator("html")).toHaveAttribute("lang", r.lang);
    const statement = page.locator(".plan-statement");
    await expect(statement, r.lang).toContainText(r.statement);
    await expect(statement.locator("[lang=en]"), r.lang).toHaveCount(0);
    const priority = page.locator(".plan-priorities tbody tr").first();
    await expect(priority.locator(".plan-reasons li").first().locator("[lang=en]")).toHaveCount(0);
    await titleMarked(priority.locator("th"), practice.title, practice.language);
    await expect(page.getByText(r.note)).toHaveCount(practice.language === "en" ? 1 : 0);

    // Share: the assistance report; its gap is a message in the reader's language.
    await page.goto(`/plans/self-assessments/${sa}?tab=share`);
    const assist = page.locator("section[aria-labelledby=assist-h]");
    const item = assist.locator("li").first();
    await expect(item, r.lang).toContainText(r.gap);
    await expect(item.locator("[lang=en]", { hasText: r.gap })).toHaveCount(0);
    await titleMarked(item, practice.title, practice.language);
    await expect(assist.getByText(r.note)).toHaveCount(practice.language === "en" ? 1 : 0);

    // Action plan: the practice's group is named the same way.
    await page.goto(`/plans/self-assessments/${sa}?tab=plan`);
    await titleMarked(page.locator(".plan-group-name").first(), practice.title, practice.language);
  }
  await api.dispose();
});
