// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on every page type in
// every language of the site, the root page and the 404 page; then on every other page
// when the site has at most AXE_ALL_MAX_PAGES HTML files (E2E_AXE_ALL=1
// forces that, E2E_AXE_ALL=0 skips it).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AXE_PATH, newContext, withBrowser } from './lib/browser.mjs';
import { PAGE_TYPES, discover, env, pagesByType, walkFiles } from './lib/site.mjs';

const { siteDir, base, sections, languages } = env();
const site = discover(siteDir, sections, languages);
const url = (rel) => new URL(rel, base).href;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_ALL_MAX_PAGES = 300;

const hasDarkMode = walkFiles(siteDir)
  .filter((f) => f.endsWith('.css'))
  .some((f) => /prefers-color-scheme\s*:\s*dark/.test(fs.readFileSync(path.join(siteDir, f), 'utf8')));

const chrome = withBrowser();

function report(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => `      target: ${n.target.join(' ')}\n        ${(n.failureSummary || '').split('\n').slice(0, 3).join('\n        ')}\n        html: ${n.html.slice(0, 200)}`)
        .join('\n');
      const more = v.nodes.length > 10 ? `\n      … and ${v.nodes.length - 10} more` : '';
      return `  [${v.id}] (${v.impact}) ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

async function axeCheck(rel, { colorScheme = 'light', expectStatus } = {}) {
  const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 800 }, colorScheme });
  const page = await context.newPage();
  try {
    const response = await page.goto(url(rel), { waitUntil: 'load' });
    if (expectStatus) assert.equal(response.status(), expectStatus);
    await page.addScriptTag({ path: AXE_PATH });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    const v = result.violations;
    if (v.length) {
      assert.fail(`axe: ${v.length} rule(s) violated on /${rel} (${colorScheme}): ${v.map((x) => x.id).join(', ')}\n${report(v)}`);
    }
  } finally {
    await context.close();
  }
}

describe('axe per page type', () => {
  for (const { lang, label, rel, name } of pagesByType(site)) {
    test(name, async () => {
      assert.ok(rel, `no ${label} page in ${lang}`);
      await axeCheck(rel);
    });
  }
  test('root language picker (/)', async () => {
    assert.equal(site.root, '', 'no root index.html');
    await axeCheck('');
  });
});

// Every other page too, while the site is small enough (E2E_AXE_ALL=1 forces, =0 skips).
const typed = new Set(['', ...languages.flatMap((l) => PAGE_TYPES.map(([k]) => site[l][k]).filter(Boolean))]);
const others = site.all.map((f) => f.replace(/(^|\/)index\.html$/, '$1')).filter((rel) => !typed.has(rel) && rel !== '404.html');
const allMode = process.env.E2E_AXE_ALL ?? (site.all.length <= AXE_ALL_MAX_PAGES ? '1' : '0');
if (allMode === '1') {
  describe(`axe on every other page (${others.length})`, () => {
    for (const rel of others) test(`/${rel}`, () => axeCheck(rel));
  });
}

describe('axe on the 404 page', () => {
  test('served for an unknown path', () => axeCheck('no-such-page-e2e/', { expectStatus: 404 }));
  test('served for an unknown path under /en/', () => axeCheck('en/no-such-page-e2e/', { expectStatus: 404 }));
});

if (hasDarkMode) {
  describe('axe in dark mode (the theme has prefers-color-scheme: dark)', () => {
    for (const lang of languages) {
      for (const key of ['home', 'practices', 'practice', 'pesProfile']) {
        const rel = site[lang][key];
        if (!rel) continue;
        test(`${lang} ${key} (/${rel})`, () => axeCheck(rel, { colorScheme: 'dark' }));
      }
    }
  });
}
