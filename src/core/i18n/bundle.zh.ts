/** Every namespace's templates in zh, one bundle keyed by full key (the web loads it lazily; decision 0025). */
import { bundle } from "./catalogues.en.js";
import { commonZh } from "./common/zh.js";
import { docsZh } from "./docs/zh.js";
import { exercisesZh } from "./exercises/zh.js";
import { networkZh } from "./network/zh.js";
import { plansZh } from "./plans/zh.js";
import { validationZh } from "./validation/zh.js";
import { watchMessagesZh } from "./watch/zh.js";
import { trainingZh } from "./training/zh.js";

export const namespacesZh = { common: commonZh, plans: plansZh, exercises: exercisesZh, docs: docsZh, watch: watchMessagesZh, network: networkZh, validation: validationZh, training: trainingZh };
export const catalogueZh = bundle(namespacesZh);
