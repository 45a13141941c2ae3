import { describe, expect, it } from "vitest";
import { recordAccess, visibleRecords, type RecordFacts, type Viewer } from "./access.js";
import type { Marking } from "./markings.js";
import type { Role } from "./roles.js";

const record = (marking: Marking, extra: Partial<RecordFacts> = {}): RecordFacts => ({
  id: "r1", workspaceId: "ws", marking, organisationId: "police", createdBy: "alice", recipients: ["bob"], deleted: false, ...extra,
});
const viewer = (id: string, org: string, membership: "active" | "revoked" | "none", roles: Role[] = ["analyst"], grants: string[] = []): Viewer => ({
  id, organisationId: org, roles,
  memberships: new Map(membership === "none" ? [] : [["ws", membership === "active"]]),
  grants: new Set(grants),
});

// Who: alice created the record (police), bob is a named recipient (police), carol is a member
// from another organisation (fiu), dave is a police officer who is not a member, erin's
// membership was revoked, olga is oversight, otto is oversight with a grant.
const alice = viewer("alice", "police", "active");
const bob = viewer("bob", "police", "active");
const carol = viewer("carol", "fiu", "active");
const dave = viewer("dave", "police", "none");
const erin = viewer("erin", "police", "revoked");
const olga = viewer("olga", "ombudsman", "none", ["oversight"]);
const otto = viewer("otto", "ombudsman", "none", ["oversight"], ["r1"]);
const adam = viewer("adam", "police", "none", ["admin"]);

describe("recordAccess", () => {
  const table: [Marking, Viewer, string][] = [
    ["CLEAR", dave, "content"], ["CLEAR", adam, "content"], ["CLEAR", olga, "content"],
    ["GREEN", dave, "content"], ["GREEN", carol, "content"], ["GREEN", erin, "content"],
    ["AMBER", alice, "content"], ["AMBER", carol, "content"], ["AMBER", dave, "none"], ["AMBER", erin, "none"],
    ["AMBER", adam, "none"], ["AMBER", olga, "metadata"], ["AMBER", otto, "content"],
    ["AMBER+STRICT", alice, "content"], ["AMBER+STRICT", bob, "content"], ["AMBER+STRICT", carol, "none"],
    ["AMBER+STRICT", dave, "none"], ["AMBER+STRICT", erin, "none"], ["AMBER+STRICT", olga, "metadata"], ["AMBER+STRICT", otto, "content"],
    ["RED", alice, "content"], ["RED", bob, "content"], ["RED", carol, "none"], ["RED", dave, "none"],
    ["RED", erin, "none"], ["RED", adam, "none"], ["RED", olga, "metadata"], ["RED", otto, "content"],
  ];
  it.each(table)("%s record, %s -> %s", (marking, v, expected) => {
    const d = recordAccess(v, record(marking));
    expect(d.level).toBe(expected);
    expect(d.reason.length).toBeGreaterThan(10);
  });

  it("denies a named recipient whose membership was revoked", () => {
    expect(recordAccess(viewer("bob", "police", "revoked"), record("RED")).level).toBe("none");
  });

  it("hides removed records from everyone but oversight, which sees only metadata", () => {
    const removed = record("CLEAR", { deleted: true });
    expect(recordAccess(alice, removed).level).toBe("none");
    expect(recordAccess(otto, removed).level).toBe("metadata");
  });

  it("membership of another workspace does not count", () => {
    const elsewhere: Viewer = { ...carol, memberships: new Map([["other-ws", true]]) };
    expect(recordAccess(elsewhere, record("AMBER")).level).toBe("none");
  });

  it("filters a list to what the viewer may see", () => {
    const rs = (["CLEAR", "AMBER", "RED"] as Marking[]).map((m, i) => record(m, { id: `r${i}` }));
    expect(visibleRecords(dave, rs, (r) => r).map((x) => x.record.marking)).toEqual(["CLEAR"]);
    expect(visibleRecords(carol, rs, (r) => r).map((x) => x.record.marking)).toEqual(["CLEAR", "AMBER"]);
  });
});
