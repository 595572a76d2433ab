/**
 * The fact catalogue: every fact a rule may name, what it means and where its value comes from.
 * A rule naming a fact missing here is a load error, never a silently passing rule.
 */

/** Where a fact comes from: the invoice document, the deposit context, the deposit as a whole, or the portal account state. */
export type FactKind = 'document' | 'context' | 'deposit' | 'portal';

/** What the catalogue says about one fact. */
export interface FactInfo {
  kind: FactKind;
  description: string;
  /** Key of `Facts.locations` giving where the value was found, when it comes from the document. */
  location?: string;
  businessTerm?: string;
  /** True when the value comes from the invoice XML: rules reading it are skipped when a document has none. */
  xml?: boolean;
  /** Portal facts: the JSON pointer (RFC 6901) of the account state the value is read from. */
  pointer?: string;
}

const d = (description: string, location?: string, businessTerm?: string): FactInfo => ({
  kind: 'document',
  description,
  ...(location ? { location } : {}),
  ...(businessTerm ? { businessTerm } : {}),
});
const x = (description: string, location?: string, businessTerm?: string): FactInfo => ({ ...d(description, location, businessTerm), xml: true });
const c = (description: string): FactInfo => ({ kind: 'context', description });

/** The facts of deposit, content and Factur-X rules. */
export const DEPOSIT_FACTS: Readonly<Record<string, FactInfo>> = Object.freeze({
  container: d('The container the bytes turned out to be (xml, pdf, zip, tar.gz, gzip, unknown).'),
  syntax: d('The invoice syntax (UBL, CII, CPP, ZUGFeRD1, unknown).', 'syntax'),
  document: d('The XML root element local name.', 'document'),
  rootNamespace: d('The XML root namespace.', 'document'),
  number: x('The invoice number.', 'number', 'BT-1'),
  issueDate: x('The issue date as an ISO calendar day; null when absent or when its text names no day.', 'issueDate', 'BT-2'),
  issueDateRaw: x('The issue date as written.', 'issueDate', 'BT-2'),
  typeCode: x('The invoice type code.', 'typeCode', 'BT-3'),
  currency: x('The invoice currency.', 'currency', 'BT-5'),
  buyerReference: x('The buyer reference: the Chorus service code.', 'buyerReference', 'BT-10'),
  purchaseOrder: x('The purchase order reference: the Chorus engagement juridique.', 'purchaseOrder', 'BT-13'),
  cadreRaw: x("The billing framework as written where Chorus Pro reads it (CII: BT-23; UBL: AIFE's extension).", 'cadre', 'BT-23'),
  businessProcess: x('BT-23 (business process type) as written: in UBL cbc:ProfileID, a profile identifier, never the cadre.', 'businessProcess', 'BT-23'),
  cadre: x('The normalised billing framework (A1 when absent).', 'cadre', 'BT-23'),
  cadreSource: x('Where the cadre was found (BT-23, default, BT-24).', 'cadre', 'BT-23'),
  isWorks: x('Whether the cadre is a works cadre (null when not a Chorus cadre).', 'cadre', 'BT-23'),
  guideline: x('The specification identifier as written.', 'guideline', 'BT-24'),
  profile: x('The Factur-X profile named by BT-24.', 'guideline', 'BT-24'),
  formatFamily: d('The format family (structured-xml, mixed-xml, facturx-pdf, plain-pdf, unknown).'),
  sellerId: x('The seller legal registration identifier {value, scheme}.', 'sellerId', 'BT-30'),
  buyerId: x('The buyer legal registration identifier {value, scheme}.', 'buyerId', 'BT-47'),
  buyerIdValue: x('The buyer legal identifier as written, trimmed: null when absent, empty when the element is empty.', 'buyerId', 'BT-47'),
  buyerName: x('The buyer name.', 'buyerName', 'BT-44'),
  hasValideur: x('Whether a valideur party is present.', 'hasValideur'),
  maxAmountDecimals: x('The largest number of decimals in any amount.', 'maxAmountDecimals'),
  paymentMeansCodes: x('The payment means codes.', 'paymentMeansCodes', 'BT-81'),
  attachments: x('The attachments embedded in the invoice XML.', 'attachments'),
  pdf: d('What was read from the PDF container.', 'pdf'),
  schemaName: x(
    'The published schema the invoice XML is checked against (ubl-2.1, cii-d16b, factur-x-<profile>, zugferd-1.0), or null when none applies.',
    'document',
  ),
  schemaValid: x('Whether the invoice XML is valid against that schema; null when it was not checked.', 'document'),
  imageAttachmentCount: x('How many attachments decode to a PDF or a ZIP (the invoice image of a mixed XML).', 'attachments'),
  invoiceXmlName: d('The name of the invoice XML embedded in the PDF, or null.', 'pdf'),
  pdfaPart: d('The PDF/A part declared in the XMP metadata, or null.', 'xmp'),
  xmpProfile: d('The Factur-X profile named by the XMP conformance level, or null.', 'xmp'),
  afRelationships: d('The /AFRelationship values of the embedded files, or null when none is exposed.', 'pdf'),
  buyerRequiresServiceCode: x('Whether the directory snapshot says the buyer requires a service code (false when unknown).', 'buyerId', 'BT-47'),
  buyerRequiresEngagement: x('Whether the directory snapshot says the buyer requires an engagement juridique (false when unknown).', 'buyerId', 'BT-47'),
  channel: c('The deposit channel (PORTAIL, API, EDI), or null.'),
  syntaxe: c('The "Syntaxe" value chosen (PORTAIL and API), or null.'),
  syntaxeStatus: c('The catalogue status of the syntaxe value: real, alias, b2b-defect, known-wrong, unknown, or null.'),
  syntaxeSuggestion: c('The nearest real syntaxe value, or null.'),
  syntaxeSuggestionProvisional: c('Whether the suggested syntaxe value is itself inferred (provisional), or null when no syntaxe is given.'),
  syntaxeNearMiss: c(
    'Whether the syntaxe value, not a value of the release, is known to be wrong: a known wrong value of third-party code, or within 2 edits of a confirmed value (outside the works-flow types whose values are unconfirmed); null when no syntaxe is given.',
  ),
  unconfirmedSyntaxeFlows: c(
    'The interface codes of the flows of the release whose syntaxe value is inferred, not published (empty when every value is confirmed, e.g. after a catalogue overlay).',
  ),
  interfaceCode: c('The interface code given, or read from the EDI file name, or null.'),
  interfaceCodeStatus: c('real when the interface code is in the catalogue at the release, unknown otherwise, null when none.'),
  interfaceCodeSuggestion: c('The nearest interface code of the release, or null.'),
  ediFileName: c('The EDI file name, or null.'),
  space: c('The portal space (factures, factures-de-travaux), or null.'),
  release: c('The Chorus Pro release checked against.'),
  depositDate: c('The deposit date (ISO), today when not given.'),
  flow: c('The chosen flow {code, type, formatFamily, syntaxes, scope, channels}, or null; each catalogue flow in turn when listing applicable flows.'),
  invoiceCount: { kind: 'deposit', description: 'How many invoice documents the deposit file holds.' },
  depositContainer: { kind: 'deposit', description: 'The container of the deposit file as a whole (xml, pdf, zip, tar.gz, gzip, unknown).' },
});

