// Tables and the main menu on a 360 px phone, in every language of the site: a benchmark table
// that scrolls sideways keeps its row heads (the PES) in view and on top of the cells scrolling
// under them, and its caption within the visible width; the main menu cuts no entry (each
// entry, once the menu is open, lies whole on the screen, and nothing around it scrolls).
// Screenshots of a table scrolled sideways and of the open menu at 360 px.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { discover, env, urlOfFile } from './lib/site.mjs';

const { siteDir, base, sections, languages } = env();
const site = discover(siteDir, sections, languages);
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 };

const chrome = withBrowser();

/** The first page (by folder name) under `lang`'s `section` whose HTML holds `marker`. */
function firstPage(lang, section, marker) {
  const folder = path.join(siteDir, lang, sections[section][lang]);
  if (!fs.existsSync(folder)) return null;
  return (
    fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${lang}/${sections[section][lang]}/${entry.name}/index.html`)
      .sort()
      .find((rel) => fs.existsSync(path.join(siteDir, rel)) && fs.readFileSync(path.join(siteDir, rel), 'utf8').includes(marker)) ?? null
  );
}

/** The pages of `lang` with benchmark tables: an indicator, an assessment cycle, a framework, a profile. */
function tablePages(lang) {
  return [
    ['indicator', firstPage(lang, 'indicators', 'chart-lines')],
    ['assessment', firstPage(lang, 'assessments', 'chart-heatmap')],
    ['framework', firstPage(lang, 'frameworks', 'data-table')],
    ['profile', site[lang].pesProfile && `${site[lang].pesProfile}index.html`],
  ].filter(([, rel]) => rel);
}

/**
 * Scrolls each table region of the page that overflows to its far end and reports, per
 * region, the rows whose first cell is not whole inside the region or is covered there by
 * another cell, and whether the caption runs past the region.
 */
function scrollEveryTable() {
  const problems = [];
  let scrolled = 0;
  for (const region of document.querySelectorAll('.table-scroll')) {
    if (region.scrollWidth <= region.clientWidth + 1) continue;
    scrolled += 1;
    region.scrollIntoView({ block: 'start' });
    // The far end: right in left-to-right pages, left (negative scrollLeft) in right-to-left ones.
    const rtl = getComputedStyle(region).direction === 'rtl';
    region.scrollLeft = rtl ? -region.scrollWidth : region.scrollWidth;
    const box = region.getBoundingClientRect();
    const name = region.querySelector('caption')?.textContent.trim().slice(0, 40) ?? '(no caption)';
    for (const row of region.querySelectorAll('tbody tr')) {
      const head = row.cells[0];
      const r = head.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
        problems.push(`${name}: the row head "${head.textContent.trim().slice(0, 30)}" is at ${Math.round(r.left)}–${Math.round(r.right)}, outside ${Math.round(box.left)}–${Math.round(box.right)}`);
        continue;
      }
      if (r.bottom < 0 || r.top > innerHeight) continue;
      const y = Math.max(r.top, 0) + Math.min(r.height, innerHeight - Math.max(r.top, 0)) / 2;
      const top = document.elementFromPoint(r.left + r.width / 2, y);
      if (!top || !head.contains(top)) {
        problems.push(`${name}: the row head "${head.textContent.trim().slice(0, 30)}" is covered by ${top ? top.tagName.toLowerCase() : 'nothing'}`);
      }
    }
    const caption = region.querySelector('caption');
    if (caption) {
      const c = caption.getBoundingClientRect();
      if (c.left < box.left - 0.5 || c.right > box.right + 0.5) {
        problems.push(`${name}: the caption runs past the region (${Math.round(c.left)}–${Math.round(c.right)})`);
      }
    }
  }
  return { scrolled, problems };
}

describe('benchmark tables at 360 px: the row heads stay in view when a table scrolls sideways', () => {
  for (const lang of languages) {
    for (const [kind, rel] of tablePages(lang)) {
      test(`${lang} ${kind} (/${rel})`, async () => {
        const context = await newContext(chrome.browser, base, PHONE);
        const page = await context.newPage();
        try {
          await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
          const { scrolled, problems } = await page.evaluate(scrollEveryTable);
          if (kind === 'indicator') assert.ok(scrolled > 0, 'no table of the indicator page scrolls sideways at 360 px: nothing tested');
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('screenshot: the latest values of an indicator scrolled sideways, at 360 and 1280 px', async () => {
    const out = ensureOutDir();
    const rel = tablePages(languages[0]).find(([kind]) => kind === 'indicator')?.[1];
    assert.ok(rel, 'no indicator page');
    for (const width of [360, 1280]) {
      const context = await newContext(chrome.browser, base, { viewport: { width, height: width < 600 ? 740 : 800 } });
      const page = await context.newPage();
      try {
        await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
        await page.evaluate(() => {
          const region = document.querySelector('.table-scroll');
          region.scrollIntoView({ block: 'start' });
          region.scrollLeft = 120;
        });
        await page.screenshot({ path: path.join(out, `phone-tables-${languages[0]}-${width}.png`) });
      } finally {
        await context.close();
      }
    }
  });
});

/**
 * The main menu's entries that are not whole on the screen: cut by the screen's edge, by their
 * own box, or by a box around them that scrolls sideways.
 */
function clippedMenuEntries() {
  const width = document.documentElement.clientWidth;
  const nav = document.querySelector('nav.main-nav');
  const clipped = [];
  for (const a of nav.querySelectorAll('a')) {
    const r = a.getBoundingClientRect();
    const label = a.textContent.trim();
    if (r.width === 0 || r.height === 0) clipped.push(`"${label}" is not shown`);
    else if (r.left < -0.5 || r.right > width + 0.5) clipped.push(`"${label}" lies at ${Math.round(r.left)}–${Math.round(r.right)}`);
    if (a.scrollWidth > a.clientWidth) clipped.push(`"${label}" is wider than its box`);
    for (let box = a.parentElement; box && box !== nav.parentElement; box = box.parentElement) {
      if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible') {
        clipped.push(`"${label}" sits in a <${box.tagName.toLowerCase()}> that scrolls sideways`);
        break;
      }
    }
  }
  return clipped;
}

describe('main menu at 360 px: no entry is cut', () => {
  for (const lang of languages) {
    for (const key of ['home', 'pesProfile']) {
      test(`${lang} ${key}`, async () => {
        const rel = site[lang][key];
        assert.ok(rel, `no ${key} page in ${lang}`);
        for (const javaScriptEnabled of [true, false]) {
          const context = await newContext(chrome.browser, base, { ...PHONE, javaScriptEnabled });
          const page = await context.newPage();
          try {
            await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
            // A menu folded into a disclosure is opened first, as a visitor would.
            const toggle = page.locator('nav.main-nav details:not([open]) > summary');
            if ((await toggle.count()) > 0 && (await toggle.first().isVisible())) await toggle.first().click();
            assert.deepEqual(await page.evaluate(clippedMenuEntries), [], `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`);
            if (key === 'home' && javaScriptEnabled) {
              await page.screenshot({ path: path.join(ensureOutDir(), `phone-menu-${lang}-360.png`), clip: { x: 0, y: 0, width: 360, height: 560 } });
            }
          } finally {
            await context.close();
          }
        }
      });
    }
  }

  test('at 1280 px every entry shows without opening anything', async () => {
    const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(new URL(site[languages[0]].home, base).href, { waitUntil: 'load' });
      const links = page.locator('nav.main-nav').getByRole('link');
      const count = await links.count();
      assert.ok(count > 3, `only ${count} menu links in the accessibility tree`);
      for (let i = 0; i < count; i++) assert.ok(await links.nth(i).isVisible(), `menu link ${i + 1} hidden at 1280 px`);
      assert.deepEqual(await page.evaluate(clippedMenuEntries), []);
    } finally {
      await context.close();
    }
  });
});
