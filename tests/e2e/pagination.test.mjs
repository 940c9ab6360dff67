// Lists cut into pages: a reader pages through the practice catalogue in each language with
// the pager (mouse, keyboard, and without JavaScript), each page at its translated address
// with its own title and `rel` links, and the filters find a practice that is on the second
// page while the first is shown, and follow the address. Screenshots of the pager at 360 and
// 1280 px; axe on a later page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AXE_PATH, collectErrors, ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { env } from './lib/site.mjs';

const { base, sections, languages } = env();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const listPath = (lang) => `${base.pathname}${lang}/${sections.practices[lang]}/`;
const pagePath = (lang, number) => (number === 1 ? listPath(lang) : `${listPath(lang)}${sections.list_page[lang]}/${number}/`);
const at = (pathname) => new URL(pathname, base).href;

const chrome = withBrowser({ base });

async function titles(page) {
  return page.locator('#practice-list > li.card .card-title').evaluateAll((nodes) => nodes.map((n) => n.textContent.replace(/\s+/g, ' ').trim()));
}

async function axe(page, label) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  assert.deepEqual(summary, [], `axe on ${label}`);
}

describe('pagination', () => {
  for (const lang of languages) {
    test(`${lang}: the pager leads through the catalogue and back`, async () => {
      const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = collectErrors(page);
      try {
        await page.goto(at(pagePath(lang, 1)), { waitUntil: 'load' });
        const pager = page.locator('nav.pager');
        assert.ok(await pager.isVisible(), 'a pager under the first page');
        assert.ok((await pager.getAttribute('aria-label')).length > 0, 'the pager is named');
        assert.equal(await pager.locator('a[aria-current="page"]').innerText(), '1');
        assert.equal(await pager.locator('a[rel="prev"]').count(), 0, 'no previous page on the first');
        const first = await titles(page);
        const firstTitle = await page.title();

        await pager.locator('a[rel="next"]').click();
        await page.waitForLoadState('load');
        assert.equal(new URL(page.url()).pathname, pagePath(lang, 2), 'the second page\'s address');
        const second = await titles(page);
        assert.ok(second.length > 0, 'the second page has cards');
        assert.deepEqual(second.filter((t) => first.includes(t)), [], 'no card on both pages');
        assert.notEqual(await page.title(), firstTitle, 'a title of its own');
        assert.match(await page.locator('h1').innerText(), /2/, 'the heading says which page');
        assert.equal(await page.locator('nav.pager a[aria-current="page"]').innerText(), '2');
        assert.equal(await page.locator('head link[rel="prev"]').getAttribute('href'), at(pagePath(lang, 1)));
        assert.equal(await page.locator('head link[rel="canonical"]').getAttribute('href'), at(pagePath(lang, 2)));

        // Back with the keyboard.
        await page.locator('nav.pager a[rel="prev"]').focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(at(pagePath(lang, 1)));
        assert.deepEqual(await titles(page), first);

        // The language switcher on page 2 leads to page 2 of the other language, which is
        // as long (every practice is listed in every language, in its own or another's text).
        await page.goto(at(pagePath(lang, 2)), { waitUntil: 'load' });
        const other = languages.find((l) => l !== lang);
        if (other) {
          const switcher = page.locator(`.lang-switch a[hreflang="${other}"]`);
          assert.equal(new URL(await switcher.getAttribute('href'), base).pathname, pagePath(other, 2));
        }
        assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
      } finally {
        await context.close();
      }
    });

    test(`${lang}: the filters find a practice that is on the second page`, async () => {
      const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = collectErrors(page);
      try {
        await page.goto(at(pagePath(lang, 2)), { waitUntil: 'load' });
        const target = (await titles(page)).at(-1);
        const pesUrl = await page.locator('#practice-list > li.card').last().locator('.tags a').first().getAttribute('href');
        const pes = pesUrl.split('/').filter(Boolean).at(-1);

        await page.goto(at(pagePath(lang, 1)), { waitUntil: 'load' });
        assert.ok(!(await titles(page)).includes(target), 'not on the first page');
        const facet = page.locator('form[data-filters] details[data-facet="pes"]');
        if ((await facet.getAttribute('open')) === null) await facet.locator('summary').click();
        await facet.locator(`input[value="${pes}"]`).check();
        await page.waitForFunction(() => !document.getElementById('practice-list').hasAttribute('aria-busy'));
        const more = page.locator('[data-filters-more] button');
        while (await more.isVisible()) await more.click();
        assert.ok((await titles(page)).includes(target), `${target} is found from the first page`);
        assert.equal(await page.locator('nav.pager').isVisible(), false, 'no pager over the matches');
        assert.equal(new URL(page.url()).pathname, pagePath(lang, 1));
        assert.match(page.url(), new RegExp(`[?&]pes=${pes}\\b`), 'the address keeps the choice');

        // The same choice from the second page's address: the matches, at the first page's address.
        await page.goto(`${at(pagePath(lang, 2))}?pes=${pes}`, { waitUntil: 'load' });
        await page.waitForFunction(() => !document.getElementById('practice-list').hasAttribute('aria-busy'));
        while (await more.isVisible()) await more.click();
        assert.ok((await titles(page)).includes(target));
        assert.equal(new URL(page.url()).pathname, pagePath(lang, 1));

        // Cleared: the page's own cards and its pager come back.
        await page.locator('form[data-filters] button[type=reset]').click();
        await page.waitForFunction(() => !document.querySelector('[data-pager]').hidden);
        assert.equal(new URL(page.url()).search, '');
        assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
      } finally {
        await context.close();
      }
    });
  }

  test('without JavaScript the pager still leads through the catalogue', async () => {
    const context = await newContext(chrome.browser, base, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const lang = languages[0];
      await page.goto(at(pagePath(lang, 1)), { waitUntil: 'load' });
      await page.locator('nav.pager a[rel="next"]').click();
      await page.waitForLoadState('load');
      assert.equal(new URL(page.url()).pathname, pagePath(lang, 2));
      assert.ok((await titles(page)).length > 0);
      assert.ok(await page.locator('[data-filters-browse]').isVisible(), 'the browse links');
    } finally {
      await context.close();
    }
  });

  test('screenshots of the pager at 360 and 1280 px, and axe on the second page', async () => {
    const out = ensureOutDir();
    for (const width of [360, 1280]) {
      for (const lang of languages) {
        const context = await newContext(chrome.browser, base, { viewport: { width, height: 900 } });
        const page = await context.newPage();
        try {
          await page.goto(at(pagePath(lang, 2)), { waitUntil: 'load' });
          const pager = page.locator('nav.pager');
          await pager.scrollIntoViewIfNeeded();
          await pager.screenshot({ path: path.join(out, `pager-${lang}-${width}.png`) });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page scrolls sideways at ${width} px by ${overflow} px`);
          const box = await pager.locator('a[aria-current="page"]').boundingBox();
          assert.ok(box.width >= 24 && box.height >= 24, `page links are large enough to tap: ${box.width}×${box.height}`);
          await axe(page, `${lang} catalogue page 2 at ${width} px`);
        } finally {
          await context.close();
        }
      }
    }
  });
});
