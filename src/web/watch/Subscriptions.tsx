/**
 * A workspace's subscriptions to remote TAXII 2.1 collections (decision 0034): each with its last
 * pull (when, how it went, what it brought, why it was refused), pull now, end; and a form to
 * subscribe to a national node, a regional hub, MISP or OpenCTI.
 */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { ProblemError, send } from "../platform/session.js";
import { Field, fieldError, formatDate, FormProblem, onSubmit, Show, useResource, useSubmit } from "../platform/ui.js";
import { enc } from "./shared.js";

interface Subscription {
  id: string; title: string; collection_url: string; has_token: boolean; interval_minutes: number; marking: string;
  last_pull_at: string | null; last_status: "ok" | "quarantined" | "unreachable" | "failed" | null;
  last_counts: { create: number; keep: number; skip: number } | null; last_errors: { param: string; message: string }[] | null; next_pull_at: string;
}
const markings = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT"] as const;

/** Where a collection lives, as a reader recognises it: its host. */
const hostOf = (url: string) => { try { return new URL(url).host; } catch { return url; } };

export function Subscriptions({ ws, canWrite, onPulled }: { ws: string; canWrite: boolean; onPulled: () => void }) {
  const [list, reload] = useResource<{ items: Subscription[] }>(`/api/v1/stix/workspaces/${enc(ws)}/subscriptions`);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  const act = async (s: Subscription, what: "pull" | "remove") => {
    setBusy(s.id); setRowError(null);
    try {
      if (what === "pull") await send("POST", `/api/v1/stix/subscriptions/${enc(s.id)}/pull`);
      else await send("DELETE", `/api/v1/stix/subscriptions/${enc(s.id)}`);
      reload(); onPulled();
    } catch (e) {
      setRowError({ id: s.id, text: e instanceof ProblemError && e.status > 0 ? e.message : t("form.network") });
    } finally { setBusy(null); }
  };
  return (
    <section aria-labelledby="w-subs">
      <h3 id="w-subs">{t("watch.subs.title")}</h3>
      <p class="hint">{t("watch.subs.lead")}</p>
      <Show value={list}>
        {(d) => d.items.length ? (
          <ul class="subs">
            {d.items.map((s) => (
              <li key={s.id} class="card">
                <h4><bdi>{s.title}</bdi> <span class="muted small">· <bdi dir="ltr">{hostOf(s.collection_url)}</bdi></span></h4>
                <p class="small">{t("watch.subs.every", { count: s.interval_minutes })} · TLP:{s.marking}</p>
                <p role="status">
                  {s.last_pull_at ? <>{t("watch.subs.last", { at: formatDate(s.last_pull_at, true) })} — <strong>{t(`watch.subs.status.${s.last_status ?? "failed"}`)}</strong></> : t("watch.subs.never")}
                  {s.last_status === "ok" && s.last_counts ? <> · {t("watch.stix.summary", s.last_counts)}</> : null}
                </p>
                {s.last_errors?.length ? <ul class="error">{s.last_errors.map((e, i) => <li key={i}>{e.message}</li>)}</ul> : null}
                {canWrite ? (
                  <p class="actions">
                    <button type="button" disabled={busy !== null} onClick={() => act(s, "pull")}>{t("watch.subs.pull")}</button>
                    <button type="button" disabled={busy !== null} onClick={() => act(s, "remove")}>{t("watch.subs.remove")}</button>
                  </p>
                ) : null}
                {rowError?.id === s.id ? <p class="error" role="alert">{rowError.text}</p> : null}
              </li>
            ))}
          </ul>
        ) : <p class="muted">{t("watch.subs.none")}</p>}
      </Show>
      {canWrite ? <SubscribeForm ws={ws} onDone={reload} /> : null}
    </section>
  );
}

function SubscribeForm({ ws, onDone }: { ws: string; onDone: () => void }) {
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [token, setToken] = useState("");
  const [every, setEvery] = useState("60");
  const [marking, setMarking] = useState("AMBER");
  const [done, setDone] = useState("");
  const submit = useSubmit(async () => {
    setDone("");
    await send("POST", `/api/v1/stix/workspaces/${enc(ws)}/subscriptions`, {
      title, collection_url: url, ...(token ? { token } : {}), interval_minutes: Number(every), marking,
    });
    setDone(t("watch.subs.added", { title }));
    setTitle(""); setUrl(""); setToken("");
    onDone();
  });
  return (
    <form class="form" onSubmit={onSubmit(submit.run)} noValidate aria-labelledby="w-subs-add">
      <h4 id="w-subs-add">{t("watch.subs.add")}</h4>
      <Field id="sub-title" label={t("watch.subs.name")} required value={title} onValue={setTitle} error={fieldError(submit.error, "title")} />
      <Field id="sub-url" label={t("watch.subs.url")} hint={t("watch.subs.urlHint")} required value={url} onValue={setUrl} dir="ltr" error={fieldError(submit.error, "collection_url")} />
      <Field id="sub-token" label={t("watch.subs.token")} hint={t("watch.subs.tokenHint")} value={token} onValue={setToken} dir="ltr" error={fieldError(submit.error, "token")} />
      <Field id="sub-interval" label={t("watch.subs.interval")} type="number" value={every} onValue={setEvery} error={fieldError(submit.error, "interval_minutes")} />
      <div class="field">
        <label for="sub-marking">{t("watch.stix.marking")}</label>
        <select id="sub-marking" value={marking} onChange={(e) => setMarking(e.currentTarget.value)}>
          {markings.map((m) => <option key={m} value={m}>TLP:{m}</option>)}
        </select>
      </div>
      <FormProblem error={submit.error} fields={["title", "collection_url", "token", "interval_minutes"]} />
      {done ? <p class="ok" role="status">{done}</p> : null}
      <p><button class="primary" type="submit" disabled={submit.busy}>{t("watch.subs.submit")}</button></p>
    </form>
  );
}
