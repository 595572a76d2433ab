import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { inViewport, launch, openPlayground, screenshot } from './browser.js';

const origin = inject('playgroundUrl');
const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
// Cadre A4 (monthly statement draft): a works Factur-X, for FSO1117A and FSO1137A.
const WORKS_FACTURX = fixture('generated/works-a4-facturx.pdf');
// A mixed CII (XML with an attached zip): FSO1111A and FSO1116A both apply.
const MIXED_CII = fixture('generated/mixed-cii-zip-attachment.xml');
const BATCH = fixture('generated/batch.zip');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the headline of a document', () => {
  for (const [width, name] of [
    [1280, 'desktop'],
    [375, 'mobile'],
  ] as const) {
    it(`names the flows, offers the next step and gives the verdict on its flow, in view after a drop (${width}×800)`, async () => {
      const { page, errors, foreign } = await openPlayground(browser, origin, '?channel=PORTAIL&space=factures&lang=en', width, 800);
      await page.setInputFiles('[data-testid="drop-input"]', WORKS_FACTURX);
      const headline = page.locator('[data-testid="headline"]');
      await headline.waitFor();
      await expect.poll(() => inViewport(page, '[data-testid="headline"]')).toBe(true);
      expect(await headline.getAttribute('data-verdict')).toBe('none');
      const text = await headline.innerText();
      expect(text).toContain('FSO1117A — PDF/A-3 (Factur-X), E2');
      expect(text).toContain('FSO1137A — PDF/A-3 (Factur-X), E5');
      // Two flows apply: the headline says how they differ.
      const differences = await headline.locator('[data-testid="headline-differences"]').innerText();
      expect(differences).toContain('FSO1117A: E2');
      expect(differences).toContain('FSO1137A: works invoices only');
      const steps = headline.locator('[data-testid="next-step"]');
      expect(await steps.allInnerTexts()).toEqual(['Choose IN_DP_E2_CII_FACTURX', 'Choose IN_DP_E5_CII_FACTURX']);
      await screenshot(page, `headline-facturx-${name}`, false);

      // The works-only value is chosen in the works invoices space, and the verdict names its flow.
      await steps.nth(1).click();
      await expect.poll(() => headline.getAttribute('data-verdict')).toBe('accepted');
      // The works flows' syntaxe values are inferred: the verdict says it rests on one, and which.
      expect(await headline.locator('[data-testid="verdict"]').innerText()).toBe('Accepted on FSO1137A (IN_DP_E5_CII_FACTURX) provisional');
      const assumed = headline.locator('[data-testid="assumptions"] li');
      expect(await assumed.count()).toBe(1);
      expect(await assumed.getAttribute('data-kind')).toBe('syntaxe');
      expect(await assumed.innerText()).toMatch(/^syntaxe value IN_DP_E5_CII_FACTURX \(inferred\): \S/);
      expect(await headline.locator('[data-testid="verdict-provisional"]').getAttribute('title')).toMatch(/^This verdict rests on data that is inferred/);
      expect(await page.locator('[data-testid="syntaxe"]').inputValue()).toBe('IN_DP_E5_CII_FACTURX');
      expect(await page.locator('[data-testid="space"]').inputValue()).toBe('factures-de-travaux');
      expect(page.url()).toContain('syntaxe=IN_DP_E5_CII_FACTURX');
      expect(await headline.locator('[data-testid="next-step"]').count()).toBe(0);
      await screenshot(page, `headline-facturx-accepted-${name}`, false);
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
      await page.context().close();
    });
  }

  it('is in view after a file is dragged and dropped onto the page (375×800)', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=PORTAIL&space=factures&lang=en', 375, 800);
    const bytes = readFileSync(MIXED_CII).toString('base64');
    const transfer = await page.evaluateHandle((b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'mixed.xml', { type: 'text/xml' }));
      return data;
    }, bytes);
    await page.locator('.drop').dispatchEvent('drop', { dataTransfer: transfer });
    await page.locator('[data-testid="headline"]').waitFor();
    await expect.poll(() => inViewport(page, '[data-testid="headline"]')).toBe(true);
    expect(await page.locator('h3.file').innerText()).toBe('mixed.xml');
    await page.context().close();
  });

  it('tells the two CII flows of a mixed invoice apart, in French too', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=PORTAIL&space=factures&lang=fr', 375, 800);
    await page.setInputFiles('[data-testid="drop-input"]', MIXED_CII);
    const headline = page.locator('[data-testid="headline"]');
    await headline.waitFor();
    await expect.poll(() => inViewport(page, '[data-testid="headline"]')).toBe(true);
    const differences = await headline.locator('[data-testid="headline-differences"]').innerText();
    expect(differences).toBe('Ils diffèrent par le format (FSO1111A : XML mixte CII, FSO1116A : XML mixte CII D16B).');
    expect(await headline.locator('[data-testid="next-step"]').allInnerTexts()).toEqual(['Choisir IN_DP_E2_CII_MIN', 'Choisir IN_DP_E2_CII_MIN_16B']);
    await page.context().close();
  });

  it('names the flow of a rejected syntaxe and of an EDI interface code', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=API&syntaxe=IN_DP_E1_UBL_INVOICE&lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', WORKS_FACTURX);
    const verdict = page.locator('[data-testid="headline"] [data-testid="verdict"]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('rejected');
    expect(await verdict.innerText()).toBe('Rejected on FSO1100A (IN_DP_E1_UBL_INVOICE)');
    // FSO1100A does not apply to a Factur-X: the headline offers the flows that do.
    expect(await page.locator('[data-testid="headline"] [data-testid="next-step"]').allInnerTexts()).toEqual([
      'Choose IN_DP_E2_CII_FACTURX',
      'Choose IN_DP_E5_CII_FACTURX',
    ]);

    await page.getByTestId('channel-EDI').check();
    // No interface code: the file name is read as the EDI file name, and names no flow.
    await expect.poll(() => verdict.innerText()).toBe('Rejected: see the errors below.');
    await page.locator('[data-testid="headline"] [data-testid="next-step"]', { hasText: 'FSO1137A' }).click();
    await expect.poll(() => verdict.innerText()).toBe('Accepted on FSO1137A');
    // By EDI the interface code is published: nothing provisional in that verdict.
    expect(await page.locator('[data-testid="headline"] [data-testid="verdict-provisional"]').count()).toBe(0);
    expect(await page.locator('[data-testid="interface"]').inputValue()).toBe('FSO1137A');
    await page.context().close();
  });
});

