import type { Container, Facts } from './facts.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CADRE_PATTERN, REFORM_BILLING_MODES } from './cadres.js';
import { profileOf } from './profile.js';
import { readDiagnostic } from '../diagnostics/reader.js';

/** The facts of a document nothing could be read from: every field filled with its empty value. */
export function blankFacts(container: Container): Facts {
  return {
    container,
    syntax: 'unknown',
    document: null,
    rootNamespace: null,
    number: null,
    issueDate: null,
    issueDateRaw: null,
    typeCode: null,
    currency: null,
    buyerReference: null,
    purchaseOrder: null,
    businessProcess: null,
    cadreRaw: null,
    cadre: 'A1',
    cadreSource: 'default',
    isWorks: null,
    guideline: null,
    profile: null,
    formatFamily: 'unknown',
    sellerId: null,
    buyerId: null,
    buyerName: null,
    hasValideur: false,
    maxAmountDecimals: 0,
    paymentMeansCodes: [],
    attachments: [],
    pdf: null,
    schema: null,
    locations: {},
  };
}

/**
 * Derives the cadre (BT-23, else a cadre code found in BT-24 with a warning, else `A1`) and the
 * profile from the values read; `isWorks` waits for the catalogue (see `worksFlag`). Mutates `facts`, appends to `diagnostics`.
 */
export function deriveCadre(facts: Facts, diagnostics: Diagnostic[]): void {
  // In CII, BT-23 is where the cadre is written; UBL read its own BT-23 (cbc:ProfileID) apart.
  if (facts.syntax !== 'UBL') {
    facts.businessProcess = facts.cadreRaw === null ? null : facts.cadreRaw.trim();
    const at = facts.locations['cadreRaw'];
    if (at !== undefined) facts.locations['businessProcess'] = at;
  }
  const raw = facts.cadreRaw;
  const trimmed = raw === null ? '' : raw.trim();
  const guideline = facts.guideline?.trim().toUpperCase() ?? '';
  if (trimmed !== '') {
    facts.cadre = trimmed.toUpperCase();
    facts.cadreSource = 'BT-23';
  } else if (CADRE_PATTERN.test(guideline)) {
    facts.cadre = guideline;
    facts.cadreSource = 'BT-24';
    const location = facts.locations['guideline'];
    if (location !== undefined) facts.locations['cadre'] = location;
    diagnostics.push(
      readDiagnostic(
        'cadre-in-bt24',
        'warning',
        {
          fr: `Le cadre de facturation ${guideline} est écrit dans BT-24 (identifiant de spécification) au lieu de BT-23 (type de processus métier) : il est lu ici, mais Chorus Pro le lit dans BT-23.`,
          en: `The cadre de facturation ${guideline} is written in BT-24 (specification identifier) instead of BT-23 (business process type): it is read here, but Chorus Pro reads it from BT-23.`,
        },
        location === undefined ? { actual: facts.guideline } : { location, actual: facts.guideline },
      ),
    );
  } else {
    facts.cadre = 'A1';
    facts.cadreSource = 'default';
    const location = facts.locations['cadreRaw'];
    if (location !== undefined) facts.locations['cadre'] = location;
  }
  if (facts.cadreSource === 'BT-23') {
    const location = facts.locations['cadreRaw'];
    if (location !== undefined) facts.locations['cadre'] = location;
  }
  const mode = facts.businessProcess?.toUpperCase() ?? '';
  if (facts.syntax === 'UBL' && facts.cadreSource === 'default' && REFORM_BILLING_MODES.includes(mode)) {
    const location = facts.locations['businessProcess'];
    diagnostics.push(
      readDiagnostic(
        'reform-billing-mode',
        'warning',
        {
          fr: `BT-23 (cbc:ProfileID) porte ${mode}, un mode de facturation de la réforme de la facturation électronique de 2026 (BR-FR-08) : cette facture a été faite pour le circuit B2B de la réforme. Chorus Pro lit le cadre de facturation d’une facture UBL dans l’extension AIFE, absente ici : le cadre retenu est A1.`,
          en: `BT-23 (cbc:ProfileID) holds ${mode}, a billing mode of the 2026 French e-invoicing reform (BR-FR-08): this invoice was made for the reform's B2B flow. Chorus Pro reads the cadre de facturation of a UBL invoice in AIFE's extension, absent here: the cadre taken is A1.`,
        },
        location === undefined ? { actual: facts.businessProcess } : { location, actual: facts.businessProcess },
      ),
    );
  }
  facts.profile = profileOf(facts.guideline);
  // Derived facts point where the value they come from was read.
  const cadreAt = facts.locations['cadre'];
  if (cadreAt !== undefined) facts.locations['isWorks'] = cadreAt;
  const guidelineAt = facts.locations['guideline'];
  if (facts.profile !== null && guidelineAt !== undefined) facts.locations['profile'] = guidelineAt;
}
