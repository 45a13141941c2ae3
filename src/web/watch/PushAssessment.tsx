/**
 * A coordinator sends a published assessment to a regional hub: to the remote collection of one
 * of the workspace's TAXII subscriptions (decision 0034). Pushing is the consent; RED never leaves.
 */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { send } from "../platform/session.js";
import { fieldError, formatDate, FormProblem, onSubmit, useResource, useSubmit } from "../platform/ui.js";
import { enc } from "./shared.js";

interface Published { id: string; as_of: string; status: string }

export function PushAssessment({ workspace, items }: { workspace: string; items: Published[] }) {
  const published = items.filter((a) => a.status === "published");
  const [subs] = useResource<{ items: { id: string; title: string }[] }>(`/api/v1/stix/workspaces/${enc(workspace)}/subscriptions`);
  const targets = subs.state === "ready" ? subs.data.items : [];
  const [assessment, setAssessment] = useState("");
  const [target, setTarget] = useState("");
  const [done, setDone] = useState("");
  const chosen = assessment || published[0]?.id || "";
  const where = target || targets[0]?.id || "";
  const submit = useSubmit(async () => {
    setDone("");
    const r = await send<{ objects: number; status: { success_count?: number } }>("POST", `/api/v1/stix/assessments/${enc(chosen)}/push`, { subscription: where });
    setDone(t("watch.push.done", { title: targets.find((s) => s.id === where)?.title ?? "", count: r.status.success_count ?? 0 }));
  });
  if (!published.length || !targets.length) return null;
  return (
    <form class="form" onSubmit={onSubmit(submit.run)} noValidate aria-labelledby="push-h">
      <h3 id="push-h">{t("watch.push.title")}</h3>
      <p class="hint">{t("watch.push.lead")}</p>
      <div class="field">
        <label for="push-assessment">{t("watch.push.assessment")}</label>
        <select id="push-assessment" value={chosen} onChange={(e) => setAssessment(e.currentTarget.value)} aria-invalid={fieldError(submit.error, "assessment") ? "true" : undefined}>
          {published.map((a) => <option key={a.id} value={a.id}>{formatDate(a.as_of)}</option>)}
        </select>
        {fieldError(submit.error, "assessment") ? <p class="field-error" role="alert">{fieldError(submit.error, "assessment")}</p> : null}
      </div>
      <div class="field">
        <label for="push-target">{t("watch.push.target")}</label>
        <select id="push-target" value={where} onChange={(e) => setTarget(e.currentTarget.value)}>
          {targets.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
        {fieldError(submit.error, "subscription") ? <p class="field-error" role="alert">{fieldError(submit.error, "subscription")}</p> : null}
      </div>
      <FormProblem error={submit.error} fields={["assessment", "subscription"]} />
      {done ? <p class="ok" role="status">{done}</p> : null}
      <p><button type="submit" disabled={submit.busy}>{t("watch.push.submit")}</button></p>
    </form>
  );
}
