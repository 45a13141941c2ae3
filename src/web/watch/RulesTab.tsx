/** Watch rules: alert me when an indicator is observed present, or when the leading manifestation changes. */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { send } from "../platform/session.js";
import { fieldError, FormProblem, onSubmit, TlpBadge } from "../platform/ui.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { Empty, Saved, useAddForm, type TabProps } from "./homeParts.js";
import { IndicatorPicker } from "./IndicatorPicker.js";
import { alertsChanged, enc, indicatorName, SelectField, watchBase, type Factor, type WatchRecord } from "./shared.js";

export function RulesTab({ ws, items, factors, canWrite, defaultMarking, onChange }: TabProps & { items: WatchRecord[]; factors: Factor[] | null }) {
  const [rule, setRule] = useState("indicator-present");
  const [indicator, setIndicator] = useState("");
  const add = useAddForm(defaultMarking, async (marking) => {
    await send("POST", `${watchBase}/workspaces/${enc(ws)}/rules`, { marking, body: rule === "indicator-present" ? { rule, indicator } : { rule } });
    alertsChanged();
    return t("watch.rule.saved");
  }, onChange);
  const e = add.form.error;
  const describe = (r: WatchRecord) => {
    const b = r.body as { rule: string; indicator?: string };
    return b.rule === "indicator-present" ? t("watch.rule.whenPresent", { indicator: indicatorName(factors, b.indicator ?? "") }) : t("watch.rule.whenLeader");
  };
  return (
    <section aria-labelledby="w-rules">
      <h2 id="w-rules">{t("watch.tab.rules")}</h2>
      <p class="hint">{t("watch.rule.lead")}</p>
      {items.length === 0 ? <Empty /> : (
        <ul>{items.map((r) => <li key={r.id}>{describe(r)} <TlpBadge marking={r.marking} /></li>)}</ul>
      )}
      {canWrite && (
        <div class="panel">
          <h3>{t("watch.rule.add")}</h3>
          <form class="form" onSubmit={onSubmit(() => add.form.run())} noValidate>
            <FormProblem error={e} fields={["marking", "body.indicator", "body"]} />
            <SelectField id="rule-kind" label={t("watch.rule.kind")} value={rule} onValue={setRule}>
              <option value="indicator-present">{t("watch.rule.indicatorPresent")}</option>
              <option value="leader-changed">{t("watch.rule.leaderChanged")}</option>
            </SelectField>
            {rule === "indicator-present" && <IndicatorPicker id="rule-indicator" value={indicator} onValue={setIndicator} factors={factors} error={fieldError(e, "body.indicator")} />}
            <MarkingSelect id="rule-marking" value={add.marking} onValue={add.setMarking} error={fieldError(e, "marking")} />
            <p><button class="primary" type="submit" disabled={add.form.busy}>{t("watch.rule.submit")}</button></p>
            <Saved text={add.saved} />
          </form>
        </div>
      )}
    </section>
  );
}
