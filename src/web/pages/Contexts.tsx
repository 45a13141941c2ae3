import { api, useLoad, type Entry } from "../api.js";
import { Citation, entryPage, Load, RefList, Section, useTitle } from "../components/common.js";
import { t } from "../i18n.js";

export function Contexts() {
  useTitle(t("contexts.title"));
  const list = useLoad("contexts", () => api.list("contexts"));
  return (
    <>
      <h1>{t("contexts.title")}</h1>
      <p class="lead">{t("contexts.lead")}</p>
      <Load value={list}>
        {(d) => (
          <div class="cards three">
            {d.items.map((c) => (
              <section class="card" key={c.id} aria-labelledby={`c-${c.id}`}>
                <h2 id={`c-${c.id}`}><a href={`/contexts/${c.id}`}>{c.title}</a></h2>
                <p>{c.summary}</p>
                <p class="muted">{t("contexts.typical")}: {(c.manifestations as { id: string; name: string }[]).map((m) => m.name).join(", ")}</p>
              </section>
            ))}
          </div>
        )}
      </Load>
    </>
  );
}

export const Context = entryPage("contexts", ContextView);

function ContextView({ e: c }: { e: Entry }) {
  useTitle(c.title);
  return (
    <article>
      <p class="eyebrow"><a href="/contexts">{t("contexts.title")}</a></p>
      <h1>{c.title}</h1>
      <p class="lead">{c.summary}</p>
      <Section title={t("contexts.characteristics")} id="characteristics">
        <ul>{(c.characteristics as string[]).map((x, i) => <li key={i}>{x}</li>)}</ul>
      </Section>
      <Section title={t("contexts.typical")} id="typical"><RefList base="/manifestations" items={c.manifestations as never} /></Section>
      <Citation citation={c.citation as never} />
    </article>
  );
}
