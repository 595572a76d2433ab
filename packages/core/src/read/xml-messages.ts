/**
 * The texts of the XML reader's diagnostics (`read/xml-*`, `read/not-an-invoice`, …), in French
 * and English, by what they report. The rule id, severity and location are given where the
 * diagnostic is raised (xml.ts).
 */
import type { LocalizedText } from '../diagnostics/diagnostic.js';

/** The XML reader's messages; each gives `{ fr, en }`. */
export const XML_MESSAGES = {
  /** `read/xml-encoding-conflict`. */
  encodingConflict: (declared: string | null, label: string): LocalizedText => ({
    fr: `L’encodage déclaré (${declared}) ne correspond pas aux octets du fichier : lu en ${label}.`,
    en: `The declared encoding (${declared}) does not match the file's bytes: read as ${label}.`,
  }),
  /** `read/xml-unsupported-encoding`. */
  unsupportedEncoding: (declared: string | null): LocalizedText => ({
    fr: `L’encodage déclaré « ${declared} » n’est pas pris en charge (attendu : UTF-8, UTF-16 ou ISO-8859-1).`,
    en: `The declared encoding "${declared}" is not supported (expected UTF-8, UTF-16 or ISO-8859-1).`,
  }),
  /** `read/aborted`. */
  aborted: (): LocalizedText => ({ fr: 'Lecture annulée.', en: 'Reading was cancelled.' }),
  /** `read/xml-bad-encoding`: bytes that do not decode. */
  badEncoding: (label: string, offset: number, line: number): LocalizedText => ({
    fr: `Octets invalides pour l’encodage ${label.toUpperCase()} vers l’octet ${offset} (après la ligne ${line}) : le fichier est mal encodé.`,
    en: `Invalid bytes for the ${label.toUpperCase()} encoding near byte ${offset} (after line ${line}): the file is mis-encoded.`,
  }),
  /** `read/zugferd1-not-chorus`. */
  zugferd1: (): LocalizedText => ({
    fr: 'ZUGFeRD 1.0 (CrossIndustryDocument) est reconnu mais n’est pas une syntaxe Chorus Pro : utilisez CII D16B (Factur-X) ou UBL 2.1.',
    en: 'ZUGFeRD 1.0 (CrossIndustryDocument) is recognised but is not a Chorus Pro syntax: use CII D16B (Factur-X) or UBL 2.1.',
  }),
  /** `read/not-an-invoice`: `label` says what the document is. */
  notAnInvoice: (label: LocalizedText): LocalizedText => ({
    fr: `Ce fichier est ${label.fr}, pas une facture UBL, CII ou CPP.`,
    en: `This file is ${label.en}, not a UBL, CII or CPP invoice.`,
  }),
  /** What a document of an unknown root is, for `notAnInvoice`. */
  anXmlDocument: (): LocalizedText => ({ fr: 'un document XML', en: 'an XML document' }),
  /** `read/unreadable-date`: `term` is empty or ` (BT-n)`, `problem` what is wrong with the date. */
  unreadableDate: (term: string, problem: LocalizedText): LocalizedText => ({
    fr: `La date${term} ${problem.fr} : les règles qui portent sur elle ne l’ont pas vérifiée.`,
    en: `The date${term} ${problem.en}: the rules on it did not check it.`,
  }),
  /** `read/attachment-bad-base64`. */
  attachmentBadBase64: (name: string | null, invalidChar: string | null): LocalizedText => ({
    fr: `La pièce jointe${name === null ? '' : ` « ${name} »`} n’est pas du base64 valide${invalidChar === null ? '' : ` (caractère « ${invalidChar} »)`}.`,
    en: `The attachment${name === null ? '' : ` "${name}"`} is not valid base64${invalidChar === null ? '' : ` (character "${invalidChar}")`}.`,
  }),
  /** `read/xml-not-well-formed`: an undeclared namespace prefix. */
  unboundPrefix: (line: number, prefix: string): LocalizedText => ({
    fr: `Le XML est mal formé ligne ${line} : le préfixe d’espace de noms « ${prefix} » n’est pas déclaré.`,
    en: `The XML is not well-formed at line ${line}: the namespace prefix "${prefix}" is not declared.`,
  }),
  /** `read/xml-doctype`. */
  doctype: (declaresEntities: boolean, external: boolean): LocalizedText => ({
    fr: `Le document contient une déclaration DOCTYPE${declaresEntities ? ' qui déclare des entités' : external ? ' qui référence une DTD externe' : ''} : elle n’est jamais traitée (ni DTD, ni entité externe, ni accès réseau). Une facture UBL ou CII n’en contient pas.`,
    en: `The document has a DOCTYPE declaration${declaresEntities ? ' declaring entities' : external ? ' referencing an external DTD' : ''}: it is never processed (no DTD, no external entity, no network access). UBL and CII invoices have none.`,
  }),
  /** `read/xml-xinclude`. */
  xinclude: (): LocalizedText => ({
    fr: 'Le document contient un élément XInclude : il n’est jamais résolu.',
    en: 'The document contains an XInclude element: it is never resolved.',
  }),
  /** `read/xml-truncated`: `message` is saxes' (English). */
  truncated: (message: string): LocalizedText => ({
    fr: `Le XML s’arrête avant la fin du document (fichier tronqué ?) : ${message}`,
    en: `The XML ends before the document does (truncated file?): ${message}`,
  }),
  /** `read/xml-not-well-formed`: `message` is saxes' (English); `entity` when it names an undefined entity. */
  notWellFormed: (line: number, column: number, message: string, entity: boolean): LocalizedText => ({
    fr: `Le XML est mal formé ligne ${line}, colonne ${column} : ${message}${entity ? ' (les entités déclarées par une DTD ne sont jamais développées)' : ''}`,
    en: `The XML is not well-formed at line ${line}, column ${column}: ${message}${entity ? ' (entities declared in a DTD are never expanded)' : ''}`,
  }),
  /** `read/internal-error`. */
  internalError: (e: unknown): LocalizedText => ({
    fr: `Erreur interne pendant la lecture du XML : ${String(e)}`,
    en: `Internal error while reading the XML: ${String(e)}`,
  }),
  /** `read/xml-no-root`. */
  noRoot: (): LocalizedText => ({
    fr: 'Le fichier XML ne contient aucun élément.',
    en: 'The XML file contains no element.',
  }),
};
