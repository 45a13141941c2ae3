/**
 * The fixed parts of our STIX 2.1 exchange (decision 0032): deterministic identifiers, the TLP 2.0
 * marking definitions as OASIS publishes them, the Admiralty ↔ confidence table of the STIX 2.1
 * specification (part 1, appendix B), and the extension definition for the nexus concepts STIX has
 * no object for (observations of watch-point indicators, the analysis of a subject).
 */
import { createHash } from "node:crypto";
import type { Marking } from "../platform/markings.js";
import type { Credibility } from "../watch/grades.js";

export const SPEC_VERSION = "2.1";
/** The media type of STIX 2.1 content (bundles, and objects in TAXII collections). */
export const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";

/** Our UUIDv5 namespace: every id we export is UUIDv5(namespace, "<stix type>:<our id>"). */
const NAMESPACE = "3f7a4d1e-9c2b-4e8a-b5d6-0a1c2e3f4b5d";

function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(Buffer.from(name, "utf8")).digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The STIX id of one of our records (or observations) as an object of `type`: the same every time it is exported. */
export const stixId = (type: string, ourId: string) => `${type}--${uuidV5(`${type}:${ourId}`)}`;

/** A UUID for one of our things that a standard wants named by UUID (a TAXII collection is a workspace). */
export const uuidFor = (name: string) => uuidV5(name);

/** A bundle's id: new for every bundle (bundles are transport, not stored), but derived from what it holds. */
export const bundleId = (seed: string) => `bundle--${uuidV5(`bundle:${seed}`)}`;

/** A STIX timestamp (UTC, milliseconds) from a PostgreSQL timestamp, a Date or an ISO date. */
export function stixTime(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  const s = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`not a timestamp: ${value}`);
  return d.toISOString();
}

// ---------------------------------------------------------------------------------------------
// TLP 2.0 (FIRST), as the OASIS common objects publish it for STIX 2.1: a marking definition per
// level carrying the TLP 2.0 property extension. STIX 2.1 itself predefines only TLP 1.0.

export const TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
const TLP2_CREATED = "2022-10-01T00:00:00.000Z";

export const tlpMarkingId: Record<Marking, string> = {
  CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

/** TLP 1.0 markings STIX 2.1 predefines, read on import as their TLP 2.0 equivalent (WHITE is CLEAR). */
const tlp1: Record<string, Marking> = {
  "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "CLEAR",
  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "GREEN",
  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "AMBER",
  "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "RED",
};

export function tlpMarkingObject(m: Marking) {
  return {
    type: "marking-definition", spec_version: SPEC_VERSION, id: tlpMarkingId[m], created: TLP2_CREATED, name: `TLP:${m}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: "property-extension", tlp_2_0: m.toLowerCase() } },
  };
}

/** The TLP level a marking-definition id stands for (TLP 2.0 or 1.0), or undefined for another marking. */
export function markingOfId(id: string): Marking | undefined {
  return (Object.entries(tlpMarkingId) as [Marking, string][]).find(([, v]) => v === id)?.[0] ?? tlp1[id];
}

// ---------------------------------------------------------------------------------------------
// Admiralty information credibility ↔ STIX confidence (STIX 2.1 part 1, appendix B).

const toConfidence: Record<Credibility, number | undefined> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: undefined };

/** The STIX confidence of an information credibility grade; grade 6 (truth cannot be judged) has none. */
export const confidenceOf = (c: Credibility): number | undefined => toConfidence[c];

/** The credibility grade of a STIX confidence (0–19 → 5, 20–39 → 4, 40–59 → 3, 60–79 → 2, 80–100 → 1; none → 6). */
export function credibilityOf(confidence: number | undefined): Credibility {
  if (confidence === undefined) return 6;
  if (confidence >= 80) return 1;
  if (confidence >= 60) return 2;
  if (confidence >= 40) return 3;
  if (confidence >= 20) return 4;
  return 5;
}

// ---------------------------------------------------------------------------------------------
// Who made the objects, and the nexus extension.

/** The toolkit as the producer of the extension definition (an identity of class "system"). */
export const TOOLKIT_IDENTITY = {
  type: "identity", spec_version: SPEC_VERSION, id: "identity--7d2a1c4e-5b3f-5e6a-8c9d-1e2f3a4b5c6d",
  created: "2026-12-07T00:00:00.000Z", modified: "2026-12-07T00:00:00.000Z",
  name: "Nexus Toolkit", identity_class: "system",
  description: "Software for the UN policy toolkit on the nexus between transnational organized crime and terrorism.",
};

export const NEXUS_EXTENSION_ID = "extension-definition--b1c6f2a8-3d4e-4f5a-9b7c-8d2e1f0a3c4b";
export const NEXUS_EXTENSION_VERSION = "1.0.0";
/** Where every deployment serves the extension's JSON Schema (docs/stix/nexus-extension.schema.json). */
export const NEXUS_SCHEMA_PATH = "/api/v1/stix/extension-schema";

export const nexusExtensionDefinition = {
  type: "extension-definition", spec_version: SPEC_VERSION, id: NEXUS_EXTENSION_ID,
  created_by_ref: TOOLKIT_IDENTITY.id, created: "2026-12-07T00:00:00.000Z", modified: "2026-12-07T00:00:00.000Z",
  name: "Nexus Toolkit: crime-terror nexus",
  description: "Watch-point indicator observations and subject analyses of Nexus Watch (new objects nexus-observation and nexus-analysis), and nexus properties on locations, threat actors, identities, relationships and reports.",
  schema: `JSON Schema 2020-12 in the Nexus Toolkit source at docs/stix/nexus-extension.schema.json, served by every deployment at ${NEXUS_SCHEMA_PATH}`,
  version: NEXUS_EXTENSION_VERSION,
  extension_types: ["new-sdo", "property-extension"],
};

/** The types of the two new objects the extension defines. */
export const NEXUS_OBSERVATION = "nexus-observation";
export const NEXUS_ANALYSIS = "nexus-analysis";

/** Marks a new object as defined by the nexus extension. */
export const newSdo = { [NEXUS_EXTENSION_ID]: { extension_type: "new-sdo" } };
/** Nexus properties on a STIX object of a standard type. */
export const nexusProperties = (props: Record<string, unknown>) => ({ [NEXUS_EXTENSION_ID]: { extension_type: "property-extension", ...props } });

// ---------------------------------------------------------------------------------------------
// Vocabularies.

/** Our group types as STIX threat-actor-type-ov (the exact type also travels in the extension). */
export const threatActorTypes: Record<string, string> = { criminal: "crime-syndicate", terrorist: "terrorist", "other-armed": "unknown", unknown: "unknown" };

/** Our motivations as STIX attack-motivation-ov: a group's gain is the organisation's. */
export const attackMotivation: Record<string, string[]> = { ideological: ["ideology"], political: ["ideology"], economic: ["organizational-gain"], both: ["ideology", "organizational-gain"] };

/** Our source types as STIX identity-class-ov. */
export const identityClass: Record<string, string> = {
  human: "individual", official: "organization", "partner-agency": "organization", "open-source": "unknown", media: "organization",
  academic: "organization", ngo: "organization", technical: "system",
};
