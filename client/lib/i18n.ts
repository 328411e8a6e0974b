import { en } from './i18n/en';
import { fr, type MessageKey } from './i18n/fr';
import type { Message } from './i18n/message';

export type { MessageKey } from './i18n/fr';

/** The interface languages, French first: it is the default and the reference catalogue. */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's own name, to offer it in that language. */
export const LANGUAGE_NAMES: Record<Lang, string> = { fr: 'Français', en: 'English' };

type Params = Record<string, string | number>;

const catalogues: Record<Lang, Record<MessageKey, Message>> = { fr, en };
const listeners = new Set<(lang: Lang) => void>();
let current: Lang = 'fr';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** `?lang=` first, then the browser's preferred languages, then French. */
export function detectLang(
  search: string = globalThis.location?.search ?? '',
  preferred: readonly string[] = globalThis.navigator?.languages ?? [],
): Lang {
  const fromQuery = new URLSearchParams(search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'fr';
}

export function getLang(): Lang {
  return current;
}

/** Switches the language, updates `<html lang>` and tells the listeners. */
export function setLang(lang: Lang): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language; `{name}` is replaced by `params.name`, numbers formatted. */
export function t(key: MessageKey, params: Params = {}): string {
  const message = catalogues[current][key] ?? fr[key];
  return interpolate(pick(message, params.count), params);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(current, options).format(value);
}

export function formatDate(
  value: Date | string | number,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return new Intl.DateTimeFormat(current, options).format(new Date(value));
}

/**
 * Translates the static HTML: `data-i18n="key"` sets the text, `data-i18n-attr="attr:key attr:key"` attributes.
 * The pages are written in French, so this only changes something in another language.
 */
export function translateDom(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n;
    if (isMessageKey(key)) element.textContent = t(key);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of (element.dataset.i18nAttr ?? '').split(/\s+/).filter(Boolean)) {
      const [attribute, key] = pair.split(':');
      if (attribute && isMessageKey(key)) element.setAttribute(attribute, t(key));
    }
  }
}

export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && Object.hasOwn(fr, key);
}

function pick(message: Message, count: string | number | undefined): string {
  if (typeof message === 'string') return message;
  if (typeof count !== 'number') return message.other;
  if (count === 0 && message.zero !== undefined) return message.zero;
  const category = new Intl.PluralRules(current).select(count);
  return message[category] ?? message.other;
}

function interpolate(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}
