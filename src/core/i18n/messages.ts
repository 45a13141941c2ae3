/**
 * Core and server speak in message keys with parameters, never in finished sentences, so every
 * reader gets a text in their language (decision 0025). A key is `<namespace>.msg.<name>`
 * (`plans.msg.reason.paper`); a parameter is a string or number (user data such as a group name,
 * or knowledge-base text already in the reader's language), another message, or a list of
 * messages. `renderMessage` fills a catalogue's templates: `{{name}}` placeholders (i18next style)
 * and `$t(key)` for a nested key, whose own name may hold a parameter
 * (`$t(plans.msg.inPlace.{{rating}})`).
 *
 * A message with a number parameter `count` takes the template of its plural form where the
 * catalogue has one (`key_one`, `key_few`, … by the language's rules, then `key_other`), as
 * i18next does; otherwise the key's own template, written so it reads for any number.
 *
 * A catalogue is a flat record of templates: either one namespace keyed without its prefix
 * (src/core/i18n/<namespace>/<lang>.ts), or a bundle of every namespace keyed by the full key
 * (`catalogueFor(lang)` in ./catalogues.ts). `lookup` reads both.
 */
export type MsgParam = string | number | Msg | Msg[];
export interface Msg { key: string; params?: Record<string, MsgParam> }
export type Catalogue = Record<string, string>;
/** A key's plural form other than "other", as CLDR names them: each language has its own set (English has "one"). */
export type PluralKey = `${string}_${"zero" | "one" | "two" | "few" | "many"}`;
/** A language's catalogue of a namespace: every key of the English one but its plural forms, and the plural forms of its own language. */
export type Translated<K extends string> = Record<Exclude<K, PluralKey>, string> & { [form: PluralKey]: string };

export const msg = (key: string, params?: Record<string, MsgParam>): Msg => (params ? { key, params } : { key });
export const isMsg = (x: unknown): x is Msg => !!x && typeof x === "object" && !Array.isArray(x) && typeof (x as Msg).key === "string";

const PREFIX = /^[a-z]+\.msg\./;
/** A key's template in a catalogue (a namespace's own, keyed without prefix, or a bundle keyed by full key). */
export const lookup = (catalogue: Catalogue, key: string): string | undefined => catalogue[key] ?? (PREFIX.test(key) ? catalogue[key.replace(PREFIX, "")] : undefined);

/** Templates with the full key, for a bundle: `prefixed("plans", plansEn)` keys "plans.msg.…". */
export const prefixed = (namespace: string, catalogue: Catalogue): Catalogue =>
  Object.fromEntries(Object.entries(catalogue).map(([k, v]) => [`${namespace}.msg.${k}`, v]));

export interface RenderOptions {
  /** where a key is missing from the catalogue (English, by default the caller's) */
  fallback?: Catalogue;
  /** joins a list of messages */
  separator?: string;
  /** formats a number parameter */
  number?: (n: number) => string;
  /** the plural category of a count in the reader's language (Intl.PluralRules); English's by default */
  plural?: (n: number) => string;
}

const englishPlural = (n: number) => (n === 1 ? "one" : "other");

/** The template of a key in a catalogue, in the plural form of `count` when the catalogue has one. */
function templateIn(catalogue: Catalogue, key: string, count: number | undefined, plural: (n: number) => string): string | undefined {
  if (count !== undefined) {
    const form = lookup(catalogue, `${key}_${plural(count)}`) ?? lookup(catalogue, `${key}_other`);
    if (form !== undefined) return form;
  }
  return lookup(catalogue, key);
}

/** Fills a message from a catalogue; a key missing there comes from the fallback, else renders as itself. */
export function renderWith(m: Msg, catalogue: Catalogue, o: RenderOptions = {}): string {
  const count = typeof m.params?.count === "number" ? m.params.count : undefined;
  const template = templateIn(catalogue, m.key, count, o.plural ?? englishPlural) ?? (o.fallback && templateIn(o.fallback, m.key, count, englishPlural)) ?? m.key;
  const value = (p: MsgParam): string =>
    Array.isArray(p) ? p.map((x) => renderWith(x, catalogue, o)).join(o.separator ?? "; ")
      : typeof p === "object" ? renderWith(p, catalogue, o)
        : typeof p === "number" && o.number ? o.number(p) : String(p);
  const params = m.params ?? {};
  // Parameters inside a nested key name the key: fill those first, then the nested keys, then the rest.
  const keyed = template.replace(/\$t\(([^)]+)\)/g, (_, key: string) => `$t(${key.replace(/\{\{(\w+)\}\}/g, (all, n: string) => (n in params ? String(params[n]) : all))})`);
  const nested = keyed.replace(/\$t\(([^)]+)\)/g, (_, key: string) => renderWith({ key }, catalogue, o).replace(/\{\{/g, "{\u200b{"));
  return nested.replace(/\{\{(\w+)\}\}/g, (all, name: string) => (name in params ? value(params[name]) : all)).replace(/\{\u200b\{/g, "{{");
}
