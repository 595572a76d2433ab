import type { Container, Attachment } from '../facts/facts.js';
import type { LocalizedText } from '../diagnostics/diagnostic.js';

/** What the first bytes of an input say it is. */
export interface Sniffed {
  container: Container | 'tar';
  /** For `unknown` (and `tar`): what was found, named for the user. */
  found: LocalizedText | null;
}

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  return out;
}

const PDF = ascii('%PDF-');
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const ZIP_SPANNED = [0x50, 0x4b, 0x07, 0x08];
const GZIP = [0x1f, 0x8b];
const USTAR = ascii('ustar');

/** Signatures of formats that are not deposits, so that the diagnostic can name them. */
const KNOWN_OTHER: ReadonlyArray<{ sig: number[]; at?: number; name: LocalizedText }> = [
  { sig: [0x89, 0x50, 0x4e, 0x47], name: { fr: 'une image PNG', en: 'a PNG image' } },
  { sig: [0xff, 0xd8, 0xff], name: { fr: 'une image JPEG', en: 'a JPEG image' } },
  { sig: ascii('GIF8'), name: { fr: 'une image GIF', en: 'a GIF image' } },
  { sig: [0x49, 0x49, 0x2a, 0x00], name: { fr: 'une image TIFF', en: 'a TIFF image' } },
  { sig: [0x4d, 0x4d, 0x00, 0x2a], name: { fr: 'une image TIFF', en: 'a TIFF image' } },
  { sig: ascii('BM'), name: { fr: 'une image BMP', en: 'a BMP image' } },
  { sig: ascii('Rar!'), name: { fr: 'une archive RAR', en: 'a RAR archive' } },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: { fr: 'une archive 7-Zip', en: 'a 7-Zip archive' } },
  { sig: ascii('BZh'), name: { fr: 'un fichier compressé bzip2', en: 'a bzip2-compressed file' } },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: { fr: 'un fichier compressé xz', en: 'an xz-compressed file' } },
  { sig: [0x28, 0xb5, 0x2f, 0xfd], name: { fr: 'un fichier compressé zstd', en: 'a zstd-compressed file' } },
  { sig: [0xd0, 0xcf, 0x11, 0xe0], name: { fr: 'un document Office ancien format (OLE2)', en: 'a legacy Office (OLE2) document' } },
  { sig: ascii('{\\rtf'), name: { fr: 'un document RTF', en: 'an RTF document' } },
  { sig: ascii('UNA'), name: { fr: 'un message EDIFACT', en: 'an EDIFACT message' } },
  { sig: ascii('UNB+'), name: { fr: 'un message EDIFACT', en: 'an EDIFACT message' } },
  { sig: ascii('ISA'), name: { fr: 'un message X12', en: 'an X12 message' } },
  { sig: [0x7f, 0x45, 0x4c, 0x46], name: { fr: 'un exécutable ELF', en: 'an ELF executable' } },
  { sig: ascii('MZ'), name: { fr: 'un exécutable Windows', en: 'a Windows executable' } },
];

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Index of the first non-blank byte after an optional UTF-8 BOM, or -1. */
function firstSignificant(b: Uint8Array, max: number): number {
  let i = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const end = Math.min(b.length, max);
  while (i < end && isSpace(b[i])) i++;
  return i < end ? i : -1;
}

/** Tells whether the bytes look like XML: a `<` first (after BOM and blanks), in UTF-8 or UTF-16. */
export function looksLikeXml(b: Uint8Array): boolean {
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) {
    // UTF-16 with BOM: the first significant code unit must be '<'.
    const le = b[0] === 0xff;
    for (let i = 2; i + 1 < Math.min(b.length, 4096); i += 2) {
      const cu = le ? (b[i] as number) | ((b[i + 1] as number) << 8) : ((b[i] as number) << 8) | (b[i + 1] as number);
      if (cu === 0x20 || cu === 0x09 || cu === 0x0a || cu === 0x0d) continue;
      return cu === 0x3c;
    }
    return false;
  }
  if (startsWith(b, [0x3c, 0x00, 0x3f, 0x00]) || startsWith(b, [0x00, 0x3c, 0x00, 0x3f])) return true;
  const i = firstSignificant(b, 4096);
  return i >= 0 && b[i] === 0x3c;
}

