// The comparison page: with JavaScript, choosing two PES builds a table with a column for
// each, the address keeps the choice (?a=…&b=…) and a reload shows the same comparison; a
// third PES adds a column; axe finds no violation on the page with a comparison shown nor on
// a precomputed comparison; at 360 px the tables scroll inside their region, not the page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AXE_PATH, collectErrors, ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { env } from './lib/site.mjs';

const { siteDir, base, sections } = env();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const chrome = withBrowser();

/** The comparison page of `lang` (`en/compare/`). */
const comparePage = (lang) => `${lang}/${sections.compare[lang]}/`;

/** The first precomputed comparison of `lang` (`en/compare/fr-ft--se-af/`). */
function firstPair(lang) {
  const folder = path.join(siteDir, comparePage(lang));
  const pair = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.includes('--'))
    .map((entry) => entry.name)
    .sort()[0];
  assert.ok(pair, `no precomputed comparison in /${comparePage(lang)}`);
  return `${comparePage(lang)}${pair}/`;
}

async function withPage(options, run) {
  const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await run(page, errors);
  } finally {
    await context.close();
  }
}

async function axe(page, rel) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on /${rel}`);
}

/** The PES names in the column heads of the indicators' table. */
async function columnNames(page) {
  const table = page.locator('#compare-result table').first();
  return table.locator('thead th.compare-pes a').allInnerTexts();
}

describe('comparison page', () => {
  for (const lang of ['en', 'fr']) {
    test(`${lang}: two chosen PES side by side, kept in the address across a reload`, async () => {
      await withPage({}, async (page, errors) => {
        const rel = comparePage(lang);
        await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
        const form = page.locator('#compare-form');
        await form.waitFor({ state: 'visible' });
        const first = page.locator('select[name=a]');
        const values = (await first.locator('option').evaluateAll((all) => all.map((o) => [o.value, o.textContent])))
          .filter(([value]) => value);
        assert.ok(values.length >= 3, 'fewer than three PES to choose from');
        const [[a, nameA], [b, nameB], [c, nameC]] = [values[0], values[values.length - 1], values[1]];
        await first.selectOption(a);
        await page.locator('select[name=b]').selectOption(b);
        await page.locator('#compare-result table').first().waitFor();
        assert.deepEqual(await columnNames(page), [nameA, nameB]);
        const cells = await page.locator('#compare-result table').first().locator('tbody tr').first().locator('td').count();
        assert.equal(cells, 3, 'a cell per PES and the network median');
        const address = new URL(page.url());
        assert.equal(address.searchParams.get('a'), a);
        assert.equal(address.searchParams.get('b'), b);
        assert.ok((await page.locator('#compare-status').innerText()).includes(nameA), 'the status names the PES');

        await page.reload({ waitUntil: 'load' });
        await page.locator('#compare-result table').first().waitFor();
        assert.deepEqual(await columnNames(page), [nameA, nameB], 'the reload shows the same comparison');
        assert.equal(await first.inputValue(), a);

        await page.locator('select[name=c]').selectOption(c);
        await page.waitForFunction(() => document.querySelectorAll('#compare-result thead th.compare-pes').length >= 3);
        assert.deepEqual(await columnNames(page), [nameA, nameB, nameC]);
        assert.equal(new URL(page.url()).searchParams.get('c'), c);

        await page.locator('select[name=b]').selectOption('');
        await page.locator('select[name=c]').selectOption('');
        await page.waitForFunction(() => !document.querySelector('#compare-result table'));
        assert.ok((await page.locator('#compare-status').innerText()).length > 0, 'no word asking for two PES');
        assert.deepEqual(errors, [], 'script or console errors');
      });
    });
  }

  test('a shared address shows its comparison, and axe finds no violation', async () => {
    const rel = comparePage('en');
    await withPage({}, async (page, errors) => {
      await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
      const values = (await page.locator('select[name=a] option').evaluateAll((all) => all.map((o) => o.value)))
        .filter(Boolean);
      const shared = `${rel}?a=${values[1]}&b=${values[0]}&d=no-such-pes`;
      await page.goto(new URL(shared, base).href, { waitUntil: 'load' });
      await page.locator('#compare-result table').first().waitFor();
      assert.equal(await page.locator('#compare-result table').first().locator('thead th.compare-pes').count(), 2);
      assert.equal(await page.locator('select[name=d]').inputValue(), '', 'an unknown id is left out');
      await axe(page, shared);
      assert.deepEqual(errors, []);
    });
  });

  for (const width of [1280, 360]) {
    test(`four PES at ${width} px: no column head breaks a word`, async () => {
      const rel = comparePage('fr');
      await withPage({ viewport: { width, height: 900 } }, async (page) => {
        await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
        const values = (await page.locator('select[name=a] option').evaluateAll((all) => all.map((o) => o.value)))
          .filter(Boolean);
        // The PES with the longest single word in its name, and three others.
        const names = await page.locator('select[name=a] option').evaluateAll((all) =>
          all.filter((o) => o.value).map((o) => [o.value, Math.max(...o.textContent.split(/\s+/).map((w) => w.length))]));
        const longest = names.sort((x, y) => y[1] - x[1])[0][0];
        const others = values.filter((v) => v !== longest).slice(0, 3);
        const query = ['a', 'b', 'c', 'd'].map((key, i) => `${key}=${[longest, ...others][i]}`).join('&');
        await page.goto(new URL(`${rel}?${query}`, base).href, { waitUntil: 'load' });
        await page.locator('#compare-result table').first().waitFor();
        const broken = await page.locator('#compare-result table').first().locator('thead th.compare-pes a').evaluateAll((links) =>
          links.flatMap((link) => {
            const head = link.closest('th');
            const style = getComputedStyle(head);
            const room = head.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
            const probe = document.createElement('span');
            probe.style.whiteSpace = 'nowrap';
            link.append(probe);
            const words = link.firstChild.textContent.split(/\s+/).filter((w) => {
              probe.textContent = w;
              // A pixel of slack: the column's width is rounded, the word's is not.
              return probe.getBoundingClientRect().width > room + 1;
            });
            probe.remove();
            return words;
          }));
        assert.deepEqual(broken, [], 'words wider than their column');
      });
    });
  }

  test('without JavaScript the form stays hidden and the precomputed comparisons are listed', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      const rel = comparePage('fr');
      await page.goto(new URL(`${rel}?a=x&b=y`, base).href, { waitUntil: 'load' });
      assert.equal(await page.locator('#compare-form').isVisible(), false);
      const links = page.locator('.comparison-list a');
      assert.ok((await links.count()) > 0, 'no precomputed comparison listed');
      await links.first().click();
      await page.waitForLoadState('load');
      assert.equal(await page.locator('table.compare-table thead th.compare-pes').first().isVisible(), true);
    });
  });

  test('a precomputed comparison has no axe violation', async () => {
    const rel = firstPair('en');
    await withPage({}, async (page) => {
      await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
      await axe(page, rel);
    });
  });

  /** The comparison page of French with its first two PES chosen, read from its selects. */
  async function chosenPair(page) {
    const rel = comparePage('fr');
    await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
    const values = (await page.locator('select[name=a] option').evaluateAll((all) => all.map((o) => o.value)))
      .filter(Boolean);
    return `${rel}?a=${values[0]}&b=${values[1]}`;
  }

  for (const [name, relOf] of [['compare-js', chosenPair], ['compare-pair', async () => firstPair('en')]]) {
    test(`${name} at 360 px: the tables scroll in their region, the page does not; screenshots`, async () => {
      const out = ensureOutDir();
      for (const width of [360, 1280]) {
        await withPage({ viewport: { width, height: 800 } }, async (page) => {
          const rel = await relOf(page);
          await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
          await page.locator('table.compare-table').first().waitFor();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `/${rel} scrolls sideways by ${overflow}px at ${width}px`);
          if (width === 360) {
            const region = page.locator('.table-scroll').first();
            assert.equal(await region.getAttribute('tabindex'), '0', 'the scrolling region is not focusable');
            assert.ok(await region.evaluate((r) => r.scrollWidth > r.clientWidth), 'the table does not scroll in its region');
          }
          const file = path.join(out, `${name}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(`screenshot: ${path.relative(process.cwd(), file)}`);
        });
      }
    });
  }
});
