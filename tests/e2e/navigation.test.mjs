// Navigation: homes, root language picker, language switcher, translation
// notices, 404.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { collectErrors, newContext, withBrowser } from './lib/browser.mjs';
import { discover, elements, env, hasClass, htmlFiles, parseHtmlFile, textOf } from './lib/site.mjs';

const { siteDir, base, sections, languages, defaultLanguage } = env();
const site = discover(siteDir, sections, languages);
// The languages other than the default one, where a missing translation shows a notice.
const otherLanguages = languages.filter((lang) => lang !== defaultLanguage);
const url = (rel) => new URL(rel, base).href;
const pathOf = (rel) => new URL(rel, base).pathname;

const chrome = withBrowser({ base, context: {} });

async function open(rel) {
  const page = await chrome.context.newPage();
  const errors = collectErrors(page);
  const response = await page.goto(url(rel), { waitUntil: 'load' });
  return { page, response, errors };
}

describe('homes', () => {
  for (const lang of languages) {
    test(`/${lang}/ loads with <html lang="${lang}"> and a title`, async () => {
      assert.ok(site[lang].home, `no ${lang}/index.html in the output`);
      const { page, response, errors } = await open(site[lang].home);
      try {
        assert.equal(response.status(), 200);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        const title = (await page.title()).trim();
        assert.ok(title.length > 0, 'empty <title>');
        assert.equal(await page.locator('main#main').count(), 1, 'no <main id="main">');
        assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), [], 'uncaught script errors');
      } finally {
        await page.close();
      }
    });
  }
});

test('root / links to every home', async () => {
  assert.equal(site.root, '', 'no index.html at the root of the output');
  const { page, response } = await open('');
  try {
    assert.equal(response.status(), 200);
    const lang = await page.getAttribute('html', 'lang');
    assert.ok(languages.includes(lang), `root <html lang="${lang}">`);
    assert.ok((await page.title()).trim().length > 0, 'empty <title> on root');
    const targets = await page.$$eval('a[href]', (as) => as.map((a) => new URL(a.href).pathname));
    for (const lang of languages) {
      assert.ok(targets.includes(pathOf(`${lang}/`)), `root has no link to ${pathOf(`${lang}/`)}; links: ${targets.join(' ')}`);
    }
    // and the links work
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    const target = otherLanguages[0] ?? defaultLanguage;
    const i = hrefs.findIndex((h) => new URL(h).pathname === pathOf(`${target}/`));
    await Promise.all([page.waitForURL((u) => u.pathname === pathOf(`${target}/`)), page.locator('a[href]').nth(i).click()]);
    assert.equal(await page.getAttribute('html', 'lang'), target);
  } finally {
    await page.close();
  }
});

describe('language switcher', () => {
  const pairs = languages.flatMap((from) => languages.filter((to) => to !== from).map((to) => [from, to]));
  for (const [from, to] of pairs) {
    test(`practice page: ${from} -> ${to} lands on the same practice in ${to}`, async () => {
      const practice = site[from].practice;
      assert.ok(practice, `no practice page under ${from}/${sections.practices[from]}/`);
      // A translation may have its own slug (`slug:` in its front matter): the page landed on
      // is the same practice when it names the page left as its `from` version.
      const section = pathOf(`${to}/${sections.practices[to]}/`);
      const { page } = await open(practice);
      try {
        const link = page.locator(`nav.lang-switch a[hreflang="${to}"]`);
        assert.equal(await link.count(), 1, `expected one <a hreflang="${to}"> in nav.lang-switch`);
        assert.equal(await link.getAttribute('lang'), to, 'switcher link lacks lang attribute');
        await Promise.all([page.waitForURL((u) => u.pathname !== pathOf(practice)), link.click()]);
        const landed = new URL(page.url()).pathname;
        assert.ok(landed.startsWith(section) && landed !== section, `${landed} is not a practice under ${section}`);
        const back = await page.getAttribute(`link[rel="alternate"][hreflang="${from}"]`, 'href');
        assert.equal(new URL(back, page.url()).pathname, pathOf(practice));
        assert.equal(await page.getAttribute('html', 'lang'), to);
      } finally {
        await page.close();
      }
    });
  }
});

