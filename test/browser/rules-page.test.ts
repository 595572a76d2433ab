import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPlayground, screenshot } from './browser.js';

const origin = inject('playgroundUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the rules page', () => {
  it('renders the rule texts, fills example messages in, explains provenances and links public sources', async () => {
    const { page, errors, foreign } = await openPlayground(browser, origin, '?view=rules&lang=en');
    const cards = page.locator('[data-testid="rule-card"]');
    await cards.first().waitFor();
    // Markdown is rendered (as elements), never shown raw; no placeholder is left in what is read.
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('**');
    expect(text).not.toMatch(/\{\w+\}/);
    const structure = page.locator('[data-testid="rule-card"][data-rule="structure/factur-x-minimum"]');
    expect((await structure.locator('p.small code').allInnerTexts()).length).toBeGreaterThan(0);
    const card = page.locator('[data-testid="rule-card"][data-rule="content/buyer-siret-valid"]');
    expect(await card.locator('[data-testid="rule-message"]').innerText()).toBe(
      'Message: Buyer identifier ‹value seen› is not a valid SIRET (14 digits, Luhn key; La Poste 356000000 variant).',
    );

    await card.locator('details > summary', { hasText: 'Examples' }).click();
    const message = card.locator('[data-testid="rule-example"][data-expected="failed"] [data-testid="example-message"]');
    await message.first().waitFor();
    expect(await message.first().innerText()).toMatch(/^Buyer identifier \d{14} is not a valid SIRET/);

    const legend = page.locator('[data-testid="provenance-legend"]');
    await legend.locator('summary').click();
    const terms = await legend.locator('dt').allInnerTexts();
    expect(terms).toEqual(['official', 'seed', 'third-party', 'inferred', 'user']);
    expect(await legend.locator('dd').count()).toBe(5);
    expect(await card.locator('.tag', { hasText: /^official$/ }).getAttribute('title')).toMatch(/^official: /);

    // A public source is a link; a document without a public page is named, not linked.
    expect(await card.locator('[data-testid="rule-source"]').getAttribute('href')).toBe('https://fnfe-mpe.org/factur-x/');
    const unlinked = page.locator('[data-testid="rule-card"][data-rule="content/cadre-is-chorus-cadre"]');
    expect(await unlinked.innerText()).toContain('AIFE display stylesheet for FSO1100A');
    expect(await unlinked.locator('[data-testid="rule-source"]').count()).toBe(0);

    // A rule's "until" release is excluded, as the engine applies it: the 3.8.0 account-creation
    // rule is listed for 3.8.0 and not for 3.8.1.
    const before = page.locator('[data-testid="rule-card"][data-rule="portal/structure-at-account-creation"]');
    await page.locator('[data-testid="rules-release"]').selectOption('3.8.1');
    await expect.poll(() => before.count()).toBe(0);
    await page.locator('[data-testid="rules-release"]').selectOption('3.8.0');
    await expect.poll(() => before.count()).toBe(1);
    expect(await before.locator('.tag', { hasText: '3.8.1' }).innerText()).toBe('3.8.0 – 3.8.1 (excluded)');
    await page.locator('[data-testid="rules-release"]').selectOption('');
    await screenshot(page, 'rules-page');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });
});
