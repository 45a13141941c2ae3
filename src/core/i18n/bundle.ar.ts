/** Every namespace's templates in ar, one bundle keyed by full key (the web loads it lazily; decision 0025). */
import { bundle } from "./catalogues.en.js";
import { commonAr } from "./common/ar.js";
import { docsAr } from "./docs/ar.js";
import { exercisesAr } from "./exercises/ar.js";
import { networkAr } from "./network/ar.js";
import { plansAr } from "./plans/ar.js";
import { validationAr } from "./validation/ar.js";
import { watchMessagesAr } from "./watch/ar.js";
import { trainingAr } from "./training/ar.js";

export const namespacesAr = { common: commonAr, plans: plansAr, exercises: exercisesAr, docs: docsAr, watch: watchMessagesAr, network: networkAr, validation: validationAr, training: trainingAr };
export const catalogueAr = bundle(namespacesAr);