const p = (description: string, pointer: string): FactInfo => ({ kind: 'portal', description, pointer });

/** The facts of portal and account rules, derived from the account state, each with the JSON pointer of the state it is read from. */
export const PORTAL_FACTS: Readonly<Record<string, FactInfo>> = Object.freeze({
  release: p('The Chorus Pro release the state is evaluated against.', '/release'),
  loginEmail: p('The login e-mail.', '/account/loginEmail'),
  contactEmail: p('The contact e-mail, or null.', '/account/contactEmail'),
  lastName: p('The last name (nom).', '/account/lastName'),
  firstName: p('The first name (prénom).', '/account/firstName'),
  phone: p('The phone (téléphone), or null.', '/account/phone'),
  activated: p('Whether the account is activated.', '/account/activated'),
  activationLinkAgeMinutes: p('Minutes since the activation link was sent, or null.', '/account/activationLinkSentAt'),
  profiles: p('The profiles of the user, spelled as Chorus Pro spells them whatever the case of the state.', '/account/profiles'),
  structureAtCreation: p('The structure given at account creation (before 3.8.1), or null.', '/account/structureAtCreation'),
  pendingAttachmentCount: p('Attachment requests pending.', '/attachmentRequests'),
  createdStructureCount: p('Active structures the user created from the first-login window.', '/createdStructures'),
  attachedStructureCount: p(
    'Active structures the account is attached to: approved requests (by the manager or a user with the profile "Organisation Modification"), structures the user created, and before 3.8.1 the structure given at creation.',
    '/attachmentRequests',
  ),
  approvalsWithoutRightCount: p(
    'Approved attachment requests decided by a user who is neither the manager nor a user with the profile "Organisation Modification".',
    '/attachmentRequests',
  ),
  pendingApprovals: p('Approval requests the user has to process.', '/pendingApprovals'),
});

/** The facts allowed for rules of an area (`portal` uses the portal facts, every other area the deposit facts). */
export function factsForArea(area: string): Readonly<Record<string, FactInfo>> {
  return area === 'portal' ? PORTAL_FACTS : DEPOSIT_FACTS;
}
