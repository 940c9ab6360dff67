// "My PES": choosing a PES in the header picks it out on an indicator's bar chart, line chart
// and tables (by weight and outline, not colour alone), puts its profile one click away, and
// holds across a reload and on other pages; choosing none clears it. Without JavaScript the
// picker is hidden and nothing else changes. Screenshots at 360 and 1280 px; axe with a PES
// chosen, in light and dark.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AXE_PATH, collectErrors, ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { env, urlOfFile } from './lib/site.mjs';

const { siteDir, base, sections } = env();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The first indicator page (network view) of `lang` with a bar chart and a line chart. */
function indicatorPage(lang) {
  const folder = path.join(siteDir, lang, sections.indicators[lang]);
  const found = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${lang}/${sections.indicators[lang]}/${entry.name}/index.html`)
    .sort()
    .find((rel) => {
      const html = fs.readFileSync(path.join(siteDir, rel), 'utf8');
      return html.includes('chart-bars') && html.includes('chart-lines');
    });
  assert.ok(found, `no ${lang} indicator page with bars and lines`);
  return found;
}

/** The first assessment cycle page of `lang` with a heatmap: of each PES in the members'
 *  edition, of the peer groups' medians in the public one. */
function cyclePage(lang) {
  const folder = path.join(siteDir, lang, sections.assessments[lang]);
  const cycle = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(folder, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .find((name) => fs.readFileSync(path.join(folder, name, 'index.html'), 'utf8').includes('chart-heatmap'));
  assert.ok(cycle, `no ${lang} assessment cycle with a heatmap`);
  return `${lang}/${sections.assessments[lang]}/${cycle}/index.html`;
}

const chrome = withBrowser({ base });

/** What is picked out on the page: the `data-pes` of every element marked `is-mine`. */
async function pickedOut(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.is-mine'), (el) => `${el.tagName.toLowerCase()}:${el.getAttribute('data-pes')}`),
  );
}

/** The PES whose row comes in the middle of the latest values' table: neither first nor last. */
async function middleRow(page) {
  return page.evaluate(() => {
    const rows = document.querySelectorAll('section[aria-labelledby=latest] tbody tr[data-pes]');
    return rows[Math.floor(rows.length / 2)].getAttribute('data-pes');
  });
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

describe('my PES', () => {
  test('choosing it picks it out on the charts and tables of an indicator, and it survives a reload', async () => {
    const rel = indicatorPage('en');
    const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
      const picker = page.locator('header [data-my-pes]');
      assert.ok(await picker.isVisible(), 'the picker is shown where scripts run');
      const profile = picker.locator('[data-my-pes-profile]');
      assert.equal(await profile.isVisible(), false, 'no profile link before a choice');
      assert.deepEqual(await pickedOut(page), [], 'nothing picked out before a choice');

      const id = await middleRow(page);
      await page.locator('#my-pes-choice').selectOption(id);
      const href = await page.locator(`#my-pes-choice option[value="${id}"]`).getAttribute('data-url');
      const check = async (when) => {
        const bar = page.locator(`svg.chart-bars:visible g.chart-row[data-pes="${id}"]`);
        const line = page.locator(`svg.chart-lines:visible g.chart-line[data-pes="${id}"]`);
        const rows = page.locator(`tr[data-pes="${id}"]`);
        assert.equal(await bar.getAttribute('class'), 'chart-row is-mine', `${when}: the bar`);
        assert.match(await line.getAttribute('class'), /\bis-mine\b/, `${when}: the line`);
        assert.equal(await rows.count(), 2, `${when}: a row in each table`);
        for (const row of await rows.all()) {
          assert.match(await row.getAttribute('class'), /\bis-mine\b/, `${when}: the row`);
          assert.equal(await row.locator('.my-pes-badge').count(), 1, `${when}: the row's badge`);
          const weight = await row.locator('th').evaluate((th) => getComputedStyle(th).fontWeight);
          assert.ok(Number(weight) >= 700, `${when}: the row is bold (${weight})`);
        }
        // Picked out by more than colour: an outline on the bar, a heavier line, a bold label.
        const stroke = await bar.locator('rect.chart-bar').evaluate((rect) => parseFloat(getComputedStyle(rect).strokeWidth));
        assert.ok(stroke >= 2, `${when}: the bar's outline (${stroke})`);
        const lineWidth = await line.locator('path').first().evaluate((p) => parseFloat(getComputedStyle(p).strokeWidth));
        assert.ok(lineWidth >= 3.5, `${when}: the line's weight (${lineWidth})`);
        const label = await bar.locator('.chart-label').evaluate((t) => getComputedStyle(t).fontWeight);
        assert.ok(Number(label) >= 700, `${when}: the bar's label (${label})`);
        const others = (await pickedOut(page)).filter((mark) => !mark.endsWith(`:${id}`));
        assert.deepEqual(others, [], `${when}: only ${id} is picked out`);
        assert.equal(await page.locator('.my-pes-badge').count(), 2, `${when}: badges on its rows only`);
        assert.ok(await profile.isVisible(), `${when}: the profile link`);
        assert.equal(await profile.getAttribute('href'), href, `${when}: the profile link's address`);
        assert.equal(await page.locator('#my-pes-choice').inputValue(), id, `${when}: the picker shows it`);
      };
      await check('after choosing');
      await page.reload({ waitUntil: 'load' });
      await check('after a reload');

      const out = ensureOutDir();
      await page.screenshot({ path: path.join(out, 'my-pes-indicator-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 360, height: 800 });
      await page.screenshot({ path: path.join(out, 'my-pes-indicator-360.png'), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways at 360 px by ${overflow} px`);

      await profile.click();
      await page.waitForLoadState('load');
      assert.equal(new URL(page.url()).pathname, new URL(href, base).pathname, 'one click to its profile');
      assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
    } finally {
      await context.close();
    }
  });

  test('the choice holds on another page and language, and choosing none clears it', async () => {
    const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(urlOfFile(base, indicatorPage('en')), { waitUntil: 'load' });
      const id = await middleRow(page);
      await page.locator('#my-pes-choice').selectOption(id);

      await page.goto(urlOfFile(base, cyclePage('fr')), { waitUntil: 'load' });
      const heat = page.locator(`svg.chart-heatmap:visible g.chart-row[data-pes="${id}"]`);
      if ((await heat.count()) > 0) {
        assert.match(await heat.getAttribute('class'), /\bis-mine\b/, 'its heatmap row');
      }
      assert.equal(await page.locator('#my-pes-choice').inputValue(), id);
      await page.goto(urlOfFile(base, `fr/${sections.pes.fr}/index.html`), { waitUntil: 'load' });
      assert.match(await page.locator(`tr[data-pes="${id}"]`).getAttribute('class'), /\bis-mine\b/, 'its row in the PES list');

      await page.locator('#my-pes-choice').selectOption('');
      assert.deepEqual(await pickedOut(page), [], 'none picked out');
      assert.equal(await page.locator('.my-pes-badge').count(), 0, 'no badge left');
      assert.equal(await page.locator('[data-my-pes-profile]').isVisible(), false, 'no profile link');
      await page.reload({ waitUntil: 'load' });
      assert.deepEqual(await pickedOut(page), [], 'none after a reload');
    } finally {
      await context.close();
    }
  });

  test('axe finds nothing on an indicator page with a PES chosen, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 }, colorScheme });
      const page = await context.newPage();
      try {
        await page.goto(urlOfFile(base, indicatorPage('fr')), { waitUntil: 'load' });
        await page.locator('#my-pes-choice').selectOption(await middleRow(page));
        await axe(page, `an indicator page with a PES chosen (${colorScheme})`);
      } finally {
        await context.close();
      }
    }
  });

  test('without JavaScript the picker is hidden and every row reads as built', async () => {
    const context = await newContext(chrome.browser, base, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const rel = indicatorPage('en');
      await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
      assert.equal(await page.locator('header [data-my-pes]').isVisible(), false, 'the picker');
      const rows = page.locator('section[aria-labelledby=latest] tbody tr');
      const built = (fs.readFileSync(path.join(siteDir, rel), 'utf8').split('aria-labelledby="latest"')[1].split('</tbody>')[0].match(/<tr /g) || []).length;
      assert.equal(await rows.count(), built);
      for (const row of await rows.all()) assert.ok(await row.isVisible());
      assert.deepEqual(await pickedOut(page), []);
    } finally {
      await context.close();
    }
  });
});
