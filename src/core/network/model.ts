/**
 * The directory of institutions and the partnerships between them (decision 0035). An
 * institution is a concrete agency, court, FIU, prison service, NGO, company or regional body,
 * with the actors of the taxonomy it plays; a partnership is a channel between institutions (an
 * MoU, a joint task force, a liaison officer, a secure channel, membership of a fusion centre or
 * of a regional or international network). Both are platform records, so markings, the records
 * kernel and the audit apply to them; a partnership cites its institutions.
 *
 * The pure views below (the network, its gaps and who should be at the table) take only what
 * the viewer may read.
 */
import { z } from "zod";
import { calendarDate, id, messageKey } from "../fields.js";
import { msg, type Msg } from "../i18n/messages.js";

export const institutionKinds = [
  "ministry", "police", "prosecution", "court", "fiu", "customs-border", "prison-probation", "intelligence",
  "regulator", "oversight", "local-authority", "ngo", "academia", "private-company", "regional-body", "international-body", "other",
] as const;
export type InstitutionKind = (typeof institutionKinds)[number];

export const partnershipKinds = ["mou", "joint-task-force", "liaison-officer", "secure-channel", "fusion-centre", "network"] as const;
export type PartnershipKind = (typeof partnershipKinds)[number];

/** Regional and international networks the sources name; "other" with a name for the rest. */
export const networks = ["interpol", "europol", "afripol", "ameripol", "aseanapol", "egmont", "gctf", "other"] as const;
export const partnershipStatuses = ["planned", "active", "suspended", "ended"] as const;
export type PartnershipStatus = (typeof partnershipStatuses)[number];

const country = z.string().regex(/^[A-Z]{2}$/, messageKey("format.country"));
const practice = z.string().regex(/^(hague|addendum|icct)-[0-9]+$/, messageKey("format.practice"));

/**
 * An institution. The mailbox is a role's address (liaison@…, fiu-desk@…), never a person's:
 * the directory holds no personal data. No field records ethnicity, religion or the like.
 */
export const institutionBody = z.strictObject({
  kind: z.enum(institutionKinds),
  /** ISO 3166-1 alpha-2; empty for regional and international bodies */
  country: country.optional(),
  mandate: z.string().trim().max(2000).optional(),
  actors: z.array(id).min(1, messageKey("institutionActors")).max(20),
  mailbox: z.email(messageKey("format.email")).max(200).optional(),
  /** the institution it belongs to (a unit of a ministry), by id */
  parent: id.optional(),
  /** where it came from when an upgrade made it (a self-assessment's unit, a Watch source) */
  migrated_from: z.strictObject({ kind: z.enum(["plan-unit", "source"]), record: id, unit: z.string().optional() }).optional(),
});
export type InstitutionBody = z.infer<typeof institutionBody>;

export const partnershipBody = z.strictObject({
  kind: z.enum(partnershipKinds),
  /** the institutions it joins: two or more, or one member of a network or fusion centre */
  members: z.array(id).min(1, messageKey("partnershipMembers")).max(100),
  network: z.enum(networks).optional(),
  /** the network's or the centre's own name when `network` is "other" or the kind is fusion-centre */
  network_name: z.string().trim().max(200).optional(),
  status: z.enum(partnershipStatuses).default("active"),
  start: calendarDate.optional(),
  end: calendarDate.optional(),
  practices: z.array(practice).max(55).default([]),
  notes: z.string().trim().max(2000).optional(),
}).superRefine((b, ctx) => {
  const hub = b.kind === "network" || b.kind === "fusion-centre";
  if (!hub && b.members.length < 2) ctx.addIssue({ code: "custom", path: ["members"], message: messageKey("partnershipTwoMembers") });
  if (b.kind === "network" && !b.network) ctx.addIssue({ code: "custom", path: ["network"], message: messageKey("partnershipNetwork") });
  if ((b.network === "other" || b.kind === "fusion-centre") && !b.network_name) ctx.addIssue({ code: "custom", path: ["network_name"], message: messageKey("empty") });
  if (new Set(b.members).size !== b.members.length) ctx.addIssue({ code: "custom", path: ["members"], message: messageKey("partnershipRepeated") });
  if (b.start && b.end && b.end < b.start) ctx.addIssue({ code: "custom", path: ["end"], message: messageKey("endBeforeStart") });
});
export type PartnershipBody = z.infer<typeof partnershipBody>;