describe('translation notice', () => {
  const noticePages = htmlFiles(siteDir)
    .filter((f) => otherLanguages.includes(f.split('/')[0]))
    .filter((f) => [...elements(parseHtmlFile(path.join(siteDir, f)))].some((el) => hasClass(el, 'translation-notice')));

  test(`at least one page in ${otherLanguages.join(' or ')} carries class="translation-notice"`, () => {
    assert.ok(noticePages.length > 0, `no page in ${otherLanguages.join(' or ')} has class="translation-notice"`);
  });

  for (const f of noticePages.slice(0, 4)) {
    const rel = f.replace(/index\.html$/, '');
    test(`/${rel} shows the notice, its original in ${defaultLanguage} does not`, async () => {
      const { page, response } = await open(rel);
      try {
        assert.equal(response.status(), 200);
        const notice = page.locator('.translation-notice').first();
        assert.ok(await notice.isVisible(), '.translation-notice is not visible');
        assert.ok((await notice.innerText()).trim().length > 0, '.translation-notice is empty');
        const original = page.locator(`nav.lang-switch a[hreflang="${defaultLanguage}"]`);
        if ((await original.count()) === 1) {
          await Promise.all([page.waitForURL((u) => u.pathname !== pathOf(rel)), original.click()]);
          assert.equal(await page.getAttribute('html', 'lang'), defaultLanguage);
          assert.equal(await page.locator('.translation-notice').count(), 0, `the original ${page.url()} shows a translation notice`);
        }
      } finally {
        await page.close();
      }
    });
  }

  // When the content folder is known, check the notice against the sources:
  // a page whose document has no <slug>.<lang>.md shows it, others do not.
  const contentDir = process.env.E2E_CONTENT_DIR;
  // The address segment of a document file: its front matter's `slug:`, else its file name's.
  const addressOf = (file, key) => {
    const front = fs.readFileSync(file, 'utf8').split(/^---\s*$/m)[1] ?? '';
    return front.match(/^slug:\s*["']?([a-z0-9-]+)/m)?.[1] ?? key;
  };
  // Whether a document file is for members (`audience: members`): a public edition has no
  // page for it, and a members' edition (whose robots.txt disallows all) has one.
  const forMembers = (file) => /^audience:\s*["']?members/m.test(fs.readFileSync(file, 'utf8').split(/^---\s*$/m)[1] ?? '');
  const membersEdition = /^Disallow: \/$/m.test(fs.readFileSync(path.join(siteDir, 'robots.txt'), 'utf8'));
  if (contentDir && fs.existsSync(contentDir)) {
    test('notices match the missing translations in content/', () => {
      const problems = [];
      let expectedNotices = 0;
      const dirs = { practices: sections.practices, visits: sections.visits, reports: sections.reports, pages: sections.pages };
      for (const [dir, seg] of Object.entries(dirs)) {
        const d = path.join(contentDir, dir);
        if (!fs.existsSync(d)) continue;
        const files = fs.readdirSync(d);
        const slugs = new Set(
          files
            .map((f) => f.match(/^(.+)\.([a-z]{2})\.md$/))
            .filter((m) => m && languages.includes(m[2]))
            .map((m) => m[1]),
        );
        for (const slug of slugs) {
          // A missing translation takes the address of the version it shows: the default
          // language's, else the first one there is.
          const shown = [defaultLanguage, ...languages].find((l) => files.includes(`${slug}.${l}.md`));
          for (const lang of languages) {
            const translated = files.includes(`${slug}.${lang}.md`);
            if (!translated) expectedNotices++;
            const address = addressOf(path.join(d, `${slug}.${translated ? lang : shown}.md`), slug);
            const out = path.join(siteDir, lang, seg[lang], address, 'index.html');
            const rel = path.relative(siteDir, out);
            if (!membersEdition && forMembers(path.join(d, `${slug}.${translated ? lang : shown}.md`))) {
              if (fs.existsSync(out)) problems.push(`${rel}: ${dir}/${slug} is for members, but the public edition has its page`);
              continue;
            }
            if (!fs.existsSync(out)) {
              problems.push(`${dir}/${slug}: no ${lang} page at ${rel}`);
              continue;
            }
            const has = [...elements(parseHtmlFile(out))].some((el) => hasClass(el, 'translation-notice'));
            if (!translated && !has) problems.push(`${rel}: ${dir}/${slug}.${lang}.md does not exist, but the page has no translation notice`);
            if (translated && has) problems.push(`${rel}: ${dir}/${slug}.${lang}.md exists, but the page shows a translation notice`);
          }
        }
      }
      console.log(`translation notices expected from content/: ${expectedNotices}`);
      if (problems.length) assert.fail(`translation notices disagree with the sources:\n  ${problems.join('\n  ')}`);
    });
  }
});

describe('404', () => {
  const notFoundTitle = () => {
    const doc = parseHtmlFile(path.join(siteDir, '404.html'));
    const t = [...elements(doc)].find((el) => el.tagName === 'title');
    return t ? textOf(t).trim() : '';
  };
  const last = languages[languages.length - 1];
  for (const rel of ['no-such-page-e2e/', `${defaultLanguage}/no-such-page-e2e/`, `${last}/${sections.practices[last]}/no-such-practice-e2e/`]) {
    test(`/${rel} answers 404 with the 404 page`, async () => {
      assert.ok(site.notFound, 'no 404.html at the root of the output');
      const { page, response } = await open(rel);
      try {
        assert.equal(response.status(), 404);
        const title = (await page.title()).trim();
        assert.ok(title.length > 0, '404 page has an empty <title>');
        assert.equal(title, notFoundTitle(), 'the page shown is not 404.html');
        assert.ok(await page.locator('main#main').isVisible(), '404 page has no visible <main id="main">');
        // its links must work from any depth (root-relative or absolute)
        const hrefs = await page.$$eval('main a[href], header a[href]', (as) => as.map((a) => a.getAttribute('href')));
        for (const h of hrefs) {
          if (/^(https?:)?\/\//.test(h) || h.startsWith('/') || h.startsWith('#') || /^[a-z]+:/.test(h)) continue;
          assert.fail(`404.html uses a document-relative link ${JSON.stringify(h)}, which breaks when served at /${rel}`);
        }
      } finally {
        await page.close();
      }
    });
  }
});

describe('main menu at 360 px', () => {
  for (const lang of ['fr', 'en']) {
    test(`${lang}: a peer group's page shows its menu entry, which the menu leads to`, async () => {
      const rel = site[lang].peerGroup;
      assert.ok(rel, `no peer-group page under ${lang}/${sections.peer_groups[lang]}/`);
      for (const javaScriptEnabled of [true, false]) {
        const context = await newContext(chrome.browser, base, { viewport: { width: 360, height: 740 }, javaScriptEnabled });
        const page = await context.newPage();
        try {
          await page.goto(url(rel), { waitUntil: 'load' });
          const hrefs = await page.$$eval('nav.main-nav a', (as) => as.map((a) => new URL(a.href).pathname));
          for (const section of ['peer_groups', 'frameworks']) {
            const target = pathOf(`${lang}/${sections[section][lang]}/`);
            assert.ok(hrefs.includes(target), `the menu has no link to ${target}: ${hrefs.join(' ')}`);
          }
          const current = page.locator('nav.main-nav a[aria-current="page"]');
          assert.equal(await current.count(), 1, 'one current menu entry');
          assert.equal(new URL(await current.evaluate((a) => a.href)).pathname, pathOf(`${lang}/${sections.peer_groups[lang]}/`));
          // The menu is a disclosure, closed on a phone, with or without JavaScript: once
          // opened, the current entry is on screen.
          assert.equal(await current.isVisible(), false, 'the menu is open before it is asked for');
          await page.locator('nav.main-nav summary').click();
          const box = await current.boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `the current entry is off screen at ${JSON.stringify(box)}`);
        } finally {
          await context.close();
        }
      }
    });
  }
});

// sanity: discovery itself
test('every required page type exists in every language', () => {
  const missing = [];
  for (const lang of languages) {
    for (const k of ['home', 'practices', 'practice', 'visits', 'visit', 'pesList', 'pesProfile', 'freePage']) {
      if (!site[lang][k]) missing.push(`${lang}:${k}`);
    }
  }
  if (missing.length) assert.fail(`page types not found in the output: ${missing.join(', ')}`);
});
