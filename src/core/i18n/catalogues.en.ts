/** Every namespace's English templates in one bundle keyed by full key: the fallback of every language. */
import { commonEn } from "./common/en.js";
import { docsEn } from "./docs/en.js";
import { exercisesEn } from "./exercises/en.js";
import { prefixed, type Catalogue } from "./messages.js";
import { networkEn } from "./network/en.js";
import { plansEn } from "./plans/en.js";
import { validationEn } from "./validation/en.js";
import { watchMessagesEn } from "./watch/en.js";
import { trainingEn } from "./training/en.js";

export const namespacesEn = { common: commonEn, plans: plansEn, exercises: exercisesEn, docs: docsEn, watch: watchMessagesEn, network: networkEn, validation: validationEn, training: trainingEn } as const;
export type Namespace = keyof typeof namespacesEn;
export const bundle = (namespaces: Record<string, Catalogue>): Catalogue => Object.assign({}, ...Object.entries(namespaces).map(([ns, c]) => prefixed(ns, c)));
export const catalogueEn: Catalogue = bundle(namespacesEn);
