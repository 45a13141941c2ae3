import type { WebSocket } from "ws";
import { z } from "zod";
import { commandActors, ExerciseError, type Actor, type Command } from "../../core/exercises/engine.js";
import type { Viewer } from "../../core/exercises/visibility.js";
import { can } from "../../core/platform/roles.js";
import type { RouteRegistry, SocketMessage } from "../http/routes.js";
import type { Principal } from "../platform/auth.service.js";
import type { SessionsService } from "./sessions.service.js";

/** Largest message a client may send; answers and notes fit well within it. */
export const MAX_MESSAGE_BYTES = 8 * 1024;
const HEARTBEAT_MS = 30_000;
const id = z.string().min(1).max(100);
const request = z.string().min(8, "send a unique request id (8 to 100 characters)").max(100);
const text = (max: number) => z.string().max(max);

/** Every command, its shape, and (from the engine) who may send it. */
const commandSchemas: Record<Command["type"], z.ZodType> = {
  "start-briefing": z.strictObject({ type: z.literal("start-briefing") }),
  "enter-phase": z.strictObject({ type: z.literal("enter-phase"), phase: id }),
  "release-situation": z.strictObject({ type: z.literal("release-situation") }),
  "release-inject": z.strictObject({ type: z.literal("release-inject"), inject: id }),
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

export const socketMessages: SocketMessage[] = [
  { type: "hello", senders: ["facilitator", "projector", "participant", "evaluator"], schema: z.strictObject({ t: z.literal("hello"), session: id, token: z.string().max(200).optional(), projector: z.string().max(200).optional(), last_seq: z.number().int().min(0).optional() }) },
  ...Object.entries(commandSchemas).map(([type, schema]) => ({ type, senders: commandActors[type as Command["type"]], schema })),
];
const hello = socketMessages[0].schema;
const envelope = z.strictObject({ t: z.literal("cmd"), id: z.string().max(100), cmd: z.looseObject({ type: z.string() }) });

const issue = (e: z.ZodError, prefix: string) => {
  const i = e.issues[0];
  if (i.code === "unrecognized_keys") return { field: `${prefix}${(i as { keys: string[] }).keys[0]}`, message: "is not a field of this message" };
  return { field: (prefix + i.path.join(".")).replace(/\.$/, "") || "message", message: i.message };
};

/** The live channel of exercise sessions (see the protocol in docs/decisions/0011). */
export function registerLiveSocket(routes: RouteRegistry, sessions: SessionsService) {
  routes.addSocket({
    url: "/api/v1/exercises/live", tags: ["exercises"], messages: socketMessages,
    summary: "Live exercise channel: say hello with the session and a member token, the projector key, or as the signed-in facilitator; then send commands",
    handler: (socket: WebSocket, req, signedIn: Promise<Principal | null>) => {
      const send = (m: unknown) => { if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m)); };
      let joined: { session: string; actor: Actor | null; detach: () => void } | null = null;
      let pending = Promise.resolve();
      // A heartbeat finds sockets that died without closing (a phone that left the Wi-Fi), so they stop receiving.
      let alive = true;
      socket.on("pong", () => { alive = true; });
      const heartbeat = setInterval(() => {
        if (!alive) { socket.terminate(); return; }
        alive = false;
        socket.ping();
      }, HEARTBEAT_MS);
      socket.on("close", () => { clearInterval(heartbeat); joined?.detach(); });
      socket.on("message", (raw: Buffer, isBinary: boolean) => {
        // One message at a time per socket, in order.
        pending = pending.then(() => handle(raw, isBinary)).catch((e) => {
          req.log.error(e);
          send({ t: "error", id: null, field: "message", message: "the server could not handle this message", code: "internal" });
        });
      });
      const handle = async (raw: Buffer, isBinary: boolean) => {
        const fail = (msgId: string | null, field: string, message: string, code = "bad-input") => send({ t: "error", id: msgId, field, message, code });
        if (isBinary || raw.length > MAX_MESSAGE_BYTES) return fail(null, "message", `send JSON text of at most ${MAX_MESSAGE_BYTES} bytes`);
        let msg: unknown;
        try { msg = JSON.parse(raw.toString("utf8")); } catch { return fail(null, "message", "is not valid JSON"); }
        const t = (msg as { t?: unknown })?.t;
        if (t === "hello") {
          if (joined) return fail(null, "t", "this connection already said hello");
          const h = hello.safeParse(msg);
          if (!h.success) { const p = issue(h.error, ""); return fail(null, p.field, p.message); }
          const { session, token, projector, last_seq } = h.data as { session: string; token?: string; projector?: string; last_seq?: number };
          let viewer: Viewer;
          let actor: Actor | null = null;
          let welcome: Record<string, unknown> = {};
          const sc = await sessions.hub.state(session).then((x) => x.scenario).catch(() => null);
          if (!sc) return fail(null, "session", "no such session");
          if (token) {
            const m = await sessions.memberByToken(token);
            if (!m || m.session_id !== session) return fail(null, "token", "this token does not belong to the session");
            viewer = m.kind === "evaluator" ? { kind: "evaluator", member: m.id } : { kind: "participant", member: m.id, role: m.role };
            actor = { kind: m.kind, member: m.id };
            const role = sc.roles.find((r) => r.id === m.role);
            welcome = m.kind === "evaluator"
              ? { scenario: { title: sc.title, objectives: sc.objectives, practices: sc.practices, hotwash: sc.hotwash, phases: sc.phases.map((p) => ({ id: p.id, title: p.title })) } }
              : { scenario: { title: sc.title, summary: sc.summary, roles: sc.roles.map((r) => ({ id: r.id, name: r.name })), hotwash: sc.hotwash }, role: role ? { id: role.id, name: role.name, briefing: role.briefing } : null };
          } else if (projector) {
            if (!(await sessions.projectorSession(session, projector))) return fail(null, "projector", "this projector key does not belong to the session");
            viewer = { kind: "projector" };
            welcome = { scenario: { title: sc.title, summary: sc.summary } };
          } else {
            const principal = await signedIn;
            if (!principal || !can(principal.user.roles, "records.write")) return fail(null, "token", "sign in as the facilitator, or join with a code first", "forbidden");
            try { await sessions.session(principal.user, session); } catch { return fail(null, "session", "no such session"); }
            viewer = { kind: "facilitator" };
            actor = { kind: "facilitator" };
            welcome = { scenario: sc };
          }
          send({ t: "welcome", viewer, ...welcome });
          const detach = await sessions.hub.attach(session, { viewer, send }, last_seq ?? null);
          joined = { session, actor, detach };
          return;
        }
        if (t !== "cmd") return fail(null, "t", 'must be "hello" or "cmd"');
        const env = envelope.safeParse(msg);
        if (!env.success) { const p = issue(env.error, ""); return fail(null, p.field, p.message); }
        const { id: msgId, cmd } = env.data;
        if (!joined) return fail(msgId, "t", "say hello first", "out-of-turn");
        if (!joined.actor) return fail(msgId, "cmd.type", "the projector only shows the session", "forbidden");
        const schema = commandSchemas[cmd.type as Command["type"]];
        if (!schema) return fail(msgId, "cmd.type", `"${cmd.type}" is not a command`);
        if (!commandActors[cmd.type as Command["type"]].includes(joined.actor.kind)) return fail(msgId, "cmd.type", `a ${joined.actor.kind} cannot send "${cmd.type}"`, "forbidden");
        const parsed = schema.safeParse(cmd);
        if (!parsed.success) { const p = issue(parsed.error, "cmd."); return fail(msgId, p.field, p.message); }
        try {
          const r = await sessions.hub.command(joined.session, joined.actor, parsed.data as Command);
          send({ t: "ack", id: msgId, seqs: r.events.map((e) => e.seq), duplicate: r.duplicate });
        } catch (e) {
          if (e instanceof ExerciseError) return fail(msgId, `cmd.${e.field}`, e.message, e.code);
          throw e;
        }
      };
    },
  });
}
