/**
 * Route registration with two guarantees: every route declares who may call it (deny by
 * default: a route without `access` stops startup), and every route's zod schemas feed the
 * OpenAPI document, so validation and documentation cannot drift apart.
 *
 * Order of checks: who is calling (401), may their role or token do this at all (403), then
 * the input (400). Whether they may touch this particular record is the handler's job, through
 * the one access function.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can, type Permission } from "../../core/platform/roles.js";
import { Problem } from "./problem.js";
import { fromZod } from "./validation.js";
import type { WebSocket } from "ws";
import { actorOf, type Principal } from "../platform/auth.service.js";
import { reasonOf, withRequestContext } from "./context.js";
import { requestLanguage } from "./language.js";
import { StreamedBody } from "./uploads.js";

/** "public": anyone; "authenticated": any signed-in user; otherwise a permission from roles.ts. */
export type Access = "public" | "authenticated" | Permission;

export interface HandlerInput<Q, P, B> {
  query: Q;
  params: P;
  body: B;
  principal: Principal | null;
  req: FastifyRequest;
  reply: FastifyReply;
  /** A body of the route's `streamedBody` type, unread (then `body` is undefined); null otherwise. */
  stream: StreamedBody | null;
}

export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  query?: Q;
  params?: P;
  body?: B;
  /**
   * The body as the OpenAPI document shows it, when the handler validates (part of) the body
   * itself so that its errors name fields its own way: the same zod schemas, so the two agree.
   */
  documentedBody?: z.ZodType;
  /** Largest request body in bytes, when a route needs more than the server's default. */
  bodyLimit?: number;
  /**
   * A media type whose bodies reach the handler unread, as `stream` (at most `bodyLimit` bytes,
   * else 413), so that a large upload is read as it arrives instead of held whole. Bodies of
   * other types are parsed as usual, within the server's default limit, and checked with `body`.
   */
  streamedBody?: string;
  handler: (input: HandlerInput<z.infer<Q>, z.infer<P>, z.infer<B>>) => Promise<unknown>;
}

export interface OpenApiOperation {
  method: string;
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
}

export type Authenticate = (req: FastifyRequest) => Promise<Principal | null>;

/** A message a websocket client may send: its type, who may send it, and its shape. */
export interface SocketMessage { type: string; senders: string[]; schema: z.ZodType }

export interface SocketSpec {
  url: string;
  summary: string;
  tags: string[];
  /** Every message the socket accepts, with who may send it; the handler refuses the rest. */
  messages: SocketMessage[];
  /** Called at once, so no early message is lost; `principal` resolves to the signed-in caller, if any. */
  handler: (socket: WebSocket, req: FastifyRequest, principal: Promise<Principal | null>) => void;
}

export class RouteRegistry {
  readonly operations: OpenApiOperation[] = [];
  readonly sockets: Omit<SocketSpec, "handler">[] = [];
  constructor(private readonly app: FastifyInstance, private readonly authenticate: Authenticate) {}

