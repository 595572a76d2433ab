/**
 * The structural check in the playground (real Chromium, under the page's CSP): the skeleton
 * UBL is rejected with a located schema error whose libxml2 text is a detail, the schema engine
 * is a chunk loaded only when needed, and the strict toggle turns a CII D16B warning into an error.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPlayground } from './browser.js';

const origin = inject('playgroundUrl');
const SKELETON = fileURLToPath(new URL('../../fixtures/structure/skeleton-ubl.xml', import.meta.url));
const CII = fileURLToPath(new URL('../../fixtures/structure/cii-no-delivery.xml', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('structural check in the playground', () => {
  it('rejects the skeleton UBL with a located UBL 2.1 schema error', async () => {
    const { page, foreign, errors } = await openPlayground(browser, origin, '?channel=PORTAIL&syntaxe=IN_DP_E1_UBL_INVOICE&date=2024-03-01&lang=en');
    const wasm: string[] = [];
    page.context().on('request', (r) => {
      if (/libxml2|ubl-2/i.test(r.url())) wasm.push(r.url());
    });
    await page.setInputFiles('[data-testid="drop-input"]', SKELETON);
    const verdict = page.locator('[data-testid="verdict"]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('rejected');
    const d = page.locator('[data-testid="diagnostic"][data-rule="structure/ubl-2-1"]');
    await d.first().waitFor();
    expect(await d.count()).toBe(1);
    expect(await d.getAttribute('data-severity')).toBe('error');
    expect(await d.innerText()).toContain(
      'The XML is not valid against the published UBL 2.1 schema (OASIS). Element cac:AccountingCustomerParty is not expected here',
    );
    const location = await d.locator('[data-testid="diagnostic-location"]').innerText();
    expect(location).toMatch(/^skeleton-ubl\.xml:8:3\s+\/ubl:Invoice\[1\]\/cac:AccountingCustomerParty\[1\]\s+BG-7/);
    expect(await d.locator('[data-testid="diagnostic-detail"] code').textContent()).toMatch(
      /^Element '\{urn:oasis:[^}]+\}AccountingCustomerParty': This element is not expected/,
    );
    expect(await page.locator('[data-testid="facts"]').innerText()).toContain('ubl-2.1 · not valid, errors (1)');
    // The schema engine and the UBL schemas came as chunks of their own, from this origin.
    expect(wasm.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('makes a CII D16B warning an error with the strict toggle', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=API&syntaxe=IN_DP_E1_CII_16B&date=2024-03-01&lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', CII);
    const d = page.locator('[data-testid="diagnostic"][data-rule="structure/cii-d16b"]');
    await d.first().waitFor();
    expect(await d.getAttribute('data-severity')).toBe('warning');
    await page.locator('[data-testid="strict"]').check();
    await expect.poll(() => d.first().getAttribute('data-severity')).toBe('error');
    expect(page.url()).toContain('strict=1');
    await page.context().close();
  });
});
