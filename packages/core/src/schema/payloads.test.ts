import { describe, expect, it } from 'vitest';
import { KEPT_PAYLOAD_BYTES, shortenPayloads } from './payloads.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const lines = (s: string) => s.split('\n').length;

describe('shortenPayloads', () => {
  const payload = ('QUJD'.repeat(19) + '\n').repeat(200);
  const doc = `<?xml version="1.0"?>\n<Invoice xmlns:cbc="u">\n  <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">\n${payload}</cbc:EmbeddedDocumentBinaryObject>\n  <cbc:Note>after</cbc:Note>\n</Invoice>\n`;

  it('replaces a long payload by a short base64 value, keeping every line break', () => {
    expect(payload.length).toBeGreaterThan(KEPT_PAYLOAD_BYTES);
    const out = dec(shortenPayloads(enc(doc)));
    expect(out.length).toBeLessThan(doc.length / 10);
    expect(lines(out)).toBe(lines(doc));
    expect(out).toContain('filename="a.pdf">AAAA\n');
    expect(out.split('\n').findIndex((l) => l.includes('<cbc:Note>after'))).toBe(doc.split('\n').findIndex((l) => l.includes('<cbc:Note>after')));
    // The end tag keeps its column.
    const endColumn = (s: string) =>
      s
        .split('\n')
        .find((l) => l.includes('</cbc:EmbeddedDocumentBinaryObject>'))!
        .indexOf('</cbc:');
    const tailed = doc.replace('\n</cbc:Embedded', '\nQUJD</cbc:Embedded');
    expect(endColumn(dec(shortenPayloads(enc(tailed))))).toBe(endColumn(tailed));
  });

  it('leaves short payloads, CDATA, self-closing and end tags, and UTF-16 documents alone', () => {
    const short = enc(doc.replace(payload, 'QUJD'));
    expect(shortenPayloads(short)).toBe(short);
    const cdata = enc(doc.replace(payload, `<![CDATA[${payload}]]>`));
    expect(dec(shortenPayloads(cdata))).toBe(dec(cdata));
    const utf16 = new Uint8Array([0xff, 0xfe, ...enc(doc)]);
    expect(shortenPayloads(utf16)).toBe(utf16);
  });
});
