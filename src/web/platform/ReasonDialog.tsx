import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n.js";
import { onReasonNeeded } from "./session.js";
import { Field, onSubmit } from "./ui.js";

/**
 * Asks why the reader needs AMBER+STRICT or RED content, when a request of the page meets some
 * (session.ts retries with the answer). Mounted once by every signed-in page; cancelling leaves
 * the content withheld and the page shows the server's refusal.
 */
export function ReasonDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const answer = useRef<((reason: string | null) => void) | null>(null);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState("");

  useEffect(() => onReasonNeeded((refused) => new Promise((resolve) => {
    answer.current = resolve;
    setError(refused ?? "");
    dialog.current?.showModal();
  })), []);

  const finish = (reason: string | null) => {
    const resolve = answer.current;
    answer.current = null;
    if (dialog.current?.open) dialog.current.close();
    resolve?.(reason);
  };

  return (
    <dialog ref={dialog} class="reason-dialog" aria-labelledby="reason-dialog-title" onCancel={() => finish(null)}>
      <h2 id="reason-dialog-title">{t("record.reasonTitle")}</h2>
      <p>{t("record.reasonLead")}</p>
      <form class="form" noValidate onSubmit={onSubmit(() => (draft.trim() ? finish(draft.trim()) : setError(t("record.reasonRequired"))))}>
        <Field id="read-reason" label={t("record.reasonLabel")} hint={t("record.reasonHint")} required value={draft} onValue={setDraft} error={error || undefined} multiline />
        <p class="actions">
          <button class="primary" type="submit">{t("record.reasonSubmit")}</button>{" "}
          <button type="button" onClick={() => finish(null)}>{t("form.cancel")}</button>
        </p>
      </form>
    </dialog>
  );
}
