// Launching Debian's Chromium through playwright-core (no browser download).
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Screenshots and logs: tests/e2e/out/, or E2E_OUT (set by tests/e2e/run) for another site's run.
export const OUT_DIR = process.env.E2E_OUT ? path.resolve(process.env.E2E_OUT) : path.join(E2E_DIR, 'out');
export const AXE_PATH = path.join(E2E_DIR, 'node_modules', 'axe-core', 'axe.min.js');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A headless Chromium with a fresh temporary profile (playwright's default). */
export async function launch() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install chromium)`);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** A context that only talks to the local server: every other host is aborted. */
export async function newContext(browser, base, options = {}) {
  const context = await browser.newContext({ bypassCSP: true, ...options });
  await context.route(
    (url) => url.origin !== base.origin,
    (route) => route.abort('blockedbyclient'),
  );
  return context;
}

/**
 * One Chromium for a test file: registers the `before` hook that launches it and the
 * `after` hook that closes it, and returns { browser, context, base }, filled in once
 * `before` has run (read them inside tests and hooks, not at import). With `context`
 * (options for newContext), `context` is one context shared by the file's tests that
 * only reaches `base`; without it, tests make their own with newContext(browser, base).
 */
export function withBrowser({ base = null, context = null } = {}) {
  const shared = { browser: null, context: null, base };
  before(async () => {
    shared.browser = await launch();
    if (context) shared.context = await newContext(shared.browser, base, context);
  });
  after(async () => {
    await shared.browser?.close();
  });
  return shared;
}

/** Messages of console errors and uncaught page errors, collected per page. */
export function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}

export function ensureOutDir() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  return OUT_DIR;
}
