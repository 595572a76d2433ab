/**
 * The built CLI accepts every official Chorus Pro sample (fixtures/aife-chorus-pro) on its own
 * flow, as a CI pipeline would run it over a folder: exit 0, every document accepted.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = (flow: string): string => fileURLToPath(new URL(`../../fixtures/aife-chorus-pro/${flow}/`, import.meta.url));

describe('official samples through the CLI', () => {
  for (const [flow, syntaxe, count] of [
    ['FSO1116A', 'IN_DP_E2_CII_16B', 12],
    ['FSO1117A', 'IN_DP_E2_CII_FACTURX', 8],
  ] as const) {
    it(`accepts the ${count} ${flow} samples with ${syntaxe}`, async () => {
      const r = await runCli([dir(flow), '--channel', 'API', '--syntaxe', syntaxe, '--deposit-date', '2024-03-01', '--format', 'json', '--jobs', '1']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const docs = JSON.parse(r.stdout) as Array<{ file: string; verdict: string; diagnostics: Array<{ severity: string }> }>;
      expect(docs).toHaveLength(count);
      for (const d of docs) {
        expect(d.verdict, d.file).toBe('accepted');
        expect(
          d.diagnostics.filter((x) => x.severity === 'error'),
          d.file,
        ).toEqual([]);
      }
    });
  }
});