  add<Q extends z.ZodType = z.ZodObject<{}>, P extends z.ZodType = z.ZodObject<{}>, B extends z.ZodType = z.ZodType<unknown>>(spec: RouteSpec<Q, P, B>): void {
    if (!spec.access) throw new Error(`route ${spec.method} ${spec.url} declares no access rule`);
    this.operations.push({ method: spec.method, url: spec.url, access: spec.access, summary: spec.summary, tags: spec.tags, query: spec.query, params: spec.params, body: spec.documentedBody ?? spec.body });
    const route = (app: FastifyInstance) => app.route({
      method: spec.method,
      url: spec.url,
      bodyLimit: spec.streamedBody ? undefined : spec.bodyLimit,
      // What the handler left unread of a streamed body flows away as it answers, so the client can finish sending and read the answer.
      ...(spec.streamedBody ? { onSend: async (req: FastifyRequest, _reply: FastifyReply, payload: unknown) => { if (req.body instanceof StreamedBody) req.body.discard(); return payload; } } : {}),
      handler: async (req, reply) => {
        const stream = req.body instanceof StreamedBody ? req.body : null;
        const principal = await this.authenticate(req);
        if (spec.access !== "public") {
          if (!principal) throw new Problem(401, "Unauthorized", "Sign in or send an API token to use this endpoint.");
          if (!principal.csrfValid) throw new Problem(403, "Forbidden", "The CSRF token is missing or wrong: send the x-csrf-token header you received at sign-in.");
          if (spec.access !== "authenticated") {
            if (!can(principal.user.roles, spec.access)) throw new Problem(403, "Forbidden", `Your role does not allow ${spec.access}.`);
            if (principal.scopes && !principal.scopes.includes(spec.access)) throw new Problem(403, "Forbidden", `This API token is not scoped for ${spec.access}.`);
          }
        }
        const query = parse(spec.query, req.query, "query");
        const params = parse(spec.params, req.params, "path");
        const body = spec.body && !stream ? parse(spec.body, req.body, "body") : undefined;
        // Anything behind a sign-in may carry record content: never stored by browsers or proxies.
        if (spec.access !== "public") reply.header("cache-control", "no-store");
        // Content and analysis texts follow the reader's language.
        reply.header("vary", "accept-language");
        const ctx = { ...(principal ? { reason: reasonOf(req), actor: actorOf(principal, req) } : {}), language: requestLanguage(req) };
        return withRequestContext(ctx, () => spec.handler({ query, params, body, principal, req, reply, stream } as HandlerInput<z.infer<Q>, z.infer<P>, z.infer<B>>));
      },
    });
    if (!spec.streamedBody) {
      route(this.app);
      return;
    }
    // Content-type parsers belong to a plugin context: this route gets its own for the streamed type.
    const type = spec.streamedBody;
    const limit = spec.bodyLimit ?? this.app.initialConfig.bodyLimit ?? 1024 * 1024;
    this.app.register(async (scope) => {
      if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
      scope.addContentTypeParser(type, (req, payload, done) => {
        // An empty body is the empty string, as a text parser gives it: `body` says what is wrong with it.
        if (req.headers["content-length"] === "0") return done(null, "");
        try {
          done(null, new StreamedBody(payload, limit, req.headers["content-length"]));
        } catch (e) {
          done(e as Error, undefined);
        }
      });
      route(scope);
    });
  }

  /**
   * A websocket endpoint. The upgrade itself is public (exercise participants have no account);
   * who may do what is declared per message in `messages` and enforced by the handler, which
   * receives the signed-in principal when there is one. Cross-site upgrades are refused.
   */
  addSocket(spec: SocketSpec): void {
    const { handler, ...described } = spec;
    this.sockets.push(described);
    this.operations.push({ method: "GET", url: spec.url, access: "public", summary: `${spec.summary} (websocket; messages: ${spec.messages.map((m) => `${m.type} by ${m.senders.join("/")}`).join(", ")})`, tags: spec.tags });
    this.app.route({
      method: "GET", url: spec.url, websocket: true,
      handler: ((socket: WebSocket, req: FastifyRequest) => {
        const origin = req.headers.origin;
        if (origin && new URL(origin).host !== req.headers.host) { socket.close(1008, "cross-site connection refused"); return; }
        // An unknown API token is a visitor here (the socket's own rules then refuse what it may not do); a
        // database failure stays a failure, which the socket reports as such, never as "not signed in".
        const signedIn = this.authenticate(req).catch((e: unknown) => { if (e instanceof Problem) return null; throw e; });
        signedIn.catch(() => undefined); // awaited only by a socket that asks who is signed in
        handler(socket, req, signedIn);
      }) as never,
    } as never);
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, where: "query" | "path" | "body"): unknown {
  if (!schema) return {};
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw fromZod(r.error, value ?? {}, { whole: where }, where === "body" ? "field" : "parameter");
}
