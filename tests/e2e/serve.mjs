#!/usr/bin/env node
// Minimal static file server for the built site, for the browser tests.
//   node serve.mjs DIR BASE_URL
// Serves DIR at BASE_URL's path on 127.0.0.1:<BASE_URL's port>. A directory
// path serves its index.html (a directory without the trailing slash is
// redirected, as common static hosts do); unknown paths get /404.html with
// status 404. Prints "listening <url>" once ready.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Start the server; resolves to the http.Server once listening. */
export function serve(dir, baseUrl) {
  const root = path.resolve(dir);
  const base = new URL(baseUrl);
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;

  const send = (req, res, status, file, extraHeaders = {}) => {
    const body = fs.readFileSync(file);
    res.writeHead(status, {
      'Content-Type': contentType(file),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const notFound = (req, res) => {
    const f404 = path.join(root, '404.html');
    if (fs.existsSync(f404)) return send(req, res, 404, f404);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 Not Found (and the site has no /404.html)\n');
  };

  const server = http.createServer((req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        return res.end();
      }
      const u = new URL(req.url, base);
      let p;
      try {
        p = decodeURIComponent(u.pathname);
      } catch {
        return notFound(req, res);
      }
      if (!p.startsWith(basePath)) return notFound(req, res);
      const rel = p.slice(basePath.length);
      if (rel.includes('\0') || rel.split('/').includes('..')) return notFound(req, res);
      let file = path.join(root, rel);
      if (!file.startsWith(root)) return notFound(req, res);
      let st = fs.statSync(file, { throwIfNoEntry: false });
      if (st && st.isDirectory()) {
        if (!p.endsWith('/')) {
          res.writeHead(301, { Location: `${u.pathname}/${u.search}` });
          return res.end();
        }
        file = path.join(file, 'index.html');
        st = fs.statSync(file, { throwIfNoEntry: false });
      }
      if (!st || !st.isFile()) return notFound(req, res);
      return send(req, res, 200, file);
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(e && e.stack));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(base.port) || 80, base.hostname, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, baseUrl] = process.argv.slice(2);
  if (!dir || !baseUrl) {
    console.error('usage: node serve.mjs DIR BASE_URL');
    process.exit(2);
  }
  const server = await serve(dir, baseUrl);
  console.log(`listening ${baseUrl} (serving ${path.resolve(dir)})`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