export interface Institution { id: string; name: string; body: InstitutionBody }
export interface Partnership { id: string; title: string; body: PartnershipBody }

/** What the views need of the knowledge base. */
export interface NetworkKb {
  practices: { id: string; framework: string; number: number; title: string; actors: string[] }[];
  actors: { id: string; name: string; parent: string | null }[];
}

/** A partnership is live on a date when it is active and that date lies within its dates. */
export function isLive(p: PartnershipBody, today: string): boolean {
  return p.status === "active" && (!p.start || p.start <= today) && (!p.end || p.end >= today);
}

/** The hub a network or fusion-centre partnership stands for: its members meet there. */
export const hubOf = (p: Partnership): string | null =>
  p.body.kind === "network" || p.body.kind === "fusion-centre" ? `hub:${p.body.network && p.body.network !== "other" ? p.body.network : (p.body.network_name ?? p.id).toLowerCase()}` : null;

/** Actors an institution plays, with the actors under them in the taxonomy counted for their parent (police plays law-enforcement). */
function actorsCovered(kb: NetworkKb, actors: string[]): Set<string> {
  const parent = new Map(kb.actors.map((a) => [a.id, a.parent]));
  const out = new Set<string>();
  for (const a of actors) {
    out.add(a);
    let p = parent.get(a);
    while (p) { out.add(p); p = parent.get(p); }
  }
  return out;
}

export interface NetworkFilter { practice?: string; actor?: string; country?: string }

/** Institutions that pass the filter: play the actor (or one of the practice's actors), and are in the country (regional bodies pass any country). */
export function filterInstitutions(kb: NetworkKb, list: Institution[], f: NetworkFilter): Institution[] {
  const practiceActors = f.practice ? new Set(kb.practices.find((p) => p.id === f.practice)?.actors ?? []) : null;
  return list.filter((i) => {
    const covered = actorsCovered(kb, i.body.actors);
    if (f.actor && !covered.has(f.actor)) return false;
    if (practiceActors && ![...practiceActors].some((a) => covered.has(a))) return false;
    if (f.country && i.body.country && i.body.country !== f.country) return false;
    return true;
  });
}

export interface GraphNode { id: string; label: string; kind: "institution" | "hub"; institutionKind?: InstitutionKind; country?: string; actors: string[] }
export interface GraphEdge { id: string; from: string; to: string; partnership: string; kind: PartnershipKind; live: boolean; practices: string[] }

/**
 * The network as nodes and edges: an edge per pair of members of a bilateral or multilateral
 * partnership; a network or fusion centre becomes a hub node its members link to. Partnerships
 * whose institutions are not all shown (filtered out or not readable) are left out.
 */
export function networkGraph(kb: NetworkKb, institutions: Institution[], partnerships: Partnership[], f: NetworkFilter, today: string): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const shown = filterInstitutions(kb, institutions, f);
  const ids = new Set(shown.map((i) => i.id));
  const nodes: GraphNode[] = shown.map((i) => ({ id: i.id, label: i.name, kind: "institution", institutionKind: i.body.kind, country: i.body.country, actors: i.body.actors }));
  const edges: GraphEdge[] = [];
  const hubs = new Map<string, GraphNode>();
  for (const p of partnerships) {
    if (f.practice && p.body.practices.length && !p.body.practices.includes(f.practice)) continue;
    const members = p.body.members.filter((m) => ids.has(m));
    const live = isLive(p.body, today);
    const hub = hubOf(p);
    if (hub) {
      if (!members.length) continue;
      if (!hubs.has(hub)) hubs.set(hub, { id: hub, label: p.body.network_name ?? p.body.network ?? p.title, kind: "hub", actors: [] });
      for (const m of members) edges.push({ id: `${p.id}:${m}`, from: m, to: hub, partnership: p.id, kind: p.body.kind, live, practices: p.body.practices });
    } else {
      if (members.length < 2) continue;
      for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) {
        edges.push({ id: `${p.id}:${members[a]}:${members[b]}`, from: members[a], to: members[b], partnership: p.id, kind: p.body.kind, live, practices: p.body.practices });
      }
    }
  }
  return { nodes: [...nodes, ...hubs.values()], edges };
}

