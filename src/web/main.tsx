import { render } from "preact";
import "./styles.css";
import { ready } from "./i18n.js";
import { App } from "./app.js";
import { installLinkInterceptor } from "./router.js";

installLinkInterceptor();
ready.then(() => render(<App />, document.getElementById("app")!));

// Offline: the service worker keeps the app shell; the bundle (the whole repository) is
// fetched once the page is idle, unless the user asked their browser to save data. Exercise
// participants on a phone (join, play) and the projector do not need the repository offline,
// so their pages download nothing beyond what they show.
const exercisePage = /^\/(join|play)(\/|$)|^\/exercises\/sessions\/[^/]+\/projector/.test(location.pathname);
if ("serviceWorker" in navigator && location.protocol !== "file:" && !exercisePage) {
  addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").then(async () => {
      const saveData = (navigator as { connection?: { saveData?: boolean } }).connection?.saveData;
      if (saveData) return;
      await navigator.serviceWorker.ready;
      setTimeout(() => caches.open("nexus-data").then((c) => c.add("/api/v1/bundle")).catch(() => undefined), 1500);
    }).catch(() => undefined);
  });
}
