/** Building blocks shared by the platform pages: guarded pages, fields with their errors, TLP badges. */
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { i18next, t } from "../i18n.js";
import { ReasonDialog } from "./ReasonDialog.js";
import { getJson, hasPermission, ProblemError, useSession, type Session } from "./session.js";

export const markings = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export type Marking = (typeof markings)[number];
/** Translation key fragment of a marking ("AMBER+STRICT" -> "amberStrict"). */
export const markingKey = (m: string) => ({ CLEAR: "clear", GREEN: "green", AMBER: "amber", "AMBER+STRICT": "amberStrict", RED: "red" })[m] ?? "clear";
export const markingRank = (m: string) => markings.indexOf(m as Marking);

export function TlpBadge({ marking }: { marking: string }) {
  return <span class={`tlp tlp-${markingKey(marking)}`} dir="ltr">TLP:{marking}</span>;
}

/** An id shown short (the first 8 characters), read out in full by screen readers, kept left to right. */
export function ShortId({ id }: { id: string }) {
  return <bdi class="id" title={id}><span aria-hidden="true">{id.length > 10 ? `${id.slice(0, 8)}…` : id}</span><span class="visually-hidden">{id}</span></bdi>;
}

let orgNames: Promise<Map<string, string>> | null = null;
/** Organisation names by id (the API gives ids in several places); loaded once per page load. */
export function useOrganisationNames(): (id: string) => string {
  const [names, setNames] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    orgNames ??= getJson<{ items: { id: string; name: string }[] }>("/api/v1/organisations")
      .then((r) => new Map(r.items.map((o) => [o.id, o.name])))
      .catch(() => { orgNames = null; return new Map<string, string>(); });
    let live = true;
    orgNames.then((m) => live && setNames(m));
    return () => { live = false; };
  }, []);
  return (id: string) => names?.get(id) ?? id;
}

export function formatDate(value: string | null | undefined, withTime = false): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString(i18next.language, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" });
}

/** The account's roles, named in the reader's language. */
export const rolesText = (session: Session) => session.user.roles.map((r) => t(`role.${r}`)).join(", ");

/** Renders the page only for a signed-in user holding the permission; otherwise says why not. */
export function Guard({ permission, title, children }: { permission?: string; title: string; children: (session: Session) => ComponentChildren }) {
  const s = useSession();
  if (s.state === "loading") return <><h1>{title}</h1><p class="muted" role="status">{t("common.loading")}</p></>;
  if (s.state === "anonymous") {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <>
        <h1>{title}</h1>
        <p>{t("account.signInNeeded")}</p>
        <p><a class="button primary" href={`/login?next=${next}`}>{t("account.signIn")}</a></p>
      </>
    );
  }
  if (permission && !hasPermission(s, permission)) {
    // Say why: which roles the account holds, and for records what would let it in.
    const why = permission === "records.read" ? t("ws.noReadRole", { roles: rolesText(s.session) }) : t("account.notAllowed");
    return <><h1>{title}</h1><p role="alert" class="error">{why}</p></>;
  }
  return <div class="platform"><ReasonDialog />{children(s.session)}</div>;
}

/** The message to show for a failed request. */
export function problemText(e: unknown): string {
  if (e instanceof ProblemError) {
    if (e.status === 0) return t("form.network");
    if (e.status === 401) return t("account.sessionEnded");
    if (e.status === 403) return e.message || t("account.notAllowed");
    if (e.status === 404) return t("form.notFound");
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The errors of a failed form that no field on the form shows, announced as an alert. */
export function FormProblem({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  const shown = error instanceof ProblemError && error.errors.length > 0 && error.errors.every((p) => fields.some((f) => p.param === f || p.param.startsWith(`${f}.`)));
  if (shown) return null;
  return <p class="error form-problem" role="alert">{problemText(error)}</p>;
}

export const fieldError = (error: unknown, param: string) => (error instanceof ProblemError ? error.field(param) : undefined);

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: ComponentChildren;
  hintClass?: string;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  multiline?: boolean;
  minLength?: number;
  extraDescribedBy?: string;
  dir?: "auto" | "ltr";
}

/** A labelled input whose hint and error are tied to it, the error announced when it appears. */
export function Field(p: FieldProps) {
  const describedBy = [p.hint ? `${p.id}-hint` : "", p.error ? `${p.id}-error` : "", p.extraDescribedBy ?? ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id: p.id, name: p.id, value: p.value, required: p.required, "aria-invalid": p.error ? ("true" as const) : undefined,
    "aria-describedby": describedBy, dir: p.dir ?? "auto",
    onInput: (e: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => p.onValue(e.currentTarget.value),
  };
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? <p id={`${p.id}-hint`} class={`hint ${p.hintClass ?? ""}`}>{p.hint}</p> : null}
      {p.multiline
        ? <textarea {...common} rows={5} />
        : <input {...common} type={p.type ?? "text"} autoComplete={p.autoComplete} minLength={p.minLength} />}
      {p.error ? <p id={`${p.id}-error`} class="field-error" role="alert">{p.error}</p> : null}
    </div>
  );
}

export type Loaded<T> = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; data: T };

/** Loads a platform resource; `reload()` fetches it again (after a change). */
export function useResource<T>(url: string | null, refresh = 0): [Loaded<T>, () => void] {
  const [value, setValue] = useState<Loaded<T>>({ state: "loading" });
  const [version, setVersion] = useState(0);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    // A new address shows "loading"; a reload of the same one keeps the old data until the new arrives.
    if (shown.current !== url) setValue({ state: "loading" });
    shown.current = url;
    getJson<T>(url).then((data) => live && setValue({ state: "ready", data }), (error) => live && setValue({ state: "error", error }));
    return () => { live = false; };
  }, [url, version, refresh]);
  return [value, () => setVersion((n) => n + 1)];
}

export function Show<T>({ value, children }: { value: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (value.state === "loading") return <p class="muted" role="status">{t("common.loading")}</p>;
  if (value.state === "error") return <p class="error" role="alert">{problemText(value.error)}</p>;
  return <>{children(value.data)}</>;
}

/** Runs a form's submit: tracks busy state and keeps the error for the fields to show. */
export function useSubmit<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (...args: A) => {
    // The submit button is disabled while busy, and a focused element that is disabled drops
    // focus to the page body; once done, focus goes back to where it was (on an error the
    // form's problem summary takes it instead).
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    let failed = false;
    setBusy(true);
    setError(null);
    try { await action(...args); } catch (e) { failed = true; setError(e); } finally { setBusy(false); }
    if (!failed && before) {
      setTimeout(() => {
        if (before.isConnected && (document.activeElement === document.body || document.activeElement === null)) before.focus();
      }, 0);
    }
  };
  return { busy, error, run, setError };
}

export const onSubmit = (fn: () => void) => (e: Event) => { e.preventDefault(); fn(); };
