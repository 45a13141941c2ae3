import { api, useLoad, type Entry } from "../api.js";
import { Citation, Countries, entryPage, ExternalLink, Load, Original, PracticeRefs, Section, useTitle, type PracticeRef } from "../components/common.js";
import { t } from "../i18n.js";

export function Initiatives() {
  useTitle(t("initiatives.title"));
  const list = useLoad("initiatives", () => api.list("initiatives", { limit: 200 }));
  return (
    <>
      <h1>{t("initiatives.title")}</h1>
      <p class="lead">{t("initiatives.lead")}</p>
      <Load value={list}>
        {(d) => (
          <ul class="examples">
            {d.items.map((e) => (
              <li key={e.id}>
                <a href={`/initiatives/${e.id}`}><strong>{e.title}</strong></a>
                {e.organisation ? <span> — <Original>{String(e.organisation)}</Original></span> : null}
                {(e.countries as string[]).length ? <span class="muted"> (<Countries codes={e.countries as string[]} />)</span> : null}
                <p>{e.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </Load>
    </>
  );
}

export const Initiative = entryPage("initiatives", InitiativeView);

function InitiativeView({ e }: { e: Entry }) {
  useTitle(e.title);
  return (
    <article>
      <p class="eyebrow"><a href="/initiatives">{t("initiatives.title")}</a> · {t(`scope.${e.scope}`)}</p>
      <h1>{e.title}</h1>
      <p class="lead">{e.summary}</p>
      <dl>
        {e.organisation ? <><dt>{t("initiatives.organisation")}</dt><dd><Original>{String(e.organisation)}</Original></dd></> : null}
        {(e.countries as string[]).length ? <><dt>{t("initiatives.countries")}</dt><dd><Countries codes={e.countries as string[]} /></dd></> : null}
        {e.link ? <><dt>{t("instruments.link")}</dt><dd><ExternalLink href={String(e.link)}>{String(e.link)}</ExternalLink> <span class="muted">{e.link_checked ? t("initiatives.checked", { date: e.link_checked }) : t("initiatives.asCited")}</span></dd></> : null}
      </dl>
      <Section title={t("initiatives.examplesOf")} id="practices">
        <PracticeRefs items={e.practices as PracticeRef[]} />
      </Section>
      <Citation citation={e.citation as never} />
    </article>
  );
}
