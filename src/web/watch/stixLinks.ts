import { currentReason } from "../http.js";

/** A download link to a STIX 2.1 bundle of the API, with the reason given on this page (AMBER+STRICT content needs one; a link cannot send the header). */
export function stixHref(path: string): string {
  const reason = currentReason();
  return `/api/v1/stix/${path}${reason ? `?reason=${encodeURIComponent(reason)}` : ""}`;
}
