/** Your institution's rating of a practice, the other contributors' ratings, and the coordinator's agreed rating. */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { tp } from "./strings.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, formatDate, onSubmit, useSubmit } from "../platform/ui.js";
import {
  enc, InPlaceSelect, inPlaceText, saBase, Saved, Select, stepStatuses, Table, WorkingSelect, workingText,
  type ContributorRating, type PracticeFull, type Proposal, type StepStatus, type Summary,
} from "./shared.js";

export function RatingForm({ saId, practice, mine, lastInstitution, onSaved, proposal, nameOf }: {
  saId: string; practice: PracticeFull; mine: ContributorRating | undefined; lastInstitution: string; onSaved: () => void;
  /** an answer of yours to a linked practice (standards crosswalk), proposed while you have not rated this one */
  proposal?: Proposal; nameOf?: (id: string) => string;
}) {
  const [institution, setInstitution] = useState(mine?.institution ?? lastInstitution);
  const [inPlace, setInPlace] = useState<string>(mine?.in_place ?? "");
  const [working, setWorking] = useState<string>(mine?.working ?? "");
  const [steps, setSteps] = useState<Record<string, StepStatus>>(() => Object.fromEntries(practice.steps.map((s) => [String(s.number), mine?.steps?.[String(s.number)] ?? "not-started"])));
  const [comment, setComment] = useState(mine?.comment ?? "");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    await send("PUT", `${saBase(saId)}/ratings/${enc(practice.id)}`, {
      institution, ...(inPlace ? { in_place: inPlace } : {}), ...(working ? { working } : {}), steps, ...(comment.trim() ? { comment } : {}),
    });
    setSaved(tp("rate.saved"));
    onSaved();
  });
  // Reuse (decision 0036): confirming saves the proposed answer through the same rating API, saying where it came from.
  const reuse = useSubmit(async () => {
    if (!proposal) return;
    setSaved("");
    await send("PUT", `${saBase(saId)}/ratings/${enc(practice.id)}`, {
      institution, ...(proposal.in_place ? { in_place: proposal.in_place } : {}), ...(proposal.working ? { working: proposal.working } : {}), steps, reused_from: proposal.from,
    });
    setInPlace(proposal.in_place ?? "");
    setWorking(proposal.working ?? "");
    setSaved(tp("rate.saved"));
    onSaved();
  });
  const e = form.error ?? reuse.error;
  const name = (id: string) => (nameOf ? nameOf(id) : id);
  return (
    <section aria-labelledby="my-rating-h" class="panel">
      <h4 id="my-rating-h" tabIndex={-1}>{mine ? tp("rate.yourRating") : tp("rate.rateIt")}</h4>
      <p class="hint">{tp("rate.guidanceBelow")} <a href="#guidance-h">{tp("rate.toGuidance")}</a></p>
      {!mine && proposal ? (
        <div class="note plan-reuse" data-reuse-from={proposal.from}>
          <p><strong>{tp("reuse.proposed", { practice: name(proposal.from), levels: tp("reuse.levels", { inPlace: inPlaceText(proposal.in_place), working: workingText(proposal.working) }) })}</strong></p>
          <p class="hint">{tp("reuse.hint")}</p>
          <p><button type="button" disabled={reuse.busy} onClick={() => void reuse.run()}>{tp("reuse.use")}</button></p>
        </div>
      ) : null}
      {mine?.reused_from ? <p class="note plan-reused" role="status">{tp("reuse.reusedFrom", { practice: name(mine.reused_from) })} <span class="muted">{tp("reuse.editClears")}</span></p> : null}
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["institution", "in_place", "working", "steps", "comment", "reused_from"]} />
        <Field id="rate-institution" label={tp("rate.institution")} hint={tp("rate.institutionHint")} required value={institution} onValue={setInstitution} error={fieldError(e, "institution")} />
        <div class="row">
          <InPlaceSelect id="rate-in-place" label={tp("rate.inPlace")} value={inPlace} onValue={setInPlace} error={fieldError(e, "in_place")} />
          <WorkingSelect id="rate-working" label={tp("rate.working")} value={working} onValue={setWorking} error={fieldError(e, "working")} />
        </div>
        <fieldset class="field">
          <legend>{tp("rate.steps")}</legend>
          <p class="hint">{tp("rate.stepsHint")}</p>
          <ol class="plan-steps">
            {practice.steps.map((s) => (
              <li key={s.number}>
                <p lang={practice.language ?? "en"} dir="auto" id={`step-text-${s.number}`}>{s.text}</p>
                <Select id={`rate-step-${s.number}`} label={tp("rate.stepStatus", { n: s.number })} value={steps[String(s.number)]}
                  onValue={(v) => setSteps({ ...steps, [String(s.number)]: v as StepStatus })} error={fieldError(e, `steps.${s.number}`)}>
                  {stepStatuses.map((st) => <option key={st} value={st}>{tp(`step.${st}`)}</option>)}
                </Select>
              </li>
            ))}
          </ol>
        </fieldset>
        <Field id="rate-comment" label={tp("rate.comment")} multiline value={comment} onValue={setComment} error={fieldError(e, "comment")} />
        <p><button class="primary" type="submit" disabled={form.busy}>{tp("rate.submit")}</button></p>
        <Saved text={saved} />
      </form>
    </section>
  );
}

