import type { Diagnostic, LocalizedText, Location, Severity } from './diagnostic.js';
import type { Limits } from '../limits.js';

/** Extra fields a reader diagnostic may carry. */
export interface DiagnosticExtras {
  location?: Location;
  fatal?: boolean;
  actual?: unknown;
  expected?: unknown;
}

/**
 * Builds a reader diagnostic (`read/<id>`). `message` is the English text until a report
 * localises it from `messages` (`localise`).
 */
export function readDiagnostic(id: string, severity: Severity, messages: LocalizedText, extras: DiagnosticExtras = {}): Diagnostic {
  const d: Diagnostic = { ruleId: `read/${id}`, severity, message: messages.en, messages };
  if (extras.location !== undefined) d.location = extras.location;
  if (extras.fatal === true) d.fatal = true;
  if (extras.actual !== undefined) d.actual = extras.actual;
  if (extras.expected !== undefined) d.expected = extras.expected;
  return d;
}

/** What each limit bounds, in both languages, for the `limit/<name>` messages. */
const LIMIT_SUBJECT: Record<keyof Limits, LocalizedText> = {
  maxInputBytes: { fr: 'la taille du fichier', en: 'the file size' },
  maxDocumentBytes: { fr: 'la taille d’une facture avec ses pièces jointes', en: 'the size of one invoice with its attachments' },
  maxBatchBytes: {
    fr: 'le volume décompressé du fichier déposé (archives imbriquées et flux PDF compris)',
    en: 'the decompressed size of the deposited file (nested archives and PDF streams included)',
  },
  maxBatchMembers: { fr: 'le nombre de fichiers de l’archive', en: 'the number of files in the archive' },
  maxInputDocuments: {
    fr: 'le nombre de documents du fichier déposé, archives imbriquées comprises',
    en: 'the number of documents in the deposited file, nested archives included',
  },
  maxReportChars: { fr: 'la taille du rapport du fichier déposé', en: 'the size of the deposited file’s report' },
  maxNameLength: { fr: 'la longueur d’un nom d’élément ou d’attribut XML', en: 'the length of one XML element or attribute name' },
  maxXmlDepth: { fr: 'la profondeur d’imbrication XML', en: 'the XML nesting depth' },
  maxAttributeLength: { fr: 'la longueur d’une valeur d’attribut XML', en: 'the length of one XML attribute value' },
  maxTextLength: { fr: 'la longueur d’un texte XML', en: 'the length of one XML text node' },
  maxAttachmentBytes: { fr: 'la taille décodée d’une pièce jointe', en: 'the decoded size of one attachment' },
  maxPdfObjects: { fr: 'le nombre d’objets du PDF', en: 'the number of PDF objects' },
  maxPdfStreamBytes: {
    fr: 'la taille décodée d’un flux PDF (sorties de tous ses filtres additionnées)',
    en: 'the decoded size of one PDF stream (the outputs of all its filters added up)',
  },
  maxArchiveNesting: { fr: 'l’imbrication d’archives', en: 'the nesting of archives' },
};

/**
 * Builds the diagnostic for a limit reached (`limit/<name>`, the name being the `Limits` key):
 * it names the limit, its value and the option that raises it. Always fatal for what it bounds.
 */
export function limitDiagnostic(name: keyof Limits, value: number, location?: Location, actual?: number): Diagnostic {
  const s = LIMIT_SUBJECT[name];
  const seen = actual === undefined ? '' : ` (${actual})`;
  const messages: LocalizedText = {
    fr: `Limite atteinte : ${s.fr} dépasse ${name} = ${value}${seen}. Lecture interrompue ; pour l’augmenter, passez l’option limits.${name}.`,
    en: `Limit reached: ${s.en} exceeds ${name} = ${value}${seen}. Reading stopped; to raise it, pass the option limits.${name}.`,
  };
  const d: Diagnostic = { ruleId: `limit/${name}`, severity: 'error', message: messages.en, messages, fatal: true, expected: value };
  if (actual !== undefined) d.actual = actual;
  if (location !== undefined) d.location = location;
  return d;
}
