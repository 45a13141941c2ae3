import { useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { send, type Session } from "./session.js";
import { Field, fieldError, FormProblem, formatDate, Guard, onSubmit, Show, useResource, useSubmit } from "./ui.js";

interface WorkspaceSummary { id: string; name: string; description: string; created_at: string; members: number }

export function Workspaces() {
  useTitle(t("ws.title"));
  return <Guard permission="records.read" title={t("ws.title")}>{(s) => <WorkspaceList session={s} />}</Guard>;
}

function WorkspaceList({ session }: { session: Session }) {
  const [list] = useResource<{ items: WorkspaceSummary[] }>("/api/v1/workspaces");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useSubmit(async () => {
    const ws = await send<{ id: string }>("POST", "/api/v1/workspaces", { name, ...(description.trim() ? { description } : {}) });
    navigate(`/workspaces/${encodeURIComponent(ws.id)}`);
  });
  return (
    <>
      <h1>{t("ws.title")}</h1>
      <p class="lead">{t("ws.lead")}</p>
      <p class="muted">{t("ws.yourId")} <code dir="ltr">{session.user.id}</code></p>
      <section aria-labelledby="ws-mine">
        <h2 id="ws-mine">{t("ws.mine")}</h2>
        <Show value={list}>
          {(data) => data.items.length === 0 ? <p class="muted">{t("ws.none")}</p> : (
            <ul class="ws-list">
              {data.items.map((w) => (
                <li key={w.id}>
                  <a href={`/workspaces/${encodeURIComponent(w.id)}`}><bdi>{w.name}</bdi></a>
                  {w.description ? <p dir="auto">{w.description}</p> : null}
                  <p class="muted small">{t("ws.memberCount", { count: w.members })} · {t("ws.created", { date: formatDate(w.created_at) })}</p>
                </li>
              ))}
            </ul>
          )}
        </Show>
      </section>
      {session.permissions.includes("workspaces.create") && (
        <section aria-labelledby="ws-new">
          <h2 id="ws-new">{t("ws.create")}</h2>
          <form class="form narrow" onSubmit={onSubmit(() => create.run())} noValidate>
            <FormProblem error={create.error} fields={["name", "description"]} />
            <Field id="ws-name" label={t("ws.name")} required value={name} onValue={setName} error={fieldError(create.error, "name")} />
            <Field id="ws-description" label={t("ws.description")} multiline value={description} onValue={setDescription} error={fieldError(create.error, "description")} />
            <p><button class="primary" type="submit" disabled={create.busy}>{t("ws.createButton")}</button></p>
          </form>
        </section>
      )}
    </>
  );
}
