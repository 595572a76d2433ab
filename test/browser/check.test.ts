import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allBombs, externalEntityXml } from '../helpers/bombs.js';
import { TINY_UBL, facturxPdf, hugeXml } from '../helpers/build/index.js';
import { launch, openPlayground, screenshot } from './browser.js';

const origin = inject('playgroundUrl');
let browser: Browser;
let dir: string;

/** Writes a file for the page to pick, and returns its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'playground-test-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a broken file', () => {
  it('gets a fatal diagnostic located at its line and column, highlighted in the source', async () => {
    const { page, foreign, errors } = await openPlayground(browser, origin, '?lang=en');
    // Cut inside an element: the XML ends before the document does.
    const truncated = TINY_UBL.slice(0, TINY_UBL.indexOf('<cbc:IssueDate>') + 8);
    await page.setInputFiles('[data-testid="drop-input"]', file('truncated.xml', truncated));
    const verdict = page.locator('[data-testid="verdict"]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('unreadable');
    const fatal = page.locator('[data-testid="diagnostic"][data-fatal="true"]');
    await expect.poll(() => fatal.count()).toBeGreaterThan(0);
    const location = await fatal.first().locator('[data-testid="diagnostic-location"]').innerText();
    expect(location).toMatch(/^truncated\.xml:\d+:\d+/);
    const line = Number(/:(\d+):/.exec(location)![1]);

    await fatal.first().getByRole('button', { name: 'show in source' }).click();
    const highlighted = page.locator(`[data-testid="code-view"] .code-line.has-error[data-line="${line}"]`);
    await highlighted.waitFor();
    await screenshot(page, 'broken-file-source');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a Factur-X', () => {
  it('shows its embedded invoice XML with the problems located in it', async () => {
    const pdf = fileURLToPath(new URL('../../fixtures/corpus/akretion-factur-x/invoice_EN16931.pdf', import.meta.url));
    const { page } = await openPlayground(browser, origin, '?channel=API&syntaxe=IN_DP_E2_CII_FACTURX&lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', pdf);
    const located = page.locator('[data-testid="diagnostic"]', { hasText: 'invoice_EN16931.pdf!/factur-x.xml:' });
    await located.first().waitFor();
    const location = await located.first().locator('[data-testid="diagnostic-location"]').innerText();
    const line = Number(/factur-x\.xml:(\d+):/.exec(location)![1]);
    await located.first().getByRole('button', { name: 'show in source' }).click();
    await page.locator(`[data-testid="code-view"] .code-line.target[data-line="${line}"]`).waitFor();
    await screenshot(page, 'facturx-source');
    await page.context().close();
  });
});

describe('privacy', () => {
  it('sends no request outside the page origin, even for an XML that names remote entities and a PDF', async () => {
    const { page, foreign } = await openPlayground(browser, origin, '?lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', [
      file('entities.xml', externalEntityXml('http://198.51.100.7/leak')),
      file('invoice.pdf', facturxPdf()),
    ]);
    await page.locator('[data-testid="verdict"]').waitFor();
    // Render the PDF page too: pdf.js must not fetch fonts or anything else from elsewhere.
    await page.getByRole('button', { name: 'invoice.pdf' }).click();
    await page.locator('[data-testid="show-pdf"]').click();
    await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
    for (const view of ['Portal simulation', 'Rules', 'Flows and syntaxes', '3.8.0 vs 3.8.1']) {
      await page.getByRole('navigation').getByRole('button', { name: view }).click();
      await page.waitForLoadState('networkidle');
    }
    expect(foreign).toEqual([]);
    await page.context().close();
  });
});

describe('a hostile file', () => {
  it('can be cancelled: the worker stops, the page says so and stays usable', async () => {
    // A 600 MB file (sparse on disk): long enough to read that the check is still running.
    const big = join(dir, 'huge.xml');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
    const { page } = await openPlayground(browser, origin, '?lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', big);
    await page.locator('[data-testid="cancel"]').click();
    await page.locator('[data-testid="cancelled"]').waitFor();
    expect(await page.locator('[data-testid="run-status"]').getAttribute('data-status')).toBe('cancelled');
    await screenshot(page, 'cancelled');
    // A fresh worker answers the next check.
    await page.setInputFiles('[data-testid="drop-input"]', file('tiny.xml', TINY_UBL));
    await page.locator('[data-testid="verdict"]').waitFor();
    expect(await page.locator('[data-testid="run-status"]').getAttribute('data-status')).toBe('done');
    await page.context().close();
  });
});

describe('hostile files', () => {
  // The worker applies the command line's limits: each bomb gets its own diagnostic, in time.
  const chosen = ['xml-deep-nesting', 'xml-billion-laughs', 'zip-10000-empty', 'pdf-xref-loop', 'gzip-1gb'];
  for (const bomb of allBombs().filter((b) => chosen.includes(b.id))) {
    it(`${bomb.id}: ${bomb.description}`, async () => {
      const { page, foreign } = await openPlayground(browser, origin, '?lang=en');
      await page.setInputFiles('[data-testid="drop-input"]', file(bomb.name, bomb.build()));
      await page.locator('[data-testid="verdict"]').first().waitFor({ timeout: 30_000 });
      const ruleIds = await page.locator('[data-testid="diagnostic"]').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-rule')!));
      const expected = [...(bomb.expect.limits ?? []).map((name) => new RegExp(`^limit/${name}$`)), ...(bomb.expect.ruleIds ?? [])];
      expect(
        ruleIds.some((id) => expected.some((re) => re.test(id))),
        `${ruleIds.join(', ')}`,
      ).toBe(true);
      expect(foreign).toEqual([]);
      await page.context().close();
    });
  }
});

describe('a 50 MB invoice', () => {
  it('is checked in the worker while the page keeps painting, and its source view stays virtualised', async () => {
    // A UBL invoice carrying a 50 MB base64 attachment on one line.
    const path = file('large.xml', hugeXml('attachment', 50 * 1024 * 1024));
    const { page } = await openPlayground(browser, origin, '?lang=en');
    await page.setInputFiles('[data-testid="drop-input"]', path);
    // While the worker reads and checks, the page still paints frames promptly.
    let worstFrame = 0;
    while ((await page.locator('[data-testid="verdict"]').count()) === 0) {
      const frame = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }),
      );
      worstFrame = Math.max(worstFrame, frame);
    }
    expect(worstFrame).toBeLessThan(250);
    expect(await page.locator('[data-testid="facts"]').innerText()).toMatch(/pdf|other|zip/);
    await page.locator('[data-testid="show-source"]').click();
    const code = page.locator('[data-testid="code-view"]');
    await code.locator('.code-line').first().waitFor();
    // Virtualised: only the rows in view are in the page, and the 50 MB line is cut for display.
    expect(await code.locator('.code-line').count()).toBeLessThan(100);
    expect(await code.innerText()).toContain('more characters');
    await page.context().close();
  });
});

describe('the address bar', () => {
  it('carries the deposit context and release, never the invoice, and a link reproduces them', async () => {
    const { page } = await openPlayground(browser, origin, '?channel=EDI&interface=FSO1130A&release=3.8.0&date=2024-02-01&lang=en');
    expect(await page.locator('[data-testid="channel-EDI"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="interface"]').inputValue()).toBe('FSO1130A');
    expect(await page.locator('[data-testid="deposit-date"]').inputValue()).toBe('2024-02-01');

    await page.locator('[data-testid="channel-API"]').check();
    await page.locator('[data-testid="syntaxe"]').fill('IN_DP_E4_UBL_INVOICE');
    await page.locator('[data-testid="syntaxe"]').press('Enter');
    await page.locator('[data-testid="deposit-date"]').fill('2024-03-15');
    await page.locator('[data-testid="deposit-date"]').dispatchEvent('change');
    await page.setInputFiles('[data-testid="drop-input"]', file('secret-invoice.xml', TINY_UBL));
    await page.locator('[data-testid="verdict"]').waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('channel')).toBe('API');
    expect(url.searchParams.get('syntaxe')).toBe('IN_DP_E4_UBL_INVOICE');
    expect(url.searchParams.get('date')).toBe('2024-03-15');
    expect(url.searchParams.get('interface')).toBeNull();
    expect(url.searchParams.get('release')).toBe('3.8.0');
    expect(page.url()).not.toMatch(/secret|F-0001|Invoice/);

    const again = await openPlayground(browser, origin, url.search);
    expect(await again.page.locator('[data-testid="channel-API"]').isChecked()).toBe(true);
    expect(await again.page.locator('[data-testid="syntaxe"]').inputValue()).toBe('IN_DP_E4_UBL_INVOICE');
    expect(await again.page.locator('[data-testid="deposit-date"]').inputValue()).toBe('2024-03-15');
    expect(await again.page.locator('[data-testid="release"]').inputValue()).toBe('3.8.0');
    await again.page.context().close();
    await page.context().close();
  });

  it('switches language and keeps it in the link', async () => {
    const { page } = await openPlayground(browser, origin, '?lang=fr');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Choose files' }).or(page.getByText('Choose files')).first().waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.context().close();
  });
});

describe('layout', () => {
  it('is usable at 375 px wide: no horizontal scrolling, the file input reachable', async () => {
    const { page } = await openPlayground(browser, origin, '?lang=fr', 375);
    await screenshot(page, 'home-375');
    await page.setInputFiles('[data-testid="drop-input"]', file('facture.pdf', facturxPdf()));
    await page.locator('[data-testid="verdict"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'narrow-375-result');
    await page.context().close();
  });

  it('is keyboard accessible: the file picker and the pages are reachable with Tab', async () => {
    const { page } = await openPlayground(browser, origin, '?lang=en');
    await screenshot(page, 'home-1280');
    const reached = new Set<string>();
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached).toContain('drop-input');
    expect(reached).toContain('Rules');
    await page.context().close();
  });
});
