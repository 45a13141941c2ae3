/**
 * Route registration with two guarantees: every route declares who may call it (deny by
 * default: a route without `access` stops startup), and every route's zod schemas feed the
 * OpenAPI document, so validation and documentation cannot drift apart.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { badRequest } from "./problem.js";

export type Access = "public";

export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  query?: Q;
  params?: P;
  handler: (input: { query: z.infer<Q>; params: z.infer<P>; req: FastifyRequest; reply: FastifyReply }) => Promise<unknown>;
}

export interface OpenApiOperation {
  method: string;
  url: string;
  summary: string;
  tags: string[];
  query?: z.ZodType;
  params?: z.ZodType;
}

export class RouteRegistry {
  readonly operations: OpenApiOperation[] = [];
  constructor(private readonly app: FastifyInstance) {}

  add<Q extends z.ZodType = z.ZodObject<{}>, P extends z.ZodType = z.ZodObject<{}>>(spec: RouteSpec<Q, P>): void {
    if (!spec.access) throw new Error(`route ${spec.method} ${spec.url} declares no access rule`);
    this.operations.push({ method: spec.method, url: spec.url, summary: spec.summary, tags: spec.tags, query: spec.query, params: spec.params });
    this.app.route({
      method: spec.method,
      url: spec.url,
      handler: async (req, reply) => {
        const query = parse(spec.query, req.query, "query");
        const params = parse(spec.params, req.params, "path");
        return spec.handler({ query: query as z.infer<Q>, params: params as z.infer<P>, req, reply });
      },
    });
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return {};
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === "unrecognized_keys") {
    throw badRequest((issue as { keys: string[] }).keys[0], `unknown ${where} parameter`);
  }
  const param = issue.path.length ? issue.path.join(".") : where;
  throw badRequest(param, issue.message);
}
