/** What the phone page's forms share: the scenario the phone receives, one submission at a time with its request id, and the outcome line. */
import { useState } from "preact/hooks";
import type { Command, Reply } from "./live.js";
import { requestId } from "./live.js";
import { reasonText, useReason } from "./refusal.js";
import { tx } from "./strings.js";

export interface HotwashQuestion { id: string; question: string; kind: "rating" | "text" }
export interface PlayScenario {
  title: string; summary?: string; roles?: { id: string; name: string }[]; hotwash: HotwashQuestion[];
  objectives?: { id: string; text: string }[]; practices?: string[]; phases?: { id: string; title: string }[];
}
export type Send = (cmd: Command) => Promise<Reply>;
/** A failed submission keeps what came back (the server's refusal, or a local error), so its text follows the reader's language. */
export type Outcome = { state: "idle" } | { state: "sending" } | { state: "done" } | { state: "error"; refusal: Reply | Error };

/** The server's refusal in the reader's words, with its reason (refusal.ts). */
export function refusalText(r: Reply | Error): string {
  if (r instanceof Error) return r.message === "too long" ? tx("play.err.tooLong") : tx("play.err.network");
  if (r.t !== "error") return "";
  return tx(`play.err.${r.code === "out-of-turn" ? "outOfTurn" : r.code === "forbidden" ? "forbidden" : "badInput"}`, { message: reasonText(r) });
}

/**
 * One submission at a time with a request id made once per attempt: sending the same thing
 * again (a retry) reuses it, so the server records it once; anything different is a new attempt.
 */
export function useAttempt() {
  const [outcome, setOutcome] = useState<Outcome>({ state: "idle" });
  const [attempt, setAttempt] = useState<{ key: string; request: string } | null>(null);
  const run = async (key: string, make: (request: string) => Command, send: Send) => {
    const request = attempt && attempt.key === key ? attempt.request : requestId();
    setAttempt({ key, request });
    setOutcome({ state: "sending" });
    try {
      const r = await send(make(request));
      if (r.t === "ack") { setOutcome({ state: "done" }); setAttempt(null); } else setOutcome({ state: "error", refusal: r });
    } catch (e) {
      setOutcome({ state: "error", refusal: e as Error });
    }
  };
  return { outcome, run, reset: () => setOutcome({ state: "idle" }) };
}

export function OutcomeLine({ outcome, done }: { outcome: Outcome; done: string }) {
  useReason(outcome.state === "error" && !(outcome.refusal instanceof Error) && outcome.refusal.t === "error" ? outcome.refusal : null);
  return (
    <>
      <p class="ex-outcome" role="status">{outcome.state === "sending" ? tx("play.sending") : outcome.state === "done" ? done : ""}</p>
      {outcome.state === "error" ? <p class="error form-problem" role="alert">{refusalText(outcome.refusal)}</p> : null}
    </>
  );
}

