/**
 * Bugs found by fuzzing, each with the test that failed before its fix. Inputs that still
 * fail are kept as data under `test/fuzz/regressions/` and listed in its README.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { strToU8 } from 'fflate';
import { TINY_UBL, pdfWithEmbedded } from '../helpers/build/index.js';
import { DEFAULT_LIMITS } from '../../packages/core/src/limits.js';
import { IsolatedRunner } from './runner.js';

const runner = new IsolatedRunner();
afterAll(() => runner.close());

describe('fuzz regressions', () => {
  it('a lone gzip bomb is refused at the document limit, not after inflating up to the batch limit', async () => {
    // Before: the 1 GB bomb was inflated whole in memory (2.2 GB RSS, 17 s) before being refused.
    // Its trailer declares 1 GB: refused on that; a lying trailer is refused at the limit + 1.
    const declared = await runner.run({ api: 'read', inputs: [{ bombId: 'gzip-1gb' }] }, 60_000);
    expect(declared.outcome, declared.error ?? declared.violations.join('\n')).toBe('ok');
    expect(declared.limitHits.map((h) => h.ruleId)).toContain('limit/maxDocumentBytes');
    const lying = await runner.run({ api: 'read', inputs: [{ bombId: 'gzip-1gb-lying' }], limits: { maxBatchBytes: 2 * 1024 ** 3 } }, 60_000);
    expect(lying.outcome, lying.error ?? lying.violations.join('\n')).toBe('ok');
    const hit = lying.limitHits.find((h) => h.ruleId === 'limit/maxDocumentBytes');
    expect(hit, JSON.stringify(lying.limitHits)).toBeDefined();
    expect(hit!.actual as number).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDocumentBytes + 1);
  }, 90_000);

  it('a zip whose entries share their data (overlapping-entries bomb) is refused before inflating', async () => {
    // Before: 2 000 entries over one 100 MB member were inflated until the 1 GB batch limit (18 s, 1 GB RSS).
    const r = await runner.run({ api: 'read', inputs: [{ bombId: 'zip-overlapping' }] }, 60_000);
    expect(r.outcome, r.error ?? r.violations.join('\n')).toBe('ok');
    expect(r.ruleIds).toContain('read/archive-overlapping-entries');
  }, 90_000);

  it('an XML error at the start of a line is located at column 1, not 0', async () => {
    // Before: saxes' 0-based column leaked into the location (`column: 0`) when the error
    // came right after a line break (found truncating the UBL seed at byte 39).
    const r = await runner.run({ api: 'read', inputs: [{ name: 'cut.xml', bytes: strToU8(TINY_UBL.slice(0, 39)) }] }, 30_000);
    expect(r.outcome, [...r.violations, r.error ?? ''].join('\n')).toBe('ok');
    expect(r.ruleIds.some((id) => id.startsWith('read/xml-'))).toBe(true);
  }, 60_000);

  it('a zip with 65 535 members is listed without walking its directory once per member', async () => {
    // Before: fflate's unzipSync walked the whole central directory for every member extracted:
    // 1 000 members × 65 535 entries took 20 s. Now a few tens of milliseconds.
    const r = await runner.run({ api: 'read', inputs: [{ bombId: 'zip-65535-empty' }] }, 10_000);
    expect(r.outcome, [...r.violations, r.error ?? ''].join('\n')).toBe('ok');
    expect(r.ruleIds).toContain('limit/maxBatchMembers');
  }, 60_000);

  it('a zip whose end record declares more entries than it can hold is corrupt, not a hang', async () => {
    const r = await runner.run({ api: 'read', inputs: [{ bombId: 'zip-garbage-entry-count' }] }, 10_000);
    expect(r.outcome, [...r.violations, r.error ?? ''].join('\n')).toBe('ok');
    expect(r.ruleIds).toContain('read/archive-corrupt');
  }, 60_000);

  it('a Factur-X PDF whose invoice XML is not an invoice is an error, not a silent pass', async () => {
    // Before: the embedded XML was read as a stray archive member would be ("not an invoice",
    // a warning), so the PDF was unreadable with no error and the CLI exited 0.
    const bytes = pdfWithEmbedded({ name: 'factur-x.xml', stream: strToU8('<?xml version="1.0"?><Order xmlns="urn:example:order"><ID>1</ID></Order>') });
    for (const api of ['read', 'precheck'] as const) {
      const r = await runner.run({ api, inputs: [{ name: 'order.pdf', bytes }] }, 30_000);
      expect(r.outcome, [...r.violations, r.error ?? ''].join('\n')).toBe('ok');
      expect(r.ruleIds).toContain('read/not-an-invoice');
    }
  }, 60_000);

  // Inputs found by fuzzing, kept as data with a .json sidecar saying how they were found.
  const dir = new URL('./regressions/', import.meta.url);
  for (const name of readdirSync(dir)
    .filter((f) => !f.endsWith('.json') && !f.endsWith('.md'))
    .sort()) {
    it(`replays ${name}`, async () => {
      const bytes = new Uint8Array(readFileSync(new URL(name, dir)));
      for (const api of ['read', 'precheck'] as const) {
        const r = await runner.run({ api, inputs: [{ name, bytes }] }, 10_000);
        expect(r.outcome, `${api}: ${[...r.violations, r.error ?? ''].join('\n')}`).toBe('ok');
      }
    }, 60_000);
  }
});
