import type WebSocket from "ws";

export interface Msg { t: string; [k: string]: any }

/** A client on the live exercise channel over a real socket: collects every message and the close code. */
export class Live {
  readonly messages: Msg[] = [];
  closeCode: number | null = null;
  readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];
  private n = 0;
  constructor(readonly ws: WebSocket) {
    ws.on("message", (raw) => { this.messages.push(JSON.parse(String(raw))); this.wake(); });
    this.closed = new Promise((resolve) => ws.on("close", (code) => { this.closeCode = code; this.wake(); resolve(code); }));
  }
  private wake() { this.waiters.splice(0).forEach((w) => w()); }
  /** The first message from index `from` on that pred accepts; fails after `ms` without one. */
  async next(pred: (m: Msg) => boolean, from = 0, ms = 5000): Promise<Msg> {
    for (;;) {
      const found = this.messages.slice(from).find(pred);
      if (found) return found;
      await new Promise<void>((resolve, reject) => { const t = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(this.messages.slice(-3))}`)), ms); this.waiters.push(() => { clearTimeout(t); resolve(); }); });
    }
  }
  /** Sends raw text and waits for the answer naming `id` (or any error without one). */
  async raw(payload: string, id: string | null): Promise<Msg> {
    const from = this.messages.length;
    this.ws.send(payload);
    return this.next((m) => ((m.t === "ack" || m.t === "error") && m.id === id) || (m.t === "error" && m.id === null), from);
  }
  cmd(cmd: Record<string, unknown>): Promise<Msg> {
    const id = `c${++this.n}`;
    return this.raw(JSON.stringify({ t: "cmd", id, cmd }), id);
  }
  /** Every event received, live or as missed after a reconnect, in order. */
  events() { return this.messages.flatMap((m) => (m.t === "event" ? [m.event] : m.t === "missed" ? m.events : [])); }
  /** The first event of a type. */
  event(type: string) { return this.next((m) => m.t === "event" && m.event.type === type).then((m) => m.event); }
}
