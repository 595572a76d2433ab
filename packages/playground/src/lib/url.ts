import type { Channel, DepositContext, PortalSpace } from '@chorus-precheck/core';

/** The pages of the playground. */
export type View = 'check' | 'portal' | 'rules' | 'catalogue' | 'releases';

/** The languages the playground speaks. */
export type Lang = 'fr' | 'en';

/** What the address bar carries: the deposit context, the release, the page and the language, never the invoice. */
export interface UrlState {
  context: DepositContext;
  view: View;
  lang: Lang;
  /** Every XML schema finding an error (`strict=1`). */
  strict?: boolean;
}

const VIEWS: readonly View[] = ['check', 'portal', 'rules', 'catalogue', 'releases'];
const CHANNELS: readonly Channel[] = ['PORTAIL', 'API', 'EDI'];
const SPACES: readonly PortalSpace[] = ['factures', 'factures-de-travaux'];

/** The context a first visit starts with: a portal deposit in the latest release. */
export const DEFAULT_CONTEXT: Readonly<DepositContext> = Object.freeze({ channel: 'PORTAIL', space: 'factures' });

// Short, stable parameter names: links are meant to be pasted into tickets and e-mails.
const KEYS = {
  channel: 'channel',
  syntaxe: 'syntaxe',
  interfaceCode: 'interface',
  ediFileName: 'edi',
  space: 'space',
  release: 'release',
  depositDate: 'date',
} as const satisfies Record<keyof DepositContext, string>;

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined => allowed.find((v) => v === value);

/** Reads the state from a query string; unknown or malformed values are ignored. */
export function readUrl(search: string, fallbackLang: Lang = 'fr'): UrlState {
  const params = new URLSearchParams(search);
  const context: DepositContext = {};
  const channel = pick(params.get(KEYS.channel), CHANNELS);
  if (channel) context.channel = channel;
  const space = pick(params.get(KEYS.space), SPACES);
  if (space) context.space = space;
  for (const key of ['syntaxe', 'interfaceCode', 'ediFileName', 'release'] as const) {
    const value = params.get(KEYS[key]);
    if (value) context[key] = value.slice(0, 200);
  }
  const date = params.get(KEYS.depositDate);
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) context.depositDate = date;
  const hasContext = Object.keys(context).length > 0;
  return {
    context: hasContext ? context : { ...DEFAULT_CONTEXT },
    view: pick(params.get('view'), VIEWS) ?? 'check',
    lang: pick(params.get('lang'), ['fr', 'en'] as const) ?? fallbackLang,
    ...(params.get('strict') === '1' ? { strict: true } : {}),
  };
}

/** Writes the state as a query string (with its leading `?`), fields in a stable order. */
export function writeUrl(state: UrlState): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(KEYS) as (keyof DepositContext)[]) {
    const value = state.context[key];
    if (value) params.set(KEYS[key], value);
  }
  if (state.view !== 'check') params.set('view', state.view);
  if (state.strict === true) params.set('strict', '1');
  params.set('lang', state.lang);
  return `?${params.toString()}`;
}
