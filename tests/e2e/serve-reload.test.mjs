// Live preview in a real browser: `benchlearn serve` on a free port against a temporary copy of
// tests/fixtures/serve; an open page reloads by itself after a save, shows a broken file as an
// overlay over the last good page, and drops the overlay once the file is fixed.
//
// Needs the binary: BENCHLEARN_BIN, else target/release/benchlearn or target/debug/benchlearn.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { withBrowser } from './lib/browser.mjs';
import { benchlearnBinary, readSiteConfig } from './lib/site.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'serve');
const { sections } = readSiteConfig(FIXTURE);
const practicePage = (lang) => `${lang}/${sections.practices[lang]}/coaching/`;
const PRACTICE = path.join('content', 'practices', 'coaching.en.md');
const CLUSTERS = path.join('content', 'data', 'clusters.yaml');

/** Starts `benchlearn serve --port 0` on a copy of the fixture; resolves with its base URL. */
function startServe(site) {
  const child = spawn(benchlearnBinary(), ['serve', '--port', '0', '--root', site], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const base = new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = log.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(new URL(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
  return { child, base, log: () => log };
}

let site;
let serve;
let base;
before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'benchlearn-serve-e2e-'));
  fs.cpSync(FIXTURE, site, { recursive: true });
  serve = startServe(site);
  base = await serve.base;
});
after(() => {
  serve?.child.kill();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});
const chrome = withBrowser();

const edit = (relative, change) => {
  const file = path.join(site, relative);
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
};

/** Runs `action` and waits until the page has loaded again by itself. */
async function reloadedBy(page, action) {
  await page.evaluate(() => { window.benchlearnMarker = true; });
  const loaded = page.waitForEvent('load', { timeout: 20000 });
  action();
  await loaded;
  assert.equal(await page.evaluate(() => window.benchlearnMarker), undefined, 'the page was not reloaded');
}

test('an open page reloads by itself after a save', async () => {
  const page = await chrome.browser.newPage();
  try {
    await page.goto(new URL(practicePage('en'), base).href, { waitUntil: 'load' });
    assert.equal((await page.locator('h1').innerText()).trim(), 'Intensive coaching');
    await reloadedBy(page, () => edit(PRACTICE, (t) => t.replace('Intensive coaching', 'Coaching, saved once')));
    assert.equal((await page.locator('h1').innerText()).trim(), 'Coaching, saved once');
  } finally {
    await page.close();
  }
});

test('a broken file shows an overlay over the last good page, removed once fixed', async () => {
  const page = await chrome.browser.newPage();
  const good = fs.readFileSync(path.join(site, CLUSTERS), 'utf8');
  try {
    await page.goto(new URL(practicePage('fr'), base).href, { waitUntil: 'load' });
    await reloadedBy(page, () => edit(CLUSTERS, (t) => t.replace('- id: medium', '- id: [medium')));
    const overlay = page.locator('#benchlearn-error[role="alertdialog"]');
    await overlay.waitFor({ state: 'visible' });
    const text = await overlay.innerText();
    assert.match(text, /Le site n’a pas pu être reconstruit/);
    assert.match(text, /content\/data\/clusters\.yaml/);
    assert.match(text, /ligne 1, colonne \d+/);
    assert.equal(await page.locator('h1').count(), 1, 'the last good page is still shown under the overlay');
    await page.screenshot({ path: path.join(os.tmpdir(), 'benchlearn-serve-overlay.png') });
    await reloadedBy(page, () => fs.writeFileSync(path.join(site, CLUSTERS), good));
    assert.equal(await page.locator('#benchlearn-error').count(), 0, 'overlay gone after the fix');
  } finally {
    await page.close();
  }
});
