/**
 * The catalogue of hostile inputs, built in memory and deterministic: XML entity-expansion and
 * external-resolution attempts, deep nesting, huge attributes and text, zip / gzip / tar
 * bombs and path tricks, PDF decompression bombs, looping cross-reference tables, truncated
 * and encrypted-looking PDFs. The bytes are written with the builders of `./build/`.
 */
import { gzipSync, strToU8, zipSync } from 'fflate';
import type { Limits } from '../../packages/core/src/limits.js';
import {
  TINY_UBL,
  UBL_OPEN,
  buildPdf,
  buildTar,
  buildZip,
  crc32,
  encryptedLookingPdf,
  facturxPdf,
  hugeXml,
  pdfSkeleton,
  pdfWithEmbedded,
  runLengthDeflate,
  runLengthGzip,
  runLengthZlib,
} from './build/index.js';

// ---------------------------------------------------------------------------------------------
// The bombs

/** What a bomb must be answered with. */
export interface BombExpectation {
  /** Limits any one of which may stop it; its diagnostic is `limit/<name>`. */
  limits?: (keyof Limits)[];
  /** Other acceptable diagnostic ids (reader ids), as patterns. */
  ruleIds?: RegExp[];
}

/** A hostile input, built on demand (some are tens of MB), and what must answer it. */
export interface Bomb {
  id: string;
  /** The display name given to the reader (its extension is a hint, not the truth). */
  name: string;
  description: string;
  build(): Uint8Array;
  expect: BombExpectation;
  /** Large inputs: the fast test slice may scale them down through `build` options. */
  heavy?: boolean;
}

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;

