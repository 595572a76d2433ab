/**
 * Every limit is configurable, and reached it answers with its own diagnostic,
 * `limit/<name>`, naming the option that raises it in both languages. Each row lowers one
 * limit under an ordinary input that stays within the defaults.
 */
import { gzipSync, strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type Limits } from '../../packages/core/src/limits.js';
import { TINY_UBL, facturxPdf, flate, hugeXml, pdfWithEmbedded } from '../helpers/build/index.js';
import { IsolatedRunner } from './runner.js';
import { mixedUbl } from './seeds.js';

const runner = new IsolatedRunner();
afterAll(() => runner.close());
const ubl = strToU8(TINY_UBL);

const ROWS: { limit: keyof Limits; value: number; name: string; bytes: () => Uint8Array; api?: 'read' | 'precheck' }[] = [
  { limit: 'maxInputBytes', value: 100, name: 'a.xml', bytes: () => ubl },
  { limit: 'maxDocumentBytes', value: 100, name: 'a.xml.gz', bytes: () => gzipSync(ubl) },
  { limit: 'maxBatchBytes', value: ubl.length + 10, name: 'b.zip', bytes: () => zipSync({ 'a.xml': ubl, 'b.xml': ubl }) },
  { limit: 'maxBatchMembers', value: 2, name: 'b.zip', bytes: () => zipSync({ 'a.xml': ubl, 'b.xml': ubl, 'c.xml': ubl }) },
  { limit: 'maxXmlDepth', value: 1, name: 'a.xml', bytes: () => ubl },
  { limit: 'maxAttributeLength', value: 50, name: 'a.xml', bytes: () => hugeXml('attribute', 100) },
  { limit: 'maxTextLength', value: 50, name: 'a.xml', bytes: () => hugeXml('text', 100) },
  { limit: 'maxAttachmentBytes', value: 100, name: 'a.xml', bytes: () => strToU8(mixedUbl()) },
  { limit: 'maxPdfObjects', value: 2, name: 'a.pdf', bytes: () => facturxPdf() },
  { limit: 'maxPdfStreamBytes', value: 100, name: 'a.pdf', bytes: () => pdfWithEmbedded({ name: 'factur-x.xml', stream: flate(ubl), filter: 'FlateDecode' }) },
  {
    limit: 'maxInputDocuments',
    value: 3,
    name: 'b.zip',
    bytes: () => zipSync({ 'i1.zip': zipSync({ 'a.xml': ubl, 'b.xml': ubl }), 'i2.zip': zipSync({ 'a.xml': ubl, 'b.xml': ubl }) }),
  },
  { limit: 'maxReportChars', value: 1000, name: 'b.zip', bytes: () => zipSync({ 'a.xml': ubl, 'b.xml': ubl }), api: 'precheck' },
  { limit: 'maxNameLength', value: 5, name: 'a.xml', bytes: () => ubl },
  { limit: 'maxArchiveNesting', value: 0, name: 'b.zip', bytes: () => zipSync({ 'inner.zip': zipSync({ 'a.xml': ubl }) }) },
];

describe('limits', () => {
  it('every limit has a row here', () => {
    expect(ROWS.map((r) => r.limit).sort()).toEqual(Object.keys(DEFAULT_LIMITS).sort());
  });

  for (const row of ROWS) {
    it(`${row.limit} = ${row.value} is reached with limit/${row.limit}, naming limits.${row.limit}`, async () => {
      const bytes = row.bytes();
      const api = row.api ?? 'read';
      const within = await runner.run({ api, inputs: [{ name: row.name, bytes }] }, 20_000);
      expect(within.outcome, within.error ?? within.violations.join('\n')).toBe('ok');
      expect(within.ruleIds.filter((id) => id.startsWith('limit/'))).toEqual([]);
      const lowered = await runner.run({ api, inputs: [{ name: row.name, bytes }], limits: { [row.limit]: row.value } }, 20_000);
      expect(lowered.outcome, lowered.error ?? lowered.violations.join('\n')).toBe('ok');
      expect(lowered.ruleIds).toContain(`limit/${row.limit}`);
      expect(
        lowered.limitMessages
          .filter((m) => m.ruleId === `limit/${row.limit}`)
          .every((m) => m.en.includes(`limits.${row.limit}`) && m.fr.includes(`limits.${row.limit}`)),
      ).toBe(true);
    }, 60_000);
  }
});