describe('a batch', () => {
  for (const [width, name] of [
    [1280, 'desktop'],
    [375, 'mobile'],
  ] as const) {
    it(`lists its documents with flow, verdict and counts; a click opens one (${width}×800)`, async () => {
      const { page, errors } = await openPlayground(browser, origin, '?channel=PORTAIL&space=factures&lang=en', width, 800);
      await page.setInputFiles('[data-testid="drop-input"]', BATCH);
      const table = page.locator('[data-testid="batch-table"]');
      await table.waitFor();
      await expect.poll(() => inViewport(page, '[data-testid="batch-table"]')).toBe(true);
      expect(await table.locator('thead th').allInnerTexts()).toEqual(['Document', 'Flow', 'Verdict', 'Errors', 'Warnings']);
      const row = (file: string) => page.locator(`[data-testid="batch-row"][data-file="${file}"]`);
      expect(await row('batch.zip!/b/facturx.pdf').locator('[data-testid="batch-flow"]').innerText()).toBe('FSO1117A, FSO1137A');
      expect(await row('batch.zip!/logo.png').locator('[data-testid="batch-flow"]').innerText()).toBe('none');
      expect(await row('batch.zip!/b/facturx.pdf').locator('[data-testid="doc-verdict"]').innerText()).toBe('no verdict');
      expect(await page.locator('[data-testid="summary"]').innerText()).toMatch(/^\d+ errors?, \d+ warnings?, \d+ infos?$/);
      await screenshot(page, `batch-${name}`, false);

      // A click on the row (not only on the name) opens the document, its headline in view.
      await row('batch.zip!/b/facturx.pdf').locator('td').first().click();
      await page.locator('h3.file', { hasText: 'batch.zip!/b/facturx.pdf' }).waitFor();
      await expect.poll(() => inViewport(page, '[data-testid="headline"]')).toBe(true);
      expect(await page.locator('[data-testid="headline"]').innerText()).toContain('FSO1137A — PDF/A-3 (Factur-X), E5');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
