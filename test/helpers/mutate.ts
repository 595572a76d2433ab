/**
 * Seeded mutators over real fixtures: truncations, byte flips, inserted garbage, encoding
 * swaps, duplicated and deleted XML elements, and wrapping the result into a container
 * (zip, gzip, tar.gz, PDF attachment) so that the reader's inner paths see broken bytes too.
 * Every mutation is reproducible from its seed and says what it did.
 */
import { gzipSync, strFromU8, strToU8, zipSync } from 'fflate';
import { buildTar, concat, pdfWithEmbedded, utf16 } from './build/index.js';

// Archive timestamps fixed: a seed gives the same bytes on every run, so a failing input replays from its seed.
const ZIP_TIME = new Date(2020, 0, 1);

/** A seeded pseudo-random source (mulberry32): `next()` in [0, 1). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** The next float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

/** The result of one mutation: the new bytes and a description precise enough to replay it. */
export interface Mutation {
  kind: string;
  detail: string;
  bytes: Uint8Array;
}

/** The lengths at which to cut `size` bytes: all of them when small, else `samples` sampled ones plus the edges. */
export function truncationPoints(size: number, samples: number, rng: Rng): number[] {
  if (size <= samples) return Array.from({ length: size }, (_, i) => i);
  const points = new Set<number>([0, 1, size - 1]);
  while (points.size < samples) points.add(rng.int(size));
  return [...points].sort((a, b) => a - b);
}

/** Yields the input cut at each truncation point. */
export function* truncations(bytes: Uint8Array, samples: number, rng: Rng): Generator<Mutation> {
  for (const at of truncationPoints(bytes.length, samples, rng)) {
    yield { kind: 'truncate', detail: `cut at ${at} of ${bytes.length}`, bytes: bytes.slice(0, at) };
  }
}

// Tokens that steer parsers into their rarer paths.
const GARBAGE_TOKENS = [
  '<',
  '>',
  '&',
  '&amp',
  '&#0;',
  '&#xD800;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY e "e">]>',
  '\u0000',
  '\uFFFE',
  '\uD800',
  '\uFEFF',
  'xmlns:="',
  'xmlns:cbc=""',
  '</',
  '/>',
  '"',
  "'",
  '=',
  '%PDF-1.7',
  '%%EOF',
  'endstream',
  'endobj',
  ' 0 obj',
  'trailer',
  'startxref\n0\n',
  'xref\n0 1\n',
  '/Length 99999999',
  '<<',
  '>>',
  '/Filter /FlateDecode',
  'PK\u0003\u0004',
  '\u001f\u008b',
];

function insertAt(bytes: Uint8Array, at: number, insert: Uint8Array): Uint8Array {
  return concat([bytes.subarray(0, at), insert, bytes.subarray(at)]);
}

/** Flips 1–8 random bytes. */
export function flipBytes(bytes: Uint8Array, rng: Rng): Mutation {
  const out = bytes.slice();
  const n = 1 + rng.int(8);
  const at: number[] = [];
  for (let i = 0; i < n && out.length > 0; i++) {
    const p = rng.int(out.length);
    out[p] = out[p]! ^ (1 + rng.int(255));
    at.push(p);
  }
  return { kind: 'flip', detail: `bytes at ${at.join(',')}`, bytes: out };
}

/** Inserts random bytes or a parser-steering token at a random place. */
export function insertGarbage(bytes: Uint8Array, rng: Rng): Mutation {
  const at = rng.int(bytes.length + 1);
  if (rng.next() < 0.5) {
    const token = rng.pick(GARBAGE_TOKENS);
    return { kind: 'insert-token', detail: `${JSON.stringify(token)} at ${at}`, bytes: insertAt(bytes, at, strToU8(token)) };
  }
  const n = 1 + rng.int(64);
  return { kind: 'insert-random', detail: `${n} bytes at ${at}`, bytes: insertAt(bytes, at, rng.bytes(n)) };
}

/** Deletes or duplicates a random byte range. */
export function spliceRange(bytes: Uint8Array, rng: Rng): Mutation {
  if (bytes.length < 2) return insertGarbage(bytes, rng);
  const from = rng.int(bytes.length);
  const to = Math.min(bytes.length, from + 1 + rng.int(Math.max(1, Math.min(4096, bytes.length >> 2))));
  if (rng.next() < 0.5) {
    return { kind: 'delete-range', detail: `[${from}, ${to})`, bytes: concat([bytes.subarray(0, from), bytes.subarray(to)]) };
  }
  return { kind: 'duplicate-range', detail: `[${from}, ${to})`, bytes: insertAt(bytes, to, bytes.slice(from, to)) };
}

