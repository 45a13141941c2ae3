import { useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { loadSession, ProblemError, send } from "./session.js";
import { Field, fieldError, FormProblem, onSubmit, useSubmit } from "./ui.js";

/** First run: the one-time link the server prints creates the first organisation and administrator. */
export function Setup({ query }: { query: URLSearchParams }) {
  useTitle(t("setup.title"));
  const token = query.get("token") ?? "";
  const [organisation, setOrganisation] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useSubmit(async () => {
    await send("POST", "/api/v1/setup", { token, organisation, name, email, password });
    await loadSession(true);
    navigate("/admin");
  });
  const e = form.error;
  const general = e instanceof ProblemError && e.status === 409 ? new ProblemError(409, t("setup.already"))
    : e instanceof ProblemError && e.field("token") ? new ProblemError(400, t("setup.badToken"))
    : e;
  return (
    <div class="platform">
      <h1>{t("setup.title")}</h1>
      <p class="lead">{t("setup.lead")}</p>
      {!token && <p class="error" role="alert">{t("setup.noToken")}</p>}
      <form class="form narrow" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={general} fields={["organisation", "name", "email", "password"]} />
        <Field id="setup-organisation" label={t("setup.organisation")} required value={organisation} onValue={setOrganisation} error={fieldError(e, "organisation")} autoComplete="organization" />
        <Field id="setup-name" label={t("setup.name")} required value={name} onValue={setName} error={fieldError(e, "name")} autoComplete="name" />
        <Field id="setup-email" label={t("account.email")} type="email" required value={email} onValue={setEmail} error={fieldError(e, "email")} autoComplete="username" dir="ltr" />
        <Field id="setup-password" label={t("account.password")} type="password" required value={password} onValue={setPassword} error={fieldError(e, "password")}
          autoComplete="new-password" hint={t("account.passwordRule")} minLength={12} dir="ltr" />
        <p><button class="primary" type="submit" disabled={form.busy || !token}>{t("setup.submit")}</button></p>
      </form>
      <p class="muted"><a href="/login">{t("setup.haveAccount")}</a></p>
    </div>
  );
}
