/**
 * /join: how a participant or evaluator enters a live exercise from a phone, without an account.
 *
 * Step 1 asks for the join code, a pseudonym, the language and consent, and already posts them:
 * the server checks the code and the fields, and an evaluator code joins at once (evaluators have
 * no role). A participant code answers "choose a role or a table", which opens step 2: the
 * scenario's roles to pick from, named in the participant's language (asked of the server with the
 * join code: without a valid code there is no list), and/or the name of the table. A role's own
 * link /join?code=…&role=… skips this step and names the role.
 */
import type { InputHTMLAttributes } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { i18next, languages, setLanguage, type Language } from "../i18n.js";
import { navigate } from "../router.js";
import { ProblemError, send } from "../platform/session.js";
import { enc, joinedSessions, rememberJoin, type Joined } from "./shared.js";
import { tx, withStrings } from "./strings.js";

interface RoleChoice { id: string; name: string }
interface JoinAnswer { session: string; token: string; member: Joined["member"]; scenario: { id: string; title: string } }

function Input({ id, label, hint, error, value, onValue, ...rest }: { id: string; label: string; hint?: string; error?: string; value: string; onValue: (v: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "id">) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? <p id={`${id}-hint`} class="hint">{hint}</p> : null}
      <input id={id} name={id} value={value} onInput={(e) => onValue(e.currentTarget.value)} aria-describedby={described} aria-invalid={error ? "true" : undefined} {...rest} />
      {error ? <p id={`${id}-error`} class="field-error" role="alert">{error}</p> : null}
    </div>
  );
}

