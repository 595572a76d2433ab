import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPlayground } from './browser.js';

const origin = inject('playgroundUrl');
const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * What a user reads on the page with every fold opened, without the flow names of the headline
 * (whose "FSO1117A — PDF/A-3 (Factur-X), E2" dash is a separator, not a missing value).
 */
async function readable(page: import('playwright-core').Page): Promise<string> {
  return page.locator('main').evaluate((main) => {
    for (const details of main.querySelectorAll('details')) details.open = true;
    const copy = main.cloneNode(true) as HTMLElement;
    for (const name of copy.querySelectorAll('[data-testid="headline-flow"]')) name.remove();
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  });
}

describe('what users read', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`has no null, no dash for a missing value, no placeholder, no "allwhen", no "(s)" (${lang})`, async () => {
      const { page } = await openPlayground(browser, origin, `?channel=PORTAIL&space=factures&lang=${lang}`);
      const files = [
        'generated/works-a4-facturx.pdf',
        'generated/truncated-cii.xml',
        'generated/mixed-cii-zip-attachment.xml',
        'generated/cadre-absent-cii.xml',
      ];
      for (const file of files) {
        await page.setInputFiles('[data-testid="drop-input"]', fixture(file));
        await page.locator('h3.file', { hasText: file.split('/').pop()! }).waitFor();
        // Every rule's explanation, not only the failed ones.
        await page.locator('.explanations input[type="checkbox"]').check();
        const text = await readable(page);
        expect(text, file).not.toMatch(/\bnull\b|\bundefined\b/);
        expect(text, file).not.toContain('—');
        // A message placeholder is `{letters}` (a rule's regular expression may show `{8}`).
        expect(text, file).not.toMatch(/\{[A-Za-z]+\}/);
        expect(text, file).not.toMatch(/allwhen|\(s\)/);
      }
      await page.setInputFiles('[data-testid="drop-input"]', fixture('generated/batch.zip'));
      await page.locator('[data-testid="batch-table"]').waitFor();
      expect(await readable(page)).not.toMatch(/\bnull\b|—|\(s\)|\{[A-Za-z]+\}/);
      await page.context().close();
    });
  }

  it('on the catalogue and portal pages too', async () => {
    for (const view of ['catalogue', 'portal']) {
      const { page } = await openPlayground(browser, origin, `?view=${view}&lang=en`);
      await page.locator('main h2').waitFor();
      await page.waitForLoadState('networkidle');
      const text = await readable(page);
      expect(text, view).not.toMatch(/\bnull\b|\bundefined\b|—|\(s\)|\{[A-Za-z]+\}/);
      await page.context().close();
    }
  });
});
