/** Every namespace's templates in ru, one bundle keyed by full key (the web loads it lazily; decision 0025). */
import { bundle } from "./catalogues.en.js";
import { commonRu } from "./common/ru.js";
import { docsRu } from "./docs/ru.js";
import { exercisesRu } from "./exercises/ru.js";
import { networkRu } from "./network/ru.js";
import { plansRu } from "./plans/ru.js";
import { validationRu } from "./validation/ru.js";
import { watchMessagesRu } from "./watch/ru.js";
import { trainingRu } from "./training/ru.js";

export const namespacesRu = { common: commonRu, plans: plansRu, exercises: exercisesRu, docs: docsRu, watch: watchMessagesRu, network: networkRu, validation: validationRu, training: trainingRu };
export const catalogueRu = bundle(namespacesRu);
