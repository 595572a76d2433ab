import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPlayground } from './browser.js';

const origin = inject('playgroundUrl');

const EVAL_PROBE = `(() => {
  let outcome;
  try { (0, eval)('1'); outcome = 'allowed'; }
  catch (error) { outcome = error instanceof EvalError ? 'blocked' : 'error: ' + error; }
  window.__evalProbe(outcome);
})();`;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('Content-Security-Policy', () => {
  it('is declared in the page: scripts from this origin only, WebAssembly but no eval, no remote origins', async () => {
    const { page } = await openPlayground(browser, origin);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toBeTruthy();
    const directives = new Map(
      csp!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    // WebAssembly (the XML schema engine) may be compiled; JavaScript may never be evaluated.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp!.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:|\*/);
    await page.context().close();
  });

  it('is enforced: eval and a remote script are blocked', async () => {
    const { page, violations } = await openPlayground(browser, origin);
    // A same-origin script (so allowed by script-src 'self') that tries eval(); served by the
    // test rather than shipped with the playground.
    await page.route(`${origin}/eval-probe.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: EVAL_PROBE }));
    // Runs as a page script (not through the DevTools protocol, which CSP does not govern).
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const script = document.createElement('script');
          script.src = '/eval-probe.js';
          script.onerror = () => resolve('load-failed');
          (window as unknown as { __evalProbe: (r: string) => void }).__evalProbe = resolve;
          document.head.append(script);
        }),
    );
    expect(outcome).toBe('blocked');
    const remote = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const script = document.createElement('script');
          script.src = 'https://example.invalid/x.js';
          script.onload = () => resolve('loaded');
          script.onerror = () => resolve('blocked');
          document.head.append(script);
        }),
    );
    expect(remote).toBe('blocked');
    expect(violations.some((v) => v.startsWith('script-src'))).toBe(true);
    await page.context().close();
  });

  it('reaches the check worker too: its script is served with the same policy', async () => {
    const { page } = await openPlayground(browser, origin, '?lang=en');
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    // The worker starts once the page is idle: watch a fresh load of the page.
    const workerResponse = page.waitForResponse((r) => /precheck\.worker/.test(r.url()));
    await page.reload();
    const response = await workerResponse;
    expect(response.headers()['content-security-policy']).toBe(meta);
    await page.context().close();
  });
});
