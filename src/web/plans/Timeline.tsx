/**
 * A Gantt-style timeline of the actions: months across, one bar per action from start to due,
 * milestones as diamonds, overdue actions marked. Each row also says the same in words for
 * screen readers; the actions table above carries every date as text.
 */
import { tp } from "./strings.js";
import { dayLabel, monthLabel, practiceShort, type Action, type ActionList } from "./shared.js";

const dayMs = 86_400_000;
const time = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);

export function Timeline({ list }: { list: ActionList }) {
  const months = list.timeline?.months ?? [];
  const dated = list.actions.filter((a) => a.start || a.due);
  return (
    <section aria-labelledby="timeline-h">
      <h3 id="timeline-h">{tp("timeline.title")}</h3>
      {months.length === 0 || dated.length === 0 ? <p class="muted">{tp("timeline.none")}</p> : <Gantt actions={dated} months={months} />}
      {dated.length > 0 && dated.length < list.actions.length ? <p class="hint">{tp("timeline.undated", { count: list.actions.length - dated.length })}</p> : null}
    </section>
  );
}

function Gantt({ actions, months }: { actions: Action[]; months: string[] }) {
  const from = time(`${months[0]}-01`);
  const [ly, lm] = months[months.length - 1].split("-").map(Number);
  const to = Date.UTC(ly, lm, 1); // the first day after the last month
  const span = to - from;
  const pct = (ms: number) => Math.min(100, Math.max(0, ((ms - from) / span) * 100));
  const now = Date.now();
  const columns = { gridTemplateColumns: `repeat(${months.length}, minmax(3.1rem, 1fr))` };
  return (
    <figure class="plan-gantt" aria-labelledby="gantt-caption">
      <figcaption id="gantt-caption" class="hint">{tp("timeline.caption")}</figcaption>
      <div class="plan-gantt-scroll" tabIndex={0} role="region" aria-labelledby="gantt-caption">
        {/* Wide enough for every month at its minimum width, so bars (placed in % of the track) line up with the month columns. */}
        <div class="plan-gantt-grid" style={{ minWidth: `calc(19rem + ${months.length * 3.1}rem)` }}>
          <div class="plan-gantt-row plan-gantt-head" aria-hidden="true">
            <span class="plan-gantt-label" />
            <div class="plan-gantt-months" style={columns}>
              {months.map((m, i) => (
                <span key={m}>{monthLabel(m)}{i === 0 || m.endsWith("-01") ? <span class="plan-gantt-year">{m.slice(0, 4)}</span> : null}</span>
              ))}
            </div>
          </div>
          <ol class="plan-gantt-rows">
            {actions.map((a) => {
              const start = a.start ? time(a.start) : a.due ? time(a.due) : null;
              const end = a.due ? time(a.due) + dayMs : start !== null ? start + dayMs : null;
              const x = start === null ? 0 : pct(start);
              const w = end === null ? 0 : Math.max(0.6, pct(end) - x);
              return (
                <li key={a.id} class={`plan-gantt-row${a.overdue ? " plan-overdue" : ""}`}>
                  <span class="plan-gantt-label" title={a.title}>
                    <span class="plan-gantt-id">{practiceShort(a.practice)}{a.step ? `.${a.step}` : ""}</span>
                    <span class="plan-gantt-title" dir="auto">{a.title}</span>
                  </span>
                  <div class="plan-gantt-track" style={columns} aria-hidden="true">
                    {months.map((m) => <span key={m} class="plan-gantt-cell" />)}
                    {start !== null && <span class={`plan-gantt-bar plan-bar-${a.status}`} style={{ insetInlineStart: `${x}%`, width: `${w}%` }} />}
                    {a.milestones.filter((m) => m.due).map((m, i) => (
                      <span key={i} class={`plan-gantt-milestone${m.done ? " done" : ""}`} style={{ insetInlineStart: `${pct(time(m.due) + dayMs / 2)}%` }} />
                    ))}
                    {now >= from && now < to && <span class="plan-gantt-today" style={{ insetInlineStart: `${pct(now)}%` }} />}
                  </div>
                  <span class="visually-hidden">{describe(a)}</span>
                </li>
              );
            })}
          </ol>
        </div>
      </div>
      <ul class="legend plan-gantt-legend">
        <li><span class="swatch plan-bar-planned" aria-hidden="true" /> {tp("actionStatus.planned")}</li>
        <li><span class="swatch plan-bar-in-progress" aria-hidden="true" /> {tp("actionStatus.in-progress")}</li>
        <li><span class="swatch plan-bar-done" aria-hidden="true" /> {tp("actionStatus.done")}</li>
        <li><span class="swatch plan-bar-blocked" aria-hidden="true" /> {tp("actionStatus.blocked")}</li>
        <li><span class="swatch plan-bar-overdue" aria-hidden="true" /> {tp("timeline.legendOverdue")}</li>
        <li><span class="plan-legend-milestone" aria-hidden="true" /> {tp("timeline.legendMilestone")}</li>
        <li><span class="plan-legend-today" aria-hidden="true" /> {tp("timeline.legendToday")}</li>
      </ul>
    </figure>
  );
}

function describe(a: Action): string {
  const parts = [
    a.start || a.due ? tp("timeline.period", { start: dayLabel(a.start), due: dayLabel(a.due) }) : tp("timeline.noDates"),
    tp(`actionStatus.${a.status}`),
    a.overdue ? tp("actions.overdue") : "",
    ...a.milestones.map((m) => tp("timeline.milestone", { title: m.title, due: dayLabel(m.due) })),
  ];
  return parts.filter(Boolean).join("; ");
}
