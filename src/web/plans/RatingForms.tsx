/** Your institution's rating of a practice, the other contributors' ratings, and the coordinator's agreed rating. */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, formatDate, onSubmit, useSubmit } from "../platform/ui.js";
import {
  enc, InPlaceSelect, inPlaceText, saBase, Saved, Select, stepStatuses, Table, WorkingSelect, workingText,
  type ContributorRating, type PracticeFull, type StepStatus, type Summary,
} from "./shared.js";

export function RatingForm({ saId, practice, mine, lastInstitution, onSaved }: {
  saId: string; practice: PracticeFull; mine: ContributorRating | undefined; lastInstitution: string; onSaved: () => void;
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
    setSaved(t("plans.rate.saved"));
    onSaved();
  });
  const e = form.error;
  return (
    <section aria-labelledby="my-rating-h" class="panel">
      <h4 id="my-rating-h">{mine ? t("plans.rate.yourRating") : t("plans.rate.rateIt")}</h4>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["institution", "in_place", "working", "steps", "comment"]} />
        <Field id="rate-institution" label={t("plans.rate.institution")} hint={t("plans.rate.institutionHint")} required value={institution} onValue={setInstitution} error={fieldError(e, "institution")} />
        <div class="row">
          <InPlaceSelect id="rate-in-place" label={t("plans.rate.inPlace")} value={inPlace} onValue={setInPlace} error={fieldError(e, "in_place")} />
          <WorkingSelect id="rate-working" label={t("plans.rate.working")} value={working} onValue={setWorking} error={fieldError(e, "working")} />
        </div>
        <fieldset class="field">
          <legend>{t("plans.rate.steps")}</legend>
          <p class="hint">{t("plans.rate.stepsHint")}</p>
          <ol class="plan-steps">
            {practice.steps.map((s) => (
              <li key={s.number}>
                <p lang="en" dir="ltr" id={`step-text-${s.number}`}>{s.text}</p>
                <Select id={`rate-step-${s.number}`} label={t("plans.rate.stepStatus", { n: s.number })} value={steps[String(s.number)]}
                  onValue={(v) => setSteps({ ...steps, [String(s.number)]: v as StepStatus })} error={fieldError(e, `steps.${s.number}`)}>
                  {stepStatuses.map((st) => <option key={st} value={st}>{t(`plans.step.${st}`)}</option>)}
                </Select>
              </li>
            ))}
          </ol>
        </fieldset>
        <Field id="rate-comment" label={t("plans.rate.comment")} multiline value={comment} onValue={setComment} error={fieldError(e, "comment")} />
        <p><button class="primary" type="submit" disabled={form.busy}>{t("plans.rate.submit")}</button></p>
        <Saved text={saved} />
      </form>
    </section>
  );
}

export function OtherRatings({ ratings, me, disagreement }: { ratings: ContributorRating[]; me: string; disagreement: boolean }) {
  return (
    <section aria-labelledby="ratings-h">
      <h4 id="ratings-h">{t("plans.rate.contributors")}</h4>
      {disagreement && <p class="plan-disagree" role="status">{t("plans.rate.disagree")}</p>}
      {ratings.length === 0 ? <p class="muted">{t("plans.rate.noRatings")}</p> : (
        <Table caption={t("plans.rate.contributors")} head={[t("plans.rate.institution"), t("plans.rate.inPlace"), t("plans.rate.working"), t("plans.rate.stepsDone"), t("plans.rate.comment")]}>
          {ratings.map((r) => (
            <tr key={r.contributor_id}>
              <th scope="row"><bdi>{r.institution}</bdi>{r.contributor_id === me ? <span class="muted"> {t("ws.you")}</span> : null}</th>
              <td>{inPlaceText(r.in_place)}</td>
              <td>{workingText(r.working)}</td>
              <td>{Object.keys(r.steps ?? {}).length ? t("plans.rate.stepsDoneOf", { done: Object.values(r.steps).filter((s) => s === "done").length, total: Object.keys(r.steps).length }) : "—"}</td>
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
    setSaved(t("plans.agree.saved"));
    setReason("");
    onSaved();
  });
  const e = form.error;
  return (
    <section aria-labelledby="agree-h" class={disagreement && canCoordinate ? "panel plan-agree-needed" : "panel"}>
      <h4 id="agree-h">{t("plans.agree.title")}</h4>
      {current ? (
        <p class="plan-agreed">
          {t("plans.agree.current", { inPlace: inPlaceText(current.in_place), working: workingText(current.working) })}
          {current.decided_at ? <span class="muted"> ({formatDate(current.decided_at, true)})</span> : null}
          <br /><span class="muted">{t("plans.agree.reason")}:</span> <bdi>{current.reason}</bdi>
        </p>
      ) : <p class="hint">{!canCoordinate ? t("plans.agree.none") : disagreement ? t("plans.agree.needed") : t("plans.agree.hint")}</p>}
      {!canCoordinate ? <p class="hint">{t("plans.agree.coordinatorOnly")}</p> : <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["in_place", "working", "reason"]} />
        <div class="row">
          <InPlaceSelect id="agree-in-place" label={t("plans.agree.inPlace")} value={inPlace} onValue={setInPlace} error={fieldError(e, "in_place")} />
          <WorkingSelect id="agree-working" label={t("plans.agree.working")} value={working} onValue={setWorking} error={fieldError(e, "working")} />
        </div>
        <Field id="agree-reason" label={t("plans.agree.reasonLabel")} hint={t("plans.agree.reasonHint")} required multiline value={reason} onValue={setReason} error={fieldError(e, "reason")} />
        <p><button class="primary" type="submit" disabled={form.busy}>{t("plans.agree.submit")}</button></p>
        <Saved text={saved} />
      </form>}
    </section>
  );
}
