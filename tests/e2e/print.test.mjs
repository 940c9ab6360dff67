// Print, in every language of the site: an indicator page leaves its controls (search box,
// my-PES picker, language switch, menu, sort buttons…) off the paper, spells its links out as
// full addresses, keeps each chart with its table, and Chromium's print to PDF puts it on at
// most MAX_SHEETS A4 sheets. The example site's indicator pages need four or five: a header
// and facts, two charts each with a table of 10 to 15 rows and its provenance line, notes,
// practices with where their services stand, peer groups and the citation come to a little
// over four sheets of content for the longest, and a chart does not part from its table.
// Before the print rules were fixed the shorter pages of that time took five, mostly empty.
// A page that also shows its values by sex and by age group (two more charts, each with its
// table) may take one sheet more.
// The first page's PDF is kept in the output folder.
// An assessment cycle's page and a performance framework's page print without their controls
// too, their heatmaps with text of at least MIN_HEATMAP_PT, each on at most its number of
// sheets: a cycle (a heatmap of 10 services and its table, the self–peer gaps, the heatmap of
// 20-odd enablers and its table) on four; a framework (a dozen KPIs, each with its facts, its
// progress and a table of four years, then the activity plan) on five, where it took six
// before each KPI's facts were set on one line and its progress beside its bar.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { env, urlOfFile } from './lib/site.mjs';

const { siteDir, base, sections, languages } = env();
const MAX_SHEETS = 5;
const MAX_SHEETS_OF = { assessments: 4, frameworks: 5 };
const MIN_HEATMAP_PT = 7;

const chrome = withBrowser();

/** The indicator pages (network view) of `lang` that have a bar chart and a line chart. */
function indicatorPages(lang) {
  const folder = path.join(siteDir, lang, sections.indicators[lang]);
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${lang}/${sections.indicators[lang]}/${entry.name}/index.html`)
    .filter((rel) => fs.existsSync(path.join(siteDir, rel)))
    .sort()
    .filter((rel) => {
      const html = fs.readFileSync(path.join(siteDir, rel), 'utf8');
      return html.includes('chart-bars') && html.includes('chart-lines');
    });
}

/** The pages of `lang` below a section's index (`assessments`: each cycle; `frameworks`: each
 * framework), by their files. */
function pagesBelow(section, lang) {
  const folder = path.join(siteDir, lang, sections[section][lang]);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${lang}/${sections[section][lang]}/${entry.name}/index.html`)
    .filter((rel) => fs.existsSync(path.join(siteDir, rel)))
    .sort();
}

