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

describe('the portal simulation', () => {
  it('goes through account creation, attachment request, approval and deposit, as Chorus Pro 3.8.1 would', async () => {
    const { page, foreign, errors } = await openPlayground(browser, origin, '?view=portal&release=3.8.1&lang=fr');
    const decision = (id: string) => page.locator(`[data-testid="decision-${id}"]`);
    const value = async (id: string) => {
      await decision(id).waitFor();
      return decision(id).getAttribute('data-value');
    };
    const section = (id: string) => page.locator(`[data-testid="portal-section-${id}"]`);

    await page.locator('[data-testid="portal-login-email"]').fill('jeanne.martin@example.fr');
    await page.locator('[data-testid="portal-last-name"]').fill('Martin');
    await page.locator('[data-testid="portal-first-name"]').fill('Jeanne');
    await page.locator('[data-testid="portal-phone"]').fill('01 23 45 67 89');
    await page.locator('[data-testid="portal-create"]').click();
    // Not activated yet: no deposit.
    await expect.poll(() => value('action.depositInvoice')).toBe('false');

    await page.locator('[data-testid="portal-minutes"]').fill('10');
    await page.locator('[data-testid="portal-activate"]').click();
    await page.locator('[data-testid="portal-login"]').click();
    // First login: the window offers to create a structure or to ask for an attachment.
    await section('window.structure.create').waitFor();
    await section('window.structure.requestAttachment').waitFor();
    expect(await section('window.structure.consultRequests').count()).toBe(0);
    expect(await value('action.depositInvoice')).toBe('false');
    await screenshot(page, 'portal-first-login');

    await page.locator('[data-testid="portal-structure"]').fill('11000201100044');
    await page.locator('[data-testid="portal-request"]').click();
    // A pending request adds the third section; still no deposit.
    await section('window.structure.consultRequests').waitFor();
    expect(await value('window.structure.consultRequests')).toBe('true');
    expect(await value('action.depositInvoice')).toBe('false');
    expect(await page.locator('[data-testid="portal-deposit"]').isDisabled()).toBe(true);

    await page.locator('[data-testid="portal-approve-0"]').click();
    await expect.poll(() => value('action.depositInvoice')).toBe('true');
    expect(await page.locator('[data-testid="portal-deposit"]').isEnabled()).toBe(true);
    // Attached: the first-login window is gone.
    await expect.poll(() => page.locator('[data-testid="portal-window"]').count()).toBe(0);
    await screenshot(page, 'portal-attached');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the "Approbation" menu per release: 3.8.1 only with requests to process, 3.8.0 to the profile', async () => {
    const { page } = await openPlayground(browser, origin, '?view=portal&release=3.8.1&lang=en');
    const menu = () => page.locator('[data-testid="decision-menu.approbation"]').getAttribute('data-value');
    await page.locator('[data-testid="portal-profile"]').check();
    await expect.poll(menu).toBe('false');
    await page.locator('[data-testid="portal-pending"]').fill('2');
    await expect.poll(menu).toBe('true');
    await page.locator('[data-testid="portal-menu-approbation"]').waitFor();
    await page.locator('[data-testid="portal-pending"]').fill('0');
    await expect.poll(menu).toBe('false');
    await page.locator('[data-testid="portal-release"]').selectOption('3.8.0');
    await expect.poll(menu).toBe('true');
    expect(new URL(page.url()).searchParams.get('release')).toBe('3.8.0');
    await page.context().close();
  });
});

describe('the account-creation form', () => {
  it('shows no error while pristine; a field left empty shows its own once touched, all of them once submitted', async () => {
    const { page, errors } = await openPlayground(browser, origin, '?view=portal&release=3.8.1&lang=en', 375, 800);
    const decision = page.locator('[data-testid="decision-action.depositInvoice"]');
    await decision.waitFor();
    const shown = () => page.locator('[data-testid="portal-diagnostic"].error').evaluateAll((items) => items.map((i) => i.getAttribute('data-rule')));
    expect(await shown()).toEqual([]);
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);

    await page.locator('[data-testid="portal-last-name"]').focus();
    await page.locator('[data-testid="portal-first-name"]').focus();
    await expect.poll(shown).toEqual(['portal/last-name-filled']);
    expect(await page.locator('[data-testid="portal-last-name"]').getAttribute('aria-invalid')).toBe('true');

    await page.locator('[data-testid="portal-create"]').click();
    await expect
      .poll(async () => (await shown()).sort())
      .toEqual(['portal/contact-email-filled', 'portal/first-name-filled', 'portal/last-name-filled', 'portal/login-email-valid', 'portal/phone-filled']);
    const login = await page.locator('[data-testid="portal-diagnostic"][data-rule="portal/login-email-valid"]').innerText();
    expect(login).toContain('(empty)');
    expect(login).not.toContain('—');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('breaks decision names at their dots, never inside a word, in their column', async () => {
    const { page } = await openPlayground(browser, origin, '?view=portal&lang=en', 1280, 800);
    const name = page.locator('[data-testid="decision-window.structure.requestAttachment"] code');
    await name.waitFor();
    // Each rendered line of the name ends at a dot or at the end of the name.
    const lines = await name.evaluate((element) => {
      const range = document.createRange();
      const text = element.textContent ?? '';
      const tops = new Map<number, string>();
      let node: Node | null;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      while ((node = walker.nextNode())) {
        for (let i = 0; i < (node.textContent ?? '').length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          tops.set(top, (tops.get(top) ?? '') + node.textContent![i]);
        }
      }
      return { text, lines: [...tops.values()] };
    });
    expect(lines.lines.join('')).toBe('window.structure.requestAttachment');
    expect(lines.lines.length).toBeGreaterThan(1);
    for (const line of lines.lines.slice(0, -1)) expect(line.endsWith('.')).toBe(true);
    await screenshot(page, 'portal-decisions');
    await page.context().close();
  });
});
