/**
 * The signed-in user's API tokens on the Account page: the list (what each may do, in which
 * workspaces, by name), a form to create one for a TAXII 2.1 client such as MISP or OpenCTI
 * (decision 0033), the secret shown once with the discovery address, and revocation.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { i18next, t } from "../i18n.js";
import { send, type Session } from "./session.js";
import { Field, fieldError, FormProblem, formatDate, onSubmit, Show, useResource, useSubmit } from "./ui.js";

interface Token { id: string; name: string; scopes: string[]; workspaces: string[] | null; created_at: string; revoked_at: string | null; last_used_at: string | null }
interface Created { id: string; name: string; token: string }
type Access = "read" | "readWrite";

/** The scopes a token needs for each choice of the form. */
const scopesOf: Record<Access, string[]> = { read: ["records.read"], readWrite: ["records.read", "records.write"] };

/** What a token may do, in words: read, read and write, write, and any other permission it carries. */
function accessText(scopes: string[]): string {
  const read = scopes.includes("records.read");
  const write = scopes.includes("records.write");
  const parts = [read && write ? t("account.tokens.readWrite") : read ? t("account.tokens.read") : write ? t("account.tokens.write") : ""];
  const other = scopes.filter((s) => s !== "records.read" && s !== "records.write");
  if (other.length) parts.push(t("account.tokens.other", { list: other.join(", ") }));
  return parts.filter(Boolean).join(" · ");
}

export function ApiTokens({ session }: { session: Session }) {
  const canRead = session.permissions.includes("records.read");
  const [tokens, reload] = useResource<{ items: Token[] }>("/api/v1/tokens");
  // Workspaces by name (never show a raw id); only readers have workspaces to list.
  const [workspaces] = useResource<{ items: { id: string; name: string }[] }>(canRead ? "/api/v1/workspaces" : null);
  const mine = workspaces.state === "ready" ? workspaces.data.items : [];
  const discovery = `${location.origin}/taxii2/`;
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t("account.tokens.title")}</h2>
      <p>{t("account.tokens.lead")}</p>
      <CopyField id="taxii-discovery" label={t("account.tokens.discovery")} hint={t("account.tokens.discoveryHint")} value={discovery} copyLabel={t("account.tokens.copyAddress")} />
      <h3 id="tokens-mine">{t("account.tokens.yours")}</h3>
      <Show value={tokens}>{(d) => <TokenTable tokens={d.items} workspaces={mine} onChange={reload} />}</Show>
      <NewToken session={session} workspaces={workspaces.state === "ready" || !canRead ? mine : null} discovery={discovery} onCreated={reload} />
    </section>
  );
}