/** Tells whether a 512-byte block at `at` is a tar header (ustar magic, or a valid checksum). */
export function looksLikeTar(b: Uint8Array, at = 0): boolean {
  if (b.length < at + 512) return false;
  if (startsWith(b, USTAR, at + 257)) return true;
  // Old (v7) tar has no magic: trust the header checksum.
  let stored = 0;
  let digits = 0;
  for (let i = at + 148; i < at + 156; i++) {
    const c = b[i] as number;
    if (c >= 0x30 && c <= 0x37) {
      stored = stored * 8 + (c - 0x30);
      digits++;
    } else if (c !== 0 && c !== 0x20) return false;
  }
  if (digits === 0) return false;
  let sum = 0;
  for (let i = at; i < at + 512; i++) sum += i >= at + 148 && i < at + 156 ? 0x20 : (b[i] as number);
  return sum === stored && b[at] !== 0;
}

function looksLikeText(b: Uint8Array): boolean {
  const end = Math.min(b.length, 4096);
  for (let i = 0; i < end; i++) {
    const c = b[i] as number;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) return false;
  }
  return true;
}

/** Detects the container from the bytes (never from the file name) and names unknown content. */
export function sniffContainer(b: Uint8Array): Sniffed {
  if (b.length === 0) return { container: 'unknown', found: { fr: 'un fichier vide', en: 'an empty file' } };
  if (startsWith(b, GZIP)) return { container: 'gzip', found: null };
  if (startsWith(b, ZIP_LOCAL) || startsWith(b, ZIP_EMPTY) || startsWith(b, ZIP_SPANNED)) return { container: 'zip', found: null };
  // By the first significant bytes: `%PDF-` first is a PDF, `<` first is XML (even with
  // `%PDF-` in a comment of its first KB). Otherwise ISO 32000-1 §7.5.2 lets readers accept
  // the PDF header anywhere in the first 1024 bytes.
  if (startsWith(b, PDF)) return { container: 'pdf', found: null };
  if (looksLikeXml(b)) return { container: 'xml', found: null };
  if (indexOfBytes(b, PDF, 0, 1024) >= 0) return { container: 'pdf', found: null };
  if (looksLikeTar(b)) {
    return {
      container: 'tar',
      found: { fr: 'une archive tar non compressée (Chorus Pro attend un .tar.gz)', en: 'an uncompressed tar archive (Chorus Pro expects a .tar.gz)' },
    };
  }
  for (const k of KNOWN_OTHER) if (startsWith(b, k.sig, k.at ?? 0)) return { container: 'unknown', found: k.name };
  const i = firstSignificant(b, 4096);
  if (i < 0) return { container: 'unknown', found: { fr: 'un fichier ne contenant que des blancs', en: 'a file holding only blanks' } };
  const c = b[i];
  if ((c === 0x7b || c === 0x5b) && looksLikeText(b)) return { container: 'unknown', found: { fr: 'un texte JSON', en: 'JSON text' } };
  if (looksLikeText(b)) return { container: 'unknown', found: { fr: 'du texte brut', en: 'plain text' } };
  return { container: 'unknown', found: { fr: 'des données binaires de type inconnu', en: 'binary data of unknown type' } };
}

/** Sniffs decoded attachment bytes: PDF, ZIP or anything else. */
export function sniffAttachment(head: Uint8Array): Attachment['sniffed'] {
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, ZIP_LOCAL) || startsWith(head, ZIP_EMPTY)) return 'zip';
  return 'other';
}

/** Finds a byte sequence in `b[from, to)`; -1 when absent. */
export function indexOfBytes(b: Uint8Array, needle: readonly number[] | Uint8Array, from = 0, to = b.length): number {
  const first = needle[0] as number;
  const last = Math.min(to, b.length) - needle.length;
  // `indexOf` would search past `to`: over a whole file when the first byte is rare.
  const hay = last + 1 < b.length ? b.subarray(0, Math.max(0, last + 1)) : b;
  let i = from;
  while (i <= last) {
    i = hay.indexOf(first, i);
    if (i < 0 || i > last) return -1;
    let ok = true;
    for (let j = 1; j < needle.length; j++)
      if (b[i + j] !== needle[j]) {
        ok = false;
        break;
      }
    if (ok) return i;
    i++;
  }
  return -1;
}

/** Finds the last occurrence of a byte sequence starting at or before `from`; -1 when absent. */
export function lastIndexOfBytes(b: Uint8Array, needle: readonly number[] | Uint8Array, from = b.length - needle.length): number {
  const first = needle[0] as number;
  let i = Math.min(from, b.length - needle.length);
  while (i >= 0) {
    i = b.lastIndexOf(first, i);
    if (i < 0) return -1;
    let ok = true;
    for (let j = 1; j < needle.length; j++)
      if (b[i + j] !== needle[j]) {
        ok = false;
        break;
      }
    if (ok) return i;
    i--;
  }
  return -1;
}

/** Encodes an ASCII string as bytes (for signatures and PDF keywords). */
export function asciiBytes(s: string): Uint8Array {
  return Uint8Array.from(ascii(s));
}
