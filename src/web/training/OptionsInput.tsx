/**
 * The options of one question as a learner answers it, shared by the module's knowledge check and
 * a cohort's test: radio buttons (one answer), checkboxes (several), or an ordered list with Up and
 * Down buttons that keep the keyboard focus on the item moved (on the other button when the first
 * is disabled at the end of the list).
 */
import { tx } from "./strings.js";

export interface OptionsQuestion { id: string; type: string; options: { id: string; text: string }[] }

export function OptionsInput({ q, chosen, onChange, idPrefix, name, disabled = false, textAttrs = {} }: {
  q: OptionsQuestion;
  chosen: string[];
  onChange: (next: string[]) => void;
  /** ids of the Up/Down buttons: `${idPrefix}-${option}-up` */
  idPrefix: string;
  /** the radio and checkbox group's name */
  name: string;
  disabled?: boolean;
  /** lang/dir of the options' text (English on another language's page is marked) */
  textAttrs?: { lang?: string; dir?: "auto" | "ltr" | "rtl" };
}) {
  const textOf = (id: string) => q.options.find((o) => o.id === id)?.text ?? "";
  const multiple = q.type === "multiple";
  const move = (i: number, by: -1 | 1) => {
    const order = [...chosen];
    [order[i], order[i + by]] = [order[i + by], order[i]];
    onChange(order);
    const button = (dir: string) => document.getElementById(`${idPrefix}-${order[i + by]}-${dir}`) as HTMLButtonElement | null;
    requestAnimationFrame(() => {
      const el = button(by < 0 ? "up" : "down");
      (el && !el.disabled ? el : button(by < 0 ? "down" : "up"))?.focus();
    });
  };
  if (q.type === "ordering") {
    return (
      <ol class="training-options training-order">
        {chosen.map((id, i) => (
          <li key={id}>
            <span class="n muted">{i + 1}.</span>
            <span class="t" {...textAttrs}>{textOf(id)}</span>
            <span class="moves">
              <button type="button" id={`${idPrefix}-${id}-up`} disabled={disabled || i === 0} aria-label={`${tx("up")}: ${textOf(id)}`} onClick={() => move(i, -1)}>{tx("up")}</button>
              <button type="button" id={`${idPrefix}-${id}-down`} disabled={disabled || i === chosen.length - 1} aria-label={`${tx("down")}: ${textOf(id)}`} onClick={() => move(i, 1)}>{tx("down")}</button>
            </span>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <ul class="training-options">
      {q.options.map((o) => (
        <li key={o.id}>
          <label>
            <input
              type={multiple ? "checkbox" : "radio"} name={name} value={o.id} disabled={disabled} checked={chosen.includes(o.id)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                onChange(multiple ? (on ? [...chosen, o.id] : chosen.filter((x) => x !== o.id)) : [o.id]);
              }}
            />
            <span {...textAttrs}>{o.text}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}
