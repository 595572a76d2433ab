import type { Catalogue } from '../catalogue/catalogue.js';
import type { Flow } from '../catalogue/types.js';
import type { DepositContext } from '../context.js';
import { normaliseContext } from './deposit-context.js';
import { worksFlag } from './cadres.js';
import type { Facts } from './facts.js';
import { profileOfConformanceLevel } from './profile.js';

/**
 * A user-supplied snapshot of the Chorus Pro directory: per buyer SIRET, whether invoices must
 * carry a service code and/or an engagement juridique (field names of the Chorus directory).
 */
export type BuyerDirectory = Record<string, { codeServiceDoitEtreRenseigne?: boolean; numeroEJDoitEtreRenseigne?: boolean }>;

/** What the deposit as a whole adds to one document's facts. */
export interface DepositShape {
  /** How many invoice documents the deposit file holds. */
  invoiceCount: number;
  /** The container of the deposit file as a whole. */
  depositContainer: string;
}

/** The plain flow object rules see as the `flow` fact. */
export function flowFact(flow: Flow): Record<string, unknown> {
  return { code: flow.code, type: flow.type, formatFamily: flow.formatFamily, syntaxes: flow.syntaxes, scope: flow.scope, channels: flow.channels };
}

/** The flow a normalised context ({@link normaliseContext}) chooses: by interface code for EDI, else by syntaxe, else by interface code. */
export function chosenFlow(context: DepositContext, catalogue: Catalogue): Flow | null {
  if (context.channel === 'EDI' || !context.syntaxe) return context.interfaceCode ? catalogue.flow(context.interfaceCode) : null;
  return catalogue.lookupSyntaxe(context.syntaxe).flow;
}

/** Tells whether a normalised context names a flow (a syntaxe for PORTAIL/API, an interface code or EDI file name). */
export function contextChoosesFlow(context: DepositContext): boolean {
  if (context.channel === 'EDI') return !!(context.interfaceCode || context.ediFileName);
  return !!(context.syntaxe || context.interfaceCode || context.ediFileName);
}

/** Today as an ISO date, the default deposit date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Builds the engine facts of one document: the reader's facts, the derived facts, the context
 * (normalised here) and the deposit shape. Every fact of the catalogue gets a value (null when unknown).
 */
export function depositFacts(
  facts: Facts,
  context: DepositContext,
  catalogue: Catalogue,
  shape: DepositShape,
  directory?: BuyerDirectory | null,
  defaultDepositDate: string = today(),
): Record<string, unknown> {
  const normalised = normaliseContext(context);
  const syntaxe = normalised.syntaxe ?? null;
  const ediFileName = normalised.ediFileName ?? null;
  const interfaceCode = normalised.interfaceCode ?? null;
  const s = syntaxe ? catalogue.lookupSyntaxe(syntaxe) : null;
  const i = interfaceCode ? catalogue.lookupInterfaceCode(interfaceCode) : null;
  const flow = chosenFlow(normalised, catalogue);
  const pdf = facts.pdf;
  const afs = (pdf?.embeddedFiles ?? []).map((f) => f.afRelationship).filter((x): x is string => typeof x === 'string');
  const buyerSiret = facts.buyerId?.value.replace(/\s+/g, '') ?? null;
  const entry = buyerSiret && directory ? directory[buyerSiret] : undefined;
  return {
    container: facts.container,
    syntax: facts.syntax,
    document: facts.document,
    rootNamespace: facts.rootNamespace,
    number: facts.number,
    issueDate: facts.issueDate,
    issueDateRaw: facts.issueDateRaw,
    typeCode: facts.typeCode,
    currency: facts.currency,
    buyerReference: facts.buyerReference,
    purchaseOrder: facts.purchaseOrder,
    businessProcess: facts.businessProcess,
    cadreRaw: facts.cadreRaw,
    cadre: facts.cadre,
    cadreSource: facts.cadreSource,
    isWorks: worksFlag(facts.cadre, catalogue),
    guideline: facts.guideline,
    profile: facts.profile,
    formatFamily: facts.formatFamily,
    sellerId: facts.sellerId,
    buyerId: facts.buyerId,
    buyerIdValue: facts.buyerId === null ? null : facts.buyerId.value.trim(),
    buyerName: facts.buyerName,
    hasValideur: facts.hasValideur,
    maxAmountDecimals: facts.maxAmountDecimals,
    paymentMeansCodes: facts.paymentMeansCodes,
    attachments: facts.attachments,
    pdf,
    schemaName: facts.schema?.name ?? null,
    schemaValid: facts.schema?.valid ?? null,
    imageAttachmentCount: facts.attachments.filter((a) => a.sniffed === 'pdf' || a.sniffed === 'zip').length,
    invoiceXmlName: pdf?.invoiceXmlName ?? null,
    pdfaPart: pdf?.xmp?.pdfaPart ?? null,
    xmpProfile: profileOfConformanceLevel(pdf?.xmp?.conformanceLevel),
    afRelationships: afs.length > 0 ? afs : null,
    buyerRequiresServiceCode: entry?.codeServiceDoitEtreRenseigne === true,
    buyerRequiresEngagement: entry?.numeroEJDoitEtreRenseigne === true,
    channel: context.channel ?? null,
    syntaxe,
    syntaxeStatus: s?.status ?? null,
    syntaxeSuggestion: s?.suggestion ?? null,
    syntaxeSuggestionProvisional: s ? s.suggestionProvisional : null,
    syntaxeNearMiss: s ? s.nearMiss : null,
    unconfirmedSyntaxeFlows: [...catalogue.unconfirmedSyntaxeFlows],
    interfaceCode,
    interfaceCodeStatus: i ? (i.flow ? 'real' : 'unknown') : null,
    interfaceCodeSuggestion: i?.suggestion ?? null,
    ediFileName,
    space: context.space ?? null,
    release: catalogue.release,
    depositDate: context.depositDate ?? defaultDepositDate,
    flow: flow ? flowFact(flow) : null,
    invoiceCount: shape.invoiceCount,
    depositContainer: shape.depositContainer,
  };
}
