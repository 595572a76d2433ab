/**
 * Fuzz campaigns (`npm run fuzz`) run the built core under plain node, as the CLI and services
 * do, so that the peak RSS they report is the product's and not a TypeScript loader's. This
 * checks that such a child reads an invoice, a PDF with its XMP, and still reports a hang.
 */
import { strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_UBL, facturxPdf } from '../helpers/build/index.js';
import { IsolatedRunner } from '../fuzz/runner.js';

const runner = new IsolatedRunner({ built: true });
afterAll(() => runner.close());

describe('fuzz child on the built core', () => {
  it('checks an invoice and a Factur-X PDF with the built core', async () => {
    const xml = await runner.run({ api: 'precheck', inputs: [{ name: 'ubl.xml', bytes: strToU8(TINY_UBL) }] }, 30_000);
    expect(xml.outcome, xml.error).toBe('ok');
    expect(xml.files).toEqual(['ubl.xml']);
    const pdf = await runner.run({ api: 'read', inputs: [{ name: 'fx.pdf', bytes: facturxPdf() }] }, 30_000);
    expect(pdf.outcome, pdf.error).toBe('ok');
    expect(pdf.ruleIds.filter((id) => id.startsWith('read/'))).not.toContain('read/unreadable');
  }, 60_000);

  it('reports the peak RSS of each input beside the peak over all the inputs of the child', async () => {
    const big = strToU8(TINY_UBL.replace('<Invoice', `<!-- ${' '.repeat(80 * 1024 * 1024)} --><Invoice`));
    const first = await runner.run({ api: 'read', inputs: [{ name: 'big.xml', bytes: big }] }, 30_000);
    expect(first.outcome, first.error).toBe('ok');
    const small = await runner.run({ api: 'read', inputs: [{ name: 'ubl.xml', bytes: strToU8(TINY_UBL) }] }, 30_000);
    expect(small.outcome, small.error).toBe('ok');
    // The 80 MB input is in the child's memory while it is checked.
    expect(first.inputMaxRssBytes!).toBeGreaterThan(80 * 1024 * 1024);
    for (const r of [first, small]) {
      // Measured from the kernel's mark: at least the RSS when the input was done, at most the child's peak.
      expect(r.inputMaxRssBytes!).toBeGreaterThanOrEqual(r.rssBytes);
      expect(r.inputMaxRssBytes!).toBeLessThanOrEqual(runner.peakRssBytes);
    }
    // After the collection and the reset, the small input's figure is never above the big one's.
    // (It is an upper bound: V8 gives freed pages back to the system lazily.)
    expect(small.inputMaxRssBytes!).toBeLessThanOrEqual(first.inputMaxRssBytes!);
  }, 60_000);

  it('reports a spinning child as a hang', async () => {
    const hung = await runner.run({ api: 'read', inputs: [{ name: 'ubl.xml', bytes: strToU8(TINY_UBL) }], selfTest: 'spin' }, 1_000);
    expect(hung.outcome).toBe('hang');
  }, 60_000);
});
