#!/usr/bin/env node
// Internal link checker for the built site.
//   node linkcheck.mjs SITE_DIR BASE_URL
// Parses every HTML file with parse5 and checks every URL it references
// (href, src, srcset, poster, data, action, SVG href, meta refresh/og URLs,
// url() in style attributes, <style> and the site's CSS files). A URL that is
// relative, root-relative or on the base URL's origin must resolve to a file of
// the site (a directory means its index.html) inside the base path, and its
// #fragment, when the target is HTML, to an element id of the target.
// External http(s) URLs are listed, not fetched; mailto:, tel:, data: and
// javascript: are ignored. Exits 1 when any internal link is broken.
import fs from 'node:fs';
import path from 'node:path';
import { attr, baseUrlOf, elements, fileForUrl, htmlFiles, line, parseHtmlFile, urlOfFile, walkFiles } from './lib/site.mjs';

const IGNORED_SCHEMES = new Set(['mailto:', 'tel:', 'data:', 'javascript:', 'blob:', 'about:', 'sms:']);
const URL_ATTRS = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  iframe: ['src'],
  embed: ['src'],
  track: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
  input: ['src'],
  object: ['data'],
  form: ['action'],
  use: ['href', 'xlink:href'],
  image: ['href', 'xlink:href'],
};
const META_URL_PROPS = new Set(['og:url', 'og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'og:audio', 'og:video']);

/** Split a srcset attribute into its URLs (HTML's candidate-string parsing). */
export function srcsetUrls(value) {
  const urls = [];
  let i = 0;
  const s = value;
  while (i < s.length) {
    while (i < s.length && /[\s,]/.test(s[i])) i++;
    if (i >= s.length) break;
    let j = i;
    while (j < s.length && !/\s/.test(s[j])) j++;
    let url = s.slice(i, j);
    let ended = false;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
      ended = true;
    }
    urls.push(url);
    i = j;
    if (!ended) {
      // skip descriptors up to the next comma outside parentheses
      let depth = 0;
      while (i < s.length) {
        const c = s[i];
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i++;
      }
    }
  }
  return urls;
}

/** URLs in CSS text: url(...) and @import "...". */
export function cssUrls(css) {
  const out = [];
  const noComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of noComments.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  for (const m of noComments.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push(m[1] ?? m[2]);
  return out.filter((u) => u !== undefined && u !== '');
}

export function checkLinks(siteDir, baseUrl) {
  siteDir = path.resolve(siteDir);
  const base = baseUrlOf(baseUrl);
  const idCache = new Map();
  const idsOf = (rel) => {
    if (!idCache.has(rel)) {
      const ids = new Set();
      try {
        for (const el of elements(parseHtmlFile(path.join(siteDir, rel)))) {
          const id = attr(el, 'id');
          if (id !== null) ids.add(id);
        }
      } catch {
        /* unreadable: no ids */
      }
      idCache.set(rel, ids);
    }
    return idCache.get(rel);
  };

  const broken = [];
  const external = new Map(); // url -> Set(pages)
  let checked = 0;

  const check = (page, where, raw, pageUrl) => {
    const value = raw.trim();
    let u;
    try {
      u = new URL(value, pageUrl);
    } catch {
      broken.push({ page, where, raw, reason: 'unparseable URL' });
      return;
    }
    if (IGNORED_SCHEMES.has(u.protocol)) return;
    if (u.origin !== base.origin) {
      if (!external.has(u.href)) external.set(u.href, new Set());
      external.get(u.href).add(page);
      return;
    }
    checked++;
    const res = fileForUrl(siteDir, base, u.href);
    if (res.error) {
      broken.push({ page, where, raw, reason: `${res.error}${res.file ? ` (${res.file})` : ''}` });
      return;
    }
    if (u.hash && u.hash !== '#' && /\.html?$/i.test(res.file)) {
      const rawFrag = u.hash.slice(1);
      let frag = rawFrag;
      try {
        frag = decodeURIComponent(rawFrag);
      } catch {
        /* keep raw */
      }
      const ids = idsOf(res.file);
      if (!ids.has(rawFrag) && !ids.has(frag) && frag.toLowerCase() !== 'top') {
        broken.push({ page, where, raw, reason: `no element with id="${frag}" in ${res.file}` });
      }
    }
  };

  for (const page of htmlFiles(siteDir)) {
    const doc = parseHtmlFile(path.join(siteDir, page));
    let pageUrl = urlOfFile(base, page);
    // <base href> changes how relative URLs resolve
    for (const el of elements(doc)) {
      if (el.tagName === 'base' && attr(el, 'href') !== null) {
        pageUrl = new URL(attr(el, 'href'), pageUrl).href;
        break;
      }
    }
    for (const el of elements(doc)) {
      const tag = el.tagName;
      const where = (a) => `line ${line(el)} <${tag} ${a}>`;
      for (const a of URL_ATTRS[tag] || []) {
        const v = attr(el, a);
        if (v === null) continue;
        if (a === 'srcset') for (const u of srcsetUrls(v)) check(page, where(a), u, pageUrl);
        else if (!(tag === 'form' && v === '')) check(page, where(a), v, pageUrl);
      }
      if (tag === 'meta') {
        const prop = attr(el, 'property') || attr(el, 'name');
        const content = attr(el, 'content');
        if (content && prop && META_URL_PROPS.has(prop.toLowerCase())) check(page, where(`property=${prop}`), content, pageUrl);
        const equiv = attr(el, 'http-equiv');
        if (content && equiv && equiv.toLowerCase() === 'refresh') {
          const m = content.match(/url\s*=\s*['"]?([^'"]+)/i);
          if (m) check(page, where('http-equiv=refresh'), m[1], pageUrl);
        }
      }
      const style = attr(el, 'style');
      if (style) for (const u of cssUrls(style)) check(page, where('style'), u, pageUrl);
      if (tag === 'style') {
        const css = (el.childNodes || []).map((n) => n.value || '').join('');
        for (const u of cssUrls(css)) check(page, `line ${line(el)} <style>`, u, pageUrl);
      }
    }
  }
  for (const css of walkFiles(siteDir).filter((f) => f.endsWith('.css'))) {
    const text = fs.readFileSync(path.join(siteDir, css), 'utf8');
    for (const u of cssUrls(text)) check(css, 'url()', u, urlOfFile(base, css));
  }
  return { broken, external, checked };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [siteDir, baseUrl] = process.argv.slice(2);
  if (!siteDir || !baseUrl) {
    console.error('usage: node linkcheck.mjs SITE_DIR BASE_URL');
    process.exit(2);
  }
  const pages = htmlFiles(siteDir).length;
  if (pages === 0) {
    console.error(`linkcheck: no HTML file in ${siteDir}`);
    process.exit(1);
  }
  const { broken, external, checked } = checkLinks(siteDir, baseUrl);
  if (external.size) {
    console.log(`External links (not fetched): ${external.size}`);
    for (const [u, pgs] of [...external].sort((a, b) => a[0].localeCompare(b[0]))) {
      console.log(`  ${u}  (${pgs.size} page${pgs.size > 1 ? 's' : ''}, e.g. ${[...pgs][0]})`);
    }
  }
  if (broken.length) {
    console.log(`\nBROKEN internal links: ${broken.length}`);
    let last = null;
    for (const b of broken) {
      if (b.page !== last) console.log(`  in ${b.page}:`);
      last = b.page;
      console.log(`    ${b.where} ${JSON.stringify(b.raw)} -> ${b.reason}`);
    }
    console.log(`linkcheck: FAILED: ${broken.length} broken of ${checked} internal links in ${pages} HTML files`);
    process.exit(1);
  }
  console.log(`linkcheck: ok: ${checked} internal links in ${pages} HTML files resolve`);
}
