// Static checks on every HTML file (no browser): the markers every page must
// carry — <html lang>, hreflang alternates, <main id="main">, the skip link and
// the language switcher — and that alternates point back at each other.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { attr, elements, env, fileForUrl, hasClass, htmlFiles, parseHtmlFile, textOf, urlOfFile } from './lib/site.mjs';

const { siteDir, base, languages } = env();
const files = htmlFiles(siteDir);

function facts(rel) {
  const doc = parseHtmlFile(path.join(siteDir, rel));
  const els = [...elements(doc)];
  const html = els.find((e) => e.tagName === 'html');
  const alternates = {};
  for (const e of els) {
    if (e.tagName === 'link' && (attr(e, 'rel') || '').split(/\s+/).includes('alternate') && attr(e, 'hreflang')) {
      alternates[attr(e, 'hreflang')] = attr(e, 'href');
    }
  }
  const mains = els.filter((e) => e.tagName === 'main');
  const skip = els.filter((e) => e.tagName === 'a' && hasClass(e, 'skip-link'));
  const nav = els.find((e) => e.tagName === 'nav' && hasClass(e, 'lang-switch'));
  const navLinks = nav ? [...elements(nav)].filter((e) => e.tagName === 'a' && attr(e, 'href') !== null) : [];
  const title = els.find((e) => e.tagName === 'title');
  return {
    lang: html ? attr(html, 'lang') : null,
    alternates,
    mains,
    skip,
    nav,
    navLinks,
    title: title ? textOf(title).trim() : '',
    h1: els.filter((e) => e.tagName === 'h1').length,
  };
}

test('the output has HTML pages', () => {
  assert.ok(files.length > 0, `no HTML file in ${siteDir}`);
});

describe('markers on every page', () => {
  const problems = { lang: [], title: [], main: [], skip: [], alternates: [], switcher: [], reciprocal: [], h1: [] };
  const all = new Map(files.map((f) => [f, facts(f)]));

  for (const [f, x] of all) {
    const section = f.split('/')[0];
    const langPage = languages.includes(section);
    if (!languages.includes(x.lang)) problems.lang.push(`${f}: <html lang="${x.lang}">`);
    if (langPage && x.lang !== section) problems.lang.push(`${f}: under /${section}/ but <html lang="${x.lang}">`);
    if (!x.title) problems.title.push(`${f}: empty or missing <title>`);
    if (x.mains.length !== 1 || attr(x.mains[0], 'id') !== 'main') problems.main.push(`${f}: expected exactly one <main id="main">, found ${x.mains.length} <main> (${x.mains.map((m) => `id=${attr(m, 'id')}`).join(', ')})`);
    if (x.h1 < 1) problems.h1.push(`${f}: no <h1>`);
    if (!x.skip.some((a) => attr(a, 'href') === '#main')) problems.skip.push(`${f}: no <a class="skip-link" href="#main">`);
    if (!langPage) continue; // root picker and 404.html: no switcher or alternates required
    for (const l of [...languages, 'x-default']) {
      const href = x.alternates[l];
      if (!href) {
        problems.alternates.push(`${f}: no <link rel="alternate" hreflang="${l}">`);
        continue;
      }
      let u;
      try {
        u = new URL(href);
      } catch {
        problems.alternates.push(`${f}: hreflang="${l}" href="${href}" is not an absolute URL`);
        continue;
      }
      if (!u.href.startsWith(base.href)) problems.alternates.push(`${f}: hreflang="${l}" href="${href}" is not under the base URL ${base.href}`);
    }
    if (x.alternates[section] && x.alternates[section] !== urlOfFile(base, f)) {
      problems.alternates.push(`${f}: hreflang="${section}" (self) is ${x.alternates[section]}, expected ${urlOfFile(base, f)}`);
    }
    if (!x.nav) problems.switcher.push(`${f}: no <nav class="lang-switch">`);
    for (const other of languages.filter((l) => l !== section)) {
      if (x.nav) {
        const link = x.navLinks.find((a) => attr(a, 'hreflang') === other);
        if (!link) problems.switcher.push(`${f}: nav.lang-switch has no <a hreflang="${other}">`);
        else {
          if (attr(link, 'lang') !== other) problems.switcher.push(`${f}: switcher link to ${other} lacks lang="${other}"`);
          const target = new URL(attr(link, 'href'), urlOfFile(base, f)).href;
          if (x.alternates[other] && target !== x.alternates[other]) {
            problems.switcher.push(`${f}: switcher goes to ${target} but hreflang="${other}" alternate is ${x.alternates[other]}`);
          }
        }
      }
      // each other-language alternate must point back here
      const otherHref = x.alternates[other];
      if (otherHref) {
        const r = fileForUrl(siteDir, base, otherHref);
        if (r.file && all.has(r.file)) {
          const back = all.get(r.file).alternates[section];
          if (back !== urlOfFile(base, f)) problems.reciprocal.push(`${f} -> ${r.file}, whose hreflang="${section}" is ${back}`);
        }
      }
    }
  }

  for (const [k, list] of Object.entries(problems)) {
    test(k, () => {
      if (list.length) assert.fail(`${k}: ${list.length} problem(s):\n  ${list.slice(0, 40).join('\n  ')}`);
    });
  }
});
