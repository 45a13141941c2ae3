import type { NetworkKey } from "./en.js";

/** Messages of the institutions directory and the partnership map in Spanish. */
export const networkEs: Record<NetworkKey, string> = {
  "gap.noInstitution": "Ninguna institución del mapa desempeña el papel de «{{actor}}»",
  "gap.noChannel": "Sus instituciones forman {{count}} grupos sin un canal activo entre ellos: {{groups}}",
  "seat.filled": "{{actor}}: instituciones del mapa que pueden ocupar este puesto: {{count}}",
  "seat.empty": "{{actor}}: ninguna institución del mapa ocupa aún este puesto; busque una antes de la sesión",
};
