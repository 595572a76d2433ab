/**
 * Seeded generators of hostile shapes that mutations of real files rarely reach: archives
 * nested in archives, PDF streams behind filter chains (abbreviated, `#`-escaped, without
 * `/Type`), very long names (archive members, XML elements, attributes) and long runs of
 * white space. Each returns bytes, a display name and a description precise enough to replay.
 */
import { gzipSync, strToU8, zipSync } from 'fflate';
import { PDF_FILTER_ABBREVIATIONS, PDF_FILTER_ENCODERS, TINY_UBL, buildPdf, buildTar, runLengthZlib, tarWithPaxPath } from '../helpers/build/index.js';
import type { Rng } from '../helpers/mutate.js';

/** One generated input. */
export interface Generated {
  kind: string;
  detail: string;
  name: string;
  bytes: Uint8Array;
}

const UBL_HEAD = TINY_UBL.slice(0, TINY_UBL.indexOf('<cbc:ID>'));

// Archive timestamps fixed, so that a seed gives the same bytes on every run and a failing input can be replayed from its seed.
const ZIP_TIME = new Date(2020, 0, 1);
const GZIP_TIME = { mtime: 0 };

/** Archives in archives: zip, gzip and tar.gz, 1 to 5 levels, 1 to 12 members per level. */
export function nested(rng: Rng): Generated {
  const depth = 1 + rng.int(5);
  const width = 1 + rng.int(12);
  const kinds: string[] = [];
  let payload = strToU8(TINY_UBL);
  let name = 'invoice.xml';
  for (let level = 0; level < depth; level++) {
    const kind = rng.pick(['zip', 'zip', 'gzip', 'tar.gz'] as const);
    kinds.push(kind);
    if (kind === 'zip') {
      const files: Record<string, Uint8Array> = {};
      for (let i = 0; i < width; i++) files[`${i}-${name}`] = payload;
      payload = zipSync(files, { level: rng.pick([0, 6] as const), mtime: ZIP_TIME });
      name = `level${level}.zip`;
    } else if (kind === 'gzip') {
      payload = gzipSync(payload, GZIP_TIME);
      name = `${name}.gz`;
    } else {
      payload = gzipSync(buildTar(Array.from({ length: width }, (_, i) => ({ name: `${i}-${name}`, data: payload }))), GZIP_TIME);
      name = `level${level}.tar.gz`;
    }
  }
  return { kind: 'nested', detail: `${kinds.join(' in ')} (innermost first), ${width} members per level`, name, bytes: payload };
}

/** A PDF name written with some of its letters as `#xx` escapes. */
function escaped(name: string, rng: Rng): string {
  return Array.from(name, (c) => (rng.next() < 0.3 ? `#${c.charCodeAt(0).toString(16)}` : c)).join('');
}

/**
 * A Factur-X-like PDF whose embedded file goes through a chain of 1 to 4 filters (names
 * abbreviated or escaped now and then), with or without `/Type`, its payload an invoice or a
 * Flate bomb of up to 16 MB, or of 240 MB to 1.2 GB, of one byte (written as runs, never materialised) under the
 * other filters.
 */
