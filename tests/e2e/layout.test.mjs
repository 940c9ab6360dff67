// Layout: no horizontal overflow at 360 px; screenshots at 360 and 1280 px.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { discover, env, pagesByType } from './lib/site.mjs';

const { siteDir, base, sections } = env();
const site = discover(siteDir, sections);
const url = (rel) => new URL(rel, base).href;

const chrome = withBrowser();

describe('no horizontal overflow at 360 px', () => {
  const WIDTH = 360;
  for (const { lang, label, rel, name } of pagesByType(site)) {
    test(name, async () => {
      assert.ok(rel, `no ${label} page in ${lang}`);
      const context = await newContext(chrome.browser, base, { viewport: { width: WIDTH, height: 740 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      try {
        await page.goto(url(rel), { waitUntil: 'load' });
        const m = await page.evaluate((w) => {
          const de = document.documentElement;
          // name the widest offenders to make a failure actionable
          const offenders = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > w + 0.5 && r.width > 0) {
              const id = el.id ? `#${el.id}` : '';
              const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
              offenders.push(`${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)}`);
            }
          }
          return { scrollWidth: de.scrollWidth, offenders: offenders.slice(0, 8) };
        }, WIDTH);
        if (m.scrollWidth > WIDTH) {
          assert.fail(`/${rel}: scrollWidth ${m.scrollWidth} > ${WIDTH}; elements past the right edge: ${m.offenders.join(', ')}`);
        }
      } finally {
        await context.close();
      }
    });
  }
});

describe('screenshots', () => {
  const out = ensureOutDir();
  for (const lang of ['fr', 'en']) {
    for (const key of ['home', 'practice', 'peerGroup']) {
      for (const width of [360, 1280]) {
        test(`${lang} ${key} at ${width} px`, async () => {
          const rel = site[lang][key];
          assert.ok(rel, `no ${key} page in ${lang}`);
          const context = await newContext(chrome.browser, base, { viewport: { width, height: width < 600 ? 740 : 800 } });
          const page = await context.newPage();
          try {
            await page.goto(url(rel), { waitUntil: 'load' });
            const file = path.join(out, `${lang}-${key}-${width}.png`);
            await page.screenshot({ path: file, fullPage: true });
            console.log(`screenshot: ${path.relative(process.cwd(), file)}`);
          } finally {
            await context.close();
          }
        });
      }
    }
  }
});
