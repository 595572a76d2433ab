/**
 * Synthetic reports for the formatter tests: built by hand from the contract types so the
 * formatters are tested without the reader or the rules.
 */
import type { Diagnostic } from '../../../packages/core/src/diagnostics/diagnostic.js';
import type { Facts } from '../../../packages/core/src/facts/facts.js';
import type { DocumentReport, Report } from '../../../packages/core/src/report/report.js';

/** Returns facts of a UBL structured invoice, with the given fields replaced. */
export function sampleFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    container: 'xml',
    syntax: 'UBL',
    document: 'Invoice',
    rootNamespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
    number: 'F-2024-001',
    issueDate: '2024-02-01',
    issueDateRaw: '2024-02-01',
    typeCode: '380',
    currency: 'EUR',
    buyerReference: 'SERVICE1',
    purchaseOrder: null,
    businessProcess: null,
    cadreRaw: null,
    cadre: 'A1',
    cadreSource: 'default',
    isWorks: false,
    guideline: null,
    profile: null,
    formatFamily: 'structured-xml',
    sellerId: { value: '35600000000048', scheme: '0002' },
    buyerId: null,
    buyerName: null,
    hasValideur: false,
    maxAmountDecimals: 2,
    paymentMeansCodes: [],
    attachments: [],
    pdf: null,
    schema: null,
    locations: {},
    ...overrides,
  };
}

/** Returns a diagnostic with the given fields. */
export function diag(ruleId: string, severity: Diagnostic['severity'], message: string, location?: Diagnostic['location']): Diagnostic {
  return { ruleId, severity, message, messages: { fr: `fr: ${message}`, en: message }, ...(location ? { location } : {}) };
}

/** Returns a document report with the given fields. */
export function sampleDocument(overrides: Partial<DocumentReport> = {}): DocumentReport {
  return {
    file: 'invoice.xml',
    facts: sampleFacts(),
    flows: [
      { code: 'FSO1100A', applicable: true, excludedBy: [], provisional: false },
      { code: 'FSO1130A', applicable: false, excludedBy: ['deposit/works-flow-requires-works-cadre'], provisional: true },
    ],
    verdict: null,
    verdictProvisional: false,
    assumptions: [],
    release: '3.8.1',
    diagnostics: [],
    rules: [],
    ...overrides,
  };
}

/** Returns a report over the given documents, its summary counted from their diagnostics. */
export function sampleReport(documents: DocumentReport[], overrides: Partial<Report> = {}): Report {
  const all = documents.flatMap((d) => d.diagnostics);
  return {
    release: '3.8.1',
    lang: 'en',
    context: {},
    documents,
    overrides: { catalogue: null, severity: {} },
    summary: {
      documents: documents.length,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
      infos: all.filter((d) => d.severity === 'info').length,
    },
    ...overrides,
  };
}

/** A report with two documents: one rejected with an error, a warning and an info; one clean. */
export function mixedReport(): Report {
  return sampleReport([
    sampleDocument({
      file: 'in/works.xml',
      verdict: 'rejected',
      facts: sampleFacts({ cadre: 'A4', cadreRaw: 'A4', cadreSource: 'BT-23', isWorks: true }),
      diagnostics: [
        diag('content/amount-decimals', 'warning', 'Amounts use 3 decimals', {
          file: 'in/works.xml',
          line: 40,
          column: 7,
          xpath: '/Invoice[1]/cac:LegalMonetaryTotal[1]/cbc:PayableAmount[1]',
          businessTerm: 'BT-115',
        }),
        diag('deposit/works-flow-requires-works-cadre', 'error', 'Flow FSO1130A carries only works invoices', {
          file: 'in/works.xml',
          line: 12,
          column: 5,
          xpath: '/Invoice[1]/cbc:ProfileID[1]',
          businessTerm: 'BT-23',
        }),
        diag('deposit/syntaxe-unknown', 'info', 'Syntaxe checked against release 3.8.1'),
      ],
      rules: [
        { ruleId: 'deposit/works-flow-requires-works-cadre', status: 'failed', severity: 'error', explanation: { when: null, assert: null } },
        { ruleId: 'content/amount-decimals', status: 'failed', severity: 'warning', explanation: { when: null, assert: null } },
        { ruleId: 'content/valideur-required', status: 'not-applicable', severity: 'error', explanation: { when: null, assert: null } },
        { ruleId: 'content/number-length', status: 'passed', severity: 'error', explanation: { when: null, assert: null } },
      ],
    }),
    sampleDocument({
      file: 'in/batch.tar.gz!/a b.xml',
      rules: [{ ruleId: 'content/number-length', status: 'passed', severity: 'error', explanation: { when: null, assert: null } }],
    }),
  ]);
}
