import type { LocalizedText } from '@chorus-precheck/core';
import { en } from '../i18n/en';
import { fr, type Texts } from '../i18n/fr';
import type { Lang } from './url';

/** A key of the check page, the report and the shared texts. */
export type MessageKey = keyof Texts['messages'];
/** A key of the portal simulation. */
export type PortalKey = keyof Texts['portal'];
/** A key of the rules, catalogue and releases pages. */
export type PageKey = keyof Texts['pages'];

const TEXTS: Record<Lang, Texts> = { fr, en };

/** Translates a message key, filling `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  return TEXTS[lang].messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

const RULES: Record<Lang, Intl.PluralRules> = { fr: new Intl.PluralRules('fr'), en: new Intl.PluralRules('en') };

/** Translates a count: `{base}.one` or `{base}.other` by the language's plural rules, `{n}` filled. */
export function count(lang: Lang, base: 'summary.documents' | 'count.error' | 'count.warning' | 'count.info' | 'flows.others', n: number): string {
  const key = (RULES[lang].select(n) === 'one' ? `${base}.one` : base === 'flows.others' ? base : `${base}.other`) as MessageKey;
  return translate(lang, key, { n });
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * A size in bytes, in one format everywhere: `512 B`, `12.3 kB`, `1.5 MB` (`12,3 ko` in French).
 * Multiples of 1024, as the limits are set (Chorus Pro's "1 GB" is 1024³ bytes here too).
 */
export function formatSize(lang: Lang, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // Intl writes "512 byte" in English: the byte symbol is written here, as the larger units are.
  if (unit === 0) return `${new Intl.NumberFormat(lang).format(value)} ${lang === 'fr' ? 'o' : 'B'}`;
  return new Intl.NumberFormat(lang, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** Picks the text of a bilingual message in the given language. */
export function localized(lang: Lang, text: LocalizedText | string | undefined | null): string {
  if (text == null) return '';
  return typeof text === 'string' ? text : text[lang];
}

/** Translates a portal page key. */
export function portalText(lang: Lang, key: PortalKey): string {
  return TEXTS[lang].portal[key];
}

/** Translates a key of the rules, catalogue and releases pages. */
export function pageText(lang: Lang, key: PageKey): string {
  return TEXTS[lang].pages[key];
}
