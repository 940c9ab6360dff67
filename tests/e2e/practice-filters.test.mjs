// The practice list's filters: with JavaScript, ticking values shows the practices that match
// from every page of the catalogue (values of one facet widen the choice, facets narrow it),
// every value's count is the number of practices it would show with the other facets'
// choices, a live region says how many are shown, the keyboard works them, the address keeps
// the choice, and "clear" brings the page's own cards back. Without JavaScript the panel links
// the area pages and profiles instead.
// Screenshots at 360 and 1280 px of a filtered list; axe with filters chosen.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AXE_PATH, collectErrors, ensureOutDir, newContext, withBrowser } from './lib/browser.mjs';
import { env } from './lib/site.mjs';

const { base, sections } = env();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const listUrl = (lang, query = '') => new URL(`${lang}/${sections.practices[lang]}/${query}`, base).href;

const chrome = withBrowser({ base });

/** Waits until filters.js has what it needs: the practice index, once a value is chosen. */
async function settled(page) {
  await page.waitForFunction(() => {
    const form = document.querySelector('form[data-filters]');
    return !document.getElementById(form.getAttribute('data-filters')).hasAttribute('aria-busy');
  });
}

/** Shows every matching practice, pressing "show more" as a reader would. */
async function revealAll(page) {
  const more = page.locator('[data-filters-more] button');
  while (await more.isVisible()) await more.click();
}

/** The state of the list as a reader sees it, and what it should be, computed here from the
 *  practice index the form names (every practice of the catalogue, whichever page shows it),
 *  independently of filters.js: with a choice, every practice that matches, in the index's
 *  order; without one, the first page's cards. */
async function state(page) {
  await settled(page);
  await revealAll(page);
  return page.evaluate(async () => {
    const form = document.querySelector('form[data-filters]');
    const list = document.getElementById(form.getAttribute('data-filters'));
    const index = await (await fetch(form.getAttribute('data-index'))).json();
    const facets = Array.from(form.querySelectorAll('[data-facet]'), (el) => ({
      name: el.getAttribute('data-facet'),
      inputs: Array.from(el.querySelectorAll('input[type=checkbox]')),
    }));
    const values = (practice, name) => practice.values[index.facets.indexOf(name)] || [];
    const chosen = facets.map((f) => f.inputs.filter((i) => i.checked).map((i) => i.value));
    const any = chosen.some((c) => c.length > 0);
    const matches = (practice, except) =>
      facets.every((f, i) => f.name === except || chosen[i].length === 0 || values(practice, f.name).some((v) => chosen[i].includes(v)));
    const counts = [];
    for (const facet of facets) {
      for (const input of facet.inputs) {
        const expected = index.practices.filter((p) => matches(p, facet.name) && values(p, facet.name).includes(input.value)).length;
        const shown = document.querySelector(`label[for="${input.id}"] [data-count]`).textContent;
        counts.push({ value: `${facet.name}=${input.value}`, expected, shown });
      }
    }
    const collapse = (text) => text.replace(/\s+/g, ' ').trim();
    const expected = any
      ? index.practices.filter((p) => matches(p, null))
      : index.practices.slice(0, Number(form.getAttribute('data-batch')));
    return {
      total: index.practices.length,
      visible: Array.from(list.children)
        .filter((c) => c.offsetParent !== null)
        .map((c) => collapse(c.querySelector('.card-title').textContent)),
      expected: expected.map((p) => collapse(p.title)),
      counts,
      status: document.querySelector('[data-filters-status]').textContent,
      empty: !document.querySelector('[data-filters-empty]').hidden,
      pager: document.querySelector('[data-pager]') ? !document.querySelector('[data-pager]').hidden : null,
    };
  });
}

/** Asserts the list shows what the choice asks and every count is right. */
function assertConsistent(s, when) {
  assert.deepEqual(s.visible, s.expected, `${when}: the cards shown`);
  for (const { value, expected, shown } of s.counts) {
    assert.equal(shown.replace(/\D/g, ''), String(expected), `${when}: the count of ${value} (${shown})`);
  }
  const numbers = s.status.match(/\d+/g).map(Number);
  assert.deepEqual(numbers, [s.visible.length, s.total], `${when}: the status "${s.status}"`);
  assert.equal(s.empty, s.visible.length === 0, `${when}: the "nothing matches" note`);
}

