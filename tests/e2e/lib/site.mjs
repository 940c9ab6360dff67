// Shared helpers for the e2e gates: walking the built site, parsing HTML with a
// real parser (parse5), mapping URLs to files, reading the site's section slugs
// from its site.yaml, and discovering pages by type from the output rather than
// hard-coding slugs.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';
import YAML from 'yaml';

// ---------------------------------------------------------------- files

/** Every file under `dir`, as sorted POSIX paths relative to `dir`. */
export function walkFiles(dir) {
  const out = [];
  const rec = (rel) => {
    const abs = path.join(dir, rel);
    for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) rec(r);
      else if (ent.isFile()) out.push(r);
    }
  };
  rec('');
  return out.sort();
}

export function htmlFiles(dir) {
  return walkFiles(dir).filter((f) => /\.html?$/i.test(f));
}

// ---------------------------------------------------------------- parsing

export function parseHtmlFile(file) {
  return parse(fs.readFileSync(file, 'utf8'), { sourceCodeLocationInfo: true });
}

/** Depth-first walk over element nodes (into <template> content too). */
export function* elements(node) {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (n.tagName) yield n;
    const kids = [];
    if (n.childNodes) kids.push(...n.childNodes);
    if (n.content && n.content.childNodes) kids.push(...n.content.childNodes);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

export function attr(el, name) {
  const a = el.attrs && el.attrs.find((x) => x.name === name);
  return a ? a.value : null;
}

export function hasClass(el, cls) {
  const c = attr(el, 'class');
  return c != null && c.split(/\s+/).includes(cls);
}

export function textOf(node) {
  if (node.nodeName === '#text') return node.value;
  return (node.childNodes || []).map(textOf).join('');
}

export function line(el) {
  return el.sourceCodeLocation ? el.sourceCodeLocation.startLine : '?';
}

// ---------------------------------------------------------------- urls

/** Normalised base URL object (always ends with '/'). */
export function baseUrlOf(s) {
  const u = new URL(s);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  u.search = '';
  u.hash = '';
  return u;
}

/** Public URL of a built file (`fr/x/index.html` -> base + `fr/x/`). */
export function urlOfFile(base, rel) {
  const p = rel.replace(/(^|\/)index\.html$/, '$1');
  return new URL(p.split('/').map(encodeURIComponent).join('/'), base).href;
}

/**
 * Map a same-origin URL to a file in the site dir, the way a static server
 * does: a path ending in '/' (or naming a directory) means its index.html.
 * Returns { file } with a relative path, or { error }.
 */
export function fileForUrl(siteDir, base, url) {
  const u = new URL(url);
  if (u.origin !== base.origin) return { error: 'other origin' };
  let p;
  try {
    p = decodeURIComponent(u.pathname);
  } catch {
    return { error: `undecodable path ${u.pathname}` };
  }
  if (!p.startsWith(base.pathname)) {
    return { error: `outside the base path ${base.pathname}` };
  }
  let rel = p.slice(base.pathname.length);
  if (rel.split('/').some((seg) => seg === '..')) return { error: 'path escapes the site' };
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const abs = path.join(siteDir, rel);
  let st;
  try {
    st = fs.statSync(abs);
  } catch {
    return { error: 'no such file', file: rel };
  }
  if (st.isDirectory()) {
    rel = `${rel}/index.html`;
    if (!fs.existsSync(path.join(siteDir, rel))) return { error: 'directory without index.html', file: rel };
  }
  return { file: rel };
}

// ---------------------------------------------------------------- site.yaml

// The URL segment of each section per language when site.yaml does not set it:
// the defaults of `SiteSection::default_slug` in src/config.rs (free pages sit at the
// top of every language).
const DEFAULT_SECTIONS = {
  practices: { fr: 'bonnes-pratiques', en: 'good-practices', es: 'buenas-practicas' },
  visits: { fr: 'visites-etude', en: 'study-visits', es: 'visitas-estudio' },
  reports: { fr: 'rapports', en: 'reports', es: 'informes' },
  pes: { fr: 'spe', en: 'pes', es: 'spe' },
  pages: { fr: '', en: '', es: '' }, // and '' in every other language
  indicators: { fr: 'indicateurs', en: 'indicators', es: 'indicadores' },
  assessments: { fr: 'evaluations', en: 'assessments', es: 'evaluaciones' },
  areas: { fr: 'domaines', en: 'areas', es: 'ambitos' },
  frameworks: { fr: 'cadres-performance', en: 'frameworks', es: 'marcos-desempeno' },
  compare: { fr: 'comparer', en: 'compare', es: 'comparar' },
  peer_groups: { fr: 'groupes-de-pairs', en: 'peer-groups', es: 'grupos-de-pares' },
  search: { fr: 'recherche', en: 'search', es: 'buscar' },
  list_page: { fr: 'page', en: 'page', es: 'pagina' },
};
// Pagefind's folder when site.yaml does not set `search.folder` (src/config.rs).
const DEFAULT_SEARCH_FOLDER = 'pagefind';
// The languages when no site.yaml is known: those of the example site.
const DEFAULT_LANGUAGES = ['fr', 'en'];

/**
 * What the tests need of a site's site.yaml: `languages` (in site.yaml's order),
 * `defaultLanguage`, `sections` (section -> language -> URL segment, e.g.
 * sections.practices.en === 'good-practices') and `searchFolder`, with the generator's
 * defaults for what it leaves out: like benchlearn, a section's slugs default language by
 * language. `siteRoot` null: the defaults.
 */
export function readSiteConfig(siteRoot) {
  const config = siteRoot ? YAML.parse(fs.readFileSync(path.join(siteRoot, 'site.yaml'), 'utf8')) ?? {} : {};
  const named = config.sections ?? {};
  const sections = Object.fromEntries(
    Object.entries(DEFAULT_SECTIONS).map(([section, slugs]) => [section, { ...slugs, ...(named[section] ?? {}) }]),
  );
  const languages = config.languages ?? DEFAULT_LANGUAGES;
  for (const lang of languages) sections.pages[lang] ??= '';
  return {
    languages,
    defaultLanguage: config.default_language ?? languages[0],
    sections,
    searchFolder: config.search?.folder ?? DEFAULT_SEARCH_FOLDER,
  };
}

// ---------------------------------------------------------------- discovery

const PREFERRED_FREE_PAGES = ['benchlearning', 'methodology', 'methodologie', 'about', 'a-propos'];

/**
 * Pages of the built site by type and language, discovered from the files, with
 * `sections` and `languages` from readSiteConfig:
 *   { fr: { home, practices, practice, visits, visit, reports, report, pesList, pesProfile, freePage,
 *           peerGroups, peerGroup }, en: {...},
 *     languages, root, notFound, all: [rel...] }
 * Each value is a path relative to the site (e.g. `fr/bonnes-pratiques/x/`), or null.
 */
export function discover(siteDir, sections, languages = DEFAULT_LANGUAGES) {
  const files = htmlFiles(siteDir);
  const set = new Set(files);
  const urlPath = (f) => f.replace(/(^|\/)index\.html$/, '$1');
  const children = (prefix) =>
    files
      .filter((f) => f.startsWith(prefix) && /^[^/]+\/index\.html$/.test(f.slice(prefix.length)))
      .map(urlPath);
  const out = { languages, root: set.has('index.html') ? '' : null, notFound: set.has('404.html') ? '404.html' : null, all: files };
  for (const lang of languages) {
    const l = {};
    const has = (p) => set.has(`${p}index.html`);
    l.home = has(`${lang}/`) ? `${lang}/` : null;
    const sec = (k) => `${lang}/${sections[k][lang]}/`;
    const first = (list) => (list.length ? list[0] : null);
    l.practices = has(sec('practices')) ? sec('practices') : null;
    l.practice = first(children(sec('practices')));
    l.visits = has(sec('visits')) ? sec('visits') : null;
    l.visit = first(children(sec('visits')));
    l.reports = has(sec('reports')) ? sec('reports') : null;
    l.report = first(children(sec('reports')));
    l.pesList = has(sec('pes')) ? sec('pes') : null;
    l.pesProfile = first(children(sec('pes')));
    const pagesFolder = sections.pages[lang] ? sec('pages') : `${lang}/`;
    const sectionNames = new Set(Object.values(sections).map((s) => s[lang]));
    const free = children(pagesFolder).filter((p) => !sectionNames.has(p.slice(pagesFolder.length, -1)));
    l.freePage =
      PREFERRED_FREE_PAGES.map((s) => `${pagesFolder}${s}/`).find((p) => free.includes(p)) || first(free);
    l.peerGroups = has(sec('peer_groups')) ? sec('peer_groups') : null;
    l.peerGroup = first(children(sec('peer_groups')));
    l.allPractices = children(sec('practices'));
    out[lang] = l;
  }
  return out;
}

export const PAGE_TYPES = [
  ['home', 'home'],
  ['practices', 'practice catalogue'],
  ['practice', 'practice'],
  ['visits', 'visit list'],
  ['visit', 'visit'],
  ['pesList', 'PES list'],
  ['pesProfile', 'PES profile'],
  ['freePage', 'free page'],
  ['reports', 'report list'],
  ['report', 'report'],
  ['peerGroups', 'peer-group index'],
  ['peerGroup', 'peer group'],
];
// Page types that the site must have (reports are checked when present).
export const REQUIRED_TYPES = new Set(['home', 'practices', 'practice', 'visits', 'visit', 'pesList', 'pesProfile', 'freePage']);

/**
 * One page per type and language to test, from discover(): { lang, key, label, rel, name }
 * for every type the site has, and for each required type it lacks (rel null: the test
 * must fail), named `<lang> <label> (/<rel>)`.
 */
export function pagesByType(site) {
  return site.languages.flatMap((lang) =>
    PAGE_TYPES.map(([key, label]) => ({ lang, key, label, rel: site[lang][key] }))
      .filter(({ key, rel }) => rel || REQUIRED_TYPES.has(key))
      .map((page) => ({ ...page, name: `${lang} ${page.label}${page.rel ? ` (/${page.rel})` : ''}` })),
  );
}

// ---------------------------------------------------------------- env

/**
 * The site under test, from what tests/e2e/run sets: `siteDir` (the built output), `base`
 * (the URL it is served at), `siteRoot` (the source folder holding site.yaml; null if
 * unknown) and its `languages`, `defaultLanguage`, `sections` and `searchFolder` (readSiteConfig).
 */
export function env() {
  const siteDir = process.env.E2E_SITE_DIR;
  const baseUrl = process.env.E2E_BASE_URL;
  if (!siteDir || !baseUrl) {
    throw new Error('E2E_SITE_DIR and E2E_BASE_URL must be set (tests/e2e/run sets them)');
  }
  const siteRoot = process.env.E2E_SITE_ROOT ? path.resolve(process.env.E2E_SITE_ROOT) : null;
  return { siteDir: path.resolve(siteDir), base: baseUrlOf(baseUrl), siteRoot, ...readSiteConfig(siteRoot) };
}

// ---------------------------------------------------------------- the binary

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');

/** The benchlearn binary the tests run: BENCHLEARN_BIN, else a release or debug build. */
export function benchlearnBinary() {
  const candidates = [
    process.env.BENCHLEARN_BIN,
    path.join(REPO, 'target', 'release', 'benchlearn'),
    path.join(REPO, 'target', 'debug', 'benchlearn'),
  ].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no benchlearn binary (tried ${candidates.join(', ')}); run cargo build --release`);
  return found;
}
