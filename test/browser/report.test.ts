import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPlayground, screenshot } from './browser.js';

const origin = inject('playgroundUrl');
const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the report', () => {
  it('downloads as the JSON and SARIF the command line writes', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=API&syntaxe=IN_DP_E1_UBL_INVOICE&lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', fixture('generated/works-a4-ubl.xml'));
    await page.locator('[data-testid="verdict"]').waitFor();

    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-json"]').click()]);
    const documents = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { file: string; verdict: string; flows: unknown[] }[];
    expect(documents.map((d) => d.file)).toEqual(['works-a4-ubl.xml']);
    expect(documents[0]!.verdict).toBe(await page.locator('[data-testid="verdict"]').getAttribute('data-verdict'));
    expect(documents[0]!.flows.length).toBe(await page.locator('[data-testid^="flow-row-"]').count());

    const [sarif] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-sarif"]').click()]);
    expect(sarif.suggestedFilename()).toMatch(/\.sarif$/);
    const log = JSON.parse(readFileSync((await sarif.path())!, 'utf8')) as { version: string; runs: { tool: { driver: { rules: unknown[] } } }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.tool.driver.rules.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('lists every document of a batch and shows the one chosen', async () => {
    const { page } = await openPlayground(browser, origin, '?lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', fixture('generated/batch.tar.gz'));
    const verdicts = page.locator('[data-testid="doc-verdict"]');
    await expect.poll(() => verdicts.count()).toBeGreaterThan(1);
    const names = await page.locator('.doc-list button').allInnerTexts();
    expect(names.every((n) => n.startsWith('batch.tar.gz!/'))).toBe(true);
    await page.locator('.doc-list button').nth(1).click();
    expect(await page.locator('h3.file').innerText()).toBe(names[1]);
    await screenshot(page, 'batch');
    await page.context().close();
  });

  it('prints without the page chrome', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=PORTAIL&syntaxe=IN_DP_E2_CII_FACTURX&lang=fr');
    await page.setInputFiles('[data-testid="drop-input"]', fixture('generated/works-a4-facturx.pdf'));
    await page.locator('[data-testid="verdict"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site nav').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="drop-input"]').locator('xpath=ancestor::div[contains(@class,"drop")]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="verdict"]').isVisible()).toBe(true);
    await screenshot(page, 'print');
    await page.context().close();
  });
});

describe('the rules page', () => {
  it('filters the catalogue and opens on the rule a diagnostic links to', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=API&syntaxe=IN_DP_E1_UBL_INVOICE_B2B&lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', fixture('generated/works-a4-ubl.xml'));
    const link = page.locator('[data-testid="diagnostic"][data-rule="deposit/syntaxe-b2b-defect"] a');
    await link.click();
    const card = page.locator('[data-testid="rule-card"][data-rule="deposit/syntaxe-b2b-defect"]');
    await card.waitFor();
    await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await card.innerText()).toMatch(/Reference:[\s\S]*Rationale:/);

    const cards = page.locator('[data-testid="rule-card"]');
    const all = await cards.count();
    await page.locator('[data-testid="rules-area"]').selectOption('portal');
    const portal = await cards.count();
    expect(portal).toBeGreaterThan(0);
    expect(portal).toBeLessThan(all);
    expect((await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-rule')))).every((id) => id!.startsWith('portal/'))).toBe(true);
    await page.locator('[data-testid="rules-release"]').selectOption('3.8.0');
    expect(await cards.count()).toBeLessThan(portal);
    await page.locator('[data-testid="rules-area"]').selectOption('');
    await page.locator('[data-testid="rules-release"]').selectOption('');
    await page.locator('[data-testid="rules-provenance"]').selectOption('seed');
    expect(await page.locator('[data-testid="rule-card"] .tag', { hasText: /^seed$/ }).count()).toBe(await cards.count());
    await screenshot(page, 'rules');
    await page.context().close();
  });
});
