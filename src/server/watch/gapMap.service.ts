/**
 * The evidence-gap map of a workspace for one reader (decision 0037): the areas they read, each
 * with the observations and analysis computed only from what they read (WatchService.inputFor
 * with their viewer, through the records kernel), and the knowledge base's research priorities.
 * Exports: CSV (one row per cell, header in the reader's language) and PDF (generic document).
 */
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import { toCsv } from "../../core/csv.js";
import { translator } from "../../core/i18n/catalogues.js";
import type { Lang } from "../../core/i18n/format.js";
import { narrowest, type Marking } from "../../core/platform/markings.js";
import { analyse } from "../../core/watch/analysis.js";
import { buildGapMap, type GapMap } from "../../core/watch/gapMap.js";
import type { Db } from "../../db/connection.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { RecordsService } from "../platform/records.service.js";
import type { WatchService } from "./watch.service.js";

/** The map with the names a reader needs beside the ids: workspace, factors, research priorities (in the reader's language where translated). */
export interface GapMapView extends GapMap {
  workspace: { id: string; name: string };
  /** the narrowest marking of the records the map draws on (areas, and the groups, relationships and sources behind their evidence) */
  marking: Marking;
  factorNames: Record<string, string>;
  priorities: { id: string; title: string; kind: string; indicators: string[] }[];
}

interface KnowledgeTitles { factors: Map<string, string>; priorities: { id: string; title: string; kind: string; indicators: string[] }[] }

export class GapMapService {
  constructor(private readonly db: Db, private readonly watch: WatchService, private readonly records: RecordsService, private readonly kbIn: (lang: string) => KnowledgeBase) {}

  /** The map as `user` may see it; 404 (from the records service) when they are not a member of the workspace. */
  async map(user: User, workspaceId: string, lang: Lang, asOf = new Date().toISOString().slice(0, 10)): Promise<GapMapView> {
    // Areas the user reads in full (restricted ones only with a reason): a withheld area is not on the map.
    const areas = (await this.watch.visible(user, ["area"], workspaceId)).sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
    const viewer = await this.records.viewerOf(user);
    const model = this.watch.modelIn(lang);
    const perArea = [];
    const used = new Set<string>();
    for (const area of areas) {
      // Only what this viewer reads: the area's and its readable groups' observations whose every source they read.
      const input = await this.watch.inputFor(this.db, area, { viewer }, asOf);
      input.used.forEach((id) => used.add(id));
      perArea.push({ id: area.id, name: area.title, observations: input.observations, analysis: analyse(model, input), withheld: input.withheld });
    }
    const cited = areas.length ? (await this.watch.visible(user, ["group", "relationship", "source"], workspaceId)).filter((r) => used.has(r.id)) : [];
    const marking = narrowest([...areas, ...cited].map((r) => r.marking as Marking));
    const titles = this.knowledgeTitles(lang);
    const ws = (await this.db.query<{ name: string }>("select name from workspace where id = $1", [workspaceId])).rows[0];
    const map = buildGapMap({ model, areas: perArea, priorities: titles.priorities, asOf });
    return { ...map, workspace: { id: workspaceId, name: ws?.name ?? "" }, marking, factorNames: Object.fromEntries(titles.factors), priorities: titles.priorities };
  }

  /** One row per cell, in the columns of `csvHeader`, audited as an export. */
  async csv(user: User, workspaceId: string, lang: Lang, actor: AuditActor): Promise<string> {
    const m = await this.map(user, workspaceId, lang);
    const t = translator(lang);
    const col = (k: string) => t(`watch.msg.gaps.col.${k}`);
    const header = ["factor", "indicator", "area", "state", "observations", "sources", "latest", "reasons", "priorities", "indicatorId", "areaId"].map(col);
    const title = new Map(m.priorities.map((p) => [p.id, p.title]));
    const rows: unknown[][] = [];
    for (const f of m.factors) for (const r of f.rows) r.cells.forEach((c, i) => rows.push([
      m.factorNames[f.id] ?? f.id, r.statement, m.areas[i].name, t(`watch.msg.gaps.state.${c.state}`), c.observations, c.sources, c.latest ?? "",
      c.reasons.map((x) => t(x)).join(" "), c.priorities.map((p) => title.get(p) ?? p).join("; "), r.indicator, m.areas[i].id,
    ]));
    await this.audit(actor, workspaceId, "csv", rows.length);
    return toCsv([header, ...rows]);
  }

  async audit(actor: AuditActor, workspaceId: string, format: "csv" | "pdf", cells: number) {
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "watch.gap-map-export", targetKind: "workspace", targetId: workspaceId, details: { format, cells } }));
  }

  /** Factor names and research priorities in the reader's language (the translated knowledge base; English where a text is not translated). */
  private knowledgeTitles(lang: Lang): KnowledgeTitles {
    const kb = this.kbIn(lang);
    return {
      factors: new Map(kb.factors.map((f) => [f.id, f.name])),
      priorities: kb.researchPriorities.map((r) => ({ id: r.id, title: r.title, kind: r.kind, indicators: r.indicators })),
    };
  }
}
