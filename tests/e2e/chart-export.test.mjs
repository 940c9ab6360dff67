// Chart downloads: on an indicator page, each chart's buttons save it as SVG and as PNG,
// drawn in the browser, with the chart's title, source and last update inside the file, and
// the table that follows the chart as CSV with headers in the page's language; file names
// say the page, the chart and the language. Without JavaScript the buttons stay hidden;
// axe finds no violation on the page with them shown; screenshots at 360 and 1280 px.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AXE_PATH, collectErrors, ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { env } from './lib/site.mjs';

const { siteDir, base, sections } = env();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const chrome = withBrowser();

/** The first indicator page of `lang` with a bar chart (`fr/indicateurs/x/`) and its slug. */
function indicatorPage(lang) {
  const folder = path.join(siteDir, lang, sections.indicators[lang]);
  const slug = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .find((name) => fs.readFileSync(path.join(folder, name, 'index.html'), 'utf8').includes('chart chart-bars'));
  assert.ok(slug, `no indicator page with a bar chart in /${lang}/${sections.indicators[lang]}/`);
  return { rel: `${lang}/${sections.indicators[lang]}/${slug}/`, slug };
}

/** Whitespace of every kind (French typography's narrow spaces too) as one space. */
const squeeze = (text) => text.replace(/\s+/g, ' ').trim();

async function withPage(options, run) {
  const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const errors = collectErrors(page);
  try {
    await run(page, errors);
  } finally {
    await context.close();
  }
}

/** Clicks `button` and returns the download's suggested name and its bytes. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(saved) };
}

/** What the page says of the chart's figures: its caption, the source and the update date. */
async function expectations(figure) {
  const caption = squeeze(await figure.locator('figcaption').innerText());
  const provenance = figure.locator('xpath=following-sibling::p[contains(@class, "provenance")][1]');
  const source = squeeze(await provenance.locator('.provenance-part').first().innerText());
  const updated = squeeze(await provenance.locator('time').last().innerText());
  return { caption, source, updated };
}

/** The text of every `<text>` element of an SVG document, joined. */
async function svgText(page, markup) {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return null;
    return [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' ');
  }, markup);
}

/** Width and height of a PNG from its header, and its `iTXt` texts. */
function readPng(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, 'not a PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR', 'no IHDR chunk first');
  const texts = {};
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'iTXt') {
      const data = bytes.subarray(at + 8, at + 8 + length);
      const keyword = data.subarray(0, data.indexOf(0)).toString('latin1');
      let rest = data.indexOf(0) + 3;
      rest = data.indexOf(0, rest) + 1;
      rest = data.indexOf(0, rest) + 1;
      texts[keyword] = data.subarray(rest).toString('utf8');
    }
    at += 12 + length;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), texts };
}

/** How many distinct colours the PNG shows, decoded by the browser. */
async function colours(page, bytes) {
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set();
    for (let i = 0; i < pixels.length; i += 4 * 7) seen.add(pixels.slice(i, i + 4).join(','));
    return seen.size;
  }, bytes.toString('base64'));
}

