/** Rating guidance of a practice: guiding questions and what each level means, "in place" and "working" kept apart. */
import { tp } from "./strings.js";
import { inPlaceKey, type PracticeFull } from "./shared.js";

export interface GuidanceData {
  id: string;
  in_place: { questions: string[]; thresholds: Record<string, string> };
  working: { questions: string[]; thresholds: Record<string, string> };
  evidence: string[];
  steps: number[];
  citation?: { source: string; locator: string };
}

const inPlaceLevels = ["C", "LC", "PC", "NC"] as const;
const workingLevels = ["High", "Substantial", "Moderate", "Low"] as const;

/** `language`: what the guidance texts are in (the practice's, both coming from the same translation). */
export function Guidance({ g, practice, language }: { g: GuidanceData; practice: PracticeFull; language: string }) {
  return (
    <section aria-labelledby="guidance-h" class="plan-guidance">
      <h4 id="guidance-h" tabIndex={-1}>{tp("guidance.title")}</h4>
      <div class="plan-guidance-cols">
        <div class="plan-dimension plan-dimension-in-place">
          <h5>{tp("guidance.inPlace")}</h5>
          <p class="hint">{tp("guidance.inPlaceHint")}</p>
          <Questions items={g.in_place.questions} language={language} />
          <dl class="plan-levels">
            {inPlaceLevels.map((l) => (
              <Level key={l} term={`${l} — ${tp(`inPlace.${inPlaceKey(l)}`)}`} text={g.in_place.thresholds[l]} language={language} />
            ))}
            <dt>N/A — {tp("inPlace.NA")}</dt>
            <dd>{tp("guidance.na")}</dd>
          </dl>
        </div>
        <div class="plan-dimension plan-dimension-working">
          <h5>{tp("guidance.working")}</h5>
          <p class="hint">{tp("guidance.workingHint")}</p>
          <Questions items={g.working.questions} language={language} />
          <dl class="plan-levels">
            {workingLevels.map((l) => <Level key={l} term={tp(`working.${l}`)} text={g.working.thresholds[l]} language={language} />)}
          </dl>
        </div>
      </div>
      {g.evidence.length > 0 && (
        <details class="plan-evidence-ideas">
          <summary>{tp("guidance.evidence")}</summary>
          <ul lang={language} dir="auto">{g.evidence.map((e) => <li key={e}>{e}</li>)}</ul>
        </details>
      )}
      {g.steps.length > 0 && <p class="hint">{tp("guidance.steps", { steps: g.steps.filter((n) => practice.steps.some((s) => s.number === n)).join(", ") })}</p>}
    </section>
  );
}

function Questions({ items, language }: { items: string[]; language: string }) {
  return (
    <>
      <p class="plan-sub">{tp("guidance.questions")}</p>
      <ul class="plan-questions" lang={language} dir="auto">{items.map((q) => <li key={q}>{q}</li>)}</ul>
      <p class="plan-sub">{tp("guidance.levels")}</p>
    </>
  );
}

function Level({ term, text, language }: { term: string; text?: string; language: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd lang={language} dir="auto">{text ?? "—"}</dd>
    </>
  );
}
