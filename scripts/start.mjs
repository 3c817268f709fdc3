// `npm start`: the emulator on one loopback port and the demo pages on another, so the widget
// talks to its API cross-origin exactly as on a real site. Ctrl+C stops both.
import {createReadStream, statSync} from 'node:fs';
import {createServer} from 'node:http';
import {extname, join, normalize, resolve} from 'node:path';
import {startEmulator} from '../emulator/server.mjs';

const host = '127.0.0.1';
const apiPort = Number(process.env.SA_EMULATOR_PORT ?? 8787);
const demoPort = Number(process.env.SA_DEMO_PORT ?? 8000);
const root = resolve('.');

const types = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.json': 'application/json', '.svg': 'image/svg+xml'};

// The strict-CSP page proves the widget needs no inline script, no inline style and no eval.
const strictPolicy = `default-src 'none'; script-src 'self'; connect-src http://${host}:${apiPort} ws://${host}:${apiPort}; style-src 'self'; img-src 'self' https: data:; require-trusted-types-for 'script'`;

/** Serves demo/ at the root and dist/ under /dist/, nothing else. */
function fileFor(urlPath) {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  const file = path.startsWith('/dist/') ? join(root, path) : join(root, 'demo', path === '/' ? 'index.html' : path);
  return file.startsWith(root) ? file : null;
}

const emulator = await startEmulator({port: apiPort, host, dataDir: '.emulator-data', keys: ['pk_demo']});

const demo = createServer((request, response) => {
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
  createReadStream(file).pipe(response);
});
demo.listen(demoPort, host, () => {
  console.log(`SiteAssist emulator: ${emulator.apiUrl} (publishable key pk_demo)`);
  console.log(`Demo:                http://${host}:${demoPort}/`);
  console.log('Press Ctrl+C to stop.');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    demo.close();
    await emulator.close();
    process.exit(0);
  });
}
