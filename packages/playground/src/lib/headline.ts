/**
 * The answer a document's headline gives: the flows that apply, named with their family, the
 * verdict and the flow it was given on, and the next step when there is no verdict. Pure
 * functions of the report and the catalogue, so that the component only lays them out.
 */
import { normaliseContext, type DepositContext, type DocumentReport, type Flow } from '@chorus-precheck/core';
import { catalogueAt } from './catalogue';
import { displayVerdict, type DisplayVerdict } from './verdict';
import type { Lang } from './url';

/** A flow as the headline names it: code, family ("PDF/A-3 (Factur-X)") and type ("E2"). */
export interface NamedFlow {
  code: string;
  type: Flow['type'];
  family: string;
  scope: Flow['scope'];
  syntaxe: string;
  /** The flow's values are partly inferred (shown as provisional). */
  provisional: boolean;
}

/** One way two applicable flows differ, with each flow's value. */
export interface FlowDifference {
  aspect: 'family' | 'type' | 'scope';
  values: { code: string; value: string }[];
}

/** A context change that gives a verdict: the syntaxe (portal, API) or the interface code (EDI). */
export interface NextStep {
  label: string;
  change: Partial<DepositContext>;
}

/** What the headline of a document says. */
export interface Headline {
  verdict: DisplayVerdict;
  /** The flow the verdict was given on (the chosen syntaxe or interface code), when known. */
  verdictFlow: NamedFlow | null;
  /** The syntaxe or interface code as chosen. */
  chosen: string | null;
  applicable: NamedFlow[];
  differences: FlowDifference[];
  nextSteps: NextStep[];
}

const SCOPES: Record<Lang, Record<Flow['scope'], string>> = {
  fr: { 'simple+works': 'factures simples et de travaux', 'works-only': 'factures de travaux seulement', 'justice-memoirs': 'mémoires de frais de justice' },
  en: { 'simple+works': 'simple and works invoices', 'works-only': 'works invoices only', 'justice-memoirs': 'justice-cost memoirs' },
};

const FAMILIES: Record<Lang, Record<Flow['formatFamily'], string>> = {
  fr: { 'structured-xml': 'XML structuré', 'mixed-xml': 'XML mixte', 'facturx-pdf': 'PDF/A-3 (Factur-X)' },
  en: { 'structured-xml': 'structured XML', 'mixed-xml': 'mixed XML', 'facturx-pdf': 'PDF/A-3 (Factur-X)' },
};

/** The scope of a flow in words. */
export function scopeText(lang: Lang, scope: Flow['scope']): string {
  return SCOPES[lang][scope];
}

/**
 * Names a flow of a release. The family is the part of its portal label before the mention
 * ("XML mixte CII D16B"), which tells apart flows of the same type; without a label it is made
 * from the format family and the syntaxes.
 */
export function nameFlow(release: string, code: string, lang: Lang): NamedFlow | null {
  const catalogue = catalogueAt(release);
  const flow = catalogue.flow(code);
  if (!flow) return null;
  const label = catalogue.lookupSyntaxe(flow.syntaxe).entry?.label?.[lang];
  const family = label?.split(' - ')[0]?.trim() || [FAMILIES[lang][flow.formatFamily], ...(flow.formatFamily === 'facturx-pdf' ? [] : flow.syntaxes)].join(' ');
  return { code: flow.code, type: flow.type, family, scope: flow.scope, syntaxe: flow.syntaxe, provisional: flow.provisional.length > 0 };
}

/** The flow the context names, read as the check reads it: the syntaxe's flow (portal, API) or the interface code's (EDI). */
function chosenFlow(release: string, given: DepositContext): { chosen: string | null; code: string | null } {
  const catalogue = catalogueAt(release);
  const context = normaliseContext(given);
  if (context.channel === 'EDI') {
    const chosen = (given.interfaceCode?.trim() ? context.interfaceCode : context.ediFileName) ?? null;
    const code = context.interfaceCode ?? null;
    return { chosen, code: code ? (catalogue.flow(code)?.code ?? null) : null };
  }
  const chosen = context.syntaxe ?? null;
  return { chosen, code: chosen ? (catalogue.lookupSyntaxe(chosen).flow?.code ?? null) : null };
}

/** How applicable flows differ: only the aspects whose values are not all the same. */
export function differences(flows: readonly NamedFlow[], lang: Lang): FlowDifference[] {
  if (flows.length < 2) return [];
  const aspects: [FlowDifference['aspect'], (f: NamedFlow) => string][] = [
    ['family', (f) => f.family],
    ['type', (f) => f.type],
    ['scope', (f) => scopeText(lang, f.scope)],
  ];
  return aspects
    .filter(([, value]) => new Set(flows.map(value)).size > 1)
    .map(([aspect, value]) => ({ aspect, values: flows.map((f) => ({ code: f.code, value: value(f) })) }));
}

/** The headline of one document in the context it was checked in. */
export function headline(doc: DocumentReport, context: DepositContext, lang: Lang): Headline {
  const release = doc.release;
  const applicable = doc.flows
    .filter((f) => f.applicable)
    .map((f) => nameFlow(release, f.code, lang))
    .filter((f): f is NamedFlow => f !== null);
  const verdict = displayVerdict(doc);
  const { chosen, code } = chosenFlow(release, context);
  // Without a verdict, with one on no known flow (an unknown syntaxe, an EDI file name that
  // names no interface code) or a rejection on a flow that does not apply, the next step is to
  // choose one of the applicable flows.
  const offTrack = verdict === 'rejected' && !applicable.some((f) => f.code === code);
  const nextSteps: NextStep[] =
    verdict === 'unreadable' || (verdict !== 'none' && code && !offTrack)
      ? []
      : applicable.map((flow) =>
          context.channel === 'EDI'
            ? { label: flow.code, change: { interfaceCode: flow.code, ediFileName: undefined } }
            : {
                label: flow.syntaxe,
                // A works-only value is chosen in the works invoices space of the portal.
                change: {
                  syntaxe: flow.syntaxe,
                  ...(context.channel === 'PORTAIL' && flow.scope === 'works-only' ? { space: 'factures-de-travaux' as const } : {}),
                },
              },
        );
  return {
    verdict,
    verdictFlow: verdict === 'none' || !code ? null : nameFlow(release, code, lang),
    chosen,
    applicable,
    differences: differences(applicable, lang),
    nextSteps,
  };
}
