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

describe('a link with an unknown release', () => {
  it('says so and falls back to the latest release, the form still usable', async () => {
    const { page, errors } = await openPlayground(browser, origin, '?channel=API&release=3.9&lang=en');
    const notice = page.locator('[data-testid="unknown-release"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain(
      'The link asks for Chorus Pro release 3.9, which the rules do not cover: the latest release, 3.8.1, is used. Known releases: 3.8.0, 3.8.1.',
    );
    expect(await page.locator('[data-testid="release"]').inputValue()).toBe('3.8.1');
    expect(page.url()).not.toContain('release=');
    expect(await page.locator('[data-testid="channel-API"]').isChecked()).toBe(true);
    // The form works: choosing a release replaces the fallback.
    await page.locator('[data-testid="release"]').selectOption('3.8.0');
    await expect.poll(() => page.url()).toContain('release=3.8.0');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the deposit date', () => {
  it('shows the date the check uses: today by default', async () => {
    const { page } = await openPlayground(browser, origin, '?lang=en');
    const today = new Date().toISOString().slice(0, 10);
    expect(await page.locator('[data-testid="deposit-date"]').inputValue()).toBe(today);
    expect(await page.locator('label', { has: page.locator('[data-testid="deposit-date"]') }).innerText()).toContain('(today)');
    await page.context().close();
  });
});
