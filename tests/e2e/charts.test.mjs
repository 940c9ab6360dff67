// Charts read well on a phone and on a desktop: at 360 px no chart text is under 12 px on the
// indicator, assessment and framework pages; at 1280 px every chart is at least 90 % of the
// content width; a line of a chart of many PES comes forward when it gets keyboard focus.
// Screenshots of those pages at 360 and 1280 px, light and dark, go to the output folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { env, urlOfFile } from './lib/site.mjs';

const { siteDir, base, sections } = env();

/** The first page, in sorted order, under `lang`/`section` whose HTML holds `marker`. */
function pageWith(lang, section, marker) {
  const folder = path.join(siteDir, lang, sections[section][lang]);
  const found = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${lang}/${sections[section][lang]}/${entry.name}/index.html`)
    .filter((rel) => fs.existsSync(path.join(siteDir, rel)))
    .sort()
    .find((rel) => fs.readFileSync(path.join(siteDir, rel), 'utf8').includes(marker));
  assert.ok(found, `no ${lang} ${section} page with ${marker}`);
  return found;
}

const PAGES = {
  indicator: () => pageWith('en', 'indicators', 'chart-lines'),
  assessment: () => pageWith('en', 'assessments', 'chart-heatmap'),
  framework: () => pageWith('en', 'frameworks', 'chart-progress'),
  // Each PES's bars in the members' edition, the spread of the scores (ranges) in the public one.
  area: () => pageWith('en', 'areas', 'class="chart-figure'),
  'peer-group': () => pageWith('en', 'peer_groups', 'chart-grouped'),
  profile: () => pageWith('en', 'pes', 'class="chart-figure'),
};

const chrome = withBrowser({ base });

/** Opens `rel` at `width` px in `scheme`, runs `body(page)`, closes it. */
async function at(rel, width, body, scheme = 'light') {
  const context = await newContext(chrome.browser, base, { viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  try {
    await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
    return await body(page);
  } finally {
    await context.close();
  }
}

/** Every text of every chart shown, with its rendered size: its font size in the chart's
 *  units times the scale of the chart's drawing. */
function renderedTexts(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('svg.chart'))
      .filter((svg) => svg.getBoundingClientRect().width > 0)
      .flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Array.from(svg.querySelectorAll('text'))
          .filter((text) => text.textContent.trim() !== '')
          .map((text) => ({
            chart: svg.getAttribute('class'),
            text: text.textContent.trim().slice(0, 40),
            px: parseFloat(getComputedStyle(text).fontSize) * scale,
          }));
      }),
  );
}

/** The width of every chart shown, but the word-sized ones (sparklines, progress bars), and
 *  the width of the content box of `main`. */
function chartWidths(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const style = getComputedStyle(main);
    const content = main.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
    const charts = Array.from(document.querySelectorAll('svg.chart:not(.chart-sparkline, .chart-progress)'))
      .filter((svg) => getComputedStyle(svg).display !== 'none')
      .map((svg) => ({ chart: svg.getAttribute('class'), width: svg.getBoundingClientRect().width }));
    return { content, charts };
  });
}

describe('charts', () => {
  for (const name of ['indicator', 'assessment', 'framework']) {
    test(`at 360 px no chart text of the ${name} page is under 12 px`, async () => {
      const rel = PAGES[name]();
      const texts = await at(rel, 360, renderedTexts);
      assert.ok(texts.length > 0, `${rel}: chart texts`);
      const small = texts.filter((t) => t.px < 12).map((t) => `${t.chart}: "${t.text}" ${t.px.toFixed(1)} px`);
      assert.deepEqual(small, [], `${rel}: chart text under 12 px`);
    });
  }

  for (const name of ['indicator', 'assessment', 'area', 'peer-group', 'profile']) {
    test(`at 1280 px each chart of the ${name} page is at least 90 % of the content width`, async () => {
      const rel = PAGES[name]();
      const { content, charts } = await at(rel, 1280, chartWidths);
      assert.ok(charts.length > 0, `${rel}: charts`);
      const narrow = charts
        .filter((c) => c.width < 0.9 * content)
        .map((c) => `${c.chart}: ${Math.round(c.width)} of ${Math.round(content)} px`);
      assert.deepEqual(narrow, [], `${rel}: charts narrower than 90 % of the content`);
    });
  }

  test('a line of a chart of many PES comes forward when it gets keyboard focus', async () => {
    await at(PAGES.indicator(), 1280, async (page) => {
      const chart = page.locator('svg.chart-lines:visible');
      const lines = chart.locator('g.chart-line[data-pes]');
      assert.ok((await lines.count()) >= 5, 'a chart of many PES');
      const line = lines.nth(2);
      const other = lines.nth(3);
      const width = () => line.locator('path').first().evaluate((p) => parseFloat(getComputedStyle(p).strokeWidth));
      const opacity = (g) => g.evaluate((el) => parseFloat(getComputedStyle(el).opacity));
      const before = await width();
      await line.focus();
      assert.ok(await line.evaluate((el) => el === document.activeElement), 'the line takes focus');
      const after = await width();
      assert.ok(after > before, `the focused line is heavier (${before} → ${after})`);
      assert.ok((await opacity(other)) < 1, 'the other lines fade');
      assert.equal(await opacity(line), 1, 'the focused line does not fade');
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => document.activeElement.matches('svg.chart-lines g.chart-line'));
      assert.ok(next, 'Tab moves on to the next line');
      assert.ok((await opacity(line)) < 1, 'the line left behind fades with the others');
    });
  });

  test('screenshots at 360 and 1280 px, light and dark', async () => {
    const out = ensureOutDir();
    for (const name of ['indicator', 'assessment', 'framework']) {
      for (const scheme of ['light', 'dark']) {
        for (const width of [360, 1280]) {
          await at(
            PAGES[name](),
            width,
            (page) => page.screenshot({ path: path.join(out, `charts-${name}-${width}-${scheme}.png`), fullPage: true }),
            scheme,
          );
        }
      }
    }
  });
});
