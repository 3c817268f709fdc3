// The demo pages and the built bundle on one loopback port, and the emulator on another, so the
// widget talks to its API cross-origin exactly as on a real site. Used by `npm start` and
// `npm run screenshots`.
import {createReadStream, readFileSync, statSync} from 'node:fs';
import {createServer} from 'node:http';
import {extname, join, normalize, resolve} from 'node:path';
import {startEmulator} from '../emulator/server.mjs';

const host = '127.0.0.1';
const root = resolve('.');
const types = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.json': 'application/json', '.svg': 'image/svg+xml'};

/** demo/ at the root and dist/ under /dist/, nothing else. */
function fileFor(urlPath) {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  const file = path.startsWith('/dist/') ? join(root, path) : join(root, 'demo', path === '/' ? 'index.html' : path);
  return file.startsWith(root) ? file : null;
}

/** The API URL written in the demo pages; served pages name the emulator actually running. */
const PAGES_API_URL = 'http://127.0.0.1:8787/v2';

/**
 * @param {{apiPort?: number, demoPort?: number, dataDir?: string | null, paceMs?: number}} options
 */
export async function startDemo({apiPort = 8787, demoPort = 8000, dataDir = '.emulator-data', paceMs} = {}) {
  const emulator = await startEmulator({port: apiPort, host, dataDir, keys: ['pk_demo'], paceMs});
  const apiOrigin = new URL(emulator.url);
  // The strict-CSP page proves the widget needs no inline script, no inline style and no eval.
  const strictPolicy = `default-src 'none'; script-src 'self'; connect-src ${apiOrigin.origin} ws://${apiOrigin.host}; style-src 'self'; img-src 'self' https: data:; require-trusted-types-for 'script'`;
  const server = createServer((request, response) => {
    const {pathname} = new URL(request.url, `http://${host}`);
    const file = fileFor(pathname);
    try {
      if (!file || !statSync(file).isFile()) throw new Error('not found');
    } catch {
      response.writeHead(404, {'Content-Type': 'text/plain'}).end('Not found');
      return;
    }
    const headers = {'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store'};
    if (pathname === '/strict-csp.html') headers['Content-Security-Policy'] = strictPolicy;
    response.writeHead(200, headers);
    if (extname(file) === '.html') response.end(readFileSync(file, 'utf8').replaceAll(PAGES_API_URL, emulator.apiUrl));
    else createReadStream(file).pipe(response);
  });
  await new Promise((done, fail) => server.once('error', fail).listen(demoPort, host, done));
  return {
    emulator,
    demoUrl: `http://${host}:${server.address().port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await emulator.close();
    },
  };
}
