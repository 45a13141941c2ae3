/** Pieces shared by the tabs of a workspace's Nexus Watch page: tables, the "add" form state, notes, the default marking, dated rows. */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { Field, formatDate, markings, useSubmit, type Marking } from "../platform/ui.js";
import type { WatchRecord } from "./shared.js";

/** What every tab receives. */
export interface TabProps { ws: string; canWrite: boolean; defaultMarking: Marking; onChange: () => void }

/**
 * The marking new records start with: the workspace's default marking when the workspace record
 * has one. Workspaces have none yet (there is no such field), so it is GREEN; a most-common
 * marking guessed from the records would be the wrong rule.
 */
export function defaultMarkingOf(workspace: { default_marking?: unknown } | null | undefined): Marking {
  const m = workspace?.default_marking;
  return typeof m === "string" && (markings as readonly string[]).includes(m) ? (m as Marking) : "GREEN";
}

export function Empty() { return <p class="muted">{t("watch.none")}</p>; }

export function Table({ caption, head, children }: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Saved({ text }: { text: string }) { return <p class="ok" role="status">{text}</p>; }

/** Shared state of the "add" forms: marking (from the workspace's default), the success line, the submit with its error. */
export function useAddForm(defaultMarking: Marking, action: (marking: Marking) => Promise<string>, onChange: () => void) {
  const [marking, setMarking] = useState<Marking>(defaultMarking);
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    setSaved(await action(marking));
    onChange();
  });
  return { marking, setMarking, saved, form };
}

/** The notes field of every form: free text for the analyst, never weighed by the analysis. */
export function NotesField({ id, value, onValue, error }: { id: string; value: string; onValue: (v: string) => void; error?: string }) {
  return <Field id={id} label={t("watch.notes")} hint={t("watch.notesHint")} multiline value={value} onValue={onValue} error={error} />;
}

/** Notes under a record's name in a table. */
export function NotesLine({ record }: { record: WatchRecord }) {
  const notes = (record.body as { notes?: string }).notes;
  return notes ? <p class="notes-line"><bdi>{notes}</bdi></p> : null;
}

/** Only the fields a form filled: undefined and blank strings are left out of the body. */
export function present<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(typeof v === "string" && v.trim() === ""))) as Partial<T>;
}

export const dateOrDots = (d: string | null | undefined) => (d ? formatDate(d) : "…");
