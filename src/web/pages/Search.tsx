import { api, useLoad } from "../api.js";
import { hitHref } from "../components/SearchBox.js";
import { Load, useTitle } from "../components/common.js";
import { t } from "../i18n.js";

export function SearchPage({ query }: { query: URLSearchParams }) {
  const q = query.get("q")?.trim() ?? "";
  useTitle(q ? t("search.titleFor", { q }) : t("search.title"));
  const result = useLoad(`search:${q}`, () => (q ? api.search(q, 50) : Promise.resolve({ q, total: 0, hits: [] })));
  return (
    <>
      <h1>{q ? t("search.titleFor", { q }) : t("search.title")}</h1>
      {!q && <p>{t("search.empty")}</p>}
      <Load value={result}>
        {(r) => q ? (
          <>
            <p role="status" class="muted">{t("search.count", { count: r.total })}{r.offline ? ` · ${t("offline.searchNote")}` : ""}</p>
            <ol class="hits">
              {r.hits.map((h) => (
                <li key={`${h.kind}:${h.id}`}>
                  <a href={hitHref(h)}><span class="kind">{t(`kind.${h.kind}`)}</span> {h.title}</a>
                  <p class="snippet" dangerouslySetInnerHTML={{ __html: h.snippet }} />
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </Load>
    </>
  );
}
