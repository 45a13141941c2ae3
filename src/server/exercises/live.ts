import type { FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { z } from "zod";
import { commandActors, ExerciseError, isCommandType, type Actor, type Command } from "../../core/exercises/engine.js";
import { refusalIn } from "../../core/exercises/localize.js";
import type { Viewer } from "../../core/exercises/visibility.js";
import { id } from "../../core/fields.js";
import { translator } from "../../core/i18n/catalogues.js";
import { msg as keyed, type Msg } from "../../core/i18n/messages.js";
import { validationTextIn } from "../../core/i18n/validation/texts.js";
import type { Scenario } from "../../core/knowledge/schema.js";
import { can } from "../../core/platform/roles.js";
import type { RouteRegistry, SocketMessage } from "../http/routes.js";
import { Problem } from "../http/problem.js";
import { fromZod } from "../http/validation.js";
import type { Principal } from "../platform/auth.service.js";
import { NoSuchSession } from "./hub.js";
import { LANGUAGES, REASON_GRANT_HOURS, type SessionsService } from "./sessions.service.js";

/** Largest message a client may send; answers and notes fit well within it. */
export const MAX_MESSAGE_BYTES = 8 * 1024;
const HEARTBEAT_MS = 30_000;

/**
 * What one socket, one person and one address may hold (see decision 0011). Sized for a
 * 40-person exercise on one conference Wi-Fi, where everyone shares one NAT address and phones
 * reconnect while their old socket has not yet been found dead by the heartbeat (up to a minute).
 * Exported for tests.
 */
export const liveLimits = {
  /** Messages a socket may send per window, hello included; the next one gets an error and the socket is closed (1008). */
  messagesPerWindow: 40,
  windowMs: 10_000,
  /** A socket that has not said hello by then gets an error and is closed (1008). */
  helloWithinMs: 10_000,
  /** Open sockets of one session per member token, per signed-in user, and for the projector key: a newer one closes the oldest (1008). */
  perMember: 4,
  perUser: 8,
  perProjector: 4,
  /** Open sockets of one session from one address, refused beyond it: every participant, evaluator and screen of a full session, three times over. */
  perAddress: (maxParticipants: number) => 3 * maxParticipants + 30,
  /** Sockets from one address that have not said hello yet (a whole 1,000-person session reconnecting at once). */
  unjoinedPerAddress: 1000,
};
/** Closes a socket for breaking a budget or a rule (RFC 6455: policy violation). */
const POLICY = 1008;
const request = z.string().min(8, "send a unique request id (8 to 100 characters)").max(100);
const text = (max: number) => z.string().max(max);

/** Every command, its shape, and (from the engine) who may send it. */
const commandSchemas: Record<Command["type"], z.ZodType> = {
  "start-briefing": z.strictObject({ type: z.literal("start-briefing") }),
  "enter-phase": z.strictObject({ type: z.literal("enter-phase"), phase: id }),
  "release-situation": z.strictObject({ type: z.literal("release-situation") }),
  "release-inject": z.strictObject({ type: z.literal("release-inject"), inject: id }),
  "schedule-inject": z.strictObject({ type: z.literal("schedule-inject"), inject: id, after_seconds: z.number() }),
  "hold-inject": z.strictObject({ type: z.literal("hold-inject"), inject: id }),
  "open-decision": z.strictObject({ type: z.literal("open-decision"), decision: id }),
  "close-decision": z.strictObject({ type: z.literal("close-decision"), decision: id }),
  reveal: z.strictObject({ type: z.literal("reveal"), decision: id }),
  pause: z.strictObject({ type: z.literal("pause") }),
  resume: z.strictObject({ type: z.literal("resume") }),
  "timer-start": z.strictObject({ type: z.literal("timer-start"), seconds: z.number() }),
  "timer-stop": z.strictObject({ type: z.literal("timer-stop") }),
  "open-hotwash": z.strictObject({ type: z.literal("open-hotwash") }),
  end: z.strictObject({ type: z.literal("end") }),
  respond: z.strictObject({
    type: z.literal("respond"), decision: id, request,
    answer: z.union([z.strictObject({ option: id }), z.strictObject({ options: z.array(id).max(20) }), z.strictObject({ order: z.array(id).max(20) }), z.strictObject({ text: text(2000).min(1, "write an answer") })], { error: "must be { option }, { options }, { order } or { text }" }),
  }),
  observe: z.strictObject({ type: z.literal("observe"), rating: z.enum(["P", "S", "M", "U"], { error: "must be P, S, M or U" }), practice: id.optional(), objective: id.optional(), note: text(2000).default(""), request }),
  hotwash: z.strictObject({ type: z.literal("hotwash"), answers: z.record(id, z.union([z.number(), text(2000)])), anonymous: z.boolean().default(true), request }),
};

/** Looked up in a Map, so "__proto__", "constructor" or "toString" are simply not commands. */
const commandSchema = new Map(Object.entries(commandSchemas)) as Map<Command["type"], z.ZodType>;

export const socketMessages: SocketMessage[] = [
  { type: "hello", senders: ["facilitator", "projector", "participant", "evaluator"], schema: z.strictObject({ t: z.literal("hello"), session: id, token: z.string().max(200).optional(), projector: z.string().max(200).optional(), last_seq: z.number().int().min(0).optional(), language: z.enum(LANGUAGES).optional() }) },
  ...[...commandSchema].map(([type, schema]) => ({ type, senders: commandActors[type], schema })),
];
const hello = socketMessages[0].schema;
const envelope = z.strictObject({ t: z.literal("cmd"), id: z.string().max(100), cmd: z.looseObject({ type: z.string() }) });

/**
 * The path of a "__proto__" key anywhere in a parsed message, or null. JSON.parse makes it an
 * ordinary key, but validation would drop it in silence (a record) or copying it could change an
 * object's prototype, so such a message is refused with the field named.
 */
function protoKey(value: unknown, path: string[] = []): string | null {
  if (!value || typeof value !== "object") return null;
  for (const k of Object.keys(value)) {
    if (k === "__proto__") return [...path, k].join(".");
    const inner = protoKey((value as Record<string, unknown>)[k], [...path, k]);
    if (inner) return inner;
  }
  return null;
}

/** The client's address (behind TRUST_PROXY, from X-Forwarded-For); a request injected without a socket (tests) has none of its own. */
function addressOf(req: FastifyRequest): string {
  try { return req.ip ?? "unknown"; } catch { return "unknown"; }
}

/** Sockets by what they count against (a session's member, user, projector or address), oldest first. */
class Tally {
  private readonly sets = new Map<string, Set<WebSocket>>();
  of(key: string): Set<WebSocket> { return this.sets.get(key) ?? new Set(); }
  add(key: string, s: WebSocket) { const set = this.sets.get(key) ?? new Set(); set.add(s); this.sets.set(key, set); }
  remove(key: string, s: WebSocket) { const set = this.sets.get(key); if (set?.delete(s) && !set.size) this.sets.delete(key); }
}

/**
 * Why a message was refused: a message key with its parameters (decision 0025), or a sentence of
 * the server (translated where it is one of the fixed sentences of validation, decision 0028).
 */
type Reason = Msg | string;

/** The field and reason of a failed parse, as HTTP names them (fromZod): under `prefix`, or the whole message. */
const issue = (e: z.ZodError, input: unknown, prefix?: string): { field: string; reason: Reason } => {
  const [found] = fromZod(e, input, prefix ? { prefix, whole: prefix } : { whole: "message" }).errors;
  return { field: found.param, reason: found.code ? keyed(found.code, found.params) : found.message };
};

/** The live channel of exercise sessions (see the protocol in docs/decisions/0011). */
export function registerLiveSocket(routes: RouteRegistry, sessions: SessionsService) {
  const open = new Tally();
  const unjoined = new Map<string, number>();
  routes.addSocket({
    url: "/api/v1/exercises/live", tags: ["exercises"], messages: socketMessages,
    summary: "Live exercise channel: say hello with the session and a member token, the projector key, or as the signed-in facilitator; then send commands",
    handler: (socket: WebSocket, req, signedIn: Promise<Principal | null>) => {
      const send = (m: unknown) => { if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m)); };
      /** The language of this connection's reader, once known (the hello's, then the member's own). */
      let lang = "en";
      /**
       * An error: the field, the kind of refusal (code), and the reason as a message key with its
       * parameters (key, params) where it has one, with its text in the connection's language (message).
       */
      const fail = (msgId: string | null, field: string, reason: Reason, code = "bad-input") => send({
        t: "error", id: msgId, field, code,
        ...(typeof reason === "string" ? { message: validationTextIn(lang, reason) ?? reason } : { key: reason.key, ...(reason.params ? { params: reason.params } : {}), message: translator(lang)(reason) }),
      });
      let closed = false;
      /** An error, then the socket is closed as a policy violation; nothing more is read from it. */
      const shut = (field: string, message: string, code: string, reason: string) => {
        if (closed) return;
        closed = true;
        fail(null, field, message, code);
        socket.close(POLICY, reason);
      };
      const address = addressOf(req);
      /** the session this socket said hello to, who sends its commands, and the scenario in its reader's language */
      let joined: { session: string; actor: Actor | null; sc: Scenario; detach: () => void } | null = null;
      /** what this socket counts against once admitted to a session */
      let counted: string[] = [];
      let pending = Promise.resolve();

      // Until it says hello, the socket counts against its address's sockets without a session, and has a deadline.
      let waiting = true;
      const stopWaiting = () => {
        if (!waiting) return;
        waiting = false;
        clearTimeout(helloDeadline);
        const n = (unjoined.get(address) ?? 1) - 1;
        if (n > 0) unjoined.set(address, n); else unjoined.delete(address);
      };
      unjoined.set(address, (unjoined.get(address) ?? 0) + 1);
      const helloDeadline = setTimeout(() => shut("t", `say hello within ${liveLimits.helloWithinMs / 1000} seconds`, "out-of-turn", "no hello"), liveLimits.helloWithinMs);
      if (unjoined.get(address)! > liveLimits.unjoinedPerAddress) shut("message", "too many connections from this address are waiting to say hello; try again shortly", "too-many", "too many connections");

      // A heartbeat finds sockets that died without closing (a phone that left the Wi-Fi), so they stop receiving.
      let alive = true;
      socket.on("pong", () => { alive = true; });
      const heartbeat = setInterval(() => {
        if (!alive) { socket.terminate(); return; }
        alive = false;
        socket.ping();
      }, HEARTBEAT_MS);
      socket.on("close", () => {
        closed = true;
        clearInterval(heartbeat);
        stopWaiting();
        for (const k of counted) open.remove(k, socket);
        joined?.detach();
      });

      // Each socket may send so many messages per window; the one after gets an error and the socket closes.
      let windowStart = Date.now();
      let inWindow = 0;
      socket.on("message", (raw: Buffer, isBinary: boolean) => {
        if (closed) return;
        const now = Date.now();
        if (now - windowStart >= liveLimits.windowMs) { windowStart = now; inWindow = 0; }
        if (++inWindow > liveLimits.messagesPerWindow) {
          shut("message", `more than ${liveLimits.messagesPerWindow} messages in ${liveLimits.windowMs / 1000} seconds; this connection is closed`, "too-many", "too many messages");
          return;
        }
        // One message at a time per socket, in order.
        pending = pending.then(() => (closed ? undefined : handle(raw, isBinary))).catch((e) => {
          req.log.error(e);
          send({ t: "error", id: null, field: "message", message: "the server could not handle this message", code: "internal" });
        });
      });

      /**
       * Counts a greeted socket against its session: beyond the address's share it is refused;
       * beyond the member's, user's or projector's share the oldest of theirs is closed.
       */
      const admit = async (session: string, who: string, perWho: number): Promise<boolean> => {
        const max = await sessions.maxParticipants(session);
        const addressKey = `${session}|address|${address}`;
        const whoKey = `${session}|${who}`;
        const mine = [...open.of(whoKey)];
        const evicted = mine.length >= perWho ? mine.slice(0, mine.length - perWho + 1) : [];
        const atAddress = [...open.of(addressKey)].filter((s) => !evicted.includes(s)).length;
        if (atAddress >= liveLimits.perAddress(max ?? 0)) {
          shut("session", `too many connections to this session from this address (${atAddress}); close a screen or try again shortly`, "too-many", "too many connections");
          return false;
        }
        for (const old of evicted) {
          if (old.readyState === old.OPEN) old.send(JSON.stringify({ t: "error", id: null, field: "session", message: "a newer connection of yours to this session replaced this one", code: "replaced" }));
          old.close(POLICY, "replaced by a newer connection");
          open.remove(addressKey, old);
          open.remove(whoKey, old);
        }
        open.add(addressKey, socket);
        open.add(whoKey, socket);
        counted = [addressKey, whoKey];
        return true;
      };

      const handle = async (raw: Buffer, isBinary: boolean) => {
        if (isBinary || raw.length > MAX_MESSAGE_BYTES) return fail(null, "message", `send JSON text of at most ${MAX_MESSAGE_BYTES} bytes`);
        let msg: unknown;
        try { msg = JSON.parse(raw.toString("utf8")); } catch { return fail(null, "message", "is not valid JSON"); }
        const proto = protoKey(msg);
        if (proto) return fail(typeof (msg as { id?: unknown }).id === "string" ? (msg as { id: string }).id : null, proto, { key: "validation.msg.unknownField" });
        const t = (msg as { t?: unknown })?.t;
        if (t === "hello") {
          if (joined) return fail(null, "t", "this connection already said hello");
          const h = hello.safeParse(msg);
          if (!h.success) { const p = issue(h.error, msg); return fail(null, p.field, p.reason); }
          const { session, token, projector, last_seq, language: asked } = h.data as { session: string; token?: string; projector?: string; last_seq?: number; language?: string };
          if (asked) lang = asked;
          // The language the screen reads the scenario in: a member's own, the session's on the projector, the facilitator's choice.
          let language = "en";
          let viewer: Viewer;
          let actor: Actor | null = null;
          let welcome: Record<string, unknown> = {};
          let who: string;
          let perWho: number;
          const stored = await sessions.hub.state(session).then((x) => x.scenario).catch((e: unknown) => { if (e instanceof NoSuchSession) return null; throw e; });
          if (!stored) return fail(null, "session", "no such session");
          const scIn = (lang: string) => { language = lang; return sessions.scenario(stored.id, lang); };
          let sc = stored;
          if (token) {
            const m = await sessions.memberByToken(token);
            if (!m || m.session_id !== session) return fail(null, "token", "this token does not belong to the session");
            viewer = m.kind === "evaluator" ? { kind: "evaluator", member: m.id } : { kind: "participant", member: m.id, role: m.role };
            actor = { kind: m.kind, member: m.id, ballot: m.ballot };
            sc = scIn(m.language);
            [who, perWho] = [`member|${m.id}`, liveLimits.perMember];
            const role = sc.roles.find((r) => r.id === m.role);
            welcome = m.kind === "evaluator"
              ? { scenario: { title: sc.title, objectives: sc.objectives, practices: sc.practices, hotwash: sc.hotwash, phases: sc.phases.map((p) => ({ id: p.id, title: p.title })) } }
              : { scenario: { title: sc.title, summary: sc.summary, roles: sc.roles.map((r) => ({ id: r.id, name: r.name })), hotwash: sc.hotwash }, role: role ? { id: role.id, name: role.name, briefing: role.briefing } : null };
          } else if (projector) {
            const sessionLanguage = await sessions.projectorSession(session, projector);
            if (sessionLanguage === null) return fail(null, "projector", "this projector key does not belong to the session");
            sc = scIn(sessionLanguage);
            viewer = { kind: "projector" };
            [who, perWho] = ["projector", liveLimits.perProjector];
            // The join address to show the room: from PUBLIC_URL (or relative to the projector's page), never from a request header.
            welcome = { scenario: { title: sc.title, summary: sc.summary }, join_url: sessions.joinPage() };
          } else {
            const principal = await signedIn;
            if (!principal || !can(principal.user.roles, "records.write")) return fail(null, "token", "sign in as the facilitator, or join with a code first", "forbidden");
            // AMBER+STRICT and RED: only with a reason this user stated for the session lately (an audited read of it), see decision 0020.
            let access: Awaited<ReturnType<SessionsService["liveAccess"]>>;
            const auditActor = { userId: principal.user.id, organisationId: principal.user.organisationId, ip: address === "unknown" ? null : address };
            try { access = await sessions.liveAccess(principal.user, session, auditActor); } catch (e) {
              if (e instanceof Problem) return fail(null, "session", "no such session");
              throw e;
            }
            if (!access.ok) {
              return send({
                t: "error", id: null, field: "reason", code: "reason-needed", params: { marking: access.marking, hours: REASON_GRANT_HOURS },
                message: `this session is TLP:${access.marking}: state your reason for reading it on its console page first (it counts for ${REASON_GRANT_HOURS} hours)`,
              });
            }
            viewer = { kind: "facilitator" };
            sc = scIn(asked ?? "en");
            actor = { kind: "facilitator" };
            [who, perWho] = [`user|${principal.user.id}`, liveLimits.perUser];
            welcome = { scenario: sc };
          }
          if (closed || !(await admit(session, who, perWho))) return;
          if (closed) { for (const k of counted) open.remove(k, socket); return; }
          stopWaiting();
          lang = language;
          send({ t: "welcome", viewer, ...welcome });
          const detach = await sessions.hub.attach(session, { viewer, send, language }, last_seq ?? null);
          joined = { session, actor, sc, detach };
          if (closed) detach(); // closed while attaching: the close handler found nothing to detach
          return;
        }
        if (t !== "cmd") return fail(null, "t", 'must be "hello" or "cmd"');
        const env = envelope.safeParse(msg);
        if (!env.success) { const p = issue(env.error, msg); return fail(null, p.field, p.reason); }
        const { id: msgId, cmd } = env.data;
        const refused = (name: string) => keyed(`exercises.msg.refused.${name}`);
        if (!joined) return fail(msgId, "t", refused("helloFirst"), "out-of-turn");
        if (!joined.actor) return fail(msgId, "cmd.type", refused("projectorOnly"), "forbidden");
        const schema = isCommandType(cmd.type) ? commandSchema.get(cmd.type) : undefined;
        if (!schema) return fail(msgId, "cmd.type", refused("notACommand"));
        if (!commandActors[cmd.type as Command["type"]].includes(joined.actor.kind)) return fail(msgId, "cmd.type", refused(`notFor.${joined.actor.kind}`), "forbidden");
        const parsed = schema.safeParse(cmd);
        if (!parsed.success) { const p = issue(parsed.error, cmd, "cmd"); return fail(msgId, p.field, p.reason); }
        try {
          const r = await sessions.hub.command(joined.session, joined.actor, parsed.data as Command);
          send({ t: "ack", id: msgId, seqs: r.seqs, duplicate: r.duplicate });
        } catch (e) {
          // The reason names the scenario's elements by their titles in this reader's language.
          if (e instanceof ExerciseError) return fail(msgId, `cmd.${e.field}`, refusalIn(e, joined.sc), e.code);
          throw e;
        }
      };
    },
  });
}
