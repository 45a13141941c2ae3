/** Evidence for a practice's rating: links and uploaded files (checked by the server for type and size). */
import { useState } from "preact/hooks";
import { ExternalLink } from "../components/common.js";
import { tp } from "./strings.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, formatDate, onSubmit, useSubmit } from "../platform/ui.js";
import { contentTypeOf, enc, formatSize, readBase64, saBase, Saved, type Evidence as EvidenceItem } from "./shared.js";

const accept = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.csv,.txt,application/pdf,image/png,image/jpeg,text/csv,text/plain";

export function Evidence({ saId, practice, items, canWrite, onChange }: { saId: string; practice: string; items: EvidenceItem[]; canWrite: boolean; onChange: () => void }) {
  const base = `${saBase(saId)}/evidence`;
  const remove = useSubmit(async (id: string) => {
    await send("DELETE", `${base}/${enc(id)}`);
    onChange();
  });
  return (
    <section aria-labelledby="evidence-h">
      <h4 id="evidence-h">{tp("evidence.title")}</h4>
      {items.length === 0 ? <p class="muted">{tp("evidence.none")}</p> : (
        <ul class="plan-evidence">
          {items.map((e) => (
            <li key={e.id}>
              {e.kind === "link"
                ? <ExternalLink href={e.url}><bdi>{e.label || e.url}</bdi></ExternalLink>
                : <a href={`${base}/${enc(e.id)}/file`} download={e.filename ?? true}><bdi>{e.label || e.filename}</bdi></a>}
              {" "}<span class="muted small">
                {e.kind === "file" ? <>{tp("evidence.file")} · <bdi>{e.filename}</bdi> · {formatSize(e.size)} · </> : <>{tp("evidence.link")} · </>}
                {formatDate(e.added_at)}
              </span>
              {canWrite && (
                <> {" "}<button type="button" class="danger small" disabled={remove.busy} onClick={() => remove.run(e.id)}>
                  {tp("evidence.remove")}<span class="visually-hidden"> {e.label || e.filename || e.url}</span>
                </button></>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormProblem error={remove.error} />
      {canWrite && (
        <div class="plan-evidence-forms">
          <AddLink base={`${base}/${enc(practice)}`} onAdded={onChange} />
          <Upload base={`${base}/${enc(practice)}`} onAdded={onChange} />
        </div>
      )}
    </section>
  );
}

function AddLink({ base, onAdded }: { base: string; onAdded: () => void }) {
  const [label, setLabel] = useState("");
  const [url, setUrl] = useState("");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    await send("POST", base, { kind: "link", label, url });
    setSaved(tp("evidence.added", { label }));
    setLabel(""); setUrl("");
    onAdded();
  });
  const e = form.error;
  return (
    <form class="form panel" onSubmit={onSubmit(() => form.run())} noValidate aria-labelledby="ev-link-h">
      <h5 id="ev-link-h">{tp("evidence.addLink")}</h5>
      <FormProblem error={e} fields={["label", "url"]} />
      <Field id="ev-link-label" label={tp("evidence.label")} required value={label} onValue={setLabel} error={fieldError(e, "label")} />
      <Field id="ev-link-url" label={tp("evidence.url")} type="url" required value={url} onValue={setUrl} error={fieldError(e, "url")} dir="ltr" />
      <p><button type="submit" disabled={form.busy}>{tp("evidence.addLinkSubmit")}</button></p>
      <Saved text={saved} />
    </form>
  );
}

function Upload({ base, onAdded }: { base: string; onAdded: () => void }) {
  const [label, setLabel] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    if (!file) throw new Error(tp("evidence.chooseFile"));
    const data = await readBase64(file);
    await send("POST", base, { kind: "file", ...(label.trim() ? { label } : {}), filename: file.name, content_type: contentTypeOf(file), data });
    setSaved(tp("evidence.uploaded", { name: file.name }));
    setLabel(""); setFile(null); setInputKey((n) => n + 1);
    onAdded();
  });
  const e = form.error;
  const fileError = fieldError(e, "data") ?? fieldError(e, "content_type") ?? fieldError(e, "filename") ?? fieldError(e, "body");
  return (
    <form class="form panel" onSubmit={onSubmit(() => form.run())} noValidate aria-labelledby="ev-file-h">
      <h5 id="ev-file-h">{tp("evidence.upload")}</h5>
      <FormProblem error={e} fields={["label", "data", "content_type", "filename", "body"]} />
      <Field id="ev-file-label" label={tp("evidence.labelOptional")} value={label} onValue={setLabel} error={fieldError(e, "label")} />
      <div class="field">
        <label for="ev-file">{tp("evidence.file")}</label>
        <p id="ev-file-hint" class="hint">{tp("evidence.fileHint")}</p>
        <input key={inputKey} id="ev-file" type="file" accept={accept} aria-describedby={fileError ? "ev-file-hint ev-file-error" : "ev-file-hint"} aria-invalid={fileError ? "true" : undefined}
          onChange={(ev) => setFile(ev.currentTarget.files?.[0] ?? null)} />
        {fileError ? <p id="ev-file-error" class="field-error" role="alert">{fileError}</p> : null}
      </div>
      <p><button type="submit" disabled={form.busy || !file}>{tp("evidence.uploadSubmit")}</button></p>
      <Saved text={saved} />
    </form>
  );
}
