/** A group's dated types and motivations as one line of text each, for the groups table. */
import { t } from "../i18n.js";
import { formatDate } from "../platform/ui.js";

export interface MotivationRow { from: string; kind: string; aim?: "primary" | "secondary"; sources?: string[]; credibility?: number }
export interface GroupBody { type: string; types?: { from: string; type: string }[]; motivations?: MotivationRow[]; aliases?: string[]; areas?: string[]; notes?: string }

/** "Economic (primary) since 1 Jan 2000; Political (secondary) since 1 Jan 2000", oldest first. */
export function motivationsText(motivations: MotivationRow[] | undefined): string {
  const rows = [...(motivations ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  return rows.map((m) => {
    const kind = t(`watch.motivation.${m.kind}`);
    const date = formatDate(m.from);
    return m.aim ? t("watch.group.sinceAim", { kind, aim: t(`watch.aimIn.${m.aim}`), date }) : t("watch.group.since", { kind, date });
  }).join(t("watch.group.separator"));
}

/** "Other armed group from 1 Jan 1998", oldest first: the types before today's. */
export function earlierTypesText(types: { from: string; type: string }[] | undefined): string {
  return [...(types ?? [])].sort((a, b) => a.from.localeCompare(b.from))
    .map((x) => t("watch.group.typeFrom", { type: t(`watch.groupType.${x.type}`), date: formatDate(x.from) }))
    .join(t("watch.group.separator"));
}
