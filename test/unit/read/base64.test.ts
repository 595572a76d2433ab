/**
 * The base64 meter counts most of an attachment with native string scans: whatever the text and
 * however it is cut into pieces, it must say what a plain character-by-character decoder says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Meter } from '../../../packages/core/src/read/base64.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The reference: every character decoded in turn (RFC 4648 §4), blanks skipped. */
function reference(text: string) {
  let chars = 0;
  let padding = 0;
  let dataAfterPadding = false;
  let invalidChar: string | null = null;
  const values: number[] = [];
  for (const c of text) {
    const v = ALPHABET.indexOf(c);
    if (v >= 0) {
      if (padding > 0) dataAfterPadding = true;
      chars++;
      values.push(v);
    } else if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      continue;
    } else if (c === '=') {
      padding++;
    } else {
      invalidChar ??= c.length > 1 ? c[0]! : c;
    }
  }
  const bytes: number[] = [];
  for (let i = 0; i + 1 < values.length && bytes.length < 16; i += 4) {
    const q = (values[i]! << 18) | (values[i + 1]! << 12) | ((values[i + 2] ?? 0) << 6) | (values[i + 3] ?? 0);
    const n = Math.min(3, values.length - i - 1);
    bytes.push(...[(q >> 16) & 0xff, (q >> 8) & 0xff, q & 0xff].slice(0, n));
  }
  return {
    size: Math.floor((chars * 3) / 4),
    head: bytes.slice(0, 16),
    dataAfterPadding,
    invalidChar,
    wellFormedLength: chars % 4 !== 1 && (chars + padding) % 4 === 0,
  };
}

const piece = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 200 }) },
  { weight: 2, arbitrary: fc.constantFrom('\n', ' ', '\r\n', '\t', '      ', '=', '==') },
  { weight: 1, arbitrary: fc.constantFrom('!', 'é', '-', '_', '\u{1F600}', '<', '\u0000') },
);

describe('Base64Meter', () => {
  it('measures like a character-by-character decoder, whatever the text and its pieces', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }), (parts, cuts) => {
        const text = parts.join('');
        const meter = new Base64Meter();
        for (let at = 0, k = 0; at < text.length; k++) {
          const size = cuts[k % cuts.length]!;
          meter.push(text.slice(at, at + size));
          at += size;
        }
        const want = reference(text);
        expect({
          size: meter.size,
          head: [...meter.headBytes()],
          dataAfterPadding: meter.dataAfterPadding,
          invalidChar: meter.invalidChar,
          wellFormedLength: meter.wellFormedLength,
        }).toEqual(want);
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });

  it('measures a megabyte of wrapped base64 exactly', () => {
    const bytes = new Uint8Array(750_000).map((_, i) => (i * 7919) & 0xff);
    const text = Buffer.from(bytes)
      .toString('base64')
      .replace(/(.{76})/g, '$1\n      ');
    const meter = new Base64Meter();
    meter.push(text);
    expect(meter.size).toBe(bytes.length);
    expect([...meter.headBytes()]).toEqual([...bytes.subarray(0, 16)]);
    expect(meter.wellFormedLength).toBe(true);
    expect(meter.invalidChar).toBeNull();
  });
});