export type Gap =
  | { kind: "no-institution"; practice: string; actor: string; message: Msg }
  | { kind: "no-channel"; practice: string; groups: string[][]; message: Msg };

/**
 * Gaps of the map, practice by practice: actors a practice expects that no institution plays,
 * and institutions of a practice that fall apart into groups with no live channel between them
 * (a shared network or fusion centre counts as a channel). A practice none of whose actors has
 * an institution yet reports only the first kind.
 */
export function networkGaps(kb: NetworkKb, institutions: Institution[], partnerships: Partnership[], f: NetworkFilter, today: string, names: { actor: (id: string) => string }): Gap[] {
  const gaps: Gap[] = [];
  const shown = filterInstitutions(kb, institutions, { country: f.country });
  const live = partnerships.filter((p) => isLive(p.body, today));
  for (const p of kb.practices) {
    if (f.practice && p.id !== f.practice) continue;
    const expected = f.actor ? p.actors.filter((a) => a === f.actor) : p.actors;
    if (!expected.length) continue;
    const players = new Map<string, Institution[]>();
    for (const a of expected) players.set(a, shown.filter((i) => actorsCovered(kb, i.body.actors).has(a)));
    for (const [a, list] of players) {
      if (!list.length) gaps.push({ kind: "no-institution", practice: p.id, actor: a, message: msg("network.msg.gap.noInstitution", { actor: names.actor(a) }) });
    }
    const involved = [...new Map([...players.values()].flat().map((i) => [i.id, i])).values()];
    if (involved.length < 2) continue;
    const groups = components(involved.map((i) => i.id), live);
    if (groups.length > 1) {
      const byId = new Map(involved.map((i) => [i.id, i.name]));
      gaps.push({
        kind: "no-channel", practice: p.id, groups,
        message: msg("network.msg.gap.noChannel", { count: groups.length, groups: groups.map((g) => g.map((x) => byId.get(x)!).join(", ")).join(" | ") }),
      });
    }
  }
  return gaps;
}

/** Connected groups of the given institutions over live partnerships (hubs join their members). */
function components(ids: string[], live: Partnership[]): string[][] {
  const parent = new Map<string, string>(ids.map((i) => [i, i]));
  const find = (x: string): string => { let r = x; while (parent.get(r) !== r) r = parent.get(r)!; parent.set(x, r); return r; };
  const union = (a: string, b: string) => { const ra = find(a), rb = find(b); if (ra !== rb) parent.set(ra, rb); };
  for (const p of live) {
    const members = p.body.members.filter((m) => parent.has(m));
    for (let i = 1; i < members.length; i++) union(members[0], members[i]);
  }
  const groups = new Map<string, string[]>();
  for (const i of ids) groups.set(find(i), [...(groups.get(find(i)) ?? []), i]);
  return [...groups.values()];
}

export interface Seat { actor: string; institutions: { id: string; name: string; country?: string }[]; why: Msg }

/**
 * Who should be at the table for an exercise or a training: for each actor it needs (a scenario's
 * roles, a practice's actors, a training's audience), the institutions of the map that play it,
 * in the country asked for (regional bodies always), or none — then the seat is a gap to fill.
 */
export function atTheTable(kb: NetworkKb, institutions: Institution[], actors: string[], country: string | undefined, names: { actor: (id: string) => string }): Seat[] {
  const shown = filterInstitutions(kb, institutions, { country });
  return [...new Set(actors)].map((a) => {
    const list = shown.filter((i) => actorsCovered(kb, i.body.actors).has(a)).map((i) => ({ id: i.id, name: i.name, country: i.body.country }));
    return { actor: a, institutions: list, why: list.length ? msg("network.msg.seat.filled", { actor: names.actor(a), count: list.length }) : msg("network.msg.seat.empty", { actor: names.actor(a) }) };
  });
}
