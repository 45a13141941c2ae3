/**
 * GET /api/v1/watch/workspaces/{workspace}/gap-map: the evidence-gap map as JSON, CSV or PDF
 * (decision 0037). Computed for the reader from what they may read; 404 for non-members; the
 * CSV and PDF exports are audited as `watch.gap-map-export`.
 */
import { z } from "zod";
import { id } from "../../core/fields.js";
import { attachment, contentTypes } from "../http/attachment.js";
import { documentQuery, requestLanguage } from "../http/language.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf } from "../platform/auth.service.js";
import { renderDocumentPdf } from "../documents/pdf.js";
import { gapMapDocument } from "./gapMap.document.js";
import type { GapMapService } from "./gapMap.service.js";

const formats = ["json", "csv", "pdf"] as const;

export function registerGapMapRoutes(routes: RouteRegistry, gapMap: GapMapService) {
  routes.add({
    method: "GET", url: "/api/v1/watch/workspaces/:workspace/gap-map", access: "records.read", tags: ["watch"],
    summary: "The evidence-gap map of a workspace: indicators by area (and by manifestation), each cell none, weak (one source, mostly low-grade, older than a year) or solid, with its reasons; the gaps with the research priorities they serve; and what to collect next, ordered by how far it could move each area's leading hypothesis. Only evidence you may read counts. `format`: json (default), csv (one row per cell) or pdf (landscape, with a legend); CSV and PDF are audited and in the reader's language (lang, else Accept-Language)",
    params: z.strictObject({ workspace: id }),
    query: documentQuery.extend({ format: z.enum(formats, { error: `must be one of ${formats.join(", ")}` }).optional() }),
    handler: async ({ params, query, principal, req, reply }) => {
      const user = principal!.user;
      const lang = requestLanguage(req);
      if (query.format === "csv") {
        const csv = await gapMap.csv(user, params.workspace, lang, actorOf(principal, req));
        attachment(reply, "evidence-gaps.csv", contentTypes.csv);
        return csv;
      }
      const map = await gapMap.map(user, params.workspace, lang);
      if (query.format !== "pdf") return map;
      const cells = map.factors.reduce((n, f) => n + f.rows.length * map.areas.length, 0);
      const pdf = await renderDocumentPdf(gapMapDocument(map, lang, map.marking, map.asOf));
      await gapMap.audit(actorOf(principal, req), params.workspace, "pdf", cells);
      attachment(reply, `evidence-gaps-${map.asOf}.pdf`, contentTypes.pdf);
      return pdf;
    },
  });
}
