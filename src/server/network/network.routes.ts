import { z } from "zod";
import { id, marking, messageKey, name, recipients } from "../../core/fields.js";
import { institutionBody } from "../../core/network/model.js";
import { attachment, contentTypes } from "../http/attachment.js";
import { requestLanguage } from "../http/language.js";
import type { RouteRegistry } from "../http/routes.js";
import { localizeErrors } from "../http/validation.js";
import { actorOf } from "../platform/auth.service.js";
import type { NetworkService } from "./network.service.js";

const ws = z.strictObject({ workspace: id });
const country = z.string().regex(/^[A-Z]{2}$/, messageKey("format.country"));
const practice = z.string().regex(/^(hague|addendum|icct)-[0-9]+$/, messageKey("format.practice"));
const filter = { practice: practice.optional(), actor: id.optional(), country: country.optional() };
const csvList = (item: z.ZodString) => z.string().max(2000).transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)).pipe(z.array(item).max(60));

export function registerNetworkRoutes(routes: RouteRegistry, network: NetworkService) {
  const base = "/api/v1/network";
  const tags = ["network"];
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace`, access: "records.read", tags,
    summary: "The workspace's directory: the institutions and partnerships you may read (withheld ones counted)",
    params: ws,
    handler: async ({ params, principal }) => network.list(principal!.user, params.workspace),
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/institutions`, access: "records.write", tags,
    summary: "Add an institution: kind, country, mandate, the actors of the taxonomy it plays and a role mailbox (no personal data)",
    params: ws, body: z.strictObject({ name: name(300), marking, recipients: recipients.optional(), body: z.unknown() }),
    documentedBody: z.strictObject({ name: name(300), marking, recipients: recipients.optional(), body: institutionBody }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return network.createInstitution(principal!.user, params.workspace, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/partnerships`, access: "records.write", tags,
    summary: "Add a partnership between institutions: MoU, joint task force, liaison officer, secure channel, fusion-centre or network membership, with dates, status and the practices it serves",
    params: ws, body: z.strictObject({ name: name(300).optional(), marking, recipients: recipients.optional(), body: z.unknown() }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return network.createPartnership(principal!.user, params.workspace, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "PATCH", url: `${base}/entries/:id`, access: "records.write", tags,
    summary: "Change an institution or a partnership (its body is checked as on creation; widening its marking needs a reason)",
    params: z.strictObject({ id }), body: z.strictObject({ name: name(300).optional(), marking: marking.optional(), recipients: recipients.optional(), reason: z.string().max(2000).optional(), body: z.unknown().optional() }),
    handler: async ({ params, body, principal, req }) => network.update(principal!.user, params.id, body, actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/graph`, access: "records.read", tags,
    summary: "The network as nodes (institutions; networks and fusion centres as hubs) and edges (partnerships), filtered by practice, actor and country",
    params: ws, query: z.strictObject({ ...filter, lang: z.string().max(10).optional() }),
    handler: async ({ params, query, principal, req }) => network.graph(principal!.user, params.workspace, query, requestLanguage(req)),
  });
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/gaps`, access: "records.read", tags,
    summary: "Gaps of the map: practices whose expected actors have no institution, or whose institutions share no live channel",
    params: ws, query: z.strictObject({ ...filter, lang: z.string().max(10).optional() }),
    handler: async ({ params, query, principal, req }) => network.gaps(principal!.user, params.workspace, query, requestLanguage(req)),
  });
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/table`, access: "records.read", tags,
    summary: "Who should be at the table for an exercise (a scenario's roles), given practices or a training's audience (actors, comma-separated), with the institutions of the map for each seat",
    params: ws,
    query: z.strictObject({ scenario: id.optional(), practices: csvList(practice).optional(), actors: csvList(z.string().min(1).max(100)).optional(), country: country.optional(), lang: z.string().max(10).optional() }),
    handler: async ({ params, query, principal, req }) => network.table(principal!.user, params.workspace, query, requestLanguage(req)),
  });
  for (const what of ["institutions", "partnerships"] as const) {
    routes.add({
      method: "GET", url: `${base}/workspaces/:workspace/${what}.csv`, access: "records.read", tags,
      summary: `The ${what} as CSV, in the columns the import reads (audited)`,
      params: ws,
      handler: async ({ params, principal, req, reply }) => {
        attachment(reply, `${what}.csv`, contentTypes.csv);
        return network.exportCsv(principal!.user, params.workspace, what, actorOf(principal, req));
      },
    });
    routes.add({
      method: "POST", url: `${base}/workspaces/:workspace/${what}/import`, access: "records.write", tags,
      summary: `Import ${what} from CSV (the export's columns; lists separated by ";"; members and parents by id or exact name), all rows or none, with each refused row named`,
      params: ws, body: z.strictObject({ csv: z.string().min(1, messageKey("empty")).max(5 * 1024 * 1024), marking }),
      handler: async ({ params, body, principal, req, reply }) => {
        const result = await network.importCsv(principal!.user, params.workspace, what, body.csv, body.marking, actorOf(principal, req));
        if (!("errors" in result)) return result;
        reply.code(422);
        const localized = localizeErrors(requestLanguage(req), "", result.errors).errors;
        return { ...result, errors: result.errors.map((e, i) => ({ ...e, message: localized[i].message })) };
      },
    });
  }
}
