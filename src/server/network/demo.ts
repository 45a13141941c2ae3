/**
 * The demo's directory (decision 0035): synthetic institutions of the demo country and the
 * channels between them, with the gaps a real directory often has (the prosecutors and the prison
 * service share no live channel with the financial side; no judges yet).
 */
import type { Db } from "../../db/connection.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import type { AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { RecordsService } from "../platform/records.service.js";
import { NetworkService } from "./network.service.js";

export async function loadNetworkDemo(db: Db, kb: KnowledgeBase, records: RecordsService, user: User, workspaceId: string, country: string, actor: AuditActor) {
  const network = new NetworkService(db, kb, records);
  const made: Record<string, string> = {};
  const institutions: [string, string, string, string[], string][] = [
    ["ctc", "[Synthetic] National counter-terrorism coordination committee", "ministry", ["national-coordination-bodies", "policy-makers"], "coordination@ctc.example.org"],
    ["police", "[Synthetic] Judicial police, counter-terrorism division", "police", ["police"], "ct-desk@police.example.org"],
    ["fiu", "[Synthetic] Financial intelligence unit", "fiu", ["fiu"], "analysis@fiu.example.org"],
    ["prosecutors", "[Synthetic] Specialised prosecution office", "prosecution", ["prosecutors"], "registry@prosecution.example.org"],
    ["customs", "[Synthetic] Customs directorate, intelligence service", "customs-border", ["customs", "border-authorities"], "intel@customs.example.org"],
    ["prisons", "[Synthetic] Prison administration", "prison-probation", ["prison-administration"], "liaison@prisons.example.org"],
    ["ngo", "[Synthetic] Community mediation network", "ngo", ["ngos", "community-leaders"], "contact@mediation.example.org"],
    ["bank", "[Synthetic] Bankers' association compliance forum", "private-company", ["financial-institutions"], "compliance@bankers.example.org"],
  ];
  for (const [key, name, kind, actors, mailbox] of institutions) {
    made[key] = (await network.createInstitution(user, workspaceId, { name, marking: "GREEN", body: { kind, country, actors, mailbox } }, actor)).id;
  }
  const partnerships: { marking: "GREEN" | "AMBER"; body: Record<string, unknown> }[] = [
    { marking: "GREEN", body: { kind: "mou", members: [made.fiu, made.police], status: "active", start: "2023-03-01", practices: ["hague-12", "addendum-13"] } },
    { marking: "GREEN", body: { kind: "joint-task-force", members: [made.police, made.customs, made.fiu], status: "active", start: "2024-06-01", practices: ["addendum-10", "hague-21"] } },
    { marking: "GREEN", body: { kind: "network", network: "interpol", members: [made.police] } },
    { marking: "GREEN", body: { kind: "network", network: "egmont", members: [made.fiu] } },
    { marking: "AMBER", body: { kind: "liaison-officer", members: [made.prosecutors, made.prisons], status: "ended", start: "2021-01-01", end: "2023-12-31", practices: ["addendum-23"] } },
    { marking: "GREEN", body: { kind: "mou", members: [made.fiu, made.bank], status: "planned", practices: ["hague-12"] } },
  ];
  for (const p of partnerships) await network.createPartnership(user, workspaceId, p, actor);
  return { institutions: institutions.length, partnerships: partnerships.length };
}
