import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {readFile} from 'node:fs/promises';
import {startEmulator} from './emulator/server.mjs';

// The emulator runs for the whole test run on its own loopback port, so every request the
// elements make is cross-origin, as it is in production. Fast pacing keeps streams quick.
const emulator = await startEmulator({keys: ['pk_demo', 'pk_other'], paceMs: 1});

// test/resilience/strict-csp.test.ts opens this page: the bundle from a classic script under the
// strictest policy the README promises, with the emulator as the only place to connect to.
const emulatorOrigin = new URL(emulator.url);
const strictPolicy = `default-src 'none'; script-src 'self'; connect-src ${emulatorOrigin.origin} ws://${emulatorOrigin.host}; ` +
  `style-src 'self'; require-trusted-types-for 'script'`;
const strictCspPage = async (ctx, next) => {
  if (ctx.path !== '/test/csp/strict.html' && ctx.path !== '/test/csp/strict-highlight.html') return next();
  ctx.set('Content-Security-Policy', strictPolicy);
  ctx.type = 'html';
  ctx.body = (await readFile(ctx.path.slice(1), 'utf8')).replaceAll('EMULATOR_API_URL', emulator.apiUrl);
};

// emulateMedia from @web/test-runner-commands cannot reach forced colors through puppeteer (it allows only
// a few features), so this command asks Chromium directly: `executeServerCommand('emulate-media-features', [...])`.
// One CDP session per page: an override belongs to the session that set it, so only that one can lift it.
const cdpSessions = new WeakMap();
const mediaFeatures = {
  name: 'emulate-media-features',
  async executeCommand({command, payload, session}) {
    if (command !== 'emulate-media-features') return undefined;
    const page = session.browser.getPage(session.id);
    if (!cdpSessions.has(page)) cdpSessions.set(page, await page.createCDPSession());
    await cdpSessions.get(page).send('Emulation.setEmulatedMedia', {features: payload});
    return true;
  },
};

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 300_000,
  middleware: [strictCspPage],
  testFramework: {config: {timeout: 10_000}},
  plugins: [
    esbuildPlugin({ts: true, tsconfig: './tsconfig.json'}),
    {name: 'siteassist-emulator', serverStop: () => emulator.close()},
    mediaFeatures,
  ],
  testRunnerHtml: (testFramework) => `<!doctype html><html><head>
    <script>window.SA_EMULATOR_URL = ${JSON.stringify(emulator.apiUrl)};</script>
    </head><body><script type="module" src="${testFramework}"></script></body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
};
