import type { NetworkKey } from "./en.js";

/** Messages of the institutions directory and the partnership map in French. */
export const networkFr: Record<NetworkKey, string> = {
  "gap.noInstitution": "Aucune institution de la carte ne joue le rôle de « {{actor}} »",
  "gap.noChannel": "Ses institutions forment {{count}} groupes sans canal actif entre eux : {{groups}}",
  "seat.filled": "{{actor}} : institutions de la carte pouvant occuper ce siège : {{count}}",
  "seat.empty": "{{actor}} : aucune institution de la carte n'occupe encore ce siège ; trouvez-en une avant la session",
};
