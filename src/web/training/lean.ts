/**
 * What the training and participant pages need from the app, without the app: the i18next
 * instance (set up by main.tsx with the whole interface, or by learn/main.tsx with the lean
 * strings), the page title, the short practice label, and server messages (decision 0025) of only
 * the namespaces these pages show (training.msg.*, common.msg.*), not the whole catalogue. This
 * keeps the lean participant entry (learn.html) free of app.tsx, Layout and the full catalogues.
 */
import i18next from "i18next";
import { useEffect } from "preact/hooks";
import type { Catalogue, Msg } from "../../core/i18n/messages.js";
import { prefixed } from "../../core/i18n/messages.js";
import { makeTranslatorWith } from "../../core/i18n/translator.js";
import { messageStore, withLang } from "../messageStore.js";
import { commonEn } from "../../core/i18n/common/en.js";
import { trainingEn } from "../../core/i18n/training/en.js";

export { languages } from "../languages.js";
export { i18next };
export type { Msg };

export const t = (key: string, options?: Record<string, unknown>) => String(i18next.t(key, options as never));

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${t("app.name")}` : t("app.name");
  }, [title]);
}

/** "Hague GP 3" for hague-3 (as components/common.tsx's practiceLabel). */
export const practiceLabel = (p: { id: string }) => {
  const [fw, n] = p.id.split("-");
  return `${t(`framework.short.${fw}`)} ${n}`;
};

const both = (common: Catalogue, training: Catalogue): Catalogue => ({ ...prefixed("common", common), ...prefixed("training", training) });
const english = both(commonEn, trainingEn);
const loaders: Record<string, () => Promise<Catalogue>> = {
  fr: () => Promise.all([import("../../core/i18n/common/fr.js"), import("../../core/i18n/training/fr.js")]).then(([c, m]) => both(c.commonFr, m.trainingFr)),
  ar: () => Promise.all([import("../../core/i18n/common/ar.js"), import("../../core/i18n/training/ar.js")]).then(([c, m]) => both(c.commonAr, m.trainingAr)),
  es: () => Promise.all([import("../../core/i18n/common/es.js"), import("../../core/i18n/training/es.js")]).then(([c, m]) => both(c.commonEs, m.trainingEs)),
  ru: () => Promise.all([import("../../core/i18n/common/ru.js"), import("../../core/i18n/training/ru.js")]).then(([c, m]) => both(c.commonRu, m.trainingRu)),
  zh: () => Promise.all([import("../../core/i18n/common/zh.js"), import("../../core/i18n/training/zh.js")]).then(([c, m]) => both(c.commonZh, m.trainingZh)),
};
export const { useMessages, msgText } = messageStore(makeTranslatorWith("en", english, english), loaders, (lang, c) => makeTranslatorWith(lang, c, english));
export { withLang };
