/**
 * The technical-assistance needs report: the practices where the country has a gap and asked
 * for help, grouped by the international organisations its examples (initiatives of global or
 * regional scope) and instruments (their issuers) point to. A practice can sit under several
 * organisations; one that points to none is listed apart. The gap is a message. Pure.
 */
import type { Msg } from "../i18n/messages.js";
export interface AssistancePractice { id: string; title: string; examples: string[]; instruments: { id: string }[] }
export interface AssistanceInput { practice: string; note: string; gap: Msg }
export interface Pointer { id: string; organisation: string | null | undefined; international: boolean; name: string }
export interface AssistanceGroup { organisation: string; practices: { practice: string; title: string; gap: Msg; note: string; via: string[] }[] }

export function assistanceReport(practices: AssistancePractice[], requested: AssistanceInput[], initiatives: Pointer[], instruments: Pointer[]) {
  const groups = new Map<string, AssistanceGroup>();
  const unassigned: AssistanceGroup["practices"] = [];
  const initiativeById = new Map(initiatives.map((i) => [i.id, i]));
  const instrumentById = new Map(instruments.map((i) => [i.id, i]));
  for (const r of requested) {
    const p = practices.find((x) => x.id === r.practice);
    if (!p) continue;
    const via = new Map<string, string[]>();
    const pointers = [...p.examples.map((e) => initiativeById.get(e)), ...p.instruments.map((i) => instrumentById.get(i.id))];
    for (const ptr of pointers) {
      if (!ptr?.organisation || !ptr.international) continue;
      via.set(ptr.organisation, [...(via.get(ptr.organisation) ?? []), ptr.name]);
    }
    const entry = { practice: p.id, title: p.title, gap: r.gap, note: r.note };
    if (!via.size) unassigned.push({ ...entry, via: [] });
    for (const [organisation, names] of via) {
      const g = groups.get(organisation) ?? { organisation, practices: [] };
      g.practices.push({ ...entry, via: [...new Set(names)] });
      groups.set(organisation, g);
    }
  }
  return {
    groups: [...groups.values()].sort((a, b) => b.practices.length - a.practices.length || a.organisation.localeCompare(b.organisation)),
    unassigned,
  };
}
