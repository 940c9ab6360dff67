// Keyboard: Tab walks the home page's links, buttons and inputs in document
// order, and each focused element shows a visible focus indicator.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newContext, withBrowser } from './lib/browser.mjs';
import { discover, env } from './lib/site.mjs';

const { siteDir, base, sections } = env();
const site = discover(siteDir, sections);
const url = (rel) => new URL(rel, base).href;
const MIN_STOPS = 15;
const MAX_STOPS = 80;

const chrome = withBrowser();

/** Number the focusable elements in document order; return their descriptions. */
function markFocusables() {
  const sel = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable="true"]';
  const out = [];
  let i = 0;
  for (const el of document.querySelectorAll(sel)) {
    if (el.matches(':disabled') || el.closest('[inert]')) continue;
    if (el.matches('input[type="hidden"]')) continue;
    const ti = el.getAttribute('tabindex');
    if (ti !== null && Number(ti) < 0) continue;
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') continue;
    el.dataset.e2eTab = String(i++);
    const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('value') || el.getAttribute('name') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    out.push(`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> "${name}"`);
  }
  return out;
}

/** Describe the focused element and whether its focus is visible. */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return { index: null, desc: 'body' };
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  return {
    index: el.dataset.e2eTab ?? null,
    desc: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}>`,
    indicator: outline || shadow,
    style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`,
    onScreen,
    rect: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`,
  };
}

for (const lang of ['fr', 'en']) {
  describe(`keyboard on ${lang} home`, () => {
    test('Tab reaches every focusable element in order, each with a visible focus indicator', async () => {
      const rel = site[lang].home;
      assert.ok(rel, `no ${lang} home`);
      const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      try {
        await page.goto(url(rel), { waitUntil: 'load' });
        const expected = await page.evaluate(markFocusables);
        assert.ok(expected.length > 0, 'no focusable element on the home page');
        const stops = Math.min(expected.length, MAX_STOPS);
        const problems = [];
        for (let i = 0; i < stops; i++) {
          await page.keyboard.press('Tab');
          const s = await page.evaluate(focusState);
          if (s.index !== String(i)) {
            problems.push(`stop ${i + 1}: focus on ${s.desc}${s.index !== null ? ` (element #${Number(s.index) + 1})` : ''}, expected ${expected[i]}`);
            break; // order is lost; the rest would only repeat it
          }
          if (!s.indicator) problems.push(`stop ${i + 1}: ${s.desc} has no visible focus indicator (${s.style})`);
          if (!s.onScreen) problems.push(`stop ${i + 1}: ${s.desc} is focused but not on screen (${s.rect})`);
        }
        console.log(`${lang} home: ${stops} tab stops checked (${expected.length} focusable; at least ${Math.min(MIN_STOPS, expected.length)} required)`);
        if (problems.length) assert.fail(`keyboard problems on /${rel}:\n  ${problems.join('\n  ')}`);
      } finally {
        await context.close();
      }
    });

    test('the first tab stop is the skip link, and it moves focus into <main>', async () => {
      const rel = site[lang].home;
      const context = await newContext(chrome.browser, base, { viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      try {
        await page.goto(url(rel), { waitUntil: 'load' });
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => ({
          skip: document.activeElement.matches('a.skip-link[href="#main"]'),
          html: document.activeElement.outerHTML.slice(0, 120),
        }));
        assert.ok(first.skip, `first tab stop is ${first.html}, not <a class="skip-link" href="#main">`);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Tab');
        const inMain = await page.evaluate(() => {
          const main = document.getElementById('main');
          const a = document.activeElement;
          return {
            ok: !!main && (main.contains(a) || !!(main.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)),
            html: a.outerHTML.slice(0, 120),
          };
        });
        assert.ok(inMain.ok, `after activating the skip link, Tab went to ${inMain.html}, which is before <main>`);
      } finally {
        await context.close();
      }
    });
  });
}
