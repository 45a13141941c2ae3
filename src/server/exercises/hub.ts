import type { Db, Queryable } from "../../db/connection.js";
import type { Scenario } from "../../core/knowledge/schema.js";
import { decide, initialState, priorRequest, reduce, type Actor, type Command, type SessionState } from "../../core/exercises/engine.js";
import type { EventData, ExerciseEvent, Member } from "../../core/exercises/events.js";
import { applyEvent, emptyView } from "../../core/exercises/view.js";
import { visibleTo, type Viewer } from "../../core/exercises/visibility.js";
import { localizeEvent } from "../../core/exercises/localize.js";

/** A connected screen: who it is, how to reach it, and the language its reader reads (English when absent). */
export interface Conn { viewer: Viewer; send(message: unknown): void; language?: string }
interface Live { id: string; scenario: Scenario; state: SessionState; log: ExerciseEvent[]; conns: Set<Conn>; queue: Promise<unknown> }

/**
 * Live sessions in this process: the authoritative state of each (the fold of its event log),
 * the connected screens, and one queue per session so that commands are applied one at a time
 * in sequence order. Events are written to the database before anyone is told about them, so
 * a restart loses nothing that a client saw. Run one instance per exercise (see decision 0011).
 */
export class ExerciseHub {
  private readonly live = new Map<string, Promise<Live>>();
  /** scenarioOf(id, language): the library's scenario, with its texts in that language where translated. */
  constructor(private readonly db: Db, private readonly scenarioOf: (id: string, language?: string) => Scenario | undefined) {}

  /** An event as a screen receives it: what its viewer may see, in its reader's language. */
  private seenBy(l: Live, e: ExerciseEvent, c: Conn): ExerciseEvent | null {
    const seen = visibleTo(e, c.viewer);
    if (!seen || !c.language || c.language === "en") return seen;
    const sc = this.scenarioOf(l.scenario.id, c.language);
    return sc ? localizeEvent(seen, sc) : seen;
  }

  load(id: string): Promise<Live> {
    let l = this.live.get(id);
    if (!l) {
      l = (async () => {
        const s = await this.db.query<{ scenario: string }>("select scenario from exercise_session where id = $1", [id]);
        const scenario = s.rows[0] && this.scenarioOf(s.rows[0].scenario);
        if (!scenario) throw new Error(`no exercise session ${id}`);
        const { rows } = await this.db.query<{ seq: number; data: EventData; at: string | Date }>("select seq, data, at from exercise_event where session_id = $1 order by seq", [id]);
        const log = rows.map((r) => ({ ...r.data, seq: r.seq, at: new Date(r.at).toISOString() }) as ExerciseEvent);
        return { id, scenario, state: log.reduce(reduce, initialState()), log, conns: new Set<Conn>(), queue: Promise.resolve() };
      })();
      l.catch(() => this.live.delete(id));
      this.live.set(id, l);
    }
    return l;
  }

  /** Runs fn after every earlier command of the session has finished. */
  private serial<T>(l: Live, fn: () => Promise<T>): Promise<T> {
    const next = l.queue.then(fn, fn);
    l.queue = next.catch(() => undefined);
    return next;
  }

  /** Stores events, then folds and broadcasts them. Call inside serial(). */
  private async commit(l: Live, made: EventData[], extra?: (tx: Queryable) => Promise<void>): Promise<ExerciseEvent[]> {
    if (!made.length && !extra) return [];
    const at = new Date().toISOString();
    const events = made.map((d, i) => ({ ...d, seq: l.state.seq + i + 1, at }) as ExerciseEvent);
    await this.db.transaction(async (tx) => {
      if (extra) await extra(tx);
      for (const e of events) {
        const { seq, at: when, ...data } = e;
        await tx.query("insert into exercise_event (session_id, seq, type, data, at) values ($1, $2, $3, $4::jsonb, $5)", [l.id, seq, e.type, JSON.stringify(data), when]);
      }
    });
    for (const e of events) {
      l.log.push(e);
      l.state = reduce(l.state, e);
      for (const c of l.conns) {
        const seen = this.seenBy(l, e, c);
        if (seen) c.send({ t: "event", event: seen });
      }
    }
    return events;
  }

  /**
   * Applies a command. A request id the sender already used is acknowledged again with the seq
   * of the event it made (duplicate), or refused when it came with other content.
   */
  async command(id: string, actor: Actor, cmd: Command): Promise<{ events: ExerciseEvent[]; seqs: number[]; duplicate: boolean }> {
    const l = await this.load(id);
    return this.serial(l, async () => {
      const prior = priorRequest(l.state, actor, cmd);
      if (prior) return { events: [], seqs: [prior.seq], duplicate: true };
      const made = decide(l.state, l.scenario, actor, cmd, new Date());
      const events = await this.commit(l, made);
      return { events, seqs: events.map((e) => e.seq), duplicate: false };
    });
  }

  /** Adds a member (the row and its member-joined event, together), if the session still takes them. */
  async join(id: string, member: Member, insert: (tx: Queryable, state: SessionState) => Promise<void>) {
    const l = await this.load(id);
    return this.serial(l, () => this.commit(l, [{ type: "member-joined", member }], (tx) => insert(tx, l.state)));
  }

  async state(id: string) {
    const l = await this.load(id);
    return { state: l.state, scenario: l.scenario, log: l.log };
  }

  /**
   * Connects a screen: the snapshot of what it may see now, and, for a client that saw events up
   * to lastSeq before, exactly the events after that it may see. Synchronous after the load, so
   * no event can fall between the snapshot and the subscription.
   */
  async attach(id: string, conn: Conn, lastSeq: number | null): Promise<() => void> {
    const l = await this.load(id);
    const seen = l.log.map((e) => this.seenBy(l, e, conn)).filter((e): e is ExerciseEvent => e !== null);
    const me = conn.viewer.kind === "participant" || conn.viewer.kind === "evaluator" ? conn.viewer.member : null;
    conn.send({ t: "snapshot", seq: l.state.seq, view: seen.reduce(applyEvent, emptyView(me)) });
    if (lastSeq !== null) conn.send({ t: "missed", after: lastSeq, events: seen.filter((e) => e.seq > lastSeq) });
    l.conns.add(conn);
    return () => {
      l.conns.delete(conn);
      // An ended session nobody watches leaves memory; it reloads from the log if needed.
      if (!l.conns.size && l.state.status === "ended") this.live.delete(id);
    };
  }
}
