import { useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { loadSession, ProblemError, send, useSession, type SessionState } from "./session.js";
import { Field, fieldError, FormProblem, onSubmit, useSubmit } from "./ui.js";

/** Where to go after signing in: the page that asked for it, else the user's main page. */
export function landingFor(s: SessionState, next: string | null): string {
  if (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login")) return next;
  if (s.state !== "signed-in") return "/";
  const p = s.session.permissions;
  // Oversight is never a workspace member: it lands on the audit trail it exists to read.
  if (p.includes("audit.read")) return "/oversight";
  if (p.includes("records.read")) return "/workspaces";
  if (p.includes("users.manage")) return "/admin";
  return "/";
}

export function Login({ query }: { query: URLSearchParams }) {
  useTitle(t("account.signInTitle"));
  const session = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  // Once the server asks for the second factor (a `totp` field error after the right password), the code field stays.
  const [needsCode, setNeedsCode] = useState(false);
  const form = useSubmit(async () => {
    try {
      await send("POST", "/api/v1/auth/login", { email, password, ...(needsCode ? { totp: totp.trim() } : {}) });
    } catch (err) {
      if (err instanceof ProblemError && err.field("totp")) setNeedsCode(true);
      throw err;
    }
    navigate(landingFor(await loadSession(true), query.get("next")));
  });
  const e = form.error;
  const codeProblem = e instanceof ProblemError ? e.field("totp") : undefined;
  // The server's sign-in refusals are given in the interface's language.
  const general = codeProblem ? null
    : e instanceof ProblemError && e.status === 401 ? new ProblemError(400, t("account.wrongCredentials"))
    : e instanceof ProblemError && e.status === 429 ? new ProblemError(429, t("account.tooMany"))
    : e;
  return (
    <div class="platform">
      <h1>{t("account.signInTitle")}</h1>
      {session.state === "signed-in" && (
        <p class="note">{t("account.alreadySignedIn", { name: session.session.user.name })} <a href={landingFor(session, null)}>{t("account.continue")}</a></p>
      )}
      <form class="form narrow" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={general} fields={["email", "password"]} />
        <Field id="login-email" label={t("account.email")} type="email" autoComplete="username" required value={email} onValue={setEmail} error={fieldError(e, "email")} dir="ltr" />
        <Field id="login-password" label={t("account.password")} type="password" autoComplete="current-password" required value={password} onValue={setPassword} error={fieldError(e, "password")} dir="ltr" />
        {needsCode && (
          <Field id="login-totp" label={t("account.totpCode")} hint={t("account.totpLoginHint")} autoComplete="one-time-code" required value={totp} onValue={setTotp}
            error={codeProblem && (totp.trim() ? t("account.totpWrong") : t("account.totpNeeded"))} dir="ltr" />
        )}
        <p><button class="primary" type="submit" disabled={form.busy}>{t("account.signIn")}</button></p>
      </form>
      <p class="muted">{t("account.noAccount")}</p>
    </div>
  );
}