export function OtherRatings({ ratings, me, disagreement }: { ratings: ContributorRating[]; me: string; disagreement: boolean }) {
  return (
    <section aria-labelledby="ratings-h">
      <h4 id="ratings-h">{tp("rate.contributors")}</h4>
      {disagreement && <p class="plan-disagree" role="status">{tp("rate.disagree")}</p>}
      {ratings.length === 0 ? <p class="muted">{tp("rate.noRatings")}</p> : (
        <Table caption={tp("rate.contributors")} head={[tp("rate.institution"), tp("rate.inPlace"), tp("rate.working"), tp("rate.stepsDone"), tp("rate.comment")]}>
          {ratings.map((r) => (
            <tr key={r.contributor_id}>
              <th scope="row"><bdi>{r.institution}</bdi>{r.contributor_id === me ? <span class="muted"> {t("ws.you")}</span> : null}</th>
              <td>{inPlaceText(r.in_place)}</td>
              <td>{workingText(r.working)}</td>
              <td>{Object.keys(r.steps ?? {}).length ? tp("rate.stepsDoneOf", { done: Object.values(r.steps).filter((s) => s === "done").length, total: Object.keys(r.steps).length }) : "—"}</td>
              <td><bdi>{r.comment}</bdi></td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

/** The agreed rating of the current review; only a coordinator records it, everyone sees it. */
export function AgreeForm({ saId, practice, summary, disagreement, canCoordinate, onSaved }: { saId: string; practice: string; summary: Summary; disagreement: boolean; canCoordinate: boolean; onSaved: () => void }) {
  const current = [...summary.agreed].reverse().find((a) => a.practice === practice && a.cycle === (summary.review?.number ?? 1));
  const [inPlace, setInPlace] = useState<string>("");
  const [working, setWorking] = useState<string>("");
  const [reason, setReason] = useState("");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    await send("POST", `${saBase(saId)}/agreed/${enc(practice)}`, { ...(inPlace ? { in_place: inPlace } : {}), ...(working ? { working } : {}), reason });
    setSaved(tp("agree.saved"));
    setReason("");
    onSaved();
  });
  const e = form.error;
  return (
    <section aria-labelledby="agree-h" class={disagreement && canCoordinate ? "panel plan-agree-needed" : "panel"}>
      <h4 id="agree-h">{tp("agree.title")}</h4>
      {current ? (
        <p class="plan-agreed">
          {tp("agree.current", { inPlace: inPlaceText(current.in_place), working: workingText(current.working) })}
          {current.decided_at ? <span class="muted"> ({formatDate(current.decided_at, true)})</span> : null}
          <br /><span class="muted">{tp("agree.reason")}:</span> <bdi>{current.reason}</bdi>
        </p>
      ) : <p class="hint">{!canCoordinate ? tp("agree.none") : disagreement ? tp("agree.needed") : tp("agree.hint")}</p>}
      {!canCoordinate ? <p class="hint">{tp("agree.coordinatorOnly")}</p> : <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["in_place", "working", "reason"]} />
        <div class="row">
          <InPlaceSelect id="agree-in-place" label={tp("agree.inPlace")} value={inPlace} onValue={setInPlace} error={fieldError(e, "in_place")} />
          <WorkingSelect id="agree-working" label={tp("agree.working")} value={working} onValue={setWorking} error={fieldError(e, "working")} />
        </div>
        <Field id="agree-reason" label={tp("agree.reasonLabel")} hint={tp("agree.reasonHint")} required multiline value={reason} onValue={setReason} error={fieldError(e, "reason")} />
        <p><button class="primary" type="submit" disabled={form.busy}>{tp("agree.submit")}</button></p>
        <Saved text={saved} />
      </form>}
    </section>
  );
}
