/**
 * Every practice in scope on one screen, one row each, as assessors work in the FATF and Basel
 * spreadsheets: the practice, your institution's "in place" and "working" ratings and a short
 * comment, each row saved on its own through the same rating API as the one-by-one form. A real
 * table with a labelled select in every cell; on a phone the table scrolls sideways inside its
 * own box, not the page. Step statuses given in the one-by-one form are kept as they are.
 */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { tp } from "./strings.js";
import { send } from "../platform/session.js";
import { Field, fieldError, problemText } from "../platform/ui.js";
import { enc, frameworksOf, inPlaceRatings, inPlaceText, practiceName, practiceShort, saBase, workingRatings, workingText, type PracticeInfo, type Proposal, type Summary } from "./shared.js";

interface Row { in_place: string; working: string; comment: string }
const empty: Row = { in_place: "", working: "", comment: "" };

export function RatingGrid({ summary, practices, me, onChange }: { summary: Summary; practices: PracticeInfo[]; me: string; onChange: () => void }) {
  const mine = (p: string) => summary.ratings.find((r) => r.practice === p && r.contributor_id === me);
  const savedRow = (p: string): Row => { const r = mine(p); return r ? { in_place: r.in_place ?? "", working: r.working ?? "", comment: r.comment ?? "" } : empty; };
  // The institution follows the saved ratings (the summary may still be reloading when the grid
  // opens, right after a save) until the reader types one.
  const [typedInstitution, setInstitution] = useState<string | null>(null);
  const institution = typedInstitution ?? summary.ratings.find((r) => r.contributor_id === me)?.institution ?? "";
  /** Rows the reader has changed and not saved yet, by practice. */
  const [drafts, setDrafts] = useState<Record<string, Row>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, unknown>>({});
  const [savedNow, setSavedNow] = useState<string[]>([]);
  const [announce, setAnnounce] = useState("");
  const rowOf = (p: string) => drafts[p] ?? savedRow(p);
  const dirty = (p: string) => Boolean(drafts[p]) && JSON.stringify(drafts[p]) !== JSON.stringify(savedRow(p));
  const set = (p: string, patch: Partial<Row>) => {
    setDrafts({ ...drafts, [p]: { ...rowOf(p), ...patch } });
    setSavedNow(savedNow.filter((x) => x !== p));
  };
  const name = (p: PracticeInfo) => `${practiceShort(p.id)} — ${p.title}`;
  /** An answer proposed from a linked practice while you have not rated this one (decision 0036). */
  const proposalFor = (p: string) => (mine(p) ? undefined : summary.proposals?.find((x) => x.practice === p));

  async function save(ids: string[]) {
    if (busy !== null) return;
    const done: string[] = [];
    const failed: Record<string, unknown> = {};
    for (const p of ids) {
      setBusy(p);
      const row = rowOf(p);
      try {
        await send("PUT", `${saBase(summary.id)}/ratings/${enc(p)}`, {
          institution, ...(row.in_place ? { in_place: row.in_place } : {}), ...(row.working ? { working: row.working } : {}),
          steps: mine(p)?.steps ?? {}, ...(row.comment.trim() ? { comment: row.comment } : {}),
        });
        done.push(p);
      } catch (e) {
        failed[p] = e;
        // The institution is the same for every row: a refusal of it stops the others too.
        if (fieldError(e, "institution")) break;
      }
    }
    setBusy(null);
    setErrors(failed);
    setSavedNow([...savedNow.filter((x) => !done.includes(x)), ...done]);
    const rest = { ...drafts };
    for (const p of done) delete rest[p];
    setDrafts(rest);
    const names = done.map((p) => practiceShort(p));
    setAnnounce(Object.keys(failed).length ? tp("grid.notSaved", { count: Object.keys(failed).length }) : tp("grid.saved", { count: done.length, names: names.join(", ") }));
    if (done.length) onChange();
  }

  /** Confirms the answer proposed from a linked practice (decision 0036): the same rating API, saying where it came from. */
  async function reuse(x: Proposal) {
    if (busy !== null) return;
    setBusy(x.practice);
    try {
      await send("PUT", `${saBase(summary.id)}/ratings/${enc(x.practice)}`, {
        institution, ...(x.in_place ? { in_place: x.in_place } : {}), ...(x.working ? { working: x.working } : {}), steps: {}, reused_from: x.from,
      });
      setErrors({ ...errors, [x.practice]: undefined });
      setSavedNow([...savedNow.filter((p) => p !== x.practice), x.practice]);
      setAnnounce(tp("grid.saved", { count: 1, names: practiceShort(x.practice) }));
      onChange();
    } catch (e) {
      setErrors({ ...errors, [x.practice]: e });
    }
    setBusy(null);
  }

  const changed = practices.filter((p) => dirty(p.id)).map((p) => p.id);
  const institutionError = Object.values(errors).map((e) => fieldError(e, "institution")).find(Boolean);
  return (
    <section aria-labelledby="grid-h" class="plan-grid-section">
      <h3 id="grid-h">{tp("grid.title")}</h3>
      <p class="hint">{tp("grid.lead")}</p>
      <Field id="grid-institution" label={tp("rate.institution")} hint={tp("rate.institutionHint")} required value={institution} onValue={setInstitution} error={institutionError} />
      <div class="table-wrap plan-grid-wrap" tabIndex={0} role="region" aria-labelledby="grid-caption">
        <table class="plan-grid">
          <caption id="grid-caption" class="visually-hidden">{tp("grid.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{tp("gaps.practice")}</th><th scope="col">{tp("rate.inPlace")}</th><th scope="col">{tp("rate.working")}</th>
              <th scope="col">{tp("rate.comment")}</th><th scope="col"><span class="visually-hidden">{tp("grid.saveCol")}</span></th>
            </tr>
          </thead>
          {frameworksOf(practices).flatMap((f) => f.areas.map((a) => (
            <tbody key={`${f.framework}-${a}`}>
              <tr class="plan-grid-area"><th scope="colgroup" colSpan={5}>{a !== f.framework ? t(`area.${a}`) : t(`framework.${f.framework}`)}</th></tr>
              {practices.filter((p) => p.framework === f.framework && p.area === a).map((p) => {
                const row = rowOf(p.id);
                const id = `grid-${p.id}`;
                const error = errors[p.id];
                return (
                  <tr key={p.id} data-practice={p.id} class={dirty(p.id) ? "plan-grid-dirty" : undefined}>
                    <th scope="row" id={`${id}-name`}>
                      <span class="plan-pick-id">{practiceShort(p.id)}</span> <span dir="auto" class="plan-grid-title">{p.title}</span>
                      {error && !fieldError(error, "institution") ? <span class="field-error" role="alert">{problemText(error)}</span> : null}
                      {proposalFor(p.id) && !dirty(p.id) ? (
                        <span class="plan-reuse small" data-reuse-from={proposalFor(p.id)!.from}>
                          <br />{tp("reuse.proposed", { practice: practiceName(practices, proposalFor(p.id)!.from), levels: tp("reuse.levels", { inPlace: inPlaceText(proposalFor(p.id)!.in_place), working: workingText(proposalFor(p.id)!.working) }) })}{" "}
                          <button type="button" class="small" aria-busy={busy === p.id ? "true" : undefined} onClick={() => void reuse(proposalFor(p.id)!)}>
                            {tp("reuse.use")}<span class="visually-hidden"> {practiceShort(p.id)}</span>
                          </button>
                        </span>
                      ) : null}
                      {mine(p.id)?.reused_from ? <span class="plan-reused muted small"><br />{tp("reuse.reusedFrom", { practice: practiceName(practices, mine(p.id)!.reused_from!) })}</span> : null}
                    </th>
                    <td>
                      <label class="visually-hidden" for={`${id}-in-place`}>{tp("grid.inPlaceOf", { practice: name(p) })}</label>
                      <select id={`${id}-in-place`} value={row.in_place} onChange={(e) => set(p.id, { in_place: e.currentTarget.value })}>
                        <option value="">{tp("notRated")}</option>
                        {inPlaceRatings.map((r) => <option key={r} value={r}>{inPlaceText(r)}</option>)}
                      </select>
                    </td>
                    <td>
                      <label class="visually-hidden" for={`${id}-working`}>{tp("grid.workingOf", { practice: name(p) })}</label>
                      <select id={`${id}-working`} value={row.working} onChange={(e) => set(p.id, { working: e.currentTarget.value })}>
                        <option value="">{tp("notRated")}</option>
                        {workingRatings.map((r) => <option key={r} value={r}>{workingText(r)}</option>)}
                      </select>
                    </td>
                    <td>
                      <label class="visually-hidden" for={`${id}-comment`}>{tp("grid.commentOf", { practice: name(p) })}</label>
                      <input id={`${id}-comment`} dir="auto" maxLength={5000} value={row.comment} onInput={(e) => set(p.id, { comment: e.currentTarget.value })} />
                    </td>
                    <td class="nowrap">
                      {/* Never disabled while saving: a disabled button would drop the keyboard focus to the page. */}
                      <button type="button" class="small" aria-busy={busy === p.id ? "true" : undefined} onClick={() => void save([p.id])}>
                        {tp("grid.save")}<span class="visually-hidden"> {practiceShort(p.id)}</span>
                      </button>
                      {savedNow.includes(p.id) ? <span class="plan-grid-ok"> ✓ {tp("grid.savedMark")}</span> : dirty(p.id) ? <span class="muted small"> {tp("grid.unsaved")}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          )))}
        </table>
      </div>
      <p class="actions">
        <button type="button" class="primary" onClick={() => (changed.length ? void save(changed) : setAnnounce(tp("grid.nothing")))}>{tp("grid.saveAll", { count: changed.length })}</button>
      </p>
      <p class="ok" role="status">{announce}</p>
    </section>
  );
}
