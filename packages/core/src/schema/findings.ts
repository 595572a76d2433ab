/**
 * Turns the schema engine's errors into findings: each error classified (missing element,
 * unexpected element, invalid value, …), errors of the same kind on the same element grouped
 * into one finding located at its first occurrence (file, line, column, XPath, business term),
 * with a message of our own in French and English; the engine's text is kept as the detail.
 */
import type { Location, LocalizedText } from '../diagnostics/diagnostic.js';
import type { SchemaFinding, SchemaErrorKind } from '../facts/facts.js';
import { CANONICAL_PREFIX } from '../read/syntaxes.js';
import { locateElements, type ElementSpot } from '../read/locate.js';
import type { EngineError } from './libxml2.js';
import { businessTermOf } from './business-terms.js';

/** At most this many findings per document; the errors past them are counted in one more finding. */
export const MAX_FINDINGS = 50;

const EXTRA_PREFIX: ReadonlyMap<string, string> = new Map([
  ['http://www.w3.org/2000/09/xmldsig#', 'ds'],
  ['http://uri.etsi.org/01903/v1.3.2#', 'xades'],
  ['urn:AIFE:Facture:Extension', 'aife'],
]);

/** One engine error, parsed. */
interface Parsed {
  kind: SchemaErrorKind;
  /** The element as libxml2 names it: `{uri}local` or `local`. */
  uri: string;
  local: string;
  attribute: string | null;
  value: string | null;
  expected: string[];
}

/** `{uri}local` → [uri, local]. */
function splitName(q: string): [string, string] {
  const m = /^\{([^}]*)\}(.*)$/.exec(q);
  return m ? [m[1] as string, m[2] as string] : ['', q];
}

/** The name users read: canonical prefix (cbc, cac, ram, …) and local name. */
export function displayName(uri: string, local: string): string {
  const prefix = CANONICAL_PREFIX.get(uri) ?? EXTRA_PREFIX.get(uri);
  return prefix ? `${prefix}:${local}` : local;
}

function displayQName(q: string): string {
  const [uri, local] = splitName(q.trim());
  return displayName(uri, local);
}