function TokenTable({ tokens, workspaces, onChange }: { tokens: Token[]; workspaces: { id: string; name: string }[]; onChange: () => void }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const revoke = useSubmit(async (tok: Token) => {
    setDone("");
    await send("DELETE", `/api/v1/tokens/${encodeURIComponent(tok.id)}`);
    setConfirming(null);
    setDone(t("account.tokens.revoked", { name: tok.name }));
    onChange();
  });
  const names = new Map(workspaces.map((w) => [w.id, w.name]));
  const where = (tok: Token) => {
    if (!tok.workspaces) return t("account.tokens.allWorkspaces");
    const known = tok.workspaces.filter((id) => names.has(id)).map((id) => names.get(id)!);
    // A workspace the user has left (or cannot list) is named as such, never by its id.
    if (known.length < tok.workspaces.length) known.push(t("account.tokens.formerWorkspace"));
    // Listed the reader's way (", " or "، " or "、"), each name isolated for mixed scripts.
    return new Intl.ListFormat(i18next.language, { type: "unit", style: "short" }).formatToParts(known)
      .map((part, i) => (part.type === "element" ? <bdi key={i}>{part.value}</bdi> : part.value));
  };
  if (tokens.length === 0) return <><p class="muted">{t("account.tokens.none")}</p><p class="ok" role="status">{done}</p></>;
  return (
    <>
      <FormProblem error={revoke.error} />
      <div class="table-wrap" role="region" aria-labelledby="tokens-mine" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("account.tokens.name")}</th><th scope="col">{t("account.tokens.access")}</th>
              <th scope="col">{t("account.tokens.workspaces")}</th><th scope="col">{t("account.tokens.created")}</th>
              <th scope="col">{t("account.tokens.lastUsed")}</th><th scope="col">{t("account.tokens.status")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tok) => (
              <tr key={tok.id} class={tok.revoked_at ? "revoked" : undefined}>
                <th scope="row"><bdi>{tok.name}</bdi></th>
                <td>{accessText(tok.scopes)}</td>
                <td>{where(tok)}</td>
                <td>{formatDate(tok.created_at, true)}</td>
                <td>{tok.last_used_at ? formatDate(tok.last_used_at, true) : t("account.tokens.never")}</td>
                <td>
                  {tok.revoked_at ? t("account.tokens.revokedOn", { date: formatDate(tok.revoked_at, true) })
                    : confirming === tok.id ? (
                      <div class="actions" role="group" aria-label={t("account.tokens.revokeYes")}>
                        <span>{t("account.tokens.revokeConfirm", { name: tok.name })}</span>
                        <button type="button" class="danger" disabled={revoke.busy} onClick={() => revoke.run(tok)}>{t("account.tokens.revokeYes")}</button>
                        <button type="button" onClick={() => setConfirming(null)}>{t("form.cancel")}</button>
                      </div>
                    ) : (
                      <button type="button" class="danger" onClick={() => { setDone(""); setConfirming(tok.id); }}>
                        {t("account.tokens.revoke")}<span class="visually-hidden"> <bdi>{tok.name}</bdi></span>
                      </button>
                    )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="ok" role="status">{done}</p>
    </>
  );
}

/** `workspaces`: the user's workspaces by name, or null while they load. */
function NewToken({ session, workspaces, discovery, onCreated }: { session: Session; workspaces: { id: string; name: string }[] | null; discovery: string; onCreated: () => void }) {
  const perms = session.permissions;
  // Only what the account itself may do is offered (the server refuses the rest).
  const offered: Access[] = [
    ...(perms.includes("records.read") ? ["read" as const] : []),
    ...(perms.includes("records.read") && perms.includes("records.write") ? ["readWrite" as const] : []),
  ];
  const [name, setName] = useState("");
  const [access, setAccess] = useState<Access>("read");
  const [limited, setLimited] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [created, setCreated] = useState<Created | null>(null);
  const form = useSubmit(async () => {
    const body = { name, scopes: scopesOf[access], ...(limited ? { workspaces: chosen } : {}) };
    setCreated(await send<Created>("POST", "/api/v1/tokens", body));
    setName(""); setAccess("read"); setLimited(false); setChosen([]);
    onCreated();
  });
  if (created) return <CreatedToken created={created} discovery={discovery} onDone={() => setCreated(null)} />;
  if (offered.length === 0) return <p class="note">{t("account.tokens.accessNone")}</p>;
  const e = form.error;
  const accessError = fieldError(e, "scopes");
  const wsError = fieldError(e, "workspaces");
  return (
    <div class="panel">
      <h3>{t("account.tokens.create")}</h3>
      <form class="form" noValidate onSubmit={onSubmit(() => form.run())}>
        <FormProblem error={e} fields={["name", "scopes", "workspaces"]} />
        <Field id="token-name" label={t("account.tokens.name")} hint={t("account.tokens.nameHint")} required value={name} onValue={setName} error={fieldError(e, "name")} autoComplete="off" />
        <fieldset class="field" aria-describedby={accessError ? "token-access-error" : undefined}>
          <legend>{t("account.tokens.access")}</legend>
          <ul class="checks plan-radios">
            {offered.map((a) => (
              <li key={a}>
                <label>
                  <input type="radio" name="token-access" value={a} checked={access === a} onChange={() => setAccess(a)} />
                  <span><strong>{t(`account.tokens.${a}`)}</strong> <span class="muted">— {t(`account.tokens.${a}Hint`)}</span></span>
                </label>
              </li>
            ))}
          </ul>
          {accessError && <p id="token-access-error" class="field-error" role="alert">{accessError}</p>}
        </fieldset>
        <fieldset class="field" aria-describedby={wsError ? "token-workspaces-error" : undefined}>
          <legend>{t("account.tokens.workspaces")}</legend>
          <ul class="checks plan-radios">
            <li><label><input type="radio" name="token-scope" checked={!limited} onChange={() => setLimited(false)} /> <span>{t("account.tokens.scopeAll")}</span></label></li>
            <li>
              <label><input type="radio" name="token-scope" checked={limited} disabled={!workspaces?.length} onChange={() => setLimited(true)} /> <span>{t("account.tokens.scopeSome")}</span></label>
              {limited && workspaces && workspaces.length > 0 && (
                <ul class={`checks${workspaces.length > 8 ? " long" : ""}`} aria-label={t("account.tokens.scopeSome")} style={{ paddingInlineStart: "1.6rem" }}>
                  {workspaces.map((w) => (
                    <li key={w.id}>
                      <label>
                        <input type="checkbox" checked={chosen.includes(w.id)} onChange={(ev) => setChosen(ev.currentTarget.checked ? [...chosen, w.id] : chosen.filter((x) => x !== w.id))} />
                        {" "}<bdi>{w.name}</bdi>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          </ul>
          {workspaces === null ? <p class="muted" role="status">{t("common.loading")}</p>
            : workspaces.length === 0 ? <p class="muted">{t("account.tokens.noWorkspaces")}</p> : null}
          {wsError && <p id="token-workspaces-error" class="field-error" role="alert">{wsError}</p>}
        </fieldset>
        <p><button class="primary" type="submit" disabled={form.busy}>{t("account.tokens.createButton")}</button></p>
      </form>
    </div>
  );
}

/** The new token's secret, shown this once, with the discovery address for the TAXII client. */
function CreatedToken({ created, discovery, onDone }: { created: Created; discovery: string; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen-reader and keyboard users land on the secret rather than on a form that went away.
  useEffect(() => { heading.current?.focus(); }, []);
  return (
    <div class="panel" aria-labelledby="token-new-title" role="region">
      <h3 id="token-new-title" ref={heading} tabIndex={-1}>{t("account.tokens.newTitle", { name: created.name })}</h3>
      <div class="warnings">
        <h4>{t("account.tokens.warningTitle")}</h4>
        <p>{t("account.tokens.newWarning")}</p>
      </div>
      <CopyField id="token-secret" label={t("account.tokens.secret")} value={created.token} copyLabel={t("account.tokens.copyToken")} />
      <CopyField id="token-discovery" label={t("account.tokens.discovery")} hint={t("account.tokens.discoveryHint")} value={discovery} copyLabel={t("account.tokens.copyAddress")} />
      <p><button type="button" class="primary" onClick={onDone}>{t("account.tokens.done")}</button></p>
    </div>
  );
}

/** A read-only value with a button that copies it; says whether the copy worked. */
function CopyField({ id, label, hint, value, copyLabel }: { id: string; label: string; hint?: string; value: string; copyLabel: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState("");
  const copy = async () => {
    setSaid("");
    try {
      // The clipboard API needs a secure context (https or localhost); otherwise the old way.
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(value);
      else {
        input.current?.select();
        if (!document.execCommand("copy")) throw new Error("copy");
      }
      setSaid(t("account.tokens.copied"));
    } catch {
      input.current?.select();
      setSaid(t("account.tokens.copyFailed"));
    }
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? <p id={`${id}-hint`} class="hint">{hint}</p> : null}
      <div class="actions">
        <input ref={input} id={id} readOnly value={value} dir="ltr" spellcheck={false} autoComplete="off" aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(ev) => ev.currentTarget.select()} style={{ fontFamily: "monospace", flex: "1 1 20rem" }} />
        <button type="button" onClick={() => void copy()}>{copyLabel}</button>
        <span role="status" class="ok">{said}</span>
      </div>
    </div>
  );
}
