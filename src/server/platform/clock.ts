/**
 * The app's one source of wall-clock time (docs/decisions/0017). Services take a `Clock` instead
 * of calling `new Date()` or SQL `now()` for anything time-bounded (sessions, locks, sign-in
 * windows, retention), so tests move time without mocking globals and every bound is computed
 * from the same clock that wrote it.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * How far a stored time may lie ahead of the clock before it counts as written by a clock that
 * ran fast (clock skew between instances, or between the app and PostgreSQL).
 */
export const CLOCK_SKEW_MS = 5 * 60_000;
