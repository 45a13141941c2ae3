import { useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { send, type Session } from "./session.js";
import { Field, fieldError, FormProblem, formatDate, Guard, onSubmit, Show, useResource, useSubmit } from "./ui.js";

const roles = ["viewer", "analyst", "coordinator", "trainer", "admin", "oversight"] as const;
interface Organisation { id: string; name: string; created_at: string }
interface Account { id: string; email: string; name: string; organisation: string; roles: string[]; disabled_at: string | null; locked_until: string | null; created_at: string }

export function Admin() {
  useTitle(t("admin.title"));
  return <Guard permission="users.manage" title={t("admin.title")}>{(s) => <AdminView session={s} />}</Guard>;
}

function AdminView({ session }: { session: Session }) {
  const [orgs, reloadOrgs] = useResource<{ items: Organisation[] }>("/api/v1/organisations");
  const [users, reloadUsers] = useResource<{ items: Account[] }>("/api/v1/users");
  const orgName = (id: string) => (orgs.state === "ready" ? orgs.data.items.find((o) => o.id === id)?.name : undefined) ?? id;
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p class="lead">{t("admin.lead", { organisation: orgName(session.user.organisation) })}</p>
      <section aria-labelledby="users-title">
        <h2 id="users-title">{t("admin.users")}</h2>
        <Show value={users}>{(d) => <UserTable users={d.items} me={session.user.id} onChange={reloadUsers} />}</Show>
        <NewUser organisations={orgs.state === "ready" ? orgs.data.items : []} myOrg={session.user.organisation} onCreated={reloadUsers} />
      </section>
      <section aria-labelledby="orgs-title">
        <h2 id="orgs-title">{t("admin.organisations")}</h2>
        <Show value={orgs}>
          {(d) => (
            <table>
              <thead><tr><th scope="col">{t("admin.orgName")}</th><th scope="col">{t("admin.orgId")}</th><th scope="col">{t("admin.created")}</th></tr></thead>
              <tbody>
                {d.items.map((o) => <tr key={o.id}><th scope="row"><bdi>{o.name}</bdi></th><td><code dir="ltr">{o.id}</code></td><td>{formatDate(o.created_at)}</td></tr>)}
              </tbody>
            </table>
          )}
        </Show>
        {session.permissions.includes("organisations.manage") && <NewOrganisation onCreated={reloadOrgs} />}
      </section>
    </>
  );
}

