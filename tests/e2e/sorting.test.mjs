// Sortable benchmark tables: pressing a column header sorts the rows by that column (numbers
// as numbers, in French and English formatting), pressing it again reverses them, and
// `aria-sort` says which way.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { collectErrors, withBrowser } from './lib/browser.mjs';
import { env, htmlFiles, urlOfFile } from './lib/site.mjs';

const { siteDir, base } = env();

/** The first page of `lang` with a sortable table of at least three body rows. */
function pageWithTable(lang) {
  return htmlFiles(siteDir)
    .filter((f) => f.startsWith(`${lang}/`))
    .find((f) => {
      const html = fs.readFileSync(path.join(siteDir, f), 'utf8');
      const table = html.split('data-sortable')[1];
      return table && (table.split('</tbody>')[0].match(/<tr/g) || []).length >= 3;
    });
}

/** A cell's value as the reader sees it: a number when it starts with one, else null. */
function numberIn(text) {
  const compact = text.replace(/\u2212/g, '-').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^[-+]?\d+(\.\d+)?/.exec(compact);
  return match ? parseFloat(match[0]) : null;
}

const chrome = withBrowser({ base, context: {} });

describe('sortable tables', () => {
  for (const lang of ['fr', 'en']) {
    test(`a numeric column of a ${lang} table sorts up, then down`, async (t) => {
      const rel = pageWithTable(lang);
      if (!rel) {
        t.skip(`no ${lang} page with a sortable table`);
        return;
      }
      const page = await chrome.context.newPage();
      const errors = collectErrors(page);
      try {
        await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
        const table = page.locator('table[data-sortable]').first();
        const headers = table.locator('thead th');
        const count = await headers.count();
        // The first column whose body cells are mostly numbers.
        let column = -1;
        for (let i = 0; i < count && column < 0; i += 1) {
          const texts = await table.locator(`tbody tr > :nth-child(${i + 1})`).allInnerTexts();
          if (texts.filter((x) => numberIn(x) !== null).length >= 3) column = i;
        }
        assert.ok(column >= 0, `${rel}: no numeric column`);
        const header = headers.nth(column);
        const button = header.locator('button.sort-button');
        assert.equal(await button.count(), 1, 'the header is not a button');
        const values = async () =>
          (await table.locator(`tbody tr > :nth-child(${column + 1})`).allInnerTexts())
            .map(numberIn)
            .filter((v) => v !== null);

        await button.click();
        assert.equal(await header.getAttribute('aria-sort'), 'ascending');
        const up = await values();
        assert.deepEqual(up, [...up].sort((a, b) => a - b), `${rel}: not ascending: ${up}`);

        await button.click();
        assert.equal(await header.getAttribute('aria-sort'), 'descending');
        const down = await values();
        assert.deepEqual(down, [...down].sort((a, b) => b - a), `${rel}: not descending: ${down}`);
        assert.equal(await headers.locator('[aria-sort]').count(), 0, 'aria-sort is on the th only');
        assert.equal(await table.locator('thead [aria-sort]').count(), 1, 'one sorted column at a time');
        assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), [], 'uncaught script errors');
      } finally {
        await page.close();
      }
    });
  }

  test('a column of trend sparklines gets no sort button', async (t) => {
    const rel = htmlFiles(siteDir).find((f) => {
      if (!f.startsWith('en/')) return false;
      const html = fs.readFileSync(path.join(siteDir, f), 'utf8');
      return html.includes('data-sortable') && html.includes('class="spark-cell"');
    });
    if (!rel) {
      t.skip('no page with a sortable table of sparklines');
      return;
    }
    const page = await chrome.context.newPage();
    try {
      await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
      const table = page.locator('table[data-sortable]:has(td.spark-cell)').first();
      const cells = await table.locator('tbody tr').first().locator('th, td').evaluateAll((all) =>
        all.map((cell) => cell.classList.contains('spark-cell')));
      const column = cells.indexOf(true);
      const headers = table.locator('thead th');
      assert.equal(await headers.nth(column).locator('button').count(), 0, `${rel}: the trend column is sortable`);
      assert.ok((await table.locator('thead th button').count()) > 0, `${rel}: no sortable column at all`);
    } finally {
      await page.close();
    }
  });
});
