/** Practices named for a reader: "Hague GP 4" in their language, never the id `hague-4` (decision 0025). */
import { msg, type Msg } from "./messages.js";

/** The short label of a practice id (`hague-4` → Hague GP 4); an id of another shape names itself. */
export function practiceRef(id: string): Msg {
  const m = /^(hague|addendum|icct)-(\d+)$/.exec(id);
  return m ? msg(`common.msg.practice.${m[1]}`, { n: Number(m[2]) }) : msg("common.msg.text", { text: id });
}
/** "Hague GP 4: title" */
export const practiceTitled = (id: string, title: string): Msg => msg("common.msg.titled", { label: practiceRef(id), title });
