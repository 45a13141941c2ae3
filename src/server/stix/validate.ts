/**
 * STIX 2.1 objects checked against the OASIS STIX 2.1 JSON schemas (vendor/stix2.1-json-schemas,
 * BSD-3-Clause, commit in its SOURCE.txt) and, for what the nexus extension defines, against our
 * published schema (docs/stix/nexus-extension.schema.json). Used by the import and by the tests of
 * the export.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidationKey } from "../../core/i18n/validation/en.js";
import { NEXUS_ANALYSIS, NEXUS_EXTENSION_ID, NEXUS_OBSERVATION } from "../../core/stix/vocabulary.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const oasis = join(root, "vendor/stix2.1-json-schemas/schemas");
const BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

/** One refused property of a STIX object: where (objects.<n>.<field>), and why as a validation message key with its parameters. */
export interface StixProblem { path: string; key: ValidationKey; params?: Record<string, string | number> }

let compiled: { byType: Map<string, ValidateFunction>; core: ValidateFunction; nexus: Map<string, ValidateFunction> } | null = null;

function load() {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ strict: false, allErrors: false, unicodeRegExp: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addFormat("idn-hostname", true);
  const byType = new Map<string, ValidateFunction>();
  for (const dir of ["common", "sdos", "sros", "observables"]) {
    for (const file of readdirSync(join(oasis, dir)).filter((f) => f.endsWith(".json"))) ajv.addSchema(JSON.parse(readFileSync(join(oasis, dir, file), "utf8")));
  }
  for (const dir of ["sdos", "sros", "observables"]) {
    for (const file of readdirSync(join(oasis, dir)).filter((f) => f.endsWith(".json"))) byType.set(file.replace(/\.json$/, ""), ajv.getSchema(`${BASE}${dir}/${file}`)!);
  }
  for (const t of ["marking-definition", "extension-definition", "language-content"]) byType.set(t, ajv.getSchema(`${BASE}common/${t}.json`)!);
  const ours = JSON.parse(readFileSync(join(root, "docs/stix/nexus-extension.schema.json"), "utf8"));
  ajv.addSchema(ours, "nexus");
  const nexus = new Map<string, ValidateFunction>([
    [NEXUS_OBSERVATION, ajv.getSchema("nexus#/$defs/nexus-observation")!],
    [NEXUS_ANALYSIS, ajv.getSchema("nexus#/$defs/nexus-analysis")!],
    ["properties", ajv.getSchema("nexus#/$defs/properties")!],
  ]);
  compiled = { byType, core: ajv.getSchema(`${BASE}common/core.json`)!, nexus };
  return compiled;
}

/** Ajv's first error as a validation message key, with the path of the property it is about. */
function problemOf(e: ErrorObject, prefix: string): StixProblem {
  const p = e.params as Record<string, unknown>;
  const at = (extra?: unknown) => `${prefix}${e.instancePath.replace(/\//g, ".")}${typeof extra === "string" ? `.${extra}` : ""}`;
  const n = Number(p.limit);
  switch (e.keyword) {
    case "required": return { path: at(p.missingProperty), key: "required" };
    case "additionalProperties": return { path: at(p.additionalProperty), key: "unknownField" };
    case "type": {
      const t = String(p.type);
      if (t === "integer") return { path: at(), key: "integer" };
      return { path: at(), key: (["string", "number", "boolean", "array", "object"].includes(t) ? `type.${t}` : "type.other") as ValidationKey };
    }
    case "enum": return { path: at(), key: "oneOf", params: { values: (p.allowedValues as unknown[]).map(String).join(", ") } };
    case "const": return { path: at(), key: "oneOf", params: { values: String(p.allowedValue) } };
    case "format": return { path: at(), key: p.format === "date-time" ? "format.datetime" : p.format === "uri" ? "format.url" : "format.other" };
    case "pattern": return { path: at(), key: "format.other" };
    case "minItems": return { path: at(), key: "tooFew", params: { n } };
    case "maxItems": return { path: at(), key: "tooMany", params: { n } };
    case "minLength": return { path: at(), key: "tooShort", params: { n } };
    case "maxLength": return { path: at(), key: "tooLong", params: { n } };
    case "minimum": return { path: at(), key: "tooSmall", params: { n } };
    case "maximum": return { path: at(), key: "tooBig", params: { n } };
    case "minProperties": return { path: at(), key: "empty" };
    default: return { path: at(), key: "invalid" };
  }
}

const problems = (v: ValidateFunction, prefix: string): StixProblem[] => (v.errors ?? []).slice(0, 1).map((e) => problemOf(e, prefix));

/** The problems of one STIX object (none when it is valid): the OASIS schema of its type, or the common core for a custom one, then our extension's schema. */
export function validateStixObject(o: unknown, prefix = ""): StixProblem[] {
  const c = load();
  if (!o || typeof o !== "object" || Array.isArray(o)) return [{ path: prefix, key: "type.object" }];
  const type = (o as { type?: unknown }).type;
  if (typeof type !== "string") return [{ path: `${prefix}.type`, key: type === undefined ? "required" : "type.string" }];
  const v = c.byType.get(type) ?? c.core;
  if (!v(o)) return problems(v, prefix);
  const nexus = c.nexus.get(type);
  if (nexus && !nexus(o)) return problems(nexus, prefix);
  const ext = (o as { extensions?: Record<string, { extension_type?: string }> }).extensions?.[NEXUS_EXTENSION_ID];
  if (ext?.extension_type === "property-extension") {
    const p = c.nexus.get("properties")!;
    if (!p(ext)) return problems(p, `${prefix}.extensions.${NEXUS_EXTENSION_ID}`);
  }
  return [];
}

/** The problems of a bundle: its own shape, then each object's (paths as objects.<n>.<field>). */
export function validateStixBundle(b: unknown): StixProblem[] {
  if (!b || typeof b !== "object" || Array.isArray(b)) return [{ path: "bundle", key: "type.object" }];
  if ((b as { type?: unknown }).type !== "bundle") return [{ path: "type", key: "oneOf", params: { values: "bundle" } }];
  const id = (b as { id?: unknown }).id;
  if (typeof id !== "string" || !/^bundle--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/.test(id)) return [{ path: "id", key: "format.other" }];
  const objects = (b as { objects?: unknown }).objects;
  if (objects === undefined) return [];
  if (!Array.isArray(objects)) return [{ path: "objects", key: "type.array" }];
  return objects.flatMap((o, i) => validateStixObject(o, `objects.${i}`));
}
