/**
 * The official Chorus Pro samples (fixtures/aife-chorus-pro) read as accepted in the playground,
 * as in the CLI and the API: a mixed CII on FSO1116A and the works Factur-X on FSO1137A.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPlayground } from './browser.js';

const origin = inject('playgroundUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const sample = (path: string): string => fileURLToPath(new URL(`../../fixtures/aife-chorus-pro/${path}`, import.meta.url));

describe('official Chorus Pro samples in the playground', () => {
  for (const [path, syntaxe] of [
    ['FSO1116A/FSO1116A_P01.xml', 'IN_DP_E2_CII_16B'],
    ['FSO1117A/FSO1117A_EN16931_P57.pdf', 'IN_DP_E5_CII_FACTURX'],
  ] as const) {
    it(`${path} is accepted with ${syntaxe}`, async () => {
      const { page, errors } = await openPlayground(browser, origin, `?channel=API&syntaxe=${syntaxe}&date=2024-03-01&lang=en`);
      await page.setInputFiles('[data-testid="drop-input"]', sample(path));
      const verdict = page.locator('[data-testid="verdict"]');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-verdict')).toBe('accepted');
      expect(await page.locator('[data-testid="diagnostic"][data-severity="error"]').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
