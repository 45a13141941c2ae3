/** The alert inbox: what watch rules raised for you, newest first. */
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { send } from "../platform/session.js";
import { FormProblem, formatDate, Guard, Show, useResource, useSubmit } from "../platform/ui.js";
import { alertsChanged, enc, watchBase } from "./shared.js";

interface Alert { id: string; subject_id: string; message: string; language?: string; created_at: string; read_at: string | null; rule_id: string }

export function Alerts() {
  useTitle(t("watch.alerts.title"));
  return <Guard permission="records.read" title={t("watch.alerts.title")}>{() => <AlertsView />}</Guard>;
}

function AlertsView() {
  const [alerts, reload] = useResource<{ items: Alert[] }>(`${watchBase}/alerts`);
  const mark = useSubmit(async (ids: string[]) => {
    for (const id of ids) await send("POST", `${watchBase}/alerts/${enc(id)}/read`);
    reload();
    alertsChanged();
  });
  return (
    <>
      <h1>{t("watch.alerts.title")}</h1>
      <p class="lead">{t("watch.alerts.lead")}</p>
      <FormProblem error={mark.error} />
      <Show value={alerts}>
        {(d) => {
          const unread = d.items.filter((a) => !a.read_at);
          if (!d.items.length) return <p class="muted">{t("watch.alerts.none")}</p>;
          return (
            <>
              <p role="status">{t("watch.alerts.unread", { count: unread.length })}</p>
              {unread.length > 1 && <p><button type="button" disabled={mark.busy} onClick={() => mark.run(unread.map((a) => a.id))}>{t("watch.alerts.markAll")}</button></p>}
              <ul class="alerts">
                {d.items.map((a) => (
                  <li key={a.id} class={a.read_at ? "read" : "unread"}>
                    <p class="alert-meta">
                      {a.read_at ? <span class="muted">{t("watch.alerts.read")}</span> : <strong class="new">{t("watch.alerts.new")}</strong>}
                      {" · "}<time dateTime={a.created_at}>{formatDate(a.created_at, true)}</time>
                    </p>
                    <p class="alert-message" lang={a.language ?? "en"} dir="auto">{a.message}</p>
                    <p class="actions">
                      <a href={`/watch/subjects/${enc(a.subject_id)}`}>{t("watch.alerts.open")}</a>
                      {!a.read_at && <button type="button" disabled={mark.busy} onClick={() => mark.run([a.id])}>{t("watch.alerts.markRead")}</button>}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </Show>
    </>
  );
}
