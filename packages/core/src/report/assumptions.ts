import type { LocalizedText } from '../diagnostics/diagnostic.js';
import type { Assumption, FlowResult } from './report.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Flow } from '../catalogue/types.js';

/** What a document's verdict and flow table rest on, besides the document itself. */
export interface AssumptionInput {
  catalogue: Catalogue;
  /** The chosen flow, null when the context chooses none. */
  flow: Flow | null;
  /** The syntaxe value given (PORTAIL and API), null in EDI or when none. */
  syntaxe: string | null;
  /** The document's syntax and cadre, as read. */
  syntax: string;
  cadre: string;
  flows: readonly FlowResult[];
  /** Rules whose error decided the verdict, with their provenance. */
  decisiveRules: ReadonlyArray<{ id: string; provenance: string }>;
}

const isProvisional = (provenance: string, provisional: boolean): boolean => provisional || provenance === 'inferred' || provenance === 'user';

/**
 * Lists the catalogue entries and rules, inferred or stated by the user, that the verdict and the
 * flow table rest on (`scope`), so that a report never shows a guess as certain.
 */
export function assumptionsOf(input: AssumptionInput): Assumption[] {
  const { catalogue, flow } = input;
  const out: Assumption[] = [];
  const add = (a: Assumption): void => {
    if (!out.some((b) => b.kind === a.kind && b.value === a.value && b.scope === a.scope)) out.push(a);
  };
  const aboutFlow = (f: Flow, scope: Assumption['scope'], bySyntaxe: boolean): void => {
    if (f.provisional.includes('code') || f.provenance.code === 'user') {
      add({ kind: 'interface-code', value: f.code, provenance: f.provenance.code, scope, note: NOTES.interfaceCode(f.code) });
    }
    if (bySyntaxe && (f.provisional.includes('syntaxe') || f.provenance.syntaxe === 'user')) {
      add({ kind: 'syntaxe', value: f.syntaxe, provenance: f.provenance.syntaxe, scope, note: NOTES.syntaxe(f.syntaxe, f.code) });
    }
    // Only works-only flows read the works flag, and UBL invoices carry their cadre in AIFE's extension.
    if (f.scope === 'works-only') {
      const cadre = catalogue.cadre(input.cadre);
      if (cadre !== null && isProvisional(cadre.worksProvenance, cadre.provisional)) {
        add({ kind: 'works-flag', value: cadre.code, provenance: cadre.worksProvenance, scope, note: NOTES.worksFlag(cadre.code, cadre.works) });
      }
    }
    if ((f.scope === 'works-only' || f.scope === 'justice-memoirs') && input.syntax === 'UBL') {
      add({ kind: 'cadre-location', value: 'aife:FactureExtension/aife:CategoryCode', provenance: 'third-party', scope, note: NOTES.cadreLocation });
    }
  };
  if (flow !== null) aboutFlow(flow, 'verdict', input.syntaxe !== null);
  if (input.syntaxe !== null) {
    const entry = catalogue.lookupSyntaxe(input.syntaxe).entry;
    if (entry !== null && entry.status === 'b2b-defect' && isProvisional(entry.provenance, entry.provisional)) {
      add({ kind: 'b2b-value', value: entry.value, provenance: entry.provenance, scope: 'verdict', note: NOTES.b2b });
    }
  }
  for (const r of input.decisiveRules) {
    if (r.provenance === 'inferred') add({ kind: 'rule', value: r.id, provenance: 'inferred', scope: 'verdict', note: NOTES.rule(r.id) });
  }
  for (const result of input.flows) {
    if (!result.applicable) continue;
    const f = catalogue.flow(result.code);
    if (f !== null) aboutFlow(f, 'flows', true);
  }
  return out;
}

/** Whether a verdict rests on a guess: an inferred or provisional entry it used (a user's statement is not a guess). */
export function verdictIsProvisional(assumptions: readonly Assumption[]): boolean {
  return assumptions.some((a) => a.scope === 'verdict' && a.provenance !== 'user');
}

const NOTES = {
  interfaceCode: (code: string): LocalizedText => ({
    fr: `Le code d’interface ${code} n’est pas publié : il est déduit.`,
    en: `Interface code ${code} is not published: it is inferred.`,
  }),
  syntaxe: (value: string, code: string): LocalizedText => ({
    fr: `La valeur de syntaxe ${value} du flux ${code} n’est pas publiée : elle est déduite (déclarez la vraie valeur dans une surcharge du catalogue).`,
    en: `Syntaxe value ${value} of flow ${code} is not published: it is inferred (declare the real value in a catalogue overlay).`,
  }),
  worksFlag: (code: string, works: boolean): LocalizedText => ({
    fr: `Que le cadre ${code} soit ${works ? '' : 'pas '}un cadre de travaux est déduit de son libellé.`,
    en: `That cadre ${code} is ${works ? '' : 'not '}a works cadre is inferred from its label.`,
  }),
  cadreLocation: {
    fr: 'Le cadre d’une facture UBL est lu dans l’extension AIFE (feuille de style d’affichage AIFE du FSO1100A, copie publique) : source tierce.',
    en: 'The cadre of a UBL invoice is read from AIFE’s extension (AIFE’s FSO1100A display stylesheet, public copy): a third-party source.',
  } satisfies LocalizedText,
  b2b: {
    fr: 'Les codes exacts des valeurs « B2B » proposées à tort en 3.8.1 ne sont pas publiés : cette valeur en est un modèle.',
    en: 'The exact codes of the "B2B" values wrongly offered in 3.8.1 are not published: this value is a model of them.',
  } satisfies LocalizedText,
  rule: (id: string): LocalizedText => ({
    fr: `La règle ${id} repose sur une déduction.`,
    en: `Rule ${id} rests on an inference.`,
  }),
};
