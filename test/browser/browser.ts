/**
 * Shared set-up of the browser tests: one headless Debian Chromium per test file, driven by
 * playwright-core, and a page that records every request leaving the playground's origin.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Chromium the tests drive (Debian package `chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep Chromium from contacting Google services during a test run. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches the test browser. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Where the screenshots of a run go, for review (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** A page of the playground and the requests it made to other origins. */
export interface PlaygroundPage {
  page: Page;
  /** URLs of requests whose origin is not the playground's (should stay empty). */
  foreign: string[];
  /** Page errors and console errors, to show when a test fails. */
  errors: string[];
  /** Content-Security-Policy violations reported by the page. */
  violations: string[];
}

/** Opens the playground at `search` (a query string) in a fresh context of the given width. */
export async function openPlayground(browser: Browser, origin: string, search = '', width = 1280, height = 900): Promise<PlaygroundPage> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  const violations: string[] = [];
  // Every request of the page and of its workers: documents, scripts, fetches, workers.
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation(text: string): void }).__reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${origin}/${search}`);
  await page.waitForSelector('header.site nav button');
  return { page, foreign, errors, violations };
}

/** Saves a screenshot under test-results/screenshots/: the full page, or what the window shows. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });
}

/** Whether the element is wholly inside the window, top edge included: where the eye lands. */
export function inViewport(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight && box.bottom <= window.innerHeight && box.height > 0;
    });
}
