import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getCatalogue } from '../../packages/core/src/index.js';
import { launch, openPlayground, screenshot } from './browser.js';

const origin = inject('playgroundUrl');
const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
// A1 (no BT-23), MINIMUM profile: a simple invoice.
const SIMPLE_FACTURX = fixture('corpus/ZUGFeRD-csharp/zugferd_2p1_MINIMUM_Rechnung.pdf');
// Cadre A4 (monthly statement draft): a works invoice.
const WORKS_FACTURX = fixture('generated/works-a4-facturx.pdf');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the flows table', () => {
  it('lists every flow; a simple Factur-X goes to FSO1117A only, a works Factur-X also to FSO1137A', async () => {
    const { page, foreign, errors } = await openPlayground(browser, origin, '?channel=PORTAIL&space=factures&release=3.8.1&lang=en');
    const row = (code: string) => page.locator(`[data-testid="flow-row-${code}"]`);
    const applicable = (code: string) => row(code).getAttribute('data-applicable');

    await page.setInputFiles('[data-testid="drop-input"]', SIMPLE_FACTURX);
    await row('FSO1117A').waitFor();
    const codes = await page
      .locator('[data-testid^="flow-row-"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.replace('flow-row-', '')));
    expect(codes.sort()).toEqual(
      getCatalogue({ release: '3.8.1' })
        .flows.map((f) => f.code)
        .sort(),
    );
    expect(await applicable('FSO1117A')).toBe('true');
    expect(await applicable('FSO1137A')).toBe('false');
    expect(await applicable('FSO1100A')).toBe('false');
    // The flows that do not apply are behind their count; each reason is the rule's title, its id a link.
    const others = page.locator('[data-testid="other-flows"]');
    expect(await others.locator('summary').innerText()).toBe('11 other flows, not applicable');
    expect(await row('FSO1137A').isVisible()).toBe(false);
    await others.locator('summary').click();
    const reason = row('FSO1137A').locator('li', { has: page.locator('a', { hasText: 'deposit/works-flow-requires-works-cadre' }) });
    expect(await reason.innerText()).toMatch(/^A works-only flow requires .+ deposit\/works-flow-requires-works-cadre$/);
    expect(await page.locator('[data-testid="verdict"]').getAttribute('data-verdict')).toBe('none');
    await screenshot(page, 'simple-facturx');

    await page.setInputFiles('[data-testid="drop-input"]', WORKS_FACTURX);
    await page.locator('h3.file', { hasText: 'works-a4-facturx.pdf' }).waitFor();
    expect(await applicable('FSO1117A')).toBe('true');
    expect(await applicable('FSO1137A')).toBe('true');
    expect(await applicable('FSO1130A')).toBe('false');
    expect(await page.locator('[data-testid="facts"]').innerText()).toMatch(/A4/);
    await screenshot(page, 'works-facturx');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('gives the verdict for the chosen syntaxe: works-only value accepted for a works invoice, rejected for a simple one', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=PORTAIL&space=factures-de-travaux&syntaxe=IN_DP_E5_CII_FACTURX&lang=en');
    const verdict = page.locator('[data-testid="verdict"]');
    await page.setInputFiles('[data-testid="drop-input"]', WORKS_FACTURX);
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('accepted');
    await page.setInputFiles('[data-testid="drop-input"]', SIMPLE_FACTURX);
    await page.locator('h3.file', { hasText: 'MINIMUM' }).waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('rejected');
    await page.locator('[data-testid="diagnostic"][data-rule="deposit/works-flow-requires-works-cadre"]').waitFor();
    await page.context().close();
  });
});

describe('the portal "Syntaxe" drop-down', () => {
  it('shows the portal labels and the defective 3.8.1 "B2B" values, flagged; choosing one gives its error', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=PORTAIL&space=factures&release=3.8.1&lang=fr');
    const select = page.locator('[data-testid="syntaxe"]');
    const options = await select.locator('option').allInnerTexts();
    expect(options.some((o) => o.includes('Pour factures simples et factures de travaux'))).toBe(true);
    expect(options.some((o) => o.includes('Seulement pour factures de travaux'))).toBe(true);
    const b2b = await select
      .locator('option[data-mention="b2b"]')
      .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    expect(b2b.length).toBeGreaterThan(0);
    for (const o of b2b) expect(o.text).toContain('défaut connu de la 3.8.1');

    const chosen = b2b.find((o) => o.value.includes('FACTURX')) ?? b2b[0]!;
    await select.selectOption(chosen.value);
    await page.setInputFiles('[data-testid="drop-input"]', SIMPLE_FACTURX);
    const verdict = page.locator('[data-testid="verdict"]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('rejected');
    const error = page.locator('[data-testid="diagnostic"][data-rule="deposit/syntaxe-b2b-defect"]');
    await error.waitFor();
    expect(await error.getAttribute('data-severity')).toBe('error');
    expect(await error.innerText()).toContain(chosen.value);
    await screenshot(page, 'b2b-syntaxe');

    // The 3.8.0 portal did not offer them.
    await page.locator('[data-testid="release"]').selectOption('3.8.0');
    expect(await select.locator('option[data-mention="b2b"]').count()).toBe(0);
    await page.context().close();
  });
});
