import { describe, expect, it } from "vitest";
import { atTheTable, filterInstitutions, isLive, networkGaps, networkGraph, partnershipBody, type Institution, type NetworkKb, type Partnership } from "./model.js";

const kb: NetworkKb = {
  practices: [
    { id: "p-1", framework: "hague", number: 1, title: "One", actors: ["police", "prosecutors", "fiu"] },
    { id: "p-2", framework: "hague", number: 2, title: "Two", actors: ["judges"] },
  ],
  actors: [
    { id: "law-enforcement", name: "Law enforcement", parent: null }, { id: "police", name: "Police", parent: "law-enforcement" },
    { id: "justice", name: "Justice", parent: null }, { id: "prosecutors", name: "Prosecutors", parent: "justice" }, { id: "judges", name: "Judges", parent: "justice" },
    { id: "fiu", name: "FIU", parent: "law-enforcement" },
  ],
};
const inst = (id: string, actors: string[], country?: string): Institution => ({ id, name: id.toUpperCase(), body: { kind: "other", actors, ...(country ? { country } : {}) } });
const part = (id: string, body: Partial<Partnership["body"]> & Pick<Partnership["body"], "kind" | "members">): Partnership => ({ id, title: id, body: { status: "active", practices: [], ...body } });
const names = { actor: (a: string) => a };
const today = "2026-12-07";

describe("the network's pure views", () => {
  const list = [inst("pol", ["police"], "NE"), inst("pro", ["prosecutors"], "NE"), inst("fiu", ["fiu"], "ML"), inst("reg", ["police"])];

  it("matches actors through the taxonomy and countries, regional bodies always", () => {
    expect(filterInstitutions(kb, list, { actor: "law-enforcement" }).map((i) => i.id)).toEqual(["pol", "fiu", "reg"]);
    expect(filterInstitutions(kb, list, { country: "NE" }).map((i) => i.id)).toEqual(["pol", "pro", "reg"]);
    expect(filterInstitutions(kb, list, { practice: "p-2" })).toEqual([]);
  });

  it("counts a partnership as live only when active and within its dates", () => {
    expect(isLive(part("a", { kind: "mou", members: ["pol", "pro"] }).body, today)).toBe(true);
    expect(isLive(part("a", { kind: "mou", members: ["pol", "pro"], end: "2026-01-01" }).body, today)).toBe(false);
    expect(isLive(part("a", { kind: "mou", members: ["pol", "pro"], start: "2027-01-01" }).body, today)).toBe(false);
    expect(isLive(part("a", { kind: "mou", members: ["pol", "pro"], status: "suspended" }).body, today)).toBe(false);
  });

  it("reports missing actors and groups with no channel; a shared network joins its members", () => {
    const gaps = networkGaps(kb, list, [part("mou", { kind: "mou", members: ["pol", "pro"] })], {}, today, names);
    expect(gaps.filter((g) => g.kind === "no-institution").map((g) => [g.practice, "actor" in g ? g.actor : ""])).toEqual([["p-2", "judges"]]);
    const channel = gaps.find((g) => g.kind === "no-channel")!;
    expect(channel.kind === "no-channel" && channel.groups.map((g) => [...g].sort())).toEqual([["pol", "pro"], ["reg"], ["fiu"]]);
    const joined = networkGaps(kb, list, [part("mou", { kind: "mou", members: ["pol", "pro"] }), part("egmont", { kind: "network", network: "egmont", members: ["fiu", "pol", "reg"] })], {}, today, names);
    expect(joined.filter((g) => g.kind === "no-channel")).toEqual([]);
    const ended = networkGaps(kb, list, [part("mou", { kind: "mou", members: ["pol", "pro", "fiu", "reg"], status: "ended" })], { practice: "p-1" }, today, names);
    expect(ended.find((g) => g.kind === "no-channel")).toBeTruthy();
  });

  it("draws hubs for networks and leaves out partnerships whose institutions are not shown", () => {
    const g = networkGraph(kb, list, [part("n", { kind: "network", network: "interpol", members: ["pol", "fiu"] }), part("m", { kind: "mou", members: ["pol", "hidden"] })], {}, today);
    expect(g.nodes.filter((n) => n.kind === "hub").map((n) => n.id)).toEqual(["hub:interpol"]);
    expect(g.edges.map((e) => [e.from, e.to])).toEqual([["pol", "hub:interpol"], ["fiu", "hub:interpol"]]);
  });

  it("fills the seats an audience needs, and says which stay empty", () => {
    const seats = atTheTable(kb, list, ["police", "judges", "police"], "ML", names);
    expect(seats.map((s) => [s.actor, s.institutions.map((i) => i.id)])).toEqual([["police", ["reg"]], ["judges", []]]);
    expect(seats[1].why.key).toBe("network.msg.seat.empty");
  });

  it("checks a partnership's body: members, network, dates", () => {
    expect(partnershipBody.safeParse({ kind: "network", members: ["a"] }).success).toBe(false);
    expect(partnershipBody.safeParse({ kind: "network", network: "gctf", members: ["a"] }).success).toBe(true);
    expect(partnershipBody.safeParse({ kind: "fusion-centre", members: ["a"] }).success).toBe(false);
    expect(partnershipBody.safeParse({ kind: "mou", members: ["a", "b"], start: "2026-02-01", end: "2026-01-01" }).success).toBe(false);
  });
});