/** Waits until a reset has taken effect: no box ticked and, once filters.js has run after
 *  the form's reset, the page's own cards and its pager shown again. */
async function cleared(page) {
  await page.waitForFunction(() => {
    const form = document.querySelector('form[data-filters]');
    const list = document.getElementById(form.getAttribute('data-filters'));
    const cards = Array.from(list.children);
    const pager = document.querySelector('[data-pager]');
    return !form.querySelector('input:checked') && (!pager || !pager.hidden) && cards.every((card) => card.offsetParent !== null);
  });
}

/** A checkbox of `facet` whose count is above 0 and below the number of practices. */
async function narrowingValue(page, facet) {
  const s = await state(page);
  const pick = s.counts.find((c) => c.value.startsWith(`${facet}=`) && c.expected > 0 && c.expected < s.total);
  assert.ok(pick, `no ${facet} value narrows the list`);
  return pick.value.split('=')[1];
}

/** Ticks a value as a reader does: opening its facet first when it is closed. */
async function tick(page, facet, value) {
  const details = page.locator(`form[data-filters] details[data-facet="${facet}"]`);
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await details.locator(`input[value="${value}"]`).check();
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

describe('practice filters', () => {
  for (const lang of ['en', 'fr']) {
    test(`${lang}: the filters narrow the list and their counts are right`, async () => {
      const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = collectErrors(page);
      try {
        await page.goto(listUrl(lang), { waitUntil: 'load' });
        assert.ok(await page.locator('form[data-filters]').isVisible(), 'the filters are shown');
        assert.equal(await page.locator('[data-filters-browse]').isVisible(), false, 'the links give way');
        assert.equal(await page.locator('[data-filters-status]').getAttribute('aria-live'), 'polite');
        let s = await state(page);
        assertConsistent(s, 'at first');
        assert.ok(s.visible.length > 0, 'the first page\'s cards at first');
        assert.equal(s.pager, s.total > s.visible.length ? true : null, 'the pager at first');

        const area = await narrowingValue(page, 'area');
        await tick(page, 'area', area);
        s = await state(page);
        assertConsistent(s, `area ${area}`);
        assert.ok(s.visible.length < s.total, 'an area narrows the list');
        assert.notEqual(s.pager, true, 'no pager over the matching practices');
        assert.match(page.url(), new RegExp(`[?&]area=${area}\\b`), 'the address keeps the choice');

        const status = (await state(page)).counts.find((c) => c.value.startsWith('status=') && c.expected > 0).value.split('=')[1];
        await tick(page, 'status', status);
        s = await state(page);
        assertConsistent(s, `area ${area} and status ${status}`);

        const other = s.counts.find((c) => c.value.startsWith('area=') && c.value !== `area=${area}` && c.expected > 0);
        if (other) {
          const before = s.visible.length;
          await tick(page, 'area', other.value.split('=')[1]);
          s = await state(page);
          assertConsistent(s, `two areas and status ${status}`);
          assert.ok(s.visible.length >= before, 'a second area widens the choice');
        }

        await page.reload({ waitUntil: 'load' });
        s = await state(page);
        assertConsistent(s, 'after a reload');
        assert.ok(await page.locator(`input[name=area][value="${area}"]`).isChecked(), 'the choice survives a reload');

        // A choice nothing matches says so.
        await page.locator('form[data-filters] button[type=reset]').click();
        const years = (await state(page)).counts.filter((c) => c.value.startsWith('year='));
        const pes = (await state(page)).counts.filter((c) => c.value.startsWith('pes='));
        let none = null;
        for (const p of pes) {
          await tick(page, 'pes', p.value.split('=')[1]);
          const zero = (await state(page)).counts.find((c) => c.value.startsWith('year=') && c.expected === 0);
          if (zero) {
            none = zero.value.split('=')[1];
            break;
          }
          await page.locator(`input[name=pes][value="${p.value.split('=')[1]}"]`).uncheck();
        }
        if (none && years.length > 1) {
          await tick(page, 'year', none);
          s = await state(page);
          assertConsistent(s, 'a choice nothing matches');
          assert.equal(s.visible.length, 0);
        }

        await page.locator('form[data-filters] button[type=reset]').click();
        await cleared(page);
        const indicator = await narrowingValue(page, 'indicator');
        await tick(page, 'indicator', indicator);
        s = await state(page);
        assertConsistent(s, `indicator ${indicator}`);
        assert.ok(s.visible.length < s.total, 'an indicator narrows the list');
        assert.match(page.url(), new RegExp(`[?&]indicator=${indicator}\\b`), 'the address keeps the indicator');

        await page.locator('form[data-filters] button[type=reset]').click();
        await cleared(page);
        s = await state(page);
        assertConsistent(s, 'after clearing');
        assert.equal(s.visible.length, Math.min(s.total, s.expected.length), 'the first page\'s cards after clearing');
        assert.equal(new URL(page.url()).search, '', 'the address after clearing');
        assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
      } finally {
        await context.close();
      }
    });
  }

  test('the keyboard opens a facet and ticks a value', async () => {
    const context = await newContext(chrome.browser, base, { viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(listUrl('en'), { waitUntil: 'load' });
      const facet = page.locator('form[data-filters] details[data-facet=status]');
      assert.equal(await facet.getAttribute('open'), null, 'facets start closed on a narrow screen');
      await facet.locator('summary').focus();
      await page.keyboard.press('Enter');
      assert.notEqual(await facet.getAttribute('open'), null, 'Enter opens the facet');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement.getAttribute('name'));
      assert.equal(focused, 'status', 'Tab reaches its first value');
      await page.keyboard.press('Space');
      const s = await state(page);
      assertConsistent(s, 'after Space');
      assert.ok(s.visible.length < s.total, 'Space ticks the value');
    } finally {
      await context.close();
    }
  });

  test('screenshots of a filtered list and axe with filters chosen, light and dark', async () => {
    const out = ensureOutDir();
    for (const [width, colorScheme] of [[1280, 'light'], [360, 'light'], [1280, 'dark']]) {
      const context = await newContext(chrome.browser, base, { viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      try {
        await page.goto(listUrl('en'), { waitUntil: 'load' });
        const area = await narrowingValue(page, 'area');
        await tick(page, 'area', area);
        if (colorScheme === 'light') {
          await page.screenshot({ path: path.join(out, `practice-filters-${width}.png`), fullPage: true });
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the list scrolls sideways at ${width} px by ${overflow} px`);
        await axe(page, `the filtered practice list at ${width} px (${colorScheme})`);
      } finally {
        await context.close();
      }
    }
  });

  test('without JavaScript the panel links the area pages and the profiles, and every card shows', async () => {
    const context = await newContext(chrome.browser, base, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(listUrl('fr'), { waitUntil: 'load' });
      assert.equal(await page.locator('form[data-filters]').isVisible(), false, 'no inert form');
      const browse = page.locator('[data-filters-browse]');
      assert.ok(await browse.isVisible(), 'the links are shown');
      const hrefs = await browse.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.some((h) => h.includes(`/${sections.areas.fr}/`)), 'area pages');
      assert.ok(hrefs.some((h) => h.includes(`/${sections.pes.fr}/`)), 'profiles');
      const cards = page.locator('.cards > li.card');
      assert.ok((await cards.count()) > 0);
      for (const card of await cards.all()) assert.ok(await card.isVisible());
      const link = browse.locator(`a[href*="/${sections.areas.fr}/"]`).first();
      await link.click();
      await page.waitForLoadState('load');
      assert.ok(new URL(page.url()).pathname.includes(`/${sections.areas.fr}/`), 'an area page');
      assert.ok((await page.locator('.cards > li.card').count()) > 0, 'which lists its practices');
    } finally {
      await context.close();
    }
  });
});