/** Parses one libxml2 schema error message (libxml2 2.9 to 2.14 wording). */
export function parseEngineMessage(message: string, parse: boolean): Parsed {
  const head = /^Element '([^']+)'(?:, attribute '([^']+)')?: (.*)$/.exec(message);
  if (parse || head === null) return { kind: parse ? 'not-well-formed' : 'other', uri: '', local: '', attribute: null, value: null, expected: [] };
  const [uri, local] = splitName(head[1] as string);
  const attribute = head[2] ?? null;
  const body = head[3] as string;
  const expectedList = /Expected is (?:one of )?\( (.+) \)/.exec(body);
  const expected = expectedList ? (expectedList[1] as string).split(', ').map(displayQName) : [];
  const base = { uri, local, attribute, value: null as string | null, expected };
  if (/Missing child element/.test(body)) return { ...base, kind: 'missing-element' };
  if (/This element is not expected/.test(body)) return { ...base, kind: 'unexpected-element' };
  const required = /The attribute '([^']+)' is required but missing/.exec(body);
  if (required) return { ...base, kind: 'missing-attribute', attribute: required[1] as string };
  if (attribute !== null && /is not allowed/.test(body)) return { ...base, kind: 'unexpected-attribute' };
  if (/No matching global declaration available for the validation root/.test(body)) return { ...base, kind: 'root-not-declared' };
  const value = /^'([^']*)' is not a valid value/.exec(body) ?? /\[facet '[^']+'\] The value '([^']*)'/.exec(body);
  if (value) return { ...base, kind: 'invalid-value', value: value[1] as string };
  if (/\[facet '|is not a valid value|not accepted by the pattern/.test(body)) return { ...base, kind: 'invalid-value' };
  if (/content other than whitespace is not allowed|Element content is not allowed|is not nillable|content type is empty/i.test(body))
    return { ...base, kind: 'invalid-content' };
  return { ...base, kind: 'other' };
}

function clip(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function list(names: readonly string[], or: string): string {
  if (names.length === 0) return '';
  // libxml2 lists the elements allowed next, optional ones first, up to the first required
  // one, and cuts the list at 10 names: a long list keeps its head and, when whole, its last name.
  if (names.length >= 10) return `${names.slice(0, 3).join(', ')}, …`;
  if (names.length > 4) return `${names.slice(0, 2).join(', ')}, … ${or} ${names[names.length - 1] as string}`;
  const shown = names;
  return shown.length === 1 ? (shown[0] as string) : `${shown.slice(0, -1).join(', ')} ${or} ${shown[shown.length - 1] as string}`;
}

/** Our message for one kind of error, in both languages (no rule header, no count). */
export function messageOf(p: Parsed): LocalizedText {
  const el = p.local === '' ? '' : displayName(p.uri, p.local);
  const attr = p.attribute ?? '';
  const expFr = list(p.expected, 'ou');
  const expEn = list(p.expected, 'or');
  switch (p.kind) {
    case 'missing-element':
      return expFr
        ? { fr: `il manque un élément obligatoire dans ${el} : ${expFr} attendu.`, en: `a required element is missing in ${el}: ${expEn} expected.` }
        : { fr: `il manque un élément obligatoire dans ${el}.`, en: `a required element is missing in ${el}.` };
    case 'unexpected-element':
      return expFr
        ? { fr: `l’élément ${el} n’est pas attendu à cet endroit (attendu : ${expFr}).`, en: `element ${el} is not expected here (expected: ${expEn}).` }
        : { fr: `l’élément ${el} n’est pas attendu à cet endroit.`, en: `element ${el} is not expected here.` };
    case 'missing-attribute':
      return { fr: `l’attribut obligatoire ${attr} manque sur ${el}.`, en: `the required attribute ${attr} is missing on ${el}.` };
    case 'unexpected-attribute':
      return { fr: `l’attribut ${attr} n’est pas autorisé sur ${el}.`, en: `attribute ${attr} is not allowed on ${el}.` };
    case 'root-not-declared':
      return { fr: `l’élément racine ${el} n’est pas déclaré par ce schéma.`, en: `the root element ${el} is not declared by this schema.` };
    case 'invalid-value': {
      const what = { fr: attr ? `de l’attribut ${attr} de ${el}` : `de ${el}`, en: attr ? `of attribute ${attr} of ${el}` : `of ${el}` };
      return p.value !== null
        ? {
            fr: `la valeur « ${clip(p.value)} » ${what.fr} n’est pas permise par son type.`,
            en: `the value "${clip(p.value)}" ${what.en} is not allowed by its type.`,
          }
        : { fr: `la valeur ${what.fr} n’est pas permise par son type.`, en: `the value ${what.en} is not allowed by its type.` };
    }
    case 'invalid-content':
      return { fr: `le contenu de ${el} n’est pas celui que le schéma permet.`, en: `the content of ${el} is not what the schema allows.` };
    case 'not-well-formed':
      return { fr: 'le moteur de validation n’a pas pu lire le XML (voir le détail).', en: 'the validation engine could not read the XML (see the detail).' };
    default:
      return el
        ? { fr: `${el} ne suit pas le schéma (voir le détail).`, en: `${el} does not follow the schema (see the detail).` }
        : { fr: 'le document ne suit pas le schéma (voir le détail).', en: 'the document does not follow the schema (see the detail).' };
  }
}

function groupKey(p: Parsed): string {
  return `${p.kind}|{${p.uri}}${p.local}|${p.attribute ?? ''}|${p.expected.join(',')}`;
}

/** The element an error names, among those found on (or around) its line. */
function spotFor(spots: readonly ElementSpot[], p: Parsed, line: number): ElementSpot | undefined {
  const named = (s: ElementSpot) => s.local === p.local && s.uri === p.uri;
  return spots.find((s) => named(s) && s.line <= line && line <= s.endLine) ?? spots.find((s) => s.line <= line && line <= s.endLine && p.local === '');
}

/**
 * Groups and locates the engine's errors of one document. `bytes` are read again (saxes) only
 * to find the column and XPath of each group's first occurrence.
 */
export function findingsOf(errors: readonly EngineError[], bytes: Uint8Array, file: string): SchemaFinding[] {
  const groups = new Map<string, { parsed: Parsed; first: EngineError; count: number }>();
  let dropped = 0;
  let droppedFirst: EngineError | null = null;
  for (const e of errors) {
    const parsed = parseEngineMessage(e.message, e.parse);
    const key = groupKey(parsed);
    const g = groups.get(key);
    if (g !== undefined) {
      g.count++;
      continue;
    }
    if (groups.size >= MAX_FINDINGS) {
      dropped++;
      droppedFirst ??= e;
      continue;
    }
    groups.set(key, { parsed, first: e, count: 1 });
  }
  const lines = new Set<number>();
  for (const g of groups.values()) if (g.first.line > 0) lines.add(g.first.line);
  const spots = lines.size > 0 && !errors.some((e) => e.parse) ? locateElements(bytes, lines) : [];
  const out: SchemaFinding[] = [];
  for (const { parsed, first, count } of groups.values()) {
    const location: Location = { file };
    if (first.line > 0) location.line = first.line;
    const spot = first.line > 0 ? spotFor(spots, parsed, first.line) : undefined;
    if (spot !== undefined) {
      location.line = spot.line;
      location.column = spot.column;
      location.xpath = spot.xpath;
      const first = parsed.expected[0] ?? null;
      const bt = businessTermOf(spot.xpath, parsed.kind === 'missing-element' ? first : null, parsed.kind === 'unexpected-element' ? first : null);
      if (bt !== null) location.businessTerm = bt;
    }
    out.push({
      kind: parsed.kind,
      messages: messageOf(parsed),
      location,
      count,
      detail: first.message,
      ...(parsed.expected.length > 0 ? { expected: parsed.expected } : {}),
      ...(parsed.value !== null ? { value: parsed.value } : {}),
    });
  }
  if (dropped > 0 && droppedFirst !== null) {
    out.push({
      kind: 'other',
      messages: {
        fr: `${dropped} autre(s) erreur(s) de schéma, d’autres sortes, ne sont pas détaillées.`,
        en: `${dropped} more schema error(s), of other kinds, are not detailed.`,
      },
      location: { file, ...(droppedFirst.line > 0 ? { line: droppedFirst.line } : {}) },
      count: dropped,
      detail: droppedFirst.message,
    });
  }
  return out;
}
