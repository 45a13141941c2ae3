import type { Db, Queryable } from "../../db/connection.js";
import type { Scenario } from "../../core/knowledge/schema.js";
import { decide, initialState, priorRequest, reduce, releaseDue, type Actor, type Command, type SessionState } from "../../core/exercises/engine.js";
import { upcoming } from "../../core/exercises/schedule.js";
import type { EventData, ExerciseEvent, Member } from "../../core/exercises/events.js";
import { applyEvent, emptyView } from "../../core/exercises/view.js";
import { visibleTo, type Viewer } from "../../core/exercises/visibility.js";
import { localizeEvent } from "../../core/exercises/localize.js";

/** A connected screen: who it is, how to reach it, and the language its reader reads (English when absent). */
export interface Conn { viewer: Viewer; send(message: unknown): void; language?: string }
interface Live { id: string; scenario: Scenario; state: SessionState; log: ExerciseEvent[]; conns: Set<Conn>; queue: Promise<unknown>; timer?: NodeJS.Timeout }
type Row = { seq: number; data: EventData; at: string | Date };

/** There is no session of this id (as opposed to a database that cannot say). */
export class NoSuchSession extends Error {}

/** The channel on which instances sharing a PostgreSQL database announce new events ("session:seq"). */
export const EVENTS_CHANNEL = "nexus_exercise_events";
/** The first key of the advisory locks that serialise a session's writes across instances (the second is the session's hash). */
const SESSION_LOCK = 724_002;
const eventOf = (r: Row) => ({ ...r.data, seq: r.seq, at: new Date(r.at).toISOString() }) as ExerciseEvent;
/** What the session list reads without folding a log (migration 0017). */
const summary = (s: SessionState) => [s.status, Object.values(s.members).filter((m) => m.kind === "participant").length, s.seq] as const;

/**
 * Live sessions in this process: the state of each (the fold of its event log), the connected
 * screens, and one queue per session so that its commands are applied one at a time in sequence
 * order. Events are written to the database before anyone is told about them, so a restart loses
 * nothing that a client saw.
 *
 * Several instances may serve the same session when they share a PostgreSQL database (decision
 * 0011): a command takes the session's advisory lock in its transaction and first reads the
 * events other instances wrote, so it decides on the whole log; the commit announces the new
 * seq with NOTIFY, and every instance that holds the session reads the new events from the log
 * (the one source of truth) and sends them to its own screens. Call listen() once at start.
 */
export class ExerciseHub {
  private readonly live = new Map<string, Promise<Live>>();
  private readonly shared: boolean;
  private stopListening: (() => Promise<void>) | null = null;
  /** scenarioOf(id, language): the library's scenario, with its texts in that language where translated. */
  constructor(private readonly db: Db, private readonly scenarioOf: (id: string, language?: string) => Scenario | undefined) {
    this.shared = db.dialect === "postgres";
  }

  /** On PostgreSQL, follows the events other instances write; after a dropped connection, catches up every session held. */
  async listen() {
    if (!this.db.listen || this.stopListening) return;
    this.stopListening = await this.db.listen(EVENTS_CHANNEL, (payload) => {
      const cut = payload.lastIndexOf(":");
      this.follow(payload.slice(0, cut), Number(payload.slice(cut + 1)));
    }, () => { for (const id of this.live.keys()) this.follow(id, Infinity); });
  }

  /** Stops listening and every timer; the sessions held are forgotten. */
  async close() {
    await this.stopListening?.();
    this.stopListening = null;
    const held = await Promise.allSettled([...this.live.values()]);
    this.live.clear();
    for (const h of held) if (h.status === "fulfilled") clearTimeout(h.value.timer);
  }

  /** Another instance wrote up to seq: a session held here reads what it has not seen. */
  private follow(id: string, seq: number) {
    const pending = this.live.get(id);
    if (!pending) return;
    pending.then((l) => {
      if (seq > l.state.seq) return this.serial(l, () => this.catchUp(l, this.db));
    }).catch((e) => console.error(`exercises: session ${id} could not read new events (${(e as Error).message}); its screens catch up on the next event`));
  }

  /** Folds and sends the events after the state's seq that another instance wrote. Call inside serial(). */
  private async catchUp(l: Live, q: Queryable) {
    if (!this.shared) return;
    const { rows } = await q.query<Row>("select seq, data, at from exercise_event where session_id = $1 and seq > $2 order by seq", [l.id, l.state.seq]);
    this.apply(l, rows.map(eventOf));
  }

  private apply(l: Live, events: ExerciseEvent[]) {
    if (events.length) queueMicrotask(() => this.arm(l));
    for (const e of events) {
      if (e.seq !== l.state.seq + 1) throw new Error(`session ${l.id}: event ${e.seq} after ${l.state.seq}`);
      l.log.push(e);
      l.state = reduce(l.state, e);
      for (const c of l.conns) {
        const seen = this.seenBy(l, e, c);
        if (seen) c.send({ t: "event", event: seen });
      }
    }
  }

