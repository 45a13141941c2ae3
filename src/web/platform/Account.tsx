/** The signed-in user's own account: change the password, turn the TOTP second factor on or off (decision 0013), API tokens for TAXII clients (decision 0033). */
import qrcode from "qrcode-generator";
import { useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { ApiTokens } from "./ApiTokens.js";
import { send, type Session } from "./session.js";
import { Field, fieldError, FormProblem, Guard, onSubmit, Show, useResource, useSubmit } from "./ui.js";

export function Account() {
  useTitle(t("account.pageTitle"));
  return <Guard title={t("account.pageTitle")}>{(s) => <AccountView session={s} />}</Guard>;
}

function AccountView({ session }: { session: Session }) {
  const [me, reload] = useResource<{ totp: boolean }>("/api/v1/auth/me");
  return (
    <>
      <h1>{t("account.pageTitle")}</h1>
      <p class="lead"><bdi>{session.user.name}</bdi> · <bdi dir="ltr">{session.user.email}</bdi></p>
      <ChangePassword />
      <section aria-labelledby="totp-title">
        <h2 id="totp-title">{t("account.totpTitle")}</h2>
        <Show value={me}>{(d) => (d.totp ? <TotpOff onDone={reload} /> : <TotpOn onDone={reload} />)}</Show>
      </section>
      {session.permissions.includes("tokens.own") && <ApiTokens session={session} />}
    </>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [done, setDone] = useState(false);
  const form = useSubmit(async () => {
    setDone(false);
    await send("POST", "/api/v1/auth/password", { current_password: current, new_password: next });
    setCurrent(""); setNext(""); setDone(true);
  });
  const e = form.error;
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t("account.changePassword")}</h2>
      <form class="form narrow" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["current_password", "new_password"]} />
        <Field id="pw-current" label={t("account.currentPassword")} type="password" autoComplete="current-password" required value={current} onValue={setCurrent} error={fieldError(e, "current_password")} dir="ltr" />
        <Field id="pw-new" label={t("account.newPassword")} type="password" autoComplete="new-password" required value={next} onValue={setNext} error={fieldError(e, "new_password")} hint={t("account.passwordRule")} dir="ltr" />
        <p><button class="primary" type="submit" disabled={form.busy}>{t("account.changePassword")}</button></p>
        {done && <p class="note" role="status">{t("account.passwordChanged")}</p>}
      </form>
    </section>
  );
}

/** Enrolment in two steps: a new secret (QR code and key to type), then a code from the app confirms it. */
function TotpOn({ onDone }: { onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState("");
  const start = useSubmit(async () => setEnrolment(await send<{ secret: string; uri: string }>("POST", "/api/v1/auth/totp")));
  const confirm = useSubmit(async () => {
    await send("POST", "/api/v1/auth/totp/confirm", { code });
    onDone();
  });
  if (!enrolment) {
    return (
      <>
        <p>{t("account.totpOffText")}</p>
        <FormProblem error={start.error} />
        <p><button type="button" class="primary" disabled={start.busy} onClick={() => start.run()}>{t("account.totpStart")}</button></p>
      </>
    );
  }
  const qr = qrcode(0, "M");
  qr.addData(enrolment.uri);
  qr.make();
  return (
    <form class="form narrow" onSubmit={onSubmit(() => confirm.run())} noValidate>
      <p>{t("account.totpScan")}</p>
      <p><img src={qr.createDataURL(4, 2)} alt={t("account.totpQrAlt")} /></p>
      <p>{t("account.totpKey")} <code dir="ltr" class="secret">{enrolment.secret.match(/.{1,4}/g)!.join(" ")}</code></p>
      <FormProblem error={confirm.error} fields={["code"]} />
      <Field id="totp-code" label={t("account.totpCode")} autoComplete="one-time-code" required value={code} onValue={setCode} error={fieldError(confirm.error, "code")} dir="ltr" />
      <p><button class="primary" type="submit" disabled={confirm.busy}>{t("account.totpConfirm")}</button></p>
    </form>
  );
}

function TotpOff({ onDone }: { onDone: () => void }) {
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const form = useSubmit(async () => {
    await send("POST", "/api/v1/auth/totp/disable", { current_password: password, code });
    onDone();
  });
  const e = form.error;
  return (
    <form class="form narrow" onSubmit={onSubmit(() => form.run())} noValidate>
      <p>{t("account.totpOnText")}</p>
      <FormProblem error={e} fields={["current_password", "code"]} />
      <Field id="totp-off-password" label={t("account.currentPassword")} type="password" autoComplete="current-password" required value={password} onValue={setPassword} error={fieldError(e, "current_password")} dir="ltr" />
      <Field id="totp-off-code" label={t("account.totpCode")} autoComplete="one-time-code" required value={code} onValue={setCode} error={fieldError(e, "code")} dir="ltr" />
      <p><button class="danger" type="submit" disabled={form.busy}>{t("account.totpDisable")}</button></p>
    </form>
  );
}
