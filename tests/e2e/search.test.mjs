// Search: the Pagefind index and UI on the example site, in Chromium.
// A French word typed without accents finds the practice that has it with accents; a plural
// finds the singular; a facet narrows the results and the counts change; the English page
// returns English results; the keyboard alone goes from the header's search box to a result.
//
// Needs the example site built with search on and served at E2E_BASE_URL (bash tests/e2e/run
// does both); E2E_SITE_DIR is the built folder, E2E_SITE_ROOT the source whose site.yaml
// names the search pages and Pagefind's folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AXE_PATH, newContext, withBrowser } from './lib/browser.mjs';
import { env } from './lib/site.mjs';

const { siteDir, base, sections, searchFolder } = env();
const url = (rel) => new URL(rel, base).href;
const searchPage = { fr: `fr/${sections.search.fr}/`, en: `en/${sections.search.en}/` };

const chrome = withBrowser();

/** A page that can only reach the local server, with its errors collected. */
async function openPage(options = {}) {
  const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, close: () => context.close() };
}

/** Types `query` into the Pagefind input and waits for the results of that query. */
async function search(page, query) {
  const input = page.locator('.pagefind-ui__search-input');
  await input.fill(query);
  await page.waitForFunction(
    (q) => (document.querySelector('.pagefind-ui__message')?.textContent || '').includes(q),
    query,
  );
  await page.waitForSelector('.pagefind-ui__result-link');
}

/** Title, URL, tags and highlighted words of the results on screen. */
async function results(page) {
  return page.$$eval('.pagefind-ui__result', (items) =>
    items.map((item) => ({
      title: item.querySelector('.pagefind-ui__result-link')?.textContent.trim(),
      href: item.querySelector('.pagefind-ui__result-link')?.getAttribute('href'),
      tags: [...item.querySelectorAll('.pagefind-ui__result-tag')].map((t) => t.textContent.trim()),
      marks: [...item.querySelectorAll('mark')].map((m) => m.textContent.trim()),
    })),
  );
}

async function resultCount(page) {
  const message = await page.textContent('.pagefind-ui__message');
  const match = message.match(/(\d+)/);
  return match ? Number(match[1]) : message.includes('Un résultat') || message.includes('1 result') ? 1 : 0;
}

