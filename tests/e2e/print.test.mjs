// Print, in every language of the site: an indicator page leaves its controls (search box,
// my-PES picker, language switch, menu, sort buttons…) off the paper, spells its links out as
// full addresses, keeps each chart with its table, and Chromium's print to PDF puts it on at
// most MAX_SHEETS A4 sheets. The example site's indicator pages need four or five: a header
// and facts, two charts each with a table of 10 to 15 rows and its provenance line, notes,
// practices with where their services stand, peer groups and the citation come to a little
// over four sheets of content for the longest, and a chart does not part from its table.
// Before the print rules were fixed the shorter pages of that time took five, mostly empty.
// The first page's PDF is kept in the output folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { env, urlOfFile } from './lib/site.mjs';

const { siteDir, base, sections, languages } = env();
const MAX_SHEETS = 5;

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

    test(`${lang}: each indicator page prints on at most ${MAX_SHEETS} A4 sheets`, async () => {
      assert.ok(pages.length > 0, `no ${lang} indicator page with bars and lines`);
      const context = await newContext(chrome.browser, base);
      try {
        const counts = [];
        for (const rel of pages) {
          const page = await context.newPage();
          await page.goto(urlOfFile(base, rel), { waitUntil: 'load' });
          const pdf = await page.pdf({ format: 'A4' });
          if (rel === pages[0]) fs.writeFileSync(path.join(ensureOutDir(), `print-indicator-${lang}.pdf`), pdf);
          counts.push([rel, pdfPages(pdf)]);
          await page.close();
        }
        const over = counts.filter(([, n]) => n > MAX_SHEETS || n === 0);
        assert.deepEqual(over, [], `sheets per page: ${counts.map(([rel, n]) => `${rel}: ${n}`).join(', ')}`);
      } finally {
        await context.close();
      }
    });
  }
});
