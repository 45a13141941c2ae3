/**
 * The live channel of an exercise session, for every screen (phone, projector, console): says
 * hello, keeps the View as the fold of the events received (applyEvent from src/core), sends
 * commands and matches their acks, and reconnects with backoff (1 s, 2 s, 4 s … at most 10 s)
 * asking for the events missed since the last one it holds. Commands carrying a `request` id are
 * idempotent on the server, so they are sent again after a reconnect until acknowledged.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { applyEvent, type View } from "../../core/exercises/view.js";
import type { ExerciseEvent } from "../../core/exercises/events.js";
import type { MsgParam } from "../../core/i18n/messages.js";

export type Conn = "connecting" | "open" | "reconnecting" | "refused";
export type Ack = { t: "ack"; id: string; seqs: number[]; duplicate: boolean };
/**
 * A refused message: the field, the kind of refusal (code), and why: a message key with its
 * parameters where the server has one (key, params; see refusal.ts), and its text in the
 * connection's language (message).
 */
export type Refusal = { t: "error"; id: string | null; field: string; message: string; code: string; key?: string; params?: Record<string, MsgParam> };
export type Reply = Ack | Refusal;
export interface Welcome<S> { t: "welcome"; viewer: { kind: string; member?: string; role?: string | null }; scenario: S; role?: { id: string; name: string; briefing: string } | null }
/**
 * `refusal`: why the hello was refused, as a code and its parameters, for a page to say in the
 * reader's language ("reason-needed": a TLP:AMBER+STRICT or RED session for which this user has
 * not stated a reason lately; params marking and hours).
 */
export interface LiveState<S> { conn: Conn; welcome: Welcome<S> | null; view: View | null; refused: string | null; refusal?: { code: string; params: Record<string, string | number> } | null }
export type Command = { type: string; [k: string]: unknown };

/** Largest message the server takes. */
export const MAX_BYTES = 8 * 1024;
export const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** A unique id for a request; crypto.randomUUID needs a secure context, which a phone on the local network may not have. */
export function requestId(): string {
  if (typeof crypto.randomUUID === "function" && isSecureContext) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

interface Pending { msg: string; retry: boolean; resolve: (r: Reply) => void; reject: (e: Error) => void }

class LiveClient<S> {
  private ws: WebSocket | null = null;
  private ready = false;
  private stopped = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private n = 0;
  private readonly pending = new Map<string, Pending>();
  state: LiveState<S> = { conn: "connecting", welcome: null, view: null, refused: null };

  constructor(private readonly hello: Record<string, unknown>, private readonly publish: (s: LiveState<S>) => void) {}

  private set(patch: Partial<LiveState<S>>) {
    this.state = { ...this.state, ...patch };
    this.publish(this.state);
  }

  start() {
    addEventListener("online", this.kick);
    this.connect();
  }

  /** Back online: try now rather than at the end of the backoff. */
  private readonly kick = () => {
    if (this.ws || this.stopped) return;
    clearTimeout(this.timer);
    this.connect();
  };

  private connect() {
    const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/exercises/live`);
    this.ws = ws;
    this.ready = false;
    let welcomed = false;
    ws.onopen = () => {
      const last = this.state.view ? { last_seq: this.state.view.seq } : {};
      ws.send(JSON.stringify({ t: "hello", ...this.hello, ...last }));
    };
    ws.onmessage = (e) => {
      let m: { t: string; [k: string]: unknown };
      try { m = JSON.parse(String(e.data)); } catch { return; }
      const view = this.state.view;
      switch (m.t) {
        case "welcome":
          welcomed = true;
          this.attempt = 0;
          this.set({ welcome: m as unknown as Welcome<S> });
          break;
        case "snapshot": {
          const snap = m.view as View;
          this.ready = true;
          this.set({ conn: "open", view: !view || snap.seq >= view.seq ? snap : view });
          for (const p of this.pending.values()) ws.send(p.msg);
          break;
        }
        case "missed":
          if (view) this.set({ view: (m.events as ExerciseEvent[]).reduce(applyEvent, view) });
          break;
        case "event":
          if (view) this.set({ view: applyEvent(view, m.event as ExerciseEvent) });
          break;
        case "ack":
        case "error": {
          const p = typeof m.id === "string" ? this.pending.get(m.id) : undefined;
          if (p) { this.pending.delete(m.id as string); p.resolve(m as unknown as Reply); } else if (m.t === "error" && !welcomed && m.code !== "too-many") {
            // The hello was refused (unknown token, wrong key, not the facilitator): retrying will not help.
            // ("too-many": the session has all the connections it takes from this address for now; the server closes and we retry with backoff.)
            this.stopped = true;
            this.set({ conn: "refused", refused: String(m.message), refusal: { code: String(m.code), params: (m.params ?? {}) as Record<string, string | number> } });
            ws.close();
          }
          break;
        }
        default: break;
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      for (const [id, p] of this.pending) if (!p.retry) { this.pending.delete(id); p.reject(new Error("connection lost")); }
      if (this.stopped) return;
      this.set({ conn: "reconnecting" });
      const delay = Math.min(10_000, 1000 * 2 ** this.attempt);
      this.attempt += 1;
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  command(cmd: Command): Promise<Reply> {
    const id = `c${++this.n}`;
    const msg = JSON.stringify({ t: "cmd", id, cmd });
    const retry = typeof cmd.request === "string";
    return new Promise<Reply>((resolve, reject) => {
      if (byteLength(msg) > MAX_BYTES) { reject(new Error("too long")); return; }
      if (!this.ready && !retry) { reject(new Error("connection lost")); return; }
      this.pending.set(id, { msg, retry, resolve, reject });
      if (this.ready && this.ws) this.ws.send(msg);
    });
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    removeEventListener("online", this.kick);
    this.ws?.close();
    this.ws = null;
  }
}

/**
 * Connects a screen to a session; `hello` is what identifies it (token, projector key, or nothing
 * for the signed-in facilitator); null waits. A new `attempt` connects again after a refusal.
 */
export function useLive<S>(hello: Record<string, unknown> | null, attempt = 0): LiveState<S> & { command: (cmd: Command) => Promise<Reply> } {
  const [state, setState] = useState<LiveState<S>>({ conn: "connecting", welcome: null, view: null, refused: null });
  const client = useRef<LiveClient<S> | null>(null);
  const key = hello ? `${attempt}:${JSON.stringify(hello)}` : "";
  useEffect(() => {
    if (!hello) return;
    const c = new LiveClient<S>(hello, setState);
    client.current = c;
    setState(c.state);
    c.start();
    return () => { c.stop(); client.current = null; };
  }, [key]);
  const command = (cmd: Command) => (client.current ? client.current.command(cmd) : Promise.reject(new Error("connection lost")));
  return { ...state, command };
}