  /**
   * Sets the session's timer to its next scheduled inject. When it rings, the injects due are
   * released in the session's queue like any command; an instance that finds them already out
   * (another instance was first) writes nothing. A failed write tries again a second later.
   */
  private arm(l: Live, retryMs?: number) {
    clearTimeout(l.timer);
    l.timer = undefined;
    if (this.live.get(l.id) === undefined) return;
    const next = l.state.status === "running" ? upcoming(l.state.clock)[0] : undefined;
    if (!next) return;
    l.timer = setTimeout(() => {
      l.timer = undefined;
      this.serial(l, () => this.commit(l, async (state) => releaseDue(state, l.scenario, new Date())))
        .catch((e) => { console.error(`exercises: session ${l.id} could not release a scheduled inject (${(e as Error).message}); trying again`); this.arm(l, 1000); });
    }, retryMs ?? Math.max(0, next.due - Date.now()));
    l.timer.unref();
  }

  /** A session nobody watches leaves memory; it reloads from the log when needed. */
  private drop(l: Live) {
    if (l.conns.size) return;
    clearTimeout(l.timer);
    this.live.delete(l.id);
  }

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
        if (!scenario) throw new NoSuchSession(`no exercise session ${id}`);
        const { rows } = await this.db.query<Row>("select seq, data, at from exercise_event where session_id = $1 order by seq", [id]);
        const log = rows.map(eventOf);
        const loaded: Live = { id, scenario, state: log.reduce(reduce, initialState()), log, conns: new Set<Conn>(), queue: Promise.resolve() };
        // Injects that fell due while no instance held the session go out now.
        queueMicrotask(() => this.arm(loaded));
        return loaded;
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

  /**
   * In one transaction holding the session's lock: reads what other instances wrote, asks make()
   * for the new events on that state, stores them with the session's summary and announces
   * them; then folds and sends them. Call inside serial().
   */
  private async commit(l: Live, make: (state: SessionState, tx: Queryable) => Promise<EventData[]>): Promise<ExerciseEvent[]> {
    const events = await this.db.transaction(async (tx) => {
      if (this.shared) await tx.query("select pg_advisory_xact_lock($1, hashtext($2))", [SESSION_LOCK, l.id]);
      await this.catchUp(l, tx);
      const made = await make(l.state, tx);
      if (!made.length) return [];
      const at = new Date().toISOString();
      const events = made.map((d, i) => ({ ...d, seq: l.state.seq + i + 1, at }) as ExerciseEvent);
      for (const e of events) {
        const { seq, at: when, ...data } = e;
        await tx.query("insert into exercise_event (session_id, seq, type, data, at) values ($1, $2, $3, $4::jsonb, $5)", [l.id, seq, e.type, JSON.stringify(data), when]);
      }
      await tx.query("update exercise_session set status = $2, participants = $3, last_seq = $4 where id = $1", [l.id, ...summary(events.reduce(reduce, l.state))]);
      if (this.shared) await tx.query("select pg_notify($1, $2)", [EVENTS_CHANNEL, `${l.id}:${events.at(-1)!.seq}`]);
      return events;
    });
    this.apply(l, events);
    return events;
  }

  /**
   * Applies a command. A request id the sender already used is acknowledged again with the seq
   * of the event it made (duplicate), or refused when it came with other content.
   */
  async command(id: string, actor: Actor, cmd: Command): Promise<{ events: ExerciseEvent[]; seqs: number[]; duplicate: boolean }> {
    const l = await this.load(id);
    return this.serial(l, async () => {
      let prior = null as { seq: number } | null;
      const events = await this.commit(l, async (state) => {
        prior = priorRequest(state, actor, cmd);
        return prior ? [] : decide(state, l.scenario, actor, cmd, new Date());
      });
      if (prior) return { events: [], seqs: [prior.seq], duplicate: true };
      return { events, seqs: events.map((e) => e.seq), duplicate: false };
    });
  }

  /** Adds a member (the row and its member-joined event, together), if the session still takes them. */
  async join(id: string, member: Member, insert: (tx: Queryable, state: SessionState) => Promise<void>) {
    const l = await this.load(id);
    return this.serial(l, () => this.commit(l, async (state, tx) => {
      await insert(tx, state);
      return [{ type: "member-joined", member }];
    }));
  }

  /** The session's state, log and scenario, with every event written so far (by any instance). */
  async state(id: string) {
    const l = await this.load(id);
    await this.serial(l, () => this.catchUp(l, this.db));
    if (l.state.status === "ended") this.drop(l);
    return { state: l.state, scenario: l.scenario, log: l.log };
  }

  /**
   * Connects a screen: the snapshot of what it may see now, and, for a client that saw events up
   * to lastSeq before (on this instance or another), exactly the events after that it may see.
   * In the session's queue, after catching up with the log, so no event can fall between the
   * snapshot and the subscription, nor arrive twice.
   */
  async attach(id: string, conn: Conn, lastSeq: number | null): Promise<() => void> {
    const l = await this.load(id);
    await this.serial(l, async () => {
      await this.catchUp(l, this.db);
      const seen = l.log.map((e) => this.seenBy(l, e, conn)).filter((e): e is ExerciseEvent => e !== null);
      const me = conn.viewer.kind === "participant" || conn.viewer.kind === "evaluator" ? conn.viewer.member : null;
      conn.send({ t: "snapshot", seq: l.state.seq, view: seen.reduce(applyEvent, emptyView(me)) });
      if (lastSeq !== null) conn.send({ t: "missed", after: lastSeq, events: seen.filter((e) => e.seq > lastSeq) });
      l.conns.add(conn);
      // An ended session dropped while this screen waited in the queue is held again, with its screen.
      if (!this.live.has(id)) this.live.set(id, Promise.resolve(l));
    });
    return () => {
      l.conns.delete(conn);
      if (l.state.status === "ended") this.drop(l);
    };
  }
}