describe('search', () => {
  test('the index is written per language and the search page loads nothing on other pages', async () => {
    const entry = JSON.parse(fs.readFileSync(path.join(siteDir, searchFolder, 'pagefind-entry.json'), 'utf8'));
    assert.deepEqual(Object.keys(entry.languages).sort(), ['en', 'fr']);
    const { page, close } = await openPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url('fr/'), { waitUntil: 'networkidle' });
    assert.deepEqual(requests.filter((r) => r.includes(`/${searchFolder}/`)), [], 'a page other than search loaded Pagefind');
    await close();
  });

  test('French: a word typed without accents finds the practice written with them', async () => {
    const { page, errors, close } = await openPage();
    await page.goto(url(searchPage.fr));
    await search(page, 'competences');
    const found = await results(page);
    const practice = found.find((r) => r.title.includes('compétences') && r.tags.some((t) => t.includes('Bonne pratique')));
    assert.ok(practice, `no practice titled with « compétences » among ${JSON.stringify(found.map((r) => r.title))}`);
    assert.ok(practice.href.startsWith(`${base.pathname}fr/`), practice.href);
    assert.ok(found.some((r) => r.marks.some((m) => /compétences/i.test(m))), 'the match is highlighted with its accents');
    assert.ok(practice.tags.some((t) => t.startsWith('SPE')), `the result names its PES: ${practice.tags}`);
    assert.deepEqual(errors, []);
    await close();
  });

  test('French: a plural finds the singular', async () => {
    const { page, close } = await openPage();
    await page.goto(url(searchPage.fr));
    await search(page, 'emplois');
    const marks = (await results(page)).flatMap((r) => r.marks.map((m) => m.toLowerCase()));
    assert.ok(
      marks.some((m) => /(^|[’'])emploi[.,;:]?$/.test(m)),
      `no highlighted « emploi » (singular) among ${JSON.stringify(marks.slice(0, 20))}`,
    );
    await close();
  });

  test('a facet narrows the results and the counts change', async () => {
    const { page, close } = await openPage();
    const block = page.locator('.pagefind-ui__filter-block', { hasText: 'Type de contenu' });
    // Pagefind's UI loads the facets apart from the results; on a loaded machine they have
    // once failed to show within 30 s (CI, 2026-11-25). Reload and search again, at most
    // three times, and keep every assertion below as it is.
    for (let attempt = 1; ; attempt += 1) {
      await page.goto(url(searchPage.fr));
      await search(page, 'emploi');
      try {
        await block.locator('summary').waitFor({ timeout: 10000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    const before = await resultCount(page);
    await block.locator('summary').click();
    const label = block.locator('label', { hasText: 'Bonne pratique' });
    const labelBefore = await label.textContent();
    const otherLabel = page.locator('.pagefind-ui__filter-block', { hasText: 'Pays' }).locator('label').first();
    const otherBefore = await otherLabel.textContent();
    const facetCount = Number(labelBefore.match(/\((\d+)\)/)[1]);
    await block.locator('input[type=checkbox][value="Bonne pratique"]').check();
    await page.waitForFunction((n) => !document.querySelector('.pagefind-ui__message')?.textContent.includes(`${n} `), before);
    const after = await resultCount(page);
    assert.ok(after < before, `results did not narrow: ${before} → ${after}`);
    assert.equal(after, facetCount, 'the facet said how many results it keeps');
    const tags = (await results(page)).flatMap((r) => r.tags.filter((t) => t.startsWith('Type de contenu')));
    assert.ok(tags.every((t) => t.includes('Bonne pratique')), JSON.stringify(tags));
    assert.notEqual(await otherLabel.textContent(), otherBefore, 'the other facets’ counts follow the selection');
    await close();
  });

  test('English: the English page searches the English index', async () => {
    const { page, close } = await openPage();
    await page.goto(url(searchPage.en));
    await search(page, 'employers');
    const found = await results(page);
    assert.ok(found.length > 0);
    for (const r of found) assert.ok(r.href.startsWith(`${base.pathname}en/`), `a non-English result: ${r.href}`);
    assert.ok(found.some((r) => r.tags.some((t) => t.includes('Good practice'))), 'English labels on results');
    const other = page.locator('[data-search-other]');
    const otherUrl = new URL(await other.getAttribute('href'), base);
    assert.equal(`${otherUrl.pathname}${otherUrl.search}`, `${base.pathname}${searchPage.fr}?q=employers`);
    await close();
  });

  test('keyboard alone: header search box, results, open a result', async () => {
    const { page, close } = await openPage();
    await page.goto(url('fr/'));
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'site-search-q'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id || '');
    }
    assert.equal(focused, 'site-search-q', 'Tab never reached the header search box');
    await page.keyboard.type('competences');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `${base.pathname}${searchPage.fr}` && u.search === '?q=competences');
    await page.waitForSelector('.pagefind-ui__result-link');
    const target = await page.getAttribute('.pagefind-ui__result-link', 'href');
    let onResult = false;
    for (let i = 0; i < 80 && !onResult; i++) {
      await page.keyboard.press('Tab');
      onResult = await page.evaluate(() => document.activeElement?.classList.contains('pagefind-ui__result-link'));
    }
    assert.ok(onResult, 'Tab never reached a result');
    const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
    assert.equal(href, target, 'the first result is the first one reached');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === new URL(href, base).pathname);
    await close();
  });

  for (const [lang, colorScheme] of [['fr', 'light'], ['en', 'light'], ['fr', 'dark']]) {
    test(`axe (WCAG 2.1 A/AA) on the ${lang} search page with results and a facet open, ${colorScheme}`, async () => {
      const { page, close } = await openPage({ colorScheme });
      await page.goto(url(searchPage[lang]));
      await search(page, lang === 'fr' ? 'emploi' : 'employment');
      await page.locator('.pagefind-ui__filter-block summary').first().click();
      await page.addScriptTag({ path: AXE_PATH });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.html.slice(0, 120)).join(' | ')}`);
      });
      assert.deepEqual(violations, []);
      await close();
    });
  }

  test('without JavaScript the search page says search needs it', async () => {
    const context = await chrome.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('fr/'));
    const action = await page.getAttribute('form[role=search]', 'action');
    assert.equal(new URL(action, base).pathname, `${base.pathname}${searchPage.fr}`);
    await page.goto(url(`${searchPage.fr}?q=emploi`));
    assert.match(await page.textContent('main'), /JavaScript/);
    await context.close();
  });
});