/** What a page shows on paper that it should not: controls, as `<tag#id.class>`. */
function printedControls() {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}>`;
  return [...document.querySelectorAll('input, select, button, form, summary, .site-search, .my-pes, .lang-switch, .main-nav, .chart-export')]
    .filter(shown)
    .map(describe);
}

/** The size of each heatmap's cell text on paper, in points: its font size in the drawing,
 * scaled as the drawing is (to fit its box, whichever of width and height holds it). */
function heatmapPoints() {
  return [...document.querySelectorAll('svg.chart-heatmap')]
    .filter((svg) => svg.getClientRects().length > 0)
    .map((svg) => {
      const box = svg.getBoundingClientRect();
      const view = svg.viewBox.baseVal;
      const scale = Math.min(box.width / view.width, box.height / view.height);
      const text = svg.querySelector('.chart-cell-text');
      return Math.round(parseFloat(getComputedStyle(text).fontSize) * scale * 0.75 * 10) / 10;
    });
}

/** The number of pages of a PDF made by Chromium (one `/Type /Page` object each). */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) || []).length;
}

describe('an indicator page on paper', () => {
  for (const lang of languages) {
    const pages = indicatorPages(lang);

    test(`${lang}: controls are left out, links print their full address, charts keep to their tables`, async () => {
      assert.ok(pages.length > 0, `no ${lang} indicator page with bars and lines`);
      const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      try {
        await page.goto(urlOfFile(base, pages[0]), { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => {
          const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
          const describe = (el) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}>`;
          const controls = [...document.querySelectorAll('input, select, button, form, .site-search, .my-pes, .lang-switch, .main-nav')]
            .filter(shown)
            .map(describe);
          const links = [...document.querySelectorAll('main a[href^="/"]')].filter(
            (a) => shown(a) && !a.closest('table, figure, h1, h2, h3, h4, .eyebrow, .tags, .cite, .practice-by'),
          );
          const bare = links
            .filter((a) => !getComputedStyle(a, '::after').content.includes(new URL(a.getAttribute('href'), location.href).href))
            .map((a) => `${a.textContent.trim().slice(0, 40)} → ${getComputedStyle(a, '::after').content}`);
          const figures = [...document.querySelectorAll('figure.chart-figure')].map((f) => {
            const style = getComputedStyle(f);
            return `${style.breakInside}/${style.breakAfter}`;
          });
          return { controls, links: links.length, bare, figures };
        });
        assert.deepEqual(printed.controls, [], 'controls shown in print');
        assert.ok(printed.links > 0, 'no link in the main text to check');
        assert.deepEqual(printed.bare, [], 'links printed without their full address');
        assert.ok(printed.figures.length >= 2, 'fewer than two charts');
        for (const figure of printed.figures) assert.equal(figure, 'avoid/avoid', 'a chart may be split or parted from its table');
      } finally {
        await context.close();
      }
    });

    test(`${lang}: each indicator page prints on at most ${MAX_SHEETS} A4 sheets (one more with breakdowns)`, async () => {
      assert.ok(pages.length > 0, `no ${lang} indicator page with bars and lines`);
      const context = await newContext(chrome.browser, base);
      try {
        const counts = [];
        for (const rel of pages) {
          const page = await context.newPage();
          await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
          const pdf = await page.pdf({ format: 'A4' });
          if (rel === pages[0]) fs.writeFileSync(path.join(ensureOutDir(), `print-indicator-${lang}.pdf`), pdf);
          const breakdowns = fs.readFileSync(path.join(siteDir, rel), 'utf8').includes('id="breakdown-');
          counts.push([rel, pdfPages(pdf), MAX_SHEETS + (breakdowns ? 1 : 0)]);
          await page.close();
        }
        const over = counts.filter(([, n, most]) => n > most || n === 0);
        assert.deepEqual(over, [], `sheets per page: ${counts.map(([rel, n]) => `${rel}: ${n}`).join(', ')}`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('an assessment cycle and a performance framework on paper', () => {
  for (const lang of languages) {
    for (const section of ['assessments', 'frameworks']) {
      test(`${lang} ${section}: no control printed, legible heatmaps, at most ${MAX_SHEETS_OF[section]} A4 sheets`, async () => {
        const pages = pagesBelow(section, lang);
        assert.ok(pages.length > 0, `no ${lang} page below ${section}`);
        const context = await newContext(chrome.browser, base);
        try {
          const counts = [];
          for (const rel of pages) {
            const page = await context.newPage();
            // The width of an A4 sheet's text (210 mm less 28 mm of margins), as on paper.
            await page.setViewportSize({ width: 688, height: 1000 });
            await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
            await page.emulateMedia({ media: 'print' });
            assert.deepEqual(await page.evaluate(printedControls), [], `${rel}: controls shown in print`);
            for (const points of await page.evaluate(heatmapPoints)) {
              assert.ok(points >= MIN_HEATMAP_PT, `${rel}: a heatmap prints its numbers at ${points} pt`);
            }
            const pdf = await page.pdf({ format: 'A4' });
            if (rel === pages[0]) fs.writeFileSync(path.join(ensureOutDir(), `print-${section}-${lang}.pdf`), pdf);
            counts.push([rel, pdfPages(pdf)]);
            await page.close();
          }
          const over = counts.filter(([, n]) => n > MAX_SHEETS_OF[section] || n === 0);
          assert.deepEqual(over, [], `sheets per page: ${counts.map(([rel, n]) => `${rel}: ${n}`).join(', ')}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});