export function JoinPage({ query }: { query: URLSearchParams }) {
  useTitle(tx("join.title"));
  const [step, setStep] = useState<1 | 2>(1);
  const [code, setCode] = useState((query.get("code") ?? "").toUpperCase());
  const [pseudonym, setPseudonym] = useState("");
  const [consent, setConsent] = useState(false);
  const [role, setRole] = useState(query.get("role") ?? "");
  const [table, setTable] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const language = (languages.find((l) => l.code === i18next.language) ?? languages[0]).code;
  const fromLink = Boolean(query.get("role"));
  const earlier = joinedSessions();
  const [roles, setRoles] = useState<RoleChoice[] | null>(null);
  // The roles to pick from (step 2), or the name of the role a link carries, in the reader's language.
  useEffect(() => {
    if (step !== 2 && !fromLink) return;
    let live = true;
    send<{ roles: RoleChoice[] }>("POST", "/api/v1/exercises/join/roles", { code: code.trim().toUpperCase() })
      .then((r) => { if (live) setRoles(r.roles); }, () => { if (live) setRoles([]); });
    return () => { live = false; };
  }, [step, fromLink, language]);
  const roleName = roles?.find((r) => r.id === role)?.name;

  const post = async (withPlace: boolean) => {
    setErrors({});
    setProblem("");
    if (!consent) { setErrors({ consent: tx("join.consentNeeded") }); return; }
    const place = withPlace || fromLink ? { ...(role.trim() ? { role: role.trim() } : {}), ...(table.trim() ? { table: table.trim() } : {}) } : {};
    if (withPlace && !place.role && !place.table) { setErrors({ role: tx("join.placeNeeded") }); return; }
    setBusy(true);
    try {
      const r = await send<JoinAnswer>("POST", "/api/v1/exercises/join", { code: code.trim().toUpperCase(), pseudonym: pseudonym.trim(), language, consent: true, ...place });
      rememberJoin({ session: r.session, token: r.token, member: r.member, title: r.scenario.title });
      navigate(`/play/${enc(r.session)}`);
    } catch (e) {
      if (!(e instanceof ProblemError)) { setProblem(String(e)); return; }
      if (e.status === 0) { setProblem(tx("join.network")); return; }
      const byField = Object.fromEntries(e.errors.map((p) => [p.param, p.message]));
      if (step === 1 && !fromLink && e.status === 400 && e.errors.length === 1 && e.errors[0].param === "role") { setStep(2); return; }
      if (byField.code || byField.pseudonym || byField.consent || byField.language) setStep(1);
      setErrors(byField);
      if (!e.errors.length || e.errors.every((p) => !["code", "pseudonym", "consent", "role", "table", "language"].includes(p.param))) setProblem(e.status === 429 ? tx("join.tooMany") : e.message);
    } finally {
      setBusy(false);
    }
  };
  // Each step starts at its first field, for keyboard and screen-reader users.
  useEffect(() => { if (step === 2) (document.querySelector<HTMLInputElement>("#join-roles input:checked, #join-roles input") ?? document.getElementById("join-table"))?.focus(); }, [step, roles]);
  const submit = (e: Event) => { e.preventDefault(); void post(step === 2); };

  return (
    <div class="ex-phone">
      <h1>{tx("join.title")}</h1>
      <p class="lead">{tx("join.lead")}</p>
      {earlier.length > 0 && step === 1 ? (
        <ul class="ex-earlier">
          {earlier.map((j) => <li key={j.session}><a href={`/play/${enc(j.session)}`}>{tx("join.continue", { title: j.title, name: j.member.pseudonym })}</a></li>)}
        </ul>
      ) : null}
      <form class="form" onSubmit={submit} noValidate>
        {problem ? <p class="error form-problem" role="alert">{problem}</p> : null}
        {step === 1 ? (
          <>
            <Input id="join-code" label={tx("join.code")} hint={tx("join.codeHint")} error={errors.code} value={code} onValue={(v) => setCode(v.toUpperCase())}
              required autoComplete="off" autoCapitalize="characters" spellcheck={false} maxLength={40} dir="ltr" class="ex-code-input" />
            <Input id="join-pseudonym" label={tx("join.pseudonym")} hint={tx("join.pseudonymHint")} error={errors.pseudonym} value={pseudonym} onValue={setPseudonym}
              required autoComplete="off" maxLength={40} dir="auto" />
            <div class="field">
              <label for="join-language">{tx("join.language")}</label>
              <select id="join-language" value={language} onChange={async (e) => {
                await setLanguage(e.currentTarget.value as Language);
                dispatchEvent(new Event("nexus:navigate")); // re-renders the header's language menu too
              }}>
                {languages.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
              </select>
            </div>
            <div class="field ex-consent">
              <h2 class="ex-consent-title" id="join-consent-title">{tx("join.consentTitle")}</h2>
              <ul id="join-consent-text">
                <li>{tx("join.consent1")}</li>
                <li>{tx("join.consent2")}</li>
                <li>{tx("join.consent3")}</li>
              </ul>
              <label class="check ex-check">
                <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)}
                  aria-describedby={`join-consent-text${errors.consent ? " join-consent-error" : ""}`} aria-invalid={errors.consent ? "true" : undefined} />
                <span>{tx("join.consent")}</span>
              </label>
              {errors.consent ? <p id="join-consent-error" class="field-error" role="alert">{errors.consent}</p> : null}
            </div>
            {fromLink && roleName ? <p class="note">{tx("join.roleFromLink", { role: roleName })}</p> : null}
            {fromLink && errors.role ? <p class="field-error" role="alert">{errors.role}</p> : null}
          </>
        ) : (
          <fieldset class="field ex-place">
            <legend><h2 class="ex-legend-h">{tx("join.placeTitle")}</h2></legend>
            <p class="hint">{tx("join.placeLead", { name: pseudonym.trim() })}</p>
            <fieldset id="join-roles" class="field ex-roles" aria-describedby={errors.role ? "join-role-error" : "join-role-hint"}>
              <legend>{tx("join.role")}</legend>
              <p id="join-role-hint" class="hint">{tx("join.roleHint")}</p>
              {roles === null ? <p class="muted" role="status">{tx("join.rolesLoading")}</p> : (
                <ul class="ex-role-list">
                  {roles.map((r) => (
                    <li key={r.id}><label class="check ex-check"><input type="radio" name="join-role" value={r.id} checked={role === r.id} onChange={() => setRole(r.id)} /> <span dir="auto">{r.name}</span></label></li>
                  ))}
                  <li><label class="check ex-check"><input type="radio" name="join-role" value="" checked={role === ""} onChange={() => setRole("")} /> <span>{tx("join.noRole")}</span></label></li>
                </ul>
              )}
              {errors.role ? <p id="join-role-error" class="field-error" role="alert">{errors.role}</p> : null}
            </fieldset>
            <Input id="join-table" label={tx("join.table")} hint={tx("join.tableHint")} error={errors.table} value={table} onValue={setTable}
              autoComplete="off" maxLength={40} dir="auto" />
            <p><button type="button" class="link" onClick={() => setStep(1)}>{tx("join.back")}</button></p>
          </fieldset>
        )}
        <p><button type="submit" class="primary ex-big-button" disabled={busy}>{busy ? tx("join.joining") : step === 1 && !fromLink ? tx("join.next") : tx("join.submit")}</button></p>
      </form>
    </div>
  );
}

/** The page with its strings, for app.tsx. */
export const load = () => withStrings(["join"], JoinPage);