export function filterChain(rng: Rng): Generated {
  const depth = 1 + rng.int(4);
  const chain = Array.from({ length: depth }, () => rng.pick(Object.keys(PDF_FILTER_ENCODERS)));
  const bomb = rng.next() < 0.5;
  // Either well within the default maxPdfStreamBytes (120 MB), or far past it. Within it,
  // pdf.js inflating 100 MB costs about 2 s and 1 GB of memory: a cost of the limit's value,
  // measured apart, not an input that gets round the limit.
  const size = bomb ? (rng.next() < 0.5 ? 1 + rng.int(16 * 1024 * 1024) : 240 * 1024 * 1024 + rng.int(1024 * 1024 * 1024)) : 0;
  let data: Uint8Array;
  let from = chain.length - 1;
  if (bomb) {
    // The last filter pdf.js applies is the Flate of the bomb.
    chain[from] = 'FlateDecode';
    data = runLengthZlib([strToU8(`${UBL_HEAD}<cbc:Note>`), { byte: 0x41, count: size }]).bytes;
    from--;
  } else data = strToU8(TINY_UBL);
  // Encoded innermost last: pdf.js applies the array in order.
  for (let i = from; i >= 0; i--) data = PDF_FILTER_ENCODERS[chain[i]!]!(data);
  const spelled = chain.map((f) => {
    const roll = rng.next();
    return roll < 0.2 ? PDF_FILTER_ABBREVIATIONS[f]! : roll < 0.4 ? escaped(f, rng) : f;
  });
  const key = rng.next() < 0.2 ? 'F' : rng.next() < 0.2 ? escaped('Filter', rng) : 'Filter';
  const filter = spelled.length === 1 && rng.next() < 0.5 ? `/${spelled[0]}` : `[${spelled.map((f) => `/${f}`).join(' ')}]`;
  const type = rng.next() < 0.5 ? '/Type /EmbeddedFile ' : '';
  const pdf = buildPdf([
    { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(factur-x.xml) 4 0 R] >> >> /AF [4 0 R] >>' },
    { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { num: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>' },
    { num: 4, body: '<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) /AFRelationship /Data /EF << /F 5 0 R /UF 5 0 R >> >>' },
    { num: 5, body: `<< ${type}/Subtype /text#2Fxml /${key} ${filter} /Length ${data.length} >>`, stream: data },
  ]);
  return {
    kind: 'filter-chain',
    detail: `/${key} ${filter}${type ? '' : ' without /Type'}, payload ${bomb ? `${size} bytes of A` : 'an invoice'}`,
    name: 'chain.pdf',
    bytes: pdf,
  };
}

/** Long names: a zip or tar member, an XML element or attribute name, of 1 kB to 1 MB. */
export function longName(rng: Rng): Generated {
  const length = 1024 * (1 + rng.int(1024));
  const where = rng.pick(['zip-member', 'tar-member', 'xml-element', 'xml-attribute', 'xml-prefix'] as const);
  const long = 'n'.repeat(length);
  let bytes: Uint8Array;
  let name = 'long.xml';
  if (where === 'zip-member') {
    // The zip format writes name lengths on 16 bits.
    bytes = zipSync({ [`${long.slice(0, 65_000)}.xml`]: strToU8(TINY_UBL) }, { mtime: ZIP_TIME });
    name = 'long.zip';
  } else if (where === 'tar-member') {
    // A pax header carries the long name (POSIX.1-2001 `path`).
    bytes = gzipSync(tarWithPaxPath(`${long}.xml`, strToU8(TINY_UBL)), GZIP_TIME);
    name = 'long.tar.gz';
  } else if (where === 'xml-element') {
    bytes = strToU8(`${UBL_HEAD}<cbc:ID>F-1</cbc:ID><${long}>x</${long}></Invoice>`);
  } else if (where === 'xml-attribute') {
    bytes = strToU8(`${UBL_HEAD}<cbc:ID ${long}="1">F-1</cbc:ID></Invoice>`);
  } else {
    bytes = strToU8(`${UBL_HEAD}<cbc:ID>F-1</cbc:ID><${long}:x xmlns:${long}="urn:x">x</${long}:x></Invoice>`);
  }
  return { kind: 'long-name', detail: `${where} of ${length} characters`, name, bytes };
}

/** Long runs of white space: in a fact (the invoice number), between tags, in a PDF dictionary. */
export function whitespaceRun(rng: Rng): Generated {
  const length = 1 + rng.int(2 * 1024 * 1024);
  const ws = Array.from({ length: 16 }, () => rng.pick([' ', '\t', '\n', '\r\n'])).join('');
  const run = ws.repeat(Math.ceil(length / ws.length)).slice(0, length);
  const where = rng.pick(['invoice-number', 'between-tags', 'attribute', 'pdf-dictionary'] as const);
  if (where === 'pdf-dictionary') {
    const pdf = buildPdf([
      { num: 1, body: `<< /Type /Catalog${run}/Pages 2 0 R >>` },
      { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { num: 3, body: `<< /Type /Page /Parent 2 0 R${run}/MediaBox [0 0 595 842] >>` },
    ]);
    return { kind: 'whitespace', detail: `${where}, ${length} characters`, name: 'blank.pdf', bytes: pdf };
  }
  const text =
    where === 'invoice-number'
      ? `${UBL_HEAD}<cbc:ID>${run}F-1${run}</cbc:ID></Invoice>`
      : where === 'between-tags'
        ? `${UBL_HEAD}${run}<cbc:ID>F-1</cbc:ID>${run}</Invoice>`
        : `${UBL_HEAD}<cbc:ID schemeID="${run}">F-1</cbc:ID></Invoice>`;
  return { kind: 'whitespace', detail: `${where}, ${length} characters`, name: 'blank.xml', bytes: strToU8(text) };
}

/** The generators, by name. */
export const GENERATORS: Record<string, (rng: Rng) => Generated> = { nested, filterChain, longName, whitespaceRun };
