/** Every namespace's templates in fr, one bundle keyed by full key (the web loads it lazily; decision 0025). */
import { bundle } from "./catalogues.en.js";
import { commonFr } from "./common/fr.js";
import { docsFr } from "./docs/fr.js";
import { exercisesFr } from "./exercises/fr.js";
import { networkFr } from "./network/fr.js";
import { plansFr } from "./plans/fr.js";
import { validationFr } from "./validation/fr.js";
import { watchMessagesFr } from "./watch/fr.js";
import { trainingFr } from "./training/fr.js";

export const namespacesFr = { common: commonFr, plans: plansFr, exercises: exercisesFr, docs: docsFr, watch: watchMessagesFr, network: networkFr, validation: validationFr, training: trainingFr };
export const catalogueFr = bundle(namespacesFr);
