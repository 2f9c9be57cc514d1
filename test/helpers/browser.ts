/** Headless Chromium from Debian (never a downloaded browser), driven by playwright-core. */
import { chromium, type Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from './app.js';
import { createUser } from './http.js';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    // The machine has no network: keep Chromium from reaching for Google's services.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface BrowserSuite {
  t: TestApp;
  browser: Browser;
  base: string;
  close(): Promise<void>;
}

/**
 * The real app on a loopback port with the demo network and an administrator, and a browser.
 * Cookies keep their production default (Secure), which Chromium accepts on 127.0.0.1.
 */
export async function startBrowserSuite(): Promise<BrowserSuite> {
  const t = await buildTestApp({ demo: true, env: { PUBLIC_RATE_LIMIT: '100000', COOKIE_SECURE: 'true' } });
  await createUser(t.database, 'admin', 'admin@test.example');
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  const browser = await launchBrowser();
  return {
    t,
    browser,
    base,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
