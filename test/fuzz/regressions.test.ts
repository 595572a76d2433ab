/**
 * Bugs found by fuzzing, each with the test that failed before its fix. Inputs that still
 * fail are kept as data under `test/fuzz/regressions/` and listed in its README.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { TINY_UBL } from '../helpers/bombs.js';
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
});
