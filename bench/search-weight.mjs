#!/usr/bin/env node
// Bytes the first search query downloads, measured in Chromium against a built site.
//   node bench/search-weight.mjs SITE_DIR PORT QUERY_FR QUERY_EN
// Serves SITE_DIR on 127.0.0.1:PORT twice — as stored (identity) and gzip-compressed like any
// static host (Pagefind's index and wasm are gzip already; its JS and CSS are not) — opens the
// search page of each language, types the query, waits for the results and sums the response
// bodies the server sent, grouped by what they are. Prints a Markdown table.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [siteDir, port = '8610', queryFr = 'emplois', queryEn = 'employers'] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node bench/search-weight.mjs SITE_DIR [PORT] [QUERY_FR] [QUERY_EN]');
  process.exit(2);
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json']);

/** A static server that records the bytes of every body it sends. */
function serve(gzip) {
  const sent = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, `http://127.0.0.1:${port}`);
    let file = path.join(siteDir, decodeURIComponent(u.pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    const ext = path.extname(file);
    let body = fs.readFileSync(file);
    const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'Cache-Control': 'no-store' };
    if (gzip && COMPRESSIBLE.has(ext) && /gzip/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 9 });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
    sent.push({ path: u.pathname, bytes: body.length });
  });
  return new Promise((resolve) => server.listen(Number(port), '127.0.0.1', () => resolve({ server, sent })));
}

function group(p) {
  if (/\/pagefind\/pagefind-ui\.(js|css)$/.test(p)) return 'Pagefind UI (JS + CSS)';
  if (/\/pagefind\/pagefind(-worker)?\.js$/.test(p)) return 'Pagefind runtime (JS)';
  if (/\/pagefind\/wasm\./.test(p)) return 'Pagefind runtime (wasm)';
  if (/\/pagefind\/(pagefind-entry\.json|pagefind\..*\.pf_meta)$/.test(p)) return 'index: entry + metadata';
  if (/\/pagefind\/index\//.test(p)) return 'index: word chunks';
  if (/\/pagefind\/filter\//.test(p)) return 'index: facets';
  if (/\/pagefind\/fragment\//.test(p)) return 'index: result fragments';
  return 'search page (HTML, CSS, search.js)';
}

async function measure(browser, gzip, lang, searchPath, query) {
  const { server, sent } = await serve(gzip);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}${searchPath}`, { waitUntil: 'networkidle' });
  await page.fill('.pagefind-ui__search-input', query);
  await page.waitForSelector('.pagefind-ui__result-link');
  await page.waitForLoadState('networkidle');
  const results = await page.textContent('.pagefind-ui__message');
  await page.close();
  await new Promise((r) => server.close(r));
  const groups = {};
  for (const { path: p, bytes } of sent) groups[group(p)] = (groups[group(p)] || 0) + bytes;
  const total = sent.reduce((n, s) => n + s.bytes, 0);
  const search = total - (groups['search page (HTML, CSS, search.js)'] || 0);
  return { lang, gzip, query, results, groups, total, search, requests: sent.length };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const rows = [];
for (const gzip of [false, true]) {
  rows.push(await measure(browser, gzip, 'fr', '/fr/recherche/', queryFr));
  rows.push(await measure(browser, gzip, 'en', '/en/search/', queryEn));
}
await browser.close();

const kb = (n) => (n / 1024).toFixed(1);
const names = [...new Set(rows.flatMap((r) => Object.keys(r.groups)))].sort();
console.log(`| | ${rows.map((r) => `${r.lang} «${r.query}», ${r.gzip ? 'gzip' : 'identity'}`).join(' | ')} |`);
console.log(`|---|${rows.map(() => '---:').join('|')}|`);
for (const name of names) console.log(`| ${name} | ${rows.map((r) => kb(r.groups[name] || 0)).join(' | ')} |`);
console.log(`| **search total (KB)** | ${rows.map((r) => `**${kb(r.search)}**`).join(' | ')} |`);
console.log(`| everything, with the page (KB) | ${rows.map((r) => kb(r.total)).join(' | ')} |`);
console.log(`| requests | ${rows.map((r) => r.requests).join(' | ')} |`);
console.log(`| results | ${rows.map((r) => r.results).join(' | ')} |`);