/** A CSV's rows, fields unquoted. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
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

describe('chart downloads', () => {
  for (const lang of ['fr', 'en']) {
    test(`${lang}: a chart saved as SVG, PNG and CSV, with its title, source and date`, async () => {
      await withPage({}, async (page, errors) => {
        const { rel, slug } = indicatorPage(lang);
        await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
        const figure = page.locator('figure.chart-figure').filter({ has: page.locator('svg.chart-bars') }).first();
        const buttons = figure.locator('xpath=following-sibling::div[contains(@class, "chart-export")][1]');
        await buttons.waitFor({ state: 'visible' });
        const { caption, source, updated } = await expectations(figure);

        const svg = await download(page, buttons.locator('button[data-export=svg]'));
        assert.equal(svg.name, `${slug}-bars-${lang}.svg`);
        const markup = svg.bytes.toString('utf8');
        const text = await svgText(page, markup);
        assert.ok(text !== null, 'the SVG does not parse as XML');
        for (const [what, expected] of [['title', caption], ['source', source], ['update date', updated]]) {
          assert.ok(squeeze(text).includes(expected), `the SVG's text lacks its ${what} «${expected}»: ${squeeze(text)}`);
        }
        assert.ok(!/var\(--/.test(markup), 'the SVG still names CSS variables');
        assert.ok(/style="[^"]*fill:rgb/.test(markup), 'the SVG has no colours of its own');

        const drawing = await figure.locator('svg.chart:visible').evaluate((el) => el.viewBox.baseVal.width);
        const png = await download(page, buttons.locator('button[data-export=png]'));
        assert.equal(png.name, `${slug}-bars-${lang}.png`);
        fs.writeFileSync(path.join(ensureOutDir(), `chart-export-saved-${lang}.png`), png.bytes);
        fs.writeFileSync(path.join(ensureOutDir(), `chart-export-saved-${lang}.svg`), svg.bytes);
        const { width, height, texts } = readPng(png.bytes);
        assert.ok(width >= 2 * drawing && width <= 8000, `PNG width ${width} for a drawing ${drawing} wide`);
        assert.ok(height >= 100 && height <= 8000, `PNG height ${height}`);
        assert.ok((await colours(page, png.bytes)) > 3, 'the PNG is blank');
        assert.equal(squeeze(texts.Title ?? ''), caption, 'the PNG names its title');
        for (const [what, expected] of [['source', source], ['update date', updated]]) {
          assert.ok(squeeze(texts.Source ?? '').includes(expected), `the PNG's text lacks its ${what} «${expected}»`);
        }

        const csv = await download(page, buttons.locator('button[data-export=csv]'));
        assert.equal(csv.name, `${slug}-bars-${lang}.csv`);
        const rows = parseCsv(csv.bytes.toString('utf8').replace(/^\ufeff/, ''));
        const table = figure.locator('xpath=following-sibling::div[contains(@class, "table-scroll")][1]//table');
        const headers = (await table.locator('thead th').allInnerTexts()).map(squeeze);
        assert.deepEqual(rows[0], headers, 'the CSV heads its columns as the table does');
        assert.equal(rows.length, await table.locator('tr').count(), 'a CSV row per table row');
        const firstName = squeeze(await table.locator('tbody tr th a').first().innerText());
        assert.equal(squeeze(rows[1][0]), firstName);
        const value = squeeze(await table.locator('tbody tr').first().locator('td.num').first().innerText());
        const raw = rows[1].find((cell) => /^-?\d+(\.\d+)?$/.test(cell));
        assert.ok(raw, 'raw numbers in the CSV');
        assert.equal(raw.replace('.', lang === 'fr' ? ',' : '.'), value.replace(/\s*%$/, ''), 'with the decimals the table shows');
        assert.deepEqual(errors, []);
      });
    });
  }

  test('without JavaScript the buttons stay hidden', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      const { rel } = indicatorPage('fr');
      await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
      assert.ok((await page.locator('figure + .chart-export').count()) > 0, 'no download buttons in the page');
      assert.equal(await page.locator('figure + .chart-export:visible').count(), 0);
    });
  });

  for (const width of [360, 1280]) {
    test(`axe passes with the buttons shown at ${width} px; screenshot`, async () => {
      await withPage({ viewport: { width, height: 900 } }, async (page) => {
        const { rel } = indicatorPage('fr');
        await page.goto(new URL(rel, base).href, { waitUntil: 'load' });
        const figure = page.locator('figure.chart-figure').first();
        await page.locator('figure + .chart-export').first().waitFor({ state: 'visible' });
        await axe(page, rel);
        const file = path.join(ensureOutDir(), `chart-export-${width}.png`);
        const top = await figure.boundingBox();
        const bottom = await page.locator('figure + .chart-export').first().boundingBox();
        const clip = { x: 0, y: top.y - 8, width, height: bottom.y + bottom.height + 8 - (top.y - 8) };
        await page.screenshot({ path: file, fullPage: true, clip });
        console.log(`screenshot: ${file}`);
      });
    });
  }
});
