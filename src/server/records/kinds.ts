/**
 * Every record kind, declared once: the shape of its body (zod; the TypeScript type is inferred
 * from it), the records it cites (which the derived-data rule checks), and how it is presented
 * in lists. The registry is filled explicitly at start (`registerKinds` in app.ts); the kernel
 * refuses a kind nobody declared, except the free kinds of the generic record routes.
 */
import { z } from "zod";
import { areaBody, groupBody, relationshipBody, sourceBody, watchRuleBody } from "../../core/watch/records.js";
import { institutionBody, partnershipBody } from "../../core/network/model.js";

/** One record this record cites, with the body field that names it (for 400s that point at it). */
export interface Citation { field: string; id: string }

export interface KindSpec<S extends z.ZodType = z.ZodType> {
  kind: string;
  /** the body as stored (capability services may add computed fields the schema allows) */
  body: S;
  /** records the body cites: a derived record can never be readable by more people than these */
  cites: (body: z.infer<S>) => Citation[];
  /** created and changed only through the capability's own endpoints */
  reserved: boolean;
  /** what a list shows for a record of this kind besides its title */
  summary?: (body: z.infer<S>) => Record<string, unknown>;
}

const ids = (field: string, list: readonly string[] | undefined): Citation[] => (list ?? []).map((id, i) => ({ field: `${field}.${i}`, id }));

/** Free bodies of the generic record routes (notes, tasks, …): any object. */
const freeBody = z.record(z.string(), z.unknown());

export class KindRegistry {
  private readonly kinds = new Map<string, KindSpec>();

  register<S extends z.ZodType>(spec: KindSpec<S>) {
    if (this.kinds.has(spec.kind)) throw new Error(`record kind "${spec.kind}" is declared twice`);
    this.kinds.set(spec.kind, spec as unknown as KindSpec);
    return this;
  }

  /** The declared kind, or the generic one for kinds users name themselves (never a reserved name). */
  get(kind: string): KindSpec {
    return this.kinds.get(kind) ?? { kind, body: freeBody, cites: () => [], reserved: false };
  }

  isReserved(kind: string) {
    return this.kinds.get(kind)?.reserved ?? false;
  }

  /** Every declared kind (the access-matrix test builds one record of each). */
  get declared(): string[] {
    return [...this.kinds.keys()];
  }

  get reserved(): string[] {
    return [...this.kinds.values()].filter((k) => k.reserved).map((k) => k.kind);
  }
}

/** A subject's current reading, stored by the analysis; users do not send it. */
const latest = { latest: z.unknown().optional() };

/** The kinds of Nexus Watch, self-assessments and exercises. */
export function registerKinds(registry = new KindRegistry()): KindRegistry {
  return registry
    .register({ kind: "area", body: areaBody.extend(latest), cites: () => [], reserved: true, summary: (b) => ({ country: b.country }) })
    .register({ kind: "group", body: groupBody.extend(latest), cites: (b) => [...ids("body.areas", b.areas), ...b.motivations.flatMap((m, i) => ids(`body.motivations.${i}.sources`, m.sources))], reserved: true, summary: (b) => ({ type: b.type }) })
    .register({ kind: "source", body: sourceBody, cites: (b) => (b.institution ? [{ field: "body.institution", id: b.institution }] : []), reserved: true, summary: (b) => ({ reliability: b.reliability }) })
    // The directory (decision 0035): a partnership cites the institutions it joins, an institution its parent.
    .register({ kind: "institution", body: institutionBody, cites: (b) => (b.parent ? [{ field: "body.parent", id: b.parent }] : []), reserved: true, summary: (b) => ({ country: b.country ?? null }) })
    .register({ kind: "partnership", body: partnershipBody, cites: (b) => ids("body.members", b.members), reserved: true, summary: (b) => ({ kind: b.kind }) })
    .register({
      kind: "relationship", body: relationshipBody, reserved: true,
      cites: (b) => [{ field: "body.from", id: b.from }, { field: "body.to", id: b.to }, ...ids("body.sources", b.sources)],
    })
    .register({ kind: "watch-rule", body: watchRuleBody, cites: () => [], reserved: true })
    .register({
      kind: "assessment", reserved: true,
      body: z.looseObject({ subject_id: z.string(), consensus_of: z.array(z.string()), evidence_records: z.array(z.string()).optional() }),
      // The snapshot's analysis draws on groups, relationships and sources: the assessment cites them all.
      cites: (b) => [{ field: "subject_id", id: b.subject_id }, ...ids("consensus_of", b.consensus_of), ...ids("evidence_records", b.evidence_records)],
    })
    .register({ kind: "self-assessment", reserved: true, body: z.looseObject({ country: z.string(), practices: z.array(z.string()) }), cites: () => [] })
    .register({ kind: "exercise-session", reserved: true, body: z.looseObject({ scenario: z.string() }), cites: () => [] })
    // A training cohort (decision 0039) cites the directory's institutions it invites.
    .register({
      kind: "training-cohort", reserved: true,
      body: z.strictObject({ audience: z.string(), trainers: z.array(z.string()).min(1), institutions: z.array(z.string()).default([]) }),
      cites: (b) => ids("body.institutions", b.institutions), summary: (b) => ({ audience: b.audience }),
    })
    // A STIX object an import kept as it came, with its type and id (decision 0032).
    .register({
      kind: "stix-object", reserved: true, cites: () => [],
      body: z.strictObject({ stix_type: z.string().min(1).max(250), stix_id: z.string().min(1).max(300), object: z.record(z.string(), z.unknown()), import_id: z.string() }),
      summary: (b) => ({ stix_type: b.stix_type }),
    });
}
