/**
 * The message placeholders a rule file may use: `{name}` in its message, replaced by the
 * value seen. Any other placeholder is a load error.
 */

/** What a placeholder can read when a message is formatted. */
export interface PlaceholderScope {
  facts: Record<string, unknown>;
  actual: unknown;
  expected: unknown;
  target: string | null;
}

type Resolver = (s: PlaceholderScope, lang: 'fr' | 'en') => unknown;

/** What a message adds after a suggested value that is itself inferred. */
export const PROVISIONAL_SUGGESTION: Readonly<Record<'fr' | 'en', string>> = {
  fr: " (valeur déduite, non publiée par l'AIFE : à confirmer)",
  en: ' (an inferred value, not published by AIFE: to be confirmed)',
};

const DEPOSIT: Record<string, Resolver> = {
  actual: (s) => s.actual,
  expected: (s) => s.expected,
  flow: (s) => (s.facts.flow as { code?: string } | null)?.code ?? null,
  syntaxe: (s) => s.facts.syntaxe,
  suggestion: (s, lang) => {
    if (s.target === 'interfaceCode') return s.facts.interfaceCodeSuggestion;
    const value = s.facts.syntaxeSuggestion;
    // A suggested value that is itself a guess says so, so that nobody takes it for a published one.
    return typeof value === 'string' && s.facts.syntaxeSuggestionProvisional === true ? `${value}${PROVISIONAL_SUGGESTION[lang]}` : value;
  },
  unconfirmed: (s) => s.facts.unconfirmedSyntaxeFlows,
  interfaceCode: (s) => s.facts.interfaceCode,
  cadre: (s) => s.facts.cadre,
  channel: (s) => s.facts.channel,
  release: (s) => s.facts.release,
  count: (s) => s.facts.invoiceCount,
  number: (s) => s.facts.number,
  buyer: (s) => (s.facts.buyerId as { value?: string } | null)?.value ?? null,
};

const PORTAL: Record<string, Resolver> = {
  actual: (s) => s.actual,
  expected: (s) => s.expected,
  release: (s) => s.facts.release,
  count: (s) => s.facts.approvalsWithoutRightCount,
};

/** The placeholder names allowed in rules of an area. */
export function placeholdersForArea(area: string): readonly string[] {
  return Object.keys(area === 'portal' ? PORTAL : DEPOSIT);
}

/** Lists the `{name}` placeholders of a message template. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
}

/**
 * What a message says where a value is missing. Rules are written so that this never shows
 * (their `when` requires the values their message names; a test renders every message): it is
 * the honest fallback, never a dash that reads like a value.
 */
export const MISSING_VALUE: Readonly<Record<'fr' | 'en', string>> = { fr: '(non renseigné)', en: '(not given)' };

/** What a message says for a value that is there but empty, in its language: absent is not empty. */
const EMPTY = { fr: '(vide)', en: '(empty)' } as const;

/** Renders a value for a message: strings as is, identifiers by value, lists joined; missing and empty said in words. */
export function displayValue(value: unknown, lang: 'fr' | 'en' = 'en'): string {
  if (value === null || value === undefined) return MISSING_VALUE[lang];
  if (value === '') return EMPTY[lang];
  if (Array.isArray(value)) return value.length === 0 ? EMPTY[lang] : value.map((v) => displayValue(v, lang)).join(', ');
  if (typeof value === 'object') {
    const v = value as { value?: unknown; code?: unknown };
    if (v.value !== undefined) return displayValue(v.value, lang);
    if (v.code !== undefined) return displayValue(v.code, lang);
    return JSON.stringify(value);
  }
  return String(value);
}

/** Formats a message template of an area, in the template's language, with the values of one run. */
export function formatMessage(template: string, area: string, scope: PlaceholderScope, lang: 'fr' | 'en' = 'en'): string {
  const table = area === 'portal' ? PORTAL : DEPOSIT;
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    const resolve = table[name];
    return resolve ? displayValue(resolve(scope, lang), lang) : whole;
  });
}
