import { useState } from "preact/hooks";
import { Layout } from "./components/Layout.js";
import { match, useLocation } from "./router.js";
import { t } from "./i18n.js";
import { Home } from "./pages/Home.js";
import { Practices } from "./pages/Practices.js";
import { Practice } from "./pages/Practice.js";
import { Manifestations, Manifestation } from "./pages/Manifestations.js";
import { Contexts, Context } from "./pages/Contexts.js";
import { Watchpoints, Indicator } from "./pages/Watchpoints.js";
import { Actors, Actor } from "./pages/Actors.js";
import { Instruments, Instrument } from "./pages/Instruments.js";
import { Initiatives, Initiative } from "./pages/Initiatives.js";
import { Research, ResearchItem } from "./pages/Research.js";
import { SearchPage } from "./pages/Search.js";

type Page = (props: { params: Record<string, string>; query: URLSearchParams }) => preact.JSX.Element;

const routes: [string, Page][] = [
  ["/", Home],
  ["/practices", Practices],
  ["/practices/:id", Practice],
  ["/manifestations", Manifestations],
  ["/manifestations/:id", Manifestation],
  ["/contexts", Contexts],
  ["/contexts/:id", Context],
  ["/watchpoints", Watchpoints],
  ["/watchpoints/:id", Watchpoints],
  ["/indicators/:id", Indicator],
  ["/actors", Actors],
  ["/actors/:id", Actor],
  ["/instruments", Instruments],
  ["/instruments/:id", Instrument],
  ["/initiatives", Initiatives],
  ["/initiatives/:id", Initiative],
  ["/research", Research],
  ["/research/:kind/:id", ResearchItem],
  ["/search", SearchPage],
];

function NotFound() {
  return <><h1>{t("notFound.title")}</h1><p>{t("notFound.body")}</p><p><a href="/">{t("notFound.home")}</a></p></>;
}

export function App() {
  const url = useLocation();
  const [, setLang] = useState(0);
  let page = <NotFound />;
  for (const [pattern, Component] of routes) {
    const params = match(pattern, url.pathname);
    if (params) { page = <Component params={params} query={url.searchParams} />; break; }
  }
  return <Layout path={url.pathname} onLanguage={() => setLang((n) => n + 1)}>{page}</Layout>;
}