function billionLaughs(levels: number): string {
  let dtd = '<!ENTITY lol0 "lol">\n';
  for (let i = 1; i <= levels; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">\n`;
  return `<?xml version="1.0"?>\n<!DOCTYPE Invoice [\n${dtd}]>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&lol${levels};</cbc:ID></Invoice>\n`;
}

function deepNesting(depth: number): Uint8Array {
  const open = strToU8('<cac:X>');
  const close = strToU8('</cac:X>');
  const head = strToU8(UBL_OPEN);
  const tail = strToU8('</Invoice>\n');
  const out = new Uint8Array(head.length + depth * (open.length + close.length) + tail.length);
  let o = 0;
  out.set(head, o);
  o += head.length;
  for (let i = 0; i < depth; i++, o += open.length) out.set(open, o);
  for (let i = 0; i < depth; i++, o += close.length) out.set(close, o);
  out.set(tail, o);
  return out;
}

function xmlBomb(): Bomb[] {
  return [
    {
      id: 'xml-billion-laughs',
      name: 'billion-laughs.xml',
      description: 'internal DTD, 10 levels of 10 entity references (10^10 "lol")',
      build: () => strToU8(billionLaughs(10)),
      expect: { ruleIds: [/dtd|doctype|entity|not-well-formed/i] },
    },
    {
      id: 'xml-quadratic-blowup',
      name: 'quadratic.xml',
      description: 'one 50 kB entity referenced 50 000 times',
      build: () =>
        strToU8(
          `<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY a "${'a'.repeat(50_000)}">]>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${'&a;'.repeat(50_000)}</Invoice>\n`,
        ),
      expect: { ruleIds: [/dtd|doctype|entity|not-well-formed/i] },
    },
    {
      id: 'xml-external-entity',
      name: 'xxe.xml',
      description: 'external entities: file:///etc/passwd and a network SYSTEM id',
      build: () => strToU8(externalEntityXml('http://127.0.0.1:9/xxe')),
      expect: { ruleIds: [/dtd|doctype|entity|not-well-formed/i] },
    },
    {
      id: 'xml-external-dtd',
      name: 'external-dtd.xml',
      description: 'DOCTYPE with a network SYSTEM id and a parameter entity',
      build: () => strToU8(externalDtdXml('http://127.0.0.1:9/evil.dtd')),
      expect: { ruleIds: [/dtd|doctype|entity|not-well-formed/i] },
    },
    {
      id: 'xml-deep-nesting',
      name: 'deep.xml',
      description: '100 000 nested elements',
      build: () => deepNesting(100_000),
      expect: { limits: ['maxXmlDepth'] },
    },
    {
      id: 'xml-huge-attribute',
      name: 'huge-attribute.xml',
      description: 'one 50 MB attribute value',
      build: () => hugeXml('attribute', 50 * MB),
      expect: { limits: ['maxAttributeLength'] },
      heavy: true,
    },
    {
      id: 'xml-huge-text',
      name: 'huge-text.xml',
      description: 'one 20 MB text node (not an attachment)',
      build: () => hugeXml('text', 20 * MB),
      expect: { limits: ['maxTextLength'] },
      heavy: true,
    },
  ];
}

/** An XML invoice with external entities, an XInclude and a schema location pointing at `url`. */
export function externalEntityXml(url: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE Invoice [
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "${url}">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 ${url}.xsd">
  <cbc:ID>&passwd;</cbc:ID>
  <cbc:Note>&remote;</cbc:Note>
  <xi:include href="${url}/include.xml" parse="text"/>
</Invoice>
`;
}

/** An XML invoice whose DOCTYPE loads an external DTD and a parameter entity from `url`. */
export function externalDtdXml(url: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE Invoice SYSTEM "${url}" [
  <!ENTITY % ext SYSTEM "${url}/param.dtd">
  %ext;
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>F-1</cbc:ID></Invoice>
`;
}

/** An XInclude-only document (no DTD), so that a reader rejecting DTDs alone does not mask it. */
export function xincludeXml(url: string): string {
  return `<?xml version="1.0"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:xi="http://www.w3.org/2001/XInclude" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 ${url}/schema.xsd">
  <cbc:ID>F-1</cbc:ID>
  <xi:include href="${url}/include.xml"/>
  <xi:include href="file:///etc/passwd" parse="text"/>
</Invoice>
`;
}

/** A gzip whose payload is `size` zero bytes after an XML prologue (real, not only declared). */
export function gzipBomb(size: number = GB): Uint8Array {
  const head = strToU8(`${UBL_OPEN}<cbc:Note>`);
  return runLengthGzip([head, { byte: 0x41, count: size - head.length }], { name: 'invoice.xml' });
}

function archiveBombs(): Bomb[] {
  return [
    {
      id: 'gzip-1gb',
      name: 'bomb.xml.gz',
      description: 'gzip inflating to 1 GB (6.8 MB on disk)',
      build: () => gzipBomb(GB),
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxTextLength', 'maxInputBytes'] },
    },
    {
      id: 'gzip-1gb-lying',
      name: 'lying.xml.gz',
      description: 'gzip inflating to 1 GB whose trailer declares 1 kB',
      build: () => {
        const bomb = gzipBomb(GB);
        new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength).setUint32(bomb.length - 4, 1024, true);
        return bomb;
      },
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxTextLength'] },
    },
    {
      id: 'gzip-declared-1gb',
      name: 'declared.xml.gz',
      description: 'gzip of a tiny invoice whose trailer declares 1 GB',
      build: () => runLengthGzip([strToU8(TINY_UBL)], { name: 'invoice.xml', declaredSize: GB }),
      // A trailer that disagrees with the data is a corrupt gzip (RFC 1952 §2.3.1): refused on
      // the declared size, or reported as corrupt, never read as if nothing were wrong.
      expect: { limits: ['maxDocumentBytes', 'maxBatchBytes'], ruleIds: [/archive-corrupt|gzip/] },
    },
    {
      id: 'zip-1gb-member',
      name: 'bomb.zip',
      description: 'zip whose one member inflates to 1 GB',
      build: () => {
        const { deflated, size, crc } = runLengthDeflate([strToU8(`${UBL_OPEN}<cbc:Note>`), { byte: 0x41, count: GB }]);
        return buildZip([{ name: 'invoice.xml', data: deflated, method: 8, crc, size }]);
      },
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxTextLength'] },
    },
    {
      id: 'zip-lying-size',
      name: 'lying.zip',
      description: 'zip member declaring 10 bytes, inflating to 200 MB',
      build: () => {
        const { deflated, crc } = runLengthDeflate([strToU8(`${UBL_OPEN}<cbc:Note>`), { byte: 0x41, count: 200 * MB }]);
        return buildZip([{ name: 'invoice.xml', data: deflated, method: 8, crc, size: 10 }]);
      },
      // fflate sizes the output from the declared size: the member is cut to 10 bytes, hence malformed.
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxTextLength'], ruleIds: [/zip|archive|size|corrupt|not-well-formed/i] },
    },
    {
      id: 'zip-overlapping',
      name: 'overlap.zip',
      description: '2 000 central-directory entries sharing one 100 MB member (200 GB in all)',
      build: () => {
        const { deflated, size, crc } = runLengthDeflate([{ byte: 0x20, count: 100 * MB }]);
        return buildZip([{ name: 'a.xml', data: deflated, method: 8, crc, size, aliases: 1999 }]);
      },
      expect: { ruleIds: [/overlap/] },
    },
    {
      id: 'zip-nested',
      name: 'nested.zip',
      description: 'zip in zip in zip in zip around a tiny invoice',
      build: () => {
        let inner = zipSync({ 'invoice.xml': strToU8(TINY_UBL) });
        for (let i = 3; i >= 1; i--) inner = zipSync({ [`level${i}.zip`]: inner });
        return inner;
      },
      expect: { limits: ['maxArchiveNesting'] },
    },
    {
      id: 'zip-nested-bomb',
      name: 'nested-bomb.zip',
      description: 'zip of 10 zips, each holding a member inflating to 200 MB',
      build: () => {
        const { deflated, size, crc } = runLengthDeflate([{ byte: 0x41, count: 200 * MB }]);
        const inner = buildZip([{ name: 'inner.xml', data: deflated, method: 8, crc, size }]);
        const files: Record<string, Uint8Array> = {};
        for (let i = 0; i < 10; i++) files[`part${i}.zip`] = inner;
        return zipSync(files, { level: 0 });
      },
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes', 'maxArchiveNesting', 'maxTextLength'] },
    },
    {
      id: 'zip-10000-empty',
      name: 'many.zip',
      description: '10 000 empty members',
      build: () => {
        const files: Record<string, Uint8Array> = {};
        for (let i = 0; i < 10_000; i++) files[`m${String(i).padStart(5, '0')}.xml`] = new Uint8Array(0);
        return zipSync(files, { level: 0 });
      },
      expect: { limits: ['maxBatchMembers'] },
    },
    {
      id: 'zip-65535-empty',
      name: 'many-more.zip',
      description: '65 535 empty members (the most without ZIP64)',
      build: () => {
        const files: Record<string, Uint8Array> = {};
        for (let i = 0; i < 65_535; i++) files[`m${String(i).padStart(5, '0')}.xml`] = new Uint8Array(0);
        return zipSync(files, { level: 0 });
      },
      expect: { limits: ['maxBatchMembers'] },
    },
    {
      id: 'zip-garbage-entry-count',
      name: 'garbage-count.zip',
      description: 'an end record declaring 65 535 entries in a 200-byte file',
      build: () => {
        const out = buildZip([{ name: 'a.xml', data: strToU8(TINY_UBL.slice(0, 100)), method: 0, crc: 0, size: 100 }]);
        new DataView(out.buffer).setUint16(out.length - 22 + 8, 0xffff, true);
        new DataView(out.buffer).setUint16(out.length - 22 + 10, 0xffff, true);
        return out;
      },
      expect: { ruleIds: [/archive-corrupt/] },
    },
    {
      id: 'tar-10000-empty',
      name: 'many.tar.gz',
      description: 'tar.gz of 10 000 empty members',
      build: () => gzipSync(buildTar(Array.from({ length: 10_000 }, (_, i) => ({ name: `m${String(i).padStart(5, '0')}.xml` })))),
      expect: { limits: ['maxBatchMembers'] },
    },
    {
      id: 'tar-paths',
      name: 'paths.tar.gz',
      description: 'tar.gz with ../, absolute, duplicate and symlink members',
      build: () => gzipSync(tarWithPathTricks()),
      expect: { ruleIds: [/path|travers|absolute|duplicate|unsafe|member|link/i] },
    },
    {
      id: 'zip-paths',
      name: 'paths.zip',
      description: 'zip with ../, absolute and duplicate member names',
      build: () => {
        const x = strToU8(TINY_UBL);
        const crc = crc32(x);
        return buildZip(
          ['../../evil.xml', '/etc/cron.d/evil.xml', 'C:\\evil.xml', 'ok.xml', 'ok.xml'].map((name) => ({
            name,
            data: x,
            method: 0 as const,
            crc,
            size: x.length,
          })),
        );
      },
      expect: { ruleIds: [/path|travers|absolute|duplicate|unsafe|member/i] },
    },
    {
      id: 'tar-truncated-member',
      name: 'truncated.tar.gz',
      description: 'tar member declaring 1 GB with 10 bytes of data',
      build: () => gzipSync(buildTar([{ name: 'invoice.xml', data: strToU8('<Invoice/>'), declaredSize: GB }])),
      expect: { limits: ['maxBatchBytes', 'maxDocumentBytes'], ruleIds: [/tar|archive|truncat|corrupt|unreadable/i] },
    },
  ];
}

/** A tar holding `../` and absolute member names, a duplicate and a symlink, plus a good invoice. */
export function tarWithPathTricks(): Uint8Array {
  const x = strToU8(TINY_UBL);
  return buildTar([
    { name: '../../../tmp/evil.xml', data: x },
    { name: '/etc/evil.xml', data: x },
    { name: 'dup.xml', data: x },
    { name: 'dup.xml', data: x },
    { name: 'link.xml', type: '2', linkname: '/etc/passwd' },
    { name: 'good.xml', data: x },
  ]);
}

function pdfBombs(): Bomb[] {
  return [
    {
      id: 'pdf-embedded-bomb',
      name: 'embedded-bomb.pdf',
      description: 'embedded factur-x.xml FlateDecode stream inflating to 2 GB, /Size says 1 kB',
      build: () => {
        const z = runLengthZlib([strToU8(`${UBL_OPEN}<cbc:Note>`), { byte: 0x41, count: 2 * GB }]);
        return pdfWithEmbedded({ name: 'factur-x.xml', stream: z.bytes, filter: 'FlateDecode', declaredSize: 1024 });
      },
      expect: { limits: ['maxPdfStreamBytes', 'maxAttachmentBytes', 'maxDocumentBytes', 'maxTextLength'] },
    },
    {
      id: 'pdf-xmp-bomb',
      name: 'xmp-bomb.pdf',
      description: 'XMP metadata FlateDecode stream inflating to 1 GB',
      build: () => {
        const z = runLengthZlib([strToU8('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'), { byte: 0x20, count: GB }]);
        return pdfWithEmbedded({ name: 'factur-x.xml', stream: strToU8(TINY_UBL) }, { stream: z.bytes, filter: 'FlateDecode' });
      },
      expect: { limits: ['maxPdfStreamBytes', 'maxTextLength'] },
    },
    {
      id: 'pdf-xref-loop',
      name: 'xref-loop.pdf',
      description: 'trailer /Prev pointing at its own cross-reference table',
      build: () => buildPdf(pdfSkeleton(), { selfPrev: true }),
      expect: { ruleIds: [/.*/] },
    },
    {
      id: 'pdf-huge-size',
      name: 'huge-size.pdf',
      description: 'trailer /Size declaring 2^31 objects',
      build: () => buildPdf(pdfSkeleton(), { size: 2 ** 31 - 1 }),
      expect: { limits: ['maxPdfObjects'], ruleIds: [/pdf/i] },
    },
    {
      id: 'pdf-encrypted',
      name: 'encrypted.pdf',
      description: 'standard security handler with a user password',
      build: () => encryptedLookingPdf(),
      expect: { ruleIds: [/encrypt|password|pdf/i] },
    },
    {
      id: 'pdf-truncated-header',
      name: 'truncated.pdf',
      description: 'a PDF cut right after its header',
      build: () => facturxPdf().subarray(0, 20),
      expect: { ruleIds: [/pdf|unreadable|truncat|corrupt/i] },
    },
  ];
}

/** Every bomb, in a stable order. */
export function allBombs(): Bomb[] {
  return [...xmlBomb(), ...archiveBombs(), ...pdfBombs()];
}
