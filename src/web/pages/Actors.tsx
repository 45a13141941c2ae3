import { api, useLoad, type Entry } from "../api.js";
import { entryPage, Load, practiceLabel, Section, useTitle } from "../components/common.js";
import { t } from "../i18n.js";

export function Actors() {
  useTitle(t("actors.title"));
  const list = useLoad("actors", () => api.list("actors", { limit: 200 }));
  return (
    <>
      <h1>{t("actors.title")}</h1>
      <p class="lead">{t("actors.lead")}</p>
      <Load value={list}>
        {(d) => (
          <div class="cards">
            {d.items.filter((a) => !a.parent).map((group) => (
              <section class="card" key={group.id} aria-labelledby={`a-${group.id}`}>
                <h2 id={`a-${group.id}`}><a href={`/actors/${group.id}`}>{group.title}</a></h2>
                <ul>
                  {d.items.filter((a) => (a.parent as { id: string } | null)?.id === group.id).map((a) => (
                    <li key={a.id}><a href={`/actors/${a.id}`}>{a.title}</a></li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </Load>
    </>
  );
}

export const Actor = entryPage("actors", ActorView);

function ActorView({ e: a }: { e: Entry }) {
  useTitle(a.title);
  const parent = a.parent as { id: string; name: string } | null;
  const practices = a.practices as { id: string; title: string; summary: string; framework: string }[];
  const children = a.children as { id: string; name: string }[];
  return (
    <article>
      <p class="eyebrow"><a href="/actors">{t("actors.title")}</a>{parent ? <> · <a href={`/actors/${parent.id}`}>{parent.name}</a></> : null}</p>
      <h1>{a.title}</h1>
      <p class="lead">{a.summary}</p>
      {children.length > 0 && (
        <Section title={t("actors.includes")} id="includes">
          <ul class="chips">{children.map((c) => <li key={c.id}><a href={`/actors/${c.id}`}>{c.name}</a></li>)}</ul>
        </Section>
      )}
      <Section title={t("actors.expects", { actor: a.title })} id="expects">
        <p><a href={`/practices?actor=${a.id}`}>{t("actors.filter")}</a></p>
        {practices.length ? (
          <ul class="practice-list">
            {practices.map((p) => <li key={p.id}><a href={`/practices/${p.id}`}><span class="num">{practiceLabel(p)}</span> {p.title}</a><p>{p.summary}</p></li>)}
          </ul>
        ) : <p class="muted">{t("actors.noneDirect")}</p>}
      </Section>
    </article>
  );
}
