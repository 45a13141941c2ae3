import { z } from "zod";
import type { OpenApiOperation } from "./routes.js";

const problem = {
  description: "Problem details (RFC 9457)",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};

/** Builds the OpenAPI 3.1 document from the registered routes' zod schemas. */
export function buildOpenApi(operations: OpenApiOperation[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.url.replace(/:([a-zA-Z]+)/g, "{$1}");
    const parameters = [
      ...paramsOf(op.params, "path"),
      ...paramsOf(op.query, "query"),
    ];
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      summary: op.summary,
      tags: op.tags,
      parameters,
      ...(op.body ? { requestBody: requestBodyOf(op.body) } : {}),
      responses: {
        200: { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
        400: problem,
        ...(op.params ? { 404: problem } : {}),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Nexus Toolkit API", version, description: "Public read API of the Nexus Toolkit knowledge repository." },
    paths,
    components: {
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, instance: { type: "string" },
            errors: { type: "array", items: { type: "object", properties: { param: { type: "string" }, message: { type: "string" } } } },
          },
        },
      },
    },
  };
}

/**
 * A request body from its zod schema: JSON, or the media type a string body declares with
 * .meta({ contentMediaType }) (the observation CSV import is text/csv).
 */
function requestBodyOf(schema: z.ZodType) {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const media = json.type === "string" && typeof json.contentMediaType === "string" ? json.contentMediaType : "application/json";
  // The server reads a missing body as {}: a body is optional when {} passes.
  return { required: !schema.safeParse({}).success, content: { [media]: { schema: json } } };
}

function paramsOf(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: s,
  }));
}