function setDeclaredEncoding(text: string, encoding: string): string {
  if (/^\uFEFF?<\?xml[^>]*encoding=/.test(text)) return text.replace(/encoding=(["'])[^"']*\1/, `encoding="${encoding}"`);
  if (/^\uFEFF?<\?xml/.test(text)) return text.replace(/^(\uFEFF?<\?xml[^?]*?)\s*\?>/, `$1 encoding="${encoding}"?>`);
  return `<?xml version="1.0" encoding="${encoding}"?>\n${text}`;
}

/** The encoding swaps `encodingSwap` chooses from. */
export const ENCODING_SWAPS = [
  'declare-utf16-write-utf8',
  'declare-utf8-write-utf16le-bom',
  'declare-utf8-write-utf16be-no-bom',
  'declare-utf16-write-utf16le-no-bom',
  'declare-utf8-write-latin1',
  'declare-latin1-write-utf8',
  'declare-unknown',
  'double-bom',
  'utf8-bom-declare-utf16',
  'utf16le-bom-then-utf8',
  'lone-surrogate-utf8',
] as const;

/**
 * Swaps the declared or the real encoding of an XML text (declare UTF-16 but write UTF-8,
 * write UTF-16 under a UTF-8 declaration, Latin-1 bytes declared UTF-8, …).
 */
export function encodingSwap(bytes: Uint8Array, rng: Rng, which?: (typeof ENCODING_SWAPS)[number]): Mutation {
  const swap = which ?? rng.pick(ENCODING_SWAPS);
  const text = strFromU8(bytes, true);
  // Make sure there is something outside ASCII for the Latin-1 and UTF-16 cases to bite on.
  const withAccent = /[^\x00-\x7f]/.test(text) ? text : text.replace(/>([^<\s][^<]*)</, '>$1 — é<');
  let out: Uint8Array;
  switch (swap) {
    case 'declare-utf16-write-utf8':
      out = strToU8(setDeclaredEncoding(withAccent, 'UTF-16'));
      break;
    case 'declare-utf8-write-utf16le-bom':
      out = utf16(setDeclaredEncoding(withAccent, 'UTF-8'), true, true);
      break;
    case 'declare-utf8-write-utf16be-no-bom':
      out = utf16(setDeclaredEncoding(withAccent, 'UTF-8'), false, false);
      break;
    case 'declare-utf16-write-utf16le-no-bom':
      out = utf16(setDeclaredEncoding(withAccent, 'UTF-16'), true, false);
      break;
    case 'declare-utf8-write-latin1': {
      const t = setDeclaredEncoding(withAccent, 'UTF-8');
      out = new Uint8Array(t.length);
      for (let i = 0; i < t.length; i++) out[i] = t.charCodeAt(i) & 0xff;
      break;
    }
    case 'declare-latin1-write-utf8':
      out = strToU8(setDeclaredEncoding(withAccent, 'ISO-8859-1'));
      break;
    case 'declare-unknown':
      out = strToU8(setDeclaredEncoding(withAccent, rng.pick(['EBCDIC-FR', 'x-unknown', 'UTF-7', 'UTF-32', ''])));
      break;
    case 'double-bom':
      out = concat([Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf), bytes]);
      break;
    case 'utf8-bom-declare-utf16':
      out = concat([Uint8Array.of(0xef, 0xbb, 0xbf), strToU8(setDeclaredEncoding(withAccent, 'UTF-16'))]);
      break;
    case 'utf16le-bom-then-utf8':
      out = concat([Uint8Array.of(0xff, 0xfe), bytes]);
      break;
    case 'lone-surrogate-utf8': {
      // CESU-style encoded lone surrogate U+D800: invalid UTF-8 that naive decoders accept.
      const at = Math.max(0, text.indexOf('</'));
      out = insertAt(bytes, at, Uint8Array.of(0xed, 0xa0, 0x80));
      break;
    }
  }
  return { kind: 'encoding', detail: swap, bytes: out };
}

/** The span `[start, end)` of one element, tags included. */
export interface ElementSpan {
  name: string;
  start: number;
  end: number;
}

/**
 * Finds element spans in XML text by a lenient tag scan (comments, CDATA, PIs skipped).
 * Good enough on well-formed fixtures, which is where element mutations start from.
 */
export function elementSpans(text: string): ElementSpan[] {
  const spans: ElementSpan[] = [];
  const stack: { name: string; start: number }[] = [];
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[2];
    if (!name) continue;
    if (m[1] === '/') {
      // Pop to the matching open tag; unmatched closers are ignored.
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i]!.name === name) {
          spans.push({ name, start: stack[i]!.start, end: m.index + m[0].length });
          stack.length = i;
          break;
        }
      }
    } else if (m[3] === '/') {
      spans.push({ name, start: m.index, end: m.index + m[0].length });
    } else {
      stack.push({ name, start: m.index });
    }
  }
  return spans;
}

