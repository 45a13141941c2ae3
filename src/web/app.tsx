import { useEffect, useState } from "preact/hooks";
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

/**
 * A page loaded on first use: the secure-platform pages stay out of the home page's bundle.
 * Each import() becomes its own chunk, fetched when the user first opens such a page.
 */
function lazyPage(load: () => Promise<Page>): Page {
  let Loaded: Page | null = null;
  let loading: Promise<void> | null = null;
  return function LazyPage(props) {
    const [, setReady] = useState(Boolean(Loaded));
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Loaded) return;
      let live = true;
      loading ??= load().then((page) => { Loaded = page; });
      loading.then(() => live && setReady(true), () => { loading = null; if (live) setFailed(true); });
      return () => { live = false; };
    }, []);
    if (Loaded) return <Loaded {...props} />;
    if (failed) return <><h1>{t("common.loadFailedTitle")}</h1><p role="alert" class="error">{t("common.loadFailed")}</p></>;
    return <p class="muted" role="status">{t("common.loading")}</p>;
  };
}

const Login = lazyPage(() => import("./platform/Login.js").then((m) => m.Login));
const Setup = lazyPage(() => import("./platform/Setup.js").then((m) => m.Setup));
const Workspaces = lazyPage(() => import("./platform/Workspaces.js").then((m) => m.Workspaces));
const Workspace = lazyPage(() => import("./platform/Workspace.js").then((m) => m.Workspace));
const RecordPage = lazyPage(() => import("./platform/Record.js").then((m) => m.RecordPage));
const Oversight = lazyPage(() => import("./platform/Oversight.js").then((m) => m.Oversight));
const Admin = lazyPage(() => import("./platform/Admin.js").then((m) => m.Admin));
const Account = lazyPage(() => import("./platform/Account.js").then((m) => m.Account));
const WatchHome = lazyPage(() => import("./watch/WatchHome.js").then((m) => m.WatchHome));
const WatchSubject = lazyPage(() => import("./watch/Subject.js").then((m) => m.SubjectPage));
const WatchAlerts = lazyPage(() => import("./watch/Alerts.js").then((m) => m.Alerts));
const WatchOverview = lazyPage(() => import("./watch/Overview.js").then((m) => m.Overview));
const PlansHome = lazyPage(() => import("./plans/PlansHome.js").then((m) => m.load()));
const PlanAssessment = lazyPage(() => import("./plans/Assessment.js").then((m) => m.load()));
const PlanRegion = lazyPage(() => import("./plans/Region.js").then((m) => m.load()));
// Table-top exercises: the phone pages (/join, /play) and the projector are small chunks of their own that load none of the facilitator's code.
const ExLibrary = lazyPage(() => import("./exercises/Library.js").then((m) => m.load()));
const ExScenario = lazyPage(() => import("./exercises/ScenarioPage.js").then((m) => m.load()));
const ExConsole = lazyPage(() => import("./exercises/Console.js").then((m) => m.load()));
const ExReport = lazyPage(() => import("./exercises/Report.js").then((m) => m.load()));
const ExProjector = lazyPage(() => import("./exercises/Projector.js").then((m) => m.load()));
const ExJoin = lazyPage(() => import("./exercises/Join.js").then((m) => m.load()));
const ExPlay = lazyPage(() => import("./exercises/Play.js").then((m) => m.load()));
// The standards crosswalk (decision 0036): its page and strings are a chunk of their own.
const CrosswalkPage = lazyPage(() => import("./crosswalk/Crosswalk.js").then((m) => m.load()));
// Self-paced training (decision 0038): the three pages and their strings are one chunk of their own.
const TrainingHome = lazyPage(() => import("./training/Training.js").then((m) => m.loadHome()));
const TrainingPath = lazyPage(() => import("./training/Training.js").then((m) => m.loadPath()));
const TrainingModule = lazyPage(() => import("./training/Training.js").then((m) => m.loadModule()));
// Training cohorts (decision 0039): the trainer's console, the participant's /learn pages and the certificate check, in the training chunk.
const TrainingCohorts = lazyPage(() => import("./training/Cohorts.js").then((m) => m.loadCohorts()));
const TrainingConsole = lazyPage(() => import("./training/Cohorts.js").then((m) => m.loadConsole()));
const TrainingVerify = lazyPage(() => import("./training/Training.js").then((m) => m.loadVerify()));
const Learn = lazyPage(() => import("./training/Training.js").then((m) => m.loadLearn()));
const LearnTest = lazyPage(() => import("./training/Training.js").then((m) => m.loadLearnTest()));
const NetworkHome = lazyPage(() => import("./network/NetworkHome.js").then((m) => m.load()));

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
  ["/crosswalk", CrosswalkPage],
  ["/training", TrainingHome],
  ["/training/workspaces/:ws/cohorts", TrainingCohorts],
  ["/training/cohorts/:id", TrainingConsole],
  ["/training/verify/:code", TrainingVerify],
  ["/learn", Learn],
  ["/learn/test/:phase", LearnTest],
  ["/training/:audience", TrainingPath],
  ["/training/:audience/:module", TrainingModule],
  ["/login", Login],
  ["/setup", Setup],
  ["/workspaces", Workspaces],
  ["/workspaces/:id", Workspace],
  ["/records/:id", RecordPage],
  ["/oversight", Oversight],
  ["/admin", Admin],
  ["/account", Account],
  ["/watch/workspaces/:id", WatchHome],
  ["/watch/subjects/:id", WatchSubject],
  ["/watch/alerts", WatchAlerts],
  ["/watch/overview", WatchOverview],
  ["/plans/workspaces/:id", PlansHome],
  ["/network/workspaces/:id", NetworkHome],
  ["/plans/self-assessments/:id", PlanAssessment],
  ["/plans/regions/:id", PlanRegion],
  ["/exercises/workspaces/:id", ExLibrary],
  ["/exercises/scenarios/:id", ExScenario],
  ["/exercises/sessions/:id/console", ExConsole],
  ["/exercises/sessions/:id/projector", ExProjector],
  ["/exercises/sessions/:id/report", ExReport],
  ["/join", ExJoin],
  ["/play/:session", ExPlay],
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