function UserTable({ users, me, onChange }: { users: Account[]; me: string; onChange: () => void }) {
  const toggle = useSubmit(async (u: Account) => {
    await send("PATCH", `/api/v1/users/${encodeURIComponent(u.id)}`, { disabled: !u.disabled_at });
    onChange();
  });
  const status = (u: Account) => u.disabled_at ? t("admin.disabled") : u.locked_until && new Date(u.locked_until) > new Date() ? t("admin.locked") : t("admin.active");
  return (
    <>
      <FormProblem error={toggle.error} />
      <div class="table-wrap" role="region" aria-labelledby="users-title" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th><th scope="col">{t("account.email")}</th><th scope="col">{t("admin.userId")}</th>
              <th scope="col">{t("admin.roles")}</th><th scope="col">{t("admin.status")}</th><th scope="col"><span class="visually-hidden">{t("ws.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} class={u.disabled_at ? "revoked" : undefined}>
                <th scope="row"><bdi>{u.name}</bdi></th>
                <td><bdi>{u.email}</bdi></td>
                <td><code dir="ltr">{u.id}</code></td>
                <td>{u.roles.map((r) => t(`role.${r}`)).join(", ")}</td>
                <td>{status(u)}</td>
                <td>
                  {u.id !== me && (
                    <button type="button" class={u.disabled_at ? undefined : "danger"} disabled={toggle.busy} onClick={() => toggle.run(u)}>
                      {u.disabled_at ? t("admin.enable") : t("admin.disable")}<span class="visually-hidden"> {u.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function NewUser({ organisations, myOrg, onCreated }: { organisations: Organisation[]; myOrg: string; onCreated: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [organisation, setOrganisation] = useState(myOrg);
  const [chosen, setChosen] = useState<string[]>(["analyst"]);
  const [password, setPassword] = useState("");
  const [done, setDone] = useState("");
  const form = useSubmit(async () => {
    setDone("");
    const u = await send<{ name: string }>("POST", "/api/v1/users", { email, name, organisation, roles: chosen, password });
    setDone(t("admin.userCreated", { name: u.name }));
    // A fresh form for the next account: the roles and organisation chosen for this one do not carry over.
    setEmail(""); setName(""); setPassword(""); setChosen(["analyst"]); setOrganisation(myOrg);
    onCreated();
  });
  const e = form.error;
  const rolesError = fieldError(e, "roles");
  const orgError = fieldError(e, "organisation");
  return (
    <div class="panel">
      <h3>{t("admin.newUser")}</h3>
      <form class="form" noValidate onSubmit={onSubmit(() => form.run())}>
        <FormProblem error={e} fields={["email", "name", "organisation", "roles", "password"]} />
        <div class="row">
          <Field id="user-name" label={t("admin.name")} required value={name} onValue={setName} error={fieldError(e, "name")} autoComplete="off" />
          <Field id="user-email" label={t("account.email")} type="email" required value={email} onValue={setEmail} error={fieldError(e, "email")} autoComplete="off" dir="ltr" />
        </div>
        <div class="field">
          <label for="user-organisation">{t("admin.organisation")}</label>
          <p id="user-organisation-hint" class="hint">{t("admin.organisationHint")}</p>
          <select id="user-organisation" value={organisation} onChange={(ev) => setOrganisation(ev.currentTarget.value)}
            aria-describedby={["user-organisation-hint", orgError ? "user-organisation-error" : ""].filter(Boolean).join(" ")} aria-invalid={orgError ? "true" : undefined}>
            {organisations.length === 0 && <option value={myOrg}>{myOrg}</option>}
            {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          {orgError && <p id="user-organisation-error" class="field-error" role="alert">{orgError}</p>}
        </div>
        <fieldset class="field" aria-describedby={rolesError ? "user-roles-error" : undefined}>
          <legend>{t("admin.roles")}</legend>
          <ul class="checks">
            {roles.map((r) => (
              <li key={r}>
                <label>
                  <input type="checkbox" checked={chosen.includes(r)} onChange={(ev) => setChosen(ev.currentTarget.checked ? [...chosen, r] : chosen.filter((x) => x !== r))} />
                  {" "}<strong>{t(`role.${r}`)}</strong> <span class="muted">— {t(`roleHint.${r}`)}</span>
                </label>
              </li>
            ))}
          </ul>
          {rolesError && <p id="user-roles-error" class="field-error" role="alert">{rolesError}</p>}
        </fieldset>
        <Field id="user-password" label={t("admin.initialPassword")} type="password" required value={password} onValue={setPassword}
          error={fieldError(e, "password")} hint={t("account.passwordRule")} autoComplete="new-password" dir="ltr" />
        <p><button class="primary" type="submit" disabled={form.busy}>{t("admin.createUser")}</button></p>
        <p class="ok" role="status">{done}</p>
      </form>
    </div>
  );
}

function NewOrganisation({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const form = useSubmit(async () => {
    await send("POST", "/api/v1/organisations", { name });
    setName("");
    onCreated();
  });
  return (
    <div class="panel">
      <h3>{t("admin.newOrganisation")}</h3>
      <form class="form narrow" noValidate onSubmit={onSubmit(() => form.run())}>
        <FormProblem error={form.error} fields={["name"]} />
        <Field id="org-name" label={t("admin.orgName")} required value={name} onValue={setName} error={fieldError(form.error, "name")} />
        <p><button class="primary" type="submit" disabled={form.busy}>{t("admin.createOrganisation")}</button></p>
      </form>
    </div>
  );
}