/** Duplicates or deletes one element of an XML document (a real business element, often). */
export function elementMutation(bytes: Uint8Array, rng: Rng): Mutation {
  const text = strFromU8(bytes, true);
  const spans = elementSpans(text);
  if (spans.length === 0) return spliceRange(bytes, rng);
  const span = rng.pick(spans);
  // Work on UTF-8 byte offsets so that the rest of the file keeps its exact bytes.
  const start = strToU8(text.slice(0, span.start)).length;
  const end = start + strToU8(text.slice(span.start, span.end)).length;
  const roll = rng.next();
  if (roll < 0.4) {
    return { kind: 'xml-delete', detail: `<${span.name}> at byte ${start}`, bytes: concat([bytes.subarray(0, start), bytes.subarray(end)]) };
  }
  if (roll < 0.8) {
    return { kind: 'xml-duplicate', detail: `<${span.name}> at byte ${start}`, bytes: insertAt(bytes, end, bytes.slice(start, end)) };
  }
  // Empty the element's content, keeping its tags: required values become empty strings.
  const inner = text.slice(span.start, span.end);
  const openEnd = inner.indexOf('>') + 1;
  const closeStart = inner.lastIndexOf('</');
  if (openEnd <= 0 || closeStart < openEnd) {
    return { kind: 'xml-delete', detail: `<${span.name}> at byte ${start}`, bytes: concat([bytes.subarray(0, start), bytes.subarray(end)]) };
  }
  const emptied = strToU8(inner.slice(0, openEnd) + inner.slice(closeStart));
  return { kind: 'xml-empty', detail: `<${span.name}> at byte ${start}`, bytes: concat([bytes.subarray(0, start), emptied, bytes.subarray(end)]) };
}

/** Wraps bytes into a container: a zip, a gzip, a tar.gz or a PDF attachment. */
export function wrap(bytes: Uint8Array, rng: Rng): Mutation & { name: string } {
  const how = rng.pick(['zip', 'gzip', 'tar.gz', 'pdf', 'zip-with-good-sibling'] as const);
  switch (how) {
    case 'zip':
      return { kind: 'wrap', detail: how, name: 'wrapped.zip', bytes: zipSync({ 'invoice.xml': bytes }, { mtime: ZIP_TIME }) };
    case 'zip-with-good-sibling':
      return {
        kind: 'wrap',
        detail: how,
        name: 'wrapped.zip',
        bytes: zipSync({ 'a.xml': bytes, 'b.xml': bytes.slice(0, bytes.length >> 1) }, { mtime: ZIP_TIME }),
      };
    case 'gzip':
      return { kind: 'wrap', detail: how, name: 'wrapped.xml.gz', bytes: gzipSync(bytes, { mtime: 0 }) };
    case 'tar.gz':
      return { kind: 'wrap', detail: how, name: 'wrapped.tar.gz', bytes: gzipSync(buildTar([{ name: 'invoice.xml', data: bytes }]), { mtime: 0 }) };
    case 'pdf':
      return { kind: 'wrap', detail: how, name: 'wrapped.pdf', bytes: pdfWithEmbedded({ name: 'factur-x.xml', stream: bytes }) };
  }
}

/** The byte-level mutators, by name. */
export const MUTATORS: Record<string, (bytes: Uint8Array, rng: Rng) => Mutation> = {
  flip: flipBytes,
  insert: insertGarbage,
  splice: spliceRange,
  encoding: encodingSwap,
  element: elementMutation,
  truncate: (bytes, rng) => {
    const at = rng.int(bytes.length + 1);
    return { kind: 'truncate', detail: `cut at ${at} of ${bytes.length}`, bytes: bytes.slice(0, at) };
  },
};

/** Looks like XML (after an optional BOM and white space)? Element and encoding mutators apply then. */
export function looksLikeXml(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c;
}

/**
 * Applies 1–3 random mutations in a row (structure-aware ones only to XML), then, now and
 * then, wraps the result into a container. Returns the final bytes and the chain applied.
 */
export function mutateChain(bytes: Uint8Array, rng: Rng): { bytes: Uint8Array; chain: string[]; wrappedAs: string | null } {
  const chain: string[] = [];
  let current = bytes;
  const steps = 1 + rng.int(3);
  for (let i = 0; i < steps; i++) {
    const names = looksLikeXml(current) ? Object.keys(MUTATORS) : ['flip', 'insert', 'splice', 'truncate'];
    const m = MUTATORS[rng.pick(names)]!(current, rng);
    chain.push(`${m.kind}: ${m.detail}`);
    current = m.bytes;
  }
  let wrappedAs: string | null = null;
  if (looksLikeXml(bytes) && rng.next() < 0.2) {
    const w = wrap(current, rng);
    chain.push(`${w.kind}: ${w.detail}`);
    current = w.bytes;
    wrappedAs = w.name;
  }
  return { bytes: current, chain, wrappedAs };
}
