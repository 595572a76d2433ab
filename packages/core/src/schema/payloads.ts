/**
 * Shortens the base64 payloads of attachments (`cac:EmbeddedDocumentBinaryObject`,
 * `ram:AttachmentBinaryObject`, any `…BinaryObject`) before schema validation: a schema checks
 * only that such a payload is base64, which the reader already checks on the whole payload
 * (read/bad-base64), and libxml2 would otherwise hold a mixed XML's attachment twice in its
 * WebAssembly memory, which never shrinks (bench memory: a 100 MB mixed XML). Line breaks are
 * kept, so that every line number libxml2 reports is that of the original document, and so is
 * the length of the payload's last line (columns after it stay right).
 */

/** Payloads up to this many bytes are validated as they are. */
export const KEPT_PAYLOAD_BYTES = 4096;

const MARK = [...'BinaryObject'].map((c) => c.charCodeAt(0));
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const NL = 0x0a;
const SPACE = 0x20;
/** What a long payload becomes: valid base64 of three zero bytes. */
const STANDIN = [0x41, 0x41, 0x41, 0x41];

function isMarkAt(b: Uint8Array, at: number): boolean {
  for (let k = 0; k < MARK.length; k++) if (b[at + k] !== MARK[k]) return false;
  return true;
}

/**
 * The document with every text payload of a `…BinaryObject` element longer than
 * {@link KEPT_PAYLOAD_BYTES} replaced by a short base64 value and its line breaks; the bytes
 * themselves when there is none (or when the document is not in an ASCII-compatible encoding).
 */
export function shortenPayloads(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= KEPT_PAYLOAD_BYTES) return bytes;
  // UTF-16 (BOM or a NUL in the first bytes): left as it is.
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe) || bytes[0] === 0 || bytes[1] === 0) return bytes;
  const parts: Uint8Array[] = [];
  let copied = 0;
  let i = 0;
  for (;;) {
    const b = bytes.indexOf(MARK[0] as number, i);
    if (b < 0) break;
    i = b + 1;
    if (!isMarkAt(bytes, b)) continue;
    // Inside a start tag: '<' before the name (not '</'), then '>' not preceded by '/'.
    let lt = b - 1;
    while (lt >= 0 && b - lt < 256 && bytes[lt] !== LT && bytes[lt] !== GT) lt--;
    if (lt < 0 || bytes[lt] !== LT || bytes[lt + 1] === SLASH) continue;
    const gt = bytes.indexOf(GT, b + MARK.length);
    if (gt < 0) break;
    if (bytes[gt - 1] === SLASH) continue;
    const start = gt + 1;
    const end = bytes.indexOf(LT, start);
    if (end < 0) break;
    i = end;
    // A payload in CDATA or with a comment is left as it is.
    if (bytes[end + 1] !== SLASH || end - start <= KEPT_PAYLOAD_BYTES) continue;
    let lines = 0;
    let last = -1;
    for (let nl = bytes.indexOf(NL, start); nl >= 0 && nl < end; nl = bytes.indexOf(NL, nl + 1)) {
      lines++;
      last = nl;
    }
    // The payload's last line is padded with spaces (allowed in base64Binary) to its length, so
    // that what follows the end tag keeps its column too.
    const tail = last >= 0 && end - last - 1 <= KEPT_PAYLOAD_BYTES ? end - last - 1 : 0;
    const standin = new Uint8Array(STANDIN.length + lines + tail);
    standin.set(STANDIN);
    standin.fill(NL, STANDIN.length, STANDIN.length + lines);
    standin.fill(SPACE, STANDIN.length + lines);
    parts.push(bytes.subarray(copied, start), standin);
    copied = end;
  }
  if (parts.length === 0) return bytes;
  parts.push(bytes.subarray(copied));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
