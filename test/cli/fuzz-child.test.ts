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

  it('measures the peak RSS of each input on its own, not what earlier inputs left behind', async () => {
    const big = strToU8(TINY_UBL.replace('<Invoice', `<!-- ${' '.repeat(80 * 1024 * 1024)} --><Invoice`));
    const first = await runner.run({ api: 'read', inputs: [{ name: 'big.xml', bytes: big }] }, 30_000);
    expect(first.outcome, first.error).toBe('ok');
    const small = await runner.run({ api: 'read', inputs: [{ name: 'ubl.xml', bytes: strToU8(TINY_UBL) }] }, 30_000);
    expect(small.outcome, small.error).toBe('ok');
    expect(first.inputMaxRssBytes).toBeGreaterThan(0);
    // The runner's peak over the child's inputs keeps the big input; the small input's own peak does not.
    expect(runner.peakRssBytes).toBeGreaterThanOrEqual(first.inputMaxRssBytes!);
    expect(small.inputMaxRssBytes!).toBeLessThan(first.inputMaxRssBytes! - 50 * 1024 * 1024);
  }, 60_000);

  it('reports a spinning child as a hang', async () => {
    const hung = await runner.run({ api: 'read', inputs: [{ name: 'ubl.xml', bytes: strToU8(TINY_UBL) }], selfTest: 'spin' }, 1_000);
    expect(hung.outcome).toBe('hang');
  }, 60_000);
});
