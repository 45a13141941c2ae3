/** Reviews & history: start a follow-up review, the overall means per review, and each practice's agreed ratings over time. */
import { useState } from "preact/hooks";
import { tp } from "./strings.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, formatDate, onSubmit, Show, useResource, useSubmit } from "../platform/ui.js";
import { formatScore, inPlaceText, practiceName, saBase, Saved, Table, usePractices, workingText, type InPlace, type Summary, type Working } from "./shared.js";

interface History {
  reviews: { number: number; name: string; started_at: string; mean_in_place: number | null; mean_working: number | null; agreed: number }[];
  practices: Record<string, { review: number; in_place: InPlace | null; working: Working | null; reason: string; decided_at: string }[]>;
}

export function ReviewsTab({ summary, canCoordinate, onChange }: { summary: Summary; canCoordinate: boolean; onChange: () => void }) {
  const [history, reload] = useResource<History>(`${saBase(summary.id)}/history`);
  const practices = usePractices();
  const changed = () => { reload(); onChange(); };
  return (
    <section aria-labelledby="reviews-h">
      <h2 id="reviews-h">{tp("reviews.title")}</h2>
      <p class="hint">{tp("reviews.lead")}</p>
      {summary.review && (
        <p>{tp("reviews.current", { n: summary.review.number, date: formatDate(summary.review.started_at) })}{summary.review.name ? <> — <bdi>{summary.review.name}</bdi></> : null}</p>
      )}
      {canCoordinate ? <StartReview saId={summary.id} next={(summary.review?.number ?? 1) + 1} onStarted={changed} /> : <p class="hint">{tp("reviews.coordinatorOnly")}</p>}
      <Show value={history}>
        {(h) => (
          <>
            <section aria-labelledby="means-h">
              <h3 id="means-h">{tp("reviews.means")}</h3>
              <p class="hint">{tp("reviews.meansHint")}</p>
              <Table caption={tp("reviews.means")} head={[tp("reviews.review"), tp("reviews.started"), tp("gaps.meanInPlace"), tp("gaps.meanWorking"), tp("reviews.agreed")]}>
                {h.reviews.map((r) => (
                  <tr key={r.number}>
                    <th scope="row">{tp("review.number", { n: r.number })}{r.name ? <> — <bdi>{r.name}</bdi></> : null}</th>
                    <td class="nowrap">{formatDate(r.started_at)}</td>
                    <td class="plan-num">{formatScore(r.mean_in_place)}</td>
                    <td class="plan-num">{formatScore(r.mean_working)}</td>
                    <td class="plan-num">{r.agreed}</td>
                  </tr>
                ))}
              </Table>
            </section>
            <section aria-labelledby="phist-h">
              <h3 id="phist-h">{tp("reviews.perPractice")}</h3>
              {Object.keys(h.practices).length === 0 ? <p class="muted">{tp("reviews.noAgreed")}</p> : (
                <Table caption={tp("reviews.perPractice")} className="plan-history"
                  head={[tp("gaps.practice"), ...h.reviews.map((r) => tp("review.number", { n: r.number }))]}>
                  {summary.practices.filter((p) => h.practices[p]?.length).map((p) => (
                    <tr key={p}>
                      <th scope="row">{practiceName(practices, p)}</th>
                      {h.reviews.map((r) => {
                        const a = [...h.practices[p]].reverse().find((x) => x.review === r.number);
                        return (
                          <td key={r.number}>
                            {a ? (
                              <>
                                <span class="plan-hist-rating">{inPlaceText(a.in_place)} · {workingText(a.working)}</span>
                                <span class="muted small plan-hist-reason"><bdi>{a.reason}</bdi></span>
                              </>
                            ) : <span class="muted">—</span>}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </Table>
              )}
            </section>
          </>
        )}
      </Show>
    </section>
  );
}

function StartReview({ saId, next, onStarted }: { saId: string; next: number; onStarted: () => void }) {
  const [name, setName] = useState("");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    const s = await send<Summary>("POST", `${saBase(saId)}/reviews`, { name });
    setSaved(tp("reviews.startedOk", { n: s.review?.number ?? next }));
    setName("");
    onStarted();
  });
  const e = form.error;
  return (
    <div class="panel">
      <h3>{tp("reviews.start")}</h3>
      <p class="hint">{tp("reviews.startHint")}</p>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["name"]} />
        <Field id="review-name" label={tp("reviews.name")} hint={tp("reviews.nameHint", { n: next })} required value={name} onValue={setName} error={fieldError(e, "name")} />
        <p><button class="primary" type="submit" disabled={form.busy}>{tp("reviews.startSubmit")}</button></p>
        <Saved text={saved} />
      </form>
    </div>
  );
}
