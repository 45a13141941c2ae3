/** The Gaps tab: what was not assessed, the heatmap by framework and area, "on paper, not working", and the priorities. */
import { t } from "../i18n.js";
import { tp } from "./strings.js";
import { EnglishNote, ServerText, formatScore, frameworksOf, heatClass, inPlaceText, practiceName, saLink, Table, usePractices, workingText, type HeatCell, type Summary } from "./shared.js";

export function GapsTab({ summary }: { summary: Summary }) {
  const practices = usePractices();
  const g = summary.gaps;
  const paper = g.rows.filter((r) => (r.paperGap ?? 0) > 0).sort((a, b) => (b.paperGap ?? 0) - (a.paperGap ?? 0));
  return (
    <section aria-labelledby="gaps-h">
      <h2 id="gaps-h">{tp("gaps.title")}</h2>
      <p class="hint">{tp("gaps.lead")}</p>
      <EnglishNote />
      <div class="note plan-statement">
        <p><strong>{tp("gaps.notAssessed")}</strong></p>
        <ServerText block value={g.statement} />
      </div>
      {summary.leading_manifestations.length > 0 && (
        <p>{tp("gaps.leading", { names: summary.leading_manifestations.map((m) => tp(`manifestation.${m}`)).join(", ") })}</p>
      )}
      <section aria-labelledby="heat-h">
        <h3 id="heat-h">{tp("gaps.heatmap")}</h3>
        <p class="hint" id="heat-hint">{tp("gaps.heatmapHint")}</p>
        <Heatmap cells={g.heatmap} />
        <ul class="legend plan-heat-legend" aria-label={tp("gaps.legend")}>
          {[0, 1, 2, 3].map((n) => <li key={n}><span class={`swatch plan-heat-${n}`} aria-hidden="true" /> {tp(`gaps.level${n}`)}</li>)}
          <li><span class="swatch plan-heat-none" aria-hidden="true" /> {tp("gaps.noScore")}</li>
        </ul>
      </section>
      <section aria-labelledby="paper-h">
        <h3 id="paper-h">{tp("gaps.paper")}</h3>
        <p class="hint">{tp("gaps.paperHint")}</p>
        {paper.length === 0 ? <p class="muted">{tp("gaps.noPaper")}</p> : (
          <ul class="plan-paper">
            {paper.map((r) => (
              <li key={r.practice}>
                <a href={saLink(summary.id, { tab: "rate", practice: r.practice })}>{practiceName(practices, r.practice)}</a>
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
                <th scope="row"><a href={saLink(summary.id, { tab: "rate", practice: r.practice })}>{practiceName(practices, r.practice)}</a></th>
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
