/** The Gaps tab: what was not assessed, the heatmaps by framework and area and by practice, "on paper, not working", and the priorities. */
import { useState } from "preact/hooks";
import { i18next, t } from "../i18n.js";
import { isPlainEnglish } from "../messages.js";
import { tp } from "./strings.js";
import { inPlaceScore, workingScore } from "../../core/plans/ratings.js";
import { EnglishNote, KbText, ServerText, formatScore, frameworksOf, heatClass, inPlaceKey, inPlaceText, practiceLanguage, PracticeName, practiceShort, saLink, Table, usePractices, workingText, type HeatCell, type Summary } from "./shared.js";

export function GapsTab({ summary }: { summary: Summary }) {
  const practices = usePractices();
  const g = summary.gaps;
  const paper = g.rows.filter((r) => (r.paperGap ?? 0) > 0).sort((a, b) => (b.paperGap ?? 0) - (a.paperGap ?? 0));
  // One heatmap at a time (by area, or by practice), so the tab stays short.
  const [byPractice, setByPractice] = useState(false);
  // The statement and reasons come in the reader's language (messages), practice titles where translated:
  // the note on English texts only where one shows (a sentence stored before messages, a practice not translated).
  const english = isPlainEnglish(g.statement) || g.priorities.some((r) => r.reasons.some(isPlainEnglish))
    || [...paper, ...g.priorities, ...(byPractice ? g.rows : [])].some((r) => practiceLanguage(practices, r.practice) === "en");
  return (
    <section aria-labelledby="gaps-h">
      <h2 id="gaps-h">{tp("gaps.title")}</h2>
      <p class="hint">{tp("gaps.lead")}</p>
      {practices ? <EnglishNote language={english ? "en" : i18next.language} /> : null}
      <div class="note plan-statement">
        <p><strong>{tp("gaps.notAssessed")}</strong></p>
        <ServerText block value={g.statement} />
      </div>
      {summary.leading_manifestations.length > 0 && (
        <p>{tp("gaps.leading", { names: summary.leading_manifestations.map((m) => tp(`manifestation.${m}`)).join(", ") })}</p>
      )}
      <div class="tabs" role="group" aria-label={tp("gaps.heatmapViews")}>
        <button type="button" aria-pressed={byPractice ? "false" : "true"} onClick={() => setByPractice(false)}>{tp("gaps.heatmap")}</button>
        <button type="button" aria-pressed={byPractice ? "true" : "false"} onClick={() => setByPractice(true)}>{tp("gaps.practiceHeatmap")}</button>
      </div>
      {byPractice ? (
        <section aria-labelledby="heat-practice-h">
          <h3 id="heat-practice-h">{tp("gaps.practiceHeatmap")}</h3>
          <p class="hint" id="heat-practice-hint">{tp("gaps.practiceHeatmapHint")}</p>
          <PracticeHeatmap summary={summary} />
          <HeatLegend />
        </section>
      ) : (
        <section aria-labelledby="heat-h">
          <h3 id="heat-h">{tp("gaps.heatmap")}</h3>
          <p class="hint" id="heat-hint">{tp("gaps.heatmapHint")}</p>
          <Heatmap cells={g.heatmap} />
          <HeatLegend />
        </section>
      )}
      <section aria-labelledby="paper-h">
        <h3 id="paper-h">{tp("gaps.paper")}</h3>
        <p class="hint">{tp("gaps.paperHint")}</p>
        {paper.length === 0 ? <p class="muted">{tp("gaps.noPaper")}</p> : (
          <ul class="plan-paper">
            {paper.map((r) => (
              <li key={r.practice}>
                <a href={saLink(summary.id, { tab: "rate", practice: r.practice })}><PracticeName practices={practices} id={r.practice} /></a>
                <span class="muted"> — {tp("gaps.paperLine", { inPlace: inPlaceText(r.inPlace), working: workingText(r.working), gap: r.paperGap })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="prio-h">
        <h3 id="prio-h">{tp("gaps.priorities")}</h3>
        <p class="hint">{tp("gaps.prioritiesHint")}</p>
        {g.priorities.length === 0 ? <p class="muted">{tp("gaps.noPriorities")}</p> : (
          <Table caption={tp("gaps.priorities")} className="plan-priorities"
            head={[tp("gaps.rank"), tp("gaps.practice"), tp("rate.inPlace"), tp("rate.working"), tp("gaps.priority"), tp("gaps.reasons")]}>
            {g.priorities.map((r, i) => (
              <tr key={r.practice}>
                <td>{i + 1}</td>
                <th scope="row"><a href={saLink(summary.id, { tab: "rate", practice: r.practice })}><PracticeName practices={practices} id={r.practice} /></a></th>
                <td>{inPlaceText(r.inPlace)}</td>
                <td>{workingText(r.working)}</td>
                <td class="plan-num">{r.priority}</td>
                <td><ul class="plan-reasons">{r.reasons.map((x, i) => <li key={i}><ServerText value={x} /></li>)}</ul></td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </section>
  );
}

function HeatLegend() {
  return (
    <ul class="legend plan-heat-legend" aria-label={tp("gaps.legend")}>
      {[0, 1, 2, 3].map((n) => <li key={n}><span class={`swatch plan-heat-${n}`} aria-hidden="true" /> {tp(`gaps.level${n}`)}</li>)}
      <li><span class="swatch plan-heat-none" aria-hidden="true" /> {tp("gaps.noScore")}</li>
    </ul>
  );
}

/** One row per area, grouped by framework; the two mean scores coloured and written out. */
function Heatmap({ cells }: { cells: HeatCell[] }) {
  const fws = frameworksOf(cells.map((c) => ({ id: "", title: "", framework: c.framework, area: c.area, number: 0, actors: [] })));
  return (
    <div class="table-wrap">
      <table class="plan-heatmap" aria-describedby="heat-hint">
        <caption class="visually-hidden">{tp("gaps.heatmap")}</caption>
        <thead>
          <tr>
            <th scope="col">{tp("gaps.framework")}</th><th scope="col">{tp("gaps.area")}</th>
            <th scope="col">{tp("gaps.assessed")}</th><th scope="col">{tp("gaps.meanInPlace")}</th><th scope="col">{tp("gaps.meanWorking")}</th>
          </tr>
        </thead>
        <tbody>
          {fws.flatMap((f) => f.areas.map((a, i) => {
            const c = cells.find((x) => x.framework === f.framework && x.area === a)!;
            return (
              <tr key={`${f.framework}-${a}`}>
                {i === 0 ? <th scope="rowgroup" rowSpan={f.areas.length}>{t(`framework.${f.framework}`)}</th> : null}
                <th scope="row">{t(`area.${a}`)}</th>
                <td class="nowrap">{tp("gaps.assessedOf", { assessed: c.assessed, total: c.total })}</td>
                <td class={heatClass(c.meanInPlace)}>{formatScore(c.meanInPlace)}</td>
                <td class={heatClass(c.meanWorking)}>{formatScore(c.meanWorking)}</td>
              </tr>
            );
          }))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The heatmap per practice: one row per practice (by area), the ratings the gap analysis uses and,
 * when institutions rated in this review, each institution's own, so a reader sees which
 * practices and whose views pull an area down. Each cell is coloured by its 0–3 score and
 * written out, so the table is its own text alternative.
 */
function PracticeHeatmap({ summary }: { summary: Summary }) {
  const practices = usePractices();
  const rows = summary.gaps.rows;
  // Institutions that rated in the current review, in the order they first appear.
  const institutions = [...new Map(summary.ratings.map((r) => [`${r.contributor_id}|${r.institution}`, r])).values()];
  const fws = frameworksOf(rows.map((r) => ({ id: r.practice, title: r.title, framework: r.framework, area: r.area, number: 0, actors: [] })));
  const score = (ip: string | null | undefined) => (ip && ip !== "N/A" ? inPlaceScore[ip as keyof typeof inPlaceScore] : null);
  const wscore = (w: string | null | undefined) => (w ? workingScore[w as keyof typeof workingScore] : null);
  const cells = (ip: string | null | undefined, w: string | null | undefined) => [
    <td key="ip" class={`${heatClass(score(ip))} plan-heat-code`}>{ip ? <abbr title={tp(`inPlace.${inPlaceKey(ip)}`)}>{ip}</abbr> : "—"}</td>,
    <td key="w" class={heatClass(wscore(w))}>{w ? tp(`working.${w}`) : "—"}</td>,
  ];
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="heat-practice-h">
      <table class="plan-heatmap plan-heatmap-practices" aria-describedby="heat-practice-hint">
        <caption class="visually-hidden">{tp("gaps.practiceHeatmap")}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>{tp("gaps.practice")}</th>
            <th scope="colgroup" colSpan={2}>{tp("gaps.usedRating")}</th>
            {institutions.map((r) => <th key={r.contributor_id + r.institution} scope="colgroup" colSpan={2}><bdi>{r.institution}</bdi></th>)}
          </tr>
          <tr>
            {[null, ...institutions].map((_, i) => [<th key={`ip${i}`} scope="col">{tp("gaps.inPlaceShort")}</th>, <th key={`w${i}`} scope="col">{tp("gaps.workingShort")}</th>])}
          </tr>
        </thead>
        {fws.flatMap((f) => f.areas.map((a) => (
          <tbody key={`${f.framework}-${a}`}>
            <tr class="plan-grid-area"><th scope="colgroup" colSpan={3 + institutions.length * 2}>{a !== f.framework ? t(`area.${a}`) : t(`framework.${f.framework}`)}</th></tr>
            {rows.filter((r) => r.framework === f.framework && r.area === a).map((r) => (
              <tr key={r.practice}>
                <th scope="row">
                  <a href={saLink(summary.id, { tab: "rate", practice: r.practice })}>
                    <span class="plan-pick-id">{practiceShort(r.practice)}</span> <span class="plan-grid-title"><KbText text={practices?.find((p) => p.id === r.practice)?.title ?? r.title} language={practiceLanguage(practices, r.practice)} /></span>
                  </a>
                </th>
                {cells(r.inPlace, r.working)}
                {institutions.map((i) => {
                  const x = summary.ratings.find((y) => y.practice === r.practice && y.contributor_id === i.contributor_id && y.institution === i.institution);
                  return cells(x?.in_place, x?.working);
                })}
              </tr>
            ))}
          </tbody>
        )))}
      </table>
    </div>
  );
}
