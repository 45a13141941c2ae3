import { useEffect, useRef, useState } from "preact/hooks";
import { api, type SearchHit } from "../api.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";

export const kindPath: Record<string, string> = {
  practice: "/practices", manifestation: "/manifestations", context: "/contexts", watchpoint: "/watchpoints",
  indicator: "/indicators", actor: "/actors", instrument: "/instruments", initiative: "/initiatives",
  theme: "/research/themes", "research-priority": "/research/priorities",
};
export const hitHref = (h: { kind: string; id: string }) => `${kindPath[h.kind] ?? ""}/${h.id}`;

/** Global search: results appear as the user types (debounced), keyboard-navigable. */
export function SearchBox() {
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const seq = useRef(0);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) { setHits([]); return; }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api.search(term, 8, "short").then((r) => { if (mine === seq.current) { setHits(r.hits); setOpen(true); setActive(-1); } }, () => setHits([]));
    }, 150);
    return () => clearTimeout(timer);
  }, [q]);

  const go = (href: string) => { setOpen(false); setQ(""); navigate(href); };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") { e.preventDefault(); setActive((a) => Math.min(a + 1, hits.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); setActive((a) => Math.max(a - 1, -1)); }
    else if (e.key === "Escape") setOpen(false);
  };
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (active >= 0 && hits[active]) go(hitHref(hits[active]));
    else if (q.trim()) go(`/search?q=${encodeURIComponent(q.trim())}`);
  };

  return (
    <form class="searchbox" role="search" onSubmit={onSubmit}>
      <label for="global-search" class="visually-hidden">{t("search.label")}</label>
      <input
        id="global-search" type="search" value={q} placeholder={t("search.placeholder")} autocomplete="off"
        role="combobox" aria-expanded={open && hits.length > 0} aria-controls="search-results" aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `search-hit-${active}` : undefined}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)} onKeyDown={onKey}
        onFocus={() => hits.length && setOpen(true)} onBlur={() => setTimeout(() => setOpen(false), 200)}
      />
      <button type="submit">{t("search.button")}</button>
      {open && hits.length > 0 && (
        <ul id="search-results" class="search-results" role="listbox" aria-label={t("search.results")}>
          {hits.map((h, i) => (
            <li key={`${h.kind}:${h.id}`} id={`search-hit-${i}`} role="option" aria-selected={i === active} class={i === active ? "active" : ""}>
              <a href={hitHref(h)} onClick={(e) => { e.preventDefault(); go(hitHref(h)); }}>
                <span class="kind">{t(`kind.${h.kind}`)}</span> <strong>{h.title}</strong>
                <span class="snippet" dangerouslySetInnerHTML={{ __html: h.snippet }} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
