/**
 * The structural check through the built CLI: the skeleton UBL rejected with a located schema
 * error (text, JSON against the report schema), CII D16B findings as warnings, `--strict` and
 * `strict: true` in the configuration making them errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { errorsOf, reportValidator } from './validate.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/structure/', import.meta.url));
const SKELETON = join(FIXTURES, 'skeleton-ubl.xml');
const CII = join(FIXTURES, 'cii-no-delivery.xml');
const dir = mkdtempSync(join(tmpdir(), 'chorus-structure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: structural check', () => {
  it('rejects the skeleton UBL with a located schema error (text)', async () => {
    const r = await runCli([SKELETON, '--channel', 'PORTAIL', '--syntaxe', 'IN_DP_E1_UBL_INVOICE', '--deposit-date', '2024-03-01', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('verdict rejected');
    expect(r.stdout).toMatch(
      /skeleton-ubl\.xml:8:3 +error +The XML is not valid against the published UBL 2\.1 schema \(OASIS\)\. Element cac:AccountingCustomerParty is not expected here .* structure\/ubl-2-1/,
    );
  });

  it('reports it in JSON, valid against the report schema, with XPath, business term and detail', async () => {
    const r = await runCli([SKELETON, '--syntaxe', 'IN_DP_E1_UBL_INVOICE', '--deposit-date', '2024-03-01', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as Array<{ facts: { schema: unknown }; diagnostics: Array<Record<string, unknown>> }>;
    const validate = reportValidator();
    expect(validate(json), errorsOf(validate)).toBe(true);
    expect(json[0]!.facts.schema).toEqual({ name: 'ubl-2.1', valid: false, errorCount: 1 });
    expect(json[0]!.diagnostics.find((d) => d.ruleId === 'structure/ubl-2-1')).toMatchObject({
      severity: 'error',
      location: { line: 8, column: 3, xpath: '/ubl:Invoice[1]/cac:AccountingCustomerParty[1]', businessTerm: 'BG-7' },
      detail: expect.stringContaining('This element is not expected'),
    });
  });

  it('a CII D16B finding is a warning; --strict and strict: true make it an error', async () => {
    const base = [CII, '--syntaxe', 'IN_DP_E1_CII_16B', '--deposit-date', '2024-03-01', '--format', 'json'];
    const severityOf = (stdout: string) =>
      (JSON.parse(stdout) as Array<{ diagnostics: Array<{ ruleId: string; severity: string }> }>)[0]!.diagnostics.find((d) => d.ruleId === 'structure/cii-d16b')
        ?.severity;
    const plain = await runCli(base);
    expect(severityOf(plain.stdout)).toBe('warning');
    const strict = await runCli([...base, '--strict']);
    expect(severityOf(strict.stdout)).toBe('error');
    expect(strict.code).toBe(1);
    const config = join(dir, 'chorus-precheck.config.json');
    writeFileSync(config, JSON.stringify({ strict: true }));
    const fromConfig = await runCli([...base, '--config', config]);
    expect(severityOf(fromConfig.stdout)).toBe('error');
  });
});
