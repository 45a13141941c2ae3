/**
 * The one access function. Every read path (API, search, exports, websocket, feeds) asks it
 * whether a user may see a record, and it answers with a level and the reason, so the UI and
 * the audit can say why. It combines workspace membership, the TLP marking and organisation.
 */
import type { Marking } from "./markings.js";
import type { Role } from "./roles.js";

export interface Viewer {
  id: string;
  organisationId: string;
  roles: readonly Role[];
  /** workspace id -> whether the membership is active (false once revoked) */
  memberships: ReadonlyMap<string, boolean>;
  /** records an oversight user was granted to read in full */
  grants: ReadonlySet<string>;
}

export interface RecordFacts {
  id: string;
  workspaceId: string;
  marking: Marking;
  organisationId: string;
  createdBy: string;
  recipients: readonly string[];
  deleted: boolean;
}

/** content: read everything; metadata: title, marking and dates only (oversight); none: not even that it exists. */
export type AccessLevel = "content" | "metadata" | "none";
export interface AccessDecision {
  level: AccessLevel;
  reason: string;
}

const none = (reason: string): AccessDecision => ({ level: "none", reason });

export function recordAccess(viewer: Viewer, record: RecordFacts): AccessDecision {
  const oversight = viewer.roles.includes("oversight");
  if (record.deleted) {
    return oversight ? { level: "metadata", reason: "oversight sees records awaiting purge, without content" } : none("the record has been removed");
  }
  const member = viewer.memberships.get(record.workspaceId) === true;
  const byMarking = contentByMarking(viewer, record, member);
  if (byMarking.level === "content") return byMarking;
  if (oversight) {
    if (viewer.grants.has(record.id)) return { level: "content", reason: "oversight was granted access to this record" };
    return { level: "metadata", reason: "oversight sees who holds what, not the content" };
  }
  return byMarking;
}

function contentByMarking(viewer: Viewer, r: RecordFacts, member: boolean): AccessDecision {
  switch (r.marking) {
    case "CLEAR":
      return { level: "content", reason: "TLP:CLEAR may be seen by every user" };
    case "GREEN":
      return { level: "content", reason: "TLP:GREEN is shared with the whole community of this deployment" };
    case "AMBER":
      return member ? { level: "content", reason: "member of the workspace (TLP:AMBER)" } : none("TLP:AMBER is limited to members of the workspace");
    case "AMBER+STRICT":
      if (!member) return none("TLP:AMBER+STRICT is limited to members of the workspace");
      return viewer.organisationId === r.organisationId
        ? { level: "content", reason: "member of the workspace from the owning organisation (TLP:AMBER+STRICT)" }
        : none("TLP:AMBER+STRICT is limited to the owning organisation");
    case "RED":
      if (!member) return none("TLP:RED is limited to named recipients in the workspace");
      return viewer.id === r.createdBy || r.recipients.includes(viewer.id)
        ? { level: "content", reason: "named recipient (TLP:RED)" }
        : none("TLP:RED is limited to named recipients");
  }
}

/** Keeps the records the viewer may see at all, each with its level. */
export function visibleRecords<T>(viewer: Viewer, records: T[], facts: (r: T) => RecordFacts): { record: T; decision: AccessDecision }[] {
  return records.map((record) => ({ record, decision: recordAccess(viewer, facts(record)) })).filter((x) => x.decision.level !== "none");
}

/**
 * The derived-data rule: may `derived` (a record that cites or is computed from `parent`) be
 * stored with its facts? Only when everyone who can read `derived` can also read `parent`,
 * whoever joins or leaves later. CLEAR and GREEN parents are readable by every user, so they
 * cover any record at least as narrow. Narrower parents cover only records in the same
 * workspace: AMBER covers AMBER and narrower; AMBER+STRICT covers AMBER+STRICT of the same
 * organisation and RED whose readers all belong to it; RED covers RED whose readers are all
 * readers of the parent. `orgOf` names a user's organisation (for RED readers).
 * Returns null when covered, otherwise why not.
 */
export type CoverFailure = "marking-wider" | "other-workspace" | "other-organisation" | "readers-wider";
export function covers(parent: RecordFacts, derived: RecordFacts, orgOf: (userId: string) => string | undefined = () => undefined): CoverFailure | null {
  if (parent.deleted) return "readers-wider";
  const order = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"];
  if (order.indexOf(derived.marking) < order.indexOf(parent.marking)) return "marking-wider";
  if (parent.marking === "CLEAR" || parent.marking === "GREEN") return null;
  if (parent.workspaceId !== derived.workspaceId) return "other-workspace";
  const readersOfRed = (r: RecordFacts) => [r.createdBy, ...r.recipients];
  switch (parent.marking) {
    case "AMBER":
      return null;
    case "AMBER+STRICT":
      if (derived.marking === "AMBER+STRICT") return derived.organisationId === parent.organisationId ? null : "other-organisation";
      return readersOfRed(derived).every((u) => orgOf(u) === parent.organisationId) ? null : "other-organisation";
    case "RED": {
      const allowed = new Set(readersOfRed(parent));
      return readersOfRed(derived).every((u) => allowed.has(u)) ? null : "readers-wider";
    }
  }
}
