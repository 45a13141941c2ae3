import { api, useLoad, type Entry } from "../api.js";
import { Citation, entryPage, Load, PracticeRefs, Section, useTitle, type PracticeRef } from "../components/common.js";
import { t } from "../i18n.js";

export function Research() {
  useTitle(t("research.title"));
  const priorities = useLoad("research-priorities", () => api.list("research-priorities", { limit: 200 }));
  const themes = useLoad("themes", () => api.list("themes"));
  return (
    <>
      <h1>{t("research.title")}</h1>
      <p class="lead">{t("research.lead")}</p>
      <Load value={priorities}>
        {(d) => (
          <>
            {(["knowledge-gap", "research-priority", "next-step"] as const).map((kind) => (
              <Section key={kind} title={t(`research.kind.${kind}`)} id={`kind-${kind}`}>
                <ul>{d.items.filter((r) => r.category === kind).map((r) => (
                  <li key={r.id}><a href={`/research/priorities/${r.id}`}>{r.title}</a><p>{r.summary}</p></li>
                ))}</ul>
              </Section>
            ))}
          </>
        )}
      </Load>
      <Load value={themes}>
        {(d) => (
          <Section title={t("research.themes")} id="themes">
            <ul>{d.items.map((th) => <li key={th.id}><a href={`/research/themes/${th.id}`}>{th.title}</a><p>{th.summary}</p></li>)}</ul>
          </Section>
        )}
      </Load>
    </>
  );
}


export const ResearchItem = entryPage((params) => (params.kind === "themes" ? "themes" : "research-priorities"), ResearchView);

function ResearchView({ e: r }: { e: Entry }) {
  useTitle(r.title);
  return (
    <article>
      <p class="eyebrow"><a href="/research">{t("research.title")}</a></p>
      <h1>{r.title}</h1>
      <p class="lead">{r.summary}</p>
      <Section title={t("research.practices")} id="practices">
        <PracticeRefs items={r.practices as PracticeRef[]} />
      </Section>
      <Citation citation={r.citation as never} />
    </article>
  );
}
