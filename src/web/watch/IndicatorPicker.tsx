/**
 * The indicator picker of the observation and watch-rule forms: a search over the statements
 * (and their "present when" and question texts) narrows the list; the chosen indicator's
 * "present when" text shows under it. A native select underneath, so the keyboard, screen
 * readers and phones handle it as they handle any select.
 */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { SelectField, type Factor, type Indicator } from "./shared.js";

/** What the knowledge API gives for an indicator besides its id and statement. */
export type PickerIndicator = Indicator & { present_when?: string; question?: string };

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The indicators whose statement, "present when", question, id or factor title hold every word of the query. */
export function searchIndicators(factors: Factor[], query: string): { factor: Factor; indicators: PickerIndicator[] }[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return factors.map((factor) => ({
    factor,
    indicators: (factor.indicators as PickerIndicator[]).filter((i) => {
      const text = fold([i.statement, i.present_when ?? "", i.question ?? "", i.id, factor.title].join(" "));
      return words.every((w) => text.includes(w));
    }),
  })).filter((g) => g.indicators.length > 0);
}

export function IndicatorPicker({ id, value, onValue, factors, error }: { id: string; value: string; onValue: (v: string) => void; factors: Factor[] | null; error?: string }) {
  const [query, setQuery] = useState("");
  const found = searchIndicators(factors ?? [], query);
  const count = found.reduce((n, g) => n + g.indicators.length, 0);
  const chosen = (factors ?? []).flatMap((f) => f.indicators as PickerIndicator[]).find((i) => i.id === value);
  // The chosen indicator stays in the list while a search hides it, so the select never loses it.
  const listed = chosen && !found.some((g) => g.indicators.some((i) => i.id === value));
  return (
    <div class="indicator-picker">
      <div class="field">
        <label for={`${id}-search`}>{t("watch.picker.search")}</label>
        <p id={`${id}-search-hint`} class="hint">{t("watch.picker.searchHint")}</p>
        <input id={`${id}-search`} type="search" value={query} dir="auto" autoComplete="off" aria-controls={id}
          aria-describedby={`${id}-search-hint ${id}-count`} onInput={(e) => setQuery(e.currentTarget.value)} />
        <p id={`${id}-count`} class="hint" role="status">
          {factors ? (query.trim() ? t("watch.picker.matches", { count }) : t("watch.picker.all", { count })) : t("common.loading")}
        </p>
      </div>
      <SelectField id={id} label={t("watch.indicator")} value={value} onValue={onValue} error={error} required>
        <option value="">{factors ? t("watch.chooseIndicator") : t("common.loading")}</option>
        {listed ? <option value={chosen.id}>{chosen.statement}</option> : null}
        {found.map((g) => (
          <optgroup key={g.factor.id} label={g.factor.title}>
            {g.indicators.map((i) => <option key={i.id} value={i.id}>{i.statement}</option>)}
          </optgroup>
        ))}
      </SelectField>
      {chosen ? (
        <div class="present-when" id={`${id}-present`}>
          <p class="present-when-label">{t("watch.picker.presentWhen")}</p>
          <p dir="auto">{chosen.present_when ?? "—"}</p>
        </div>
      ) : null}
    </div>
  );
}
