// Serves the bench pages, our built script and the peers' files from loopback, on a port of its
// own, so the pages call the emulator cross-origin as a site calls SiteAssist.
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {extname, join, normalize, sep} from 'node:path';

const TYPES = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8'};
/** Only these folders are served: nothing else of the repository is reachable from a page. */
const SERVED = ['bench/pages', 'dist', 'node_modules/deep-chat/dist'];

/**
 * @param {string} root the repository root
 * @param {Record<string, string>} [substitutions] placeholders replaced in served HTML, e.g. `{{API_URL}}`
 */
export async function startStaticServer(root, substitutions = {}) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).slice(1);
    const allowed = SERVED.some((folder) => path.startsWith(folder + sep) || path.startsWith(folder + '/'));
    try {
      if (!allowed) throw new Error('not served');
      let body = await readFile(join(root, path));
      if (extname(path) === '.html') {
        body = Object.entries(substitutions).reduce((html, [placeholder, value]) => html.replaceAll(placeholder, value), body.toString());
      }
      response.writeHead(200, {'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store'});
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
