/** Every namespace's templates in es, one bundle keyed by full key (the web loads it lazily; decision 0025). */
import { bundle } from "./catalogues.en.js";
import { commonEs } from "./common/es.js";
import { docsEs } from "./docs/es.js";
import { exercisesEs } from "./exercises/es.js";
import { networkEs } from "./network/es.js";
import { plansEs } from "./plans/es.js";
import { validationEs } from "./validation/es.js";
import { watchMessagesEs } from "./watch/es.js";
import { trainingEs } from "./training/es.js";

export const namespacesEs = { common: commonEs, plans: plansEs, exercises: exercisesEs, docs: docsEs, watch: watchMessagesEs, network: networkEs, validation: validationEs, training: trainingEs };
export const catalogueEs = bundle(namespacesEs);
