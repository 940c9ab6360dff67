// Launching Debian's Chromium through playwright-core (no browser download).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(E2E_DIR, 'out');
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
