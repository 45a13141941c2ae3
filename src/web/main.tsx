import { render } from "preact";
import "./styles.css";
import { ready } from "./i18n.js";
import { App } from "./app.js";
import { installLinkInterceptor } from "./router.js";

installLinkInterceptor();
ready.then(() => render(<App />, document.getElementById("app")!));

// Offline: the service worker keeps the app shell; the bundle (the whole repository) is
// fetched once the page is idle, unless the user asked their browser to save data.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").then(async () => {
      const saveData = (navigator as { connection?: { saveData?: boolean } }).connection?.saveData;
      if (saveData) return;
      await navigator.serviceWorker.ready;
      setTimeout(() => caches.open("nexus-data").then((c) => c.add("/api/v1/bundle")).catch(() => undefined), 1500);
    }).catch(() => undefined);
  });
}
