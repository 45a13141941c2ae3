/**
 * The standards crosswalk page (decision 0036): "which practices implement FATF R.8" or
 * "UNSCR 1373 para 2", answered from GET /api/v1/crosswalk, and a browsing table per instrument
 * (pinpoint → practices) from GET /api/v1/crosswalk/instruments. The query lives in the address
 * (/crosswalk?q=FATF+R.8&instrument=…), so an answer can be linked to and shared.
 */
import { useEffect, useState } from "preact/hooks";
import { i18next } from "../i18n.js";
import { Original, practiceLabel, useTitle } from "../components/common.js";
import { ProblemError, request } from "../http.js";
import { navigate } from "../router.js";
import { tx, withCrosswalkStrings } from "./strings.js";

interface PracticeRef { id: string; title: string; framework?: string; number?: number }
interface InstrumentRow { id: string; name: string; short: string; kind?: string; links: number; pinpoints: { pinpoint: string; practices: PracticeRef[] }[] }
interface Answer {
  q: string | null;
  instrument: { id: string; name: string; short: string } | null;
  pinpoint: string | null;
  total: number;
  items: { practice: PracticeRef; links: { instrument: string; instrument_short: string; pinpoint: string; topic: string; language?: string }[] }[];
}

type Loaded<T> = { state: "idle" } | { state: "loading" } | { state: "error"; message: string; param?: string } | { state: "ready"; data: T };

/** A query that starts with a pinpoint ("art 27", "R.8", "15") leaves the instrument to the picker; otherwise it names its own. */
const startsWithPinpoint = (q: string) => /^\s*(?:recommendations?|recs?\.?|r\.?|paragraphs?|paras?\.?|§§?|articles?|arts?\.?)?\s*\d/i.test(q);

function useJson<T>(url: string | null): Loaded<T> {
  const [value, set] = useState<Loaded<T>>({ state: "idle" });
  const language = i18next.language;
  useEffect(() => {
    if (!url) { set({ state: "idle" }); return; }
    let live = true;
    set({ state: "loading" });
    request<T>(url).then(
      (data) => live && set({ state: "ready", data }),
      (e: Error) => live && set({ state: "error", message: e instanceof ProblemError ? (e.errors?.[0]?.message ?? e.message) : e.message, param: e instanceof ProblemError ? e.errors?.[0]?.param : undefined }),
    );
    return () => { live = false; };
  }, [url, language]);
  return value;
}

const practiceLink = (p: PracticeRef) => <a href={`/practices/${p.id}`}>{practiceLabel(p)} — {p.title}</a>;

function CrosswalkPage({ query }: { params: Record<string, string>; query: URLSearchParams }) {
  useTitle(tx("title"));
  const q = query.get("q") ?? "";
  const instrument = query.get("instrument") ?? "";
  const [text, setText] = useState(q);
  const [picked, setPicked] = useState(instrument);
  useEffect(() => { setText(q); setPicked(instrument); }, [q, instrument]);

  const instruments = useJson<{ items: InstrumentRow[] }>("/api/v1/crosswalk/instruments");
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (instrument && (!q || startsWithPinpoint(q))) params.set("instrument", instrument);
  const answer = useJson<Answer>(q ? `/api/v1/crosswalk?${params}` : null);

  const go = (nextQ: string, nextInstrument: string) => {
    const p = new URLSearchParams();
    if (nextQ.trim()) p.set("q", nextQ.trim());
    if (nextInstrument) p.set("instrument", nextInstrument);
    navigate(`/crosswalk${p.size ? `?${p}` : ""}`, true);
  };
  const list = instruments.state === "ready" ? instruments.data.items : [];
  const browsed = list.find((i) => i.id === (picked || instrument)) ?? list[0];
  const invalid = answer.state === "error" && (answer.param ?? "q") === "q";

  return (
    <>
      <h1>{tx("title")}</h1>
      <p class="lead">{tx("lead")}</p>
      <form class="form" role="search" onSubmit={(e) => { e.preventDefault(); go(text, picked); }}>
        <div class="field">
          <label for="xw-q">{tx("query")}</label>
          <input id="xw-q" name="q" type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)}
            aria-describedby={`xw-q-hint${invalid ? " xw-q-error" : ""}`} aria-invalid={invalid ? "true" : undefined} autocomplete="off" spellcheck={false} />
          <p class="muted" id="xw-q-hint">{tx("queryHint")}</p>
          {answer.state === "error" && <p class="field-error" id="xw-q-error" role="alert">{answer.message}</p>}
        </div>
        <div class="field">
          <label for="xw-instrument">{tx("instrument")}</label>
          <select id="xw-instrument" name="instrument" value={picked} onChange={(e) => { const v = (e.target as HTMLSelectElement).value; setPicked(v); go(text, v); }}>
            <option value="">{tx("anyInstrument")}</option>
            {list.map((i) => <option key={i.id} value={i.id}>{tx("instrumentOption", { name: i.short, count: i.links })}</option>)}
          </select>
        </div>
        <button type="submit">{tx("find")}</button>
      </form>

      {answer.state === "loading" && <p class="muted" role="status">…</p>}
      {answer.state === "ready" && (
        <section aria-labelledby="xw-results">
          <h2 id="xw-results">{tx("results", { target: `${answer.data.instrument?.short ?? ""}${answer.data.pinpoint ? ` ${answer.data.pinpoint}` : ""}` })}</h2>
          <p class="muted" role="status">{answer.data.total ? tx("count", { count: answer.data.total }) : tx("none")}</p>
          <ul class="crosswalk-results">
            {answer.data.items.map((item) => (
              <li key={item.practice.id}>
                <strong>{practiceLink(item.practice)}</strong>
                <ul>
                  {item.links.map((l, n) => (
                    <li key={n}><Original>{l.instrument_short} {l.pinpoint}</Original>: <span lang={l.language} dir="auto">{l.topic}</span></li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="xw-browse">
        <h2 id="xw-browse">{tx("browse")}</h2>
        <p class="muted">{tx("browseHint")}</p>
        {instruments.state === "error" && <p class="error" role="alert">{instruments.message}</p>}
        {browsed && (
          <div class="table-wrap" tabIndex={0} aria-labelledby="xw-table-caption">
            <table>
              <caption id="xw-table-caption">{tx("tableCaption", { instrument: browsed.short })}</caption>
              <thead><tr><th scope="col">{tx("pinpoint")}</th><th scope="col">{tx("practices")}</th></tr></thead>
              <tbody>
                {browsed.pinpoints.map((p) => (
                  <tr key={p.pinpoint}>
                    <th scope="row"><a href={`/crosswalk?${new URLSearchParams({ q: p.pinpoint, instrument: browsed.id })}`}><Original>{p.pinpoint}</Original></a></th>
                    <td><ul>{p.practices.map((x) => <li key={x.id}>{practiceLink(x)}</li>)}</ul></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export const load = () => withCrosswalkStrings(["crosswalk"], CrosswalkPage);
