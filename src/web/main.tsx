import { render } from "preact";
import "./styles.css";
import { ready } from "./i18n.js";
import { App } from "./app.js";
import { installLinkInterceptor } from "./router.js";

installLinkInterceptor();
ready.then(() => render(<App />, document.getElementById("app")!));

// Offline: the service worker keeps the app shell; once the page is idle, the knowledge bundle
// of the reader's language (and of any language they keep) is saved, with a notice saying what
// and how much, asking first when the browser asks to save data (decision 0026). Exercise
// participants on a phone (join, play) and the projector do not need the repository offline,
// so their pages download nothing beyond what they show.
const exercisePage = /^\/(join|play)(\/|$)|^\/exercises\/sessions\/[^/]+\/projector/.test(location.pathname);
if ("serviceWorker" in navigator && location.protocol !== "file:" && !exercisePage) {
  addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").then(async () => {
      await navigator.serviceWorker.ready;
      setTimeout(() => import("./components/OfflineReading.js").then((m) => m.startOfflineReading()).catch(() => undefined), 1000);
    }).catch(() => undefined);
  });
}
