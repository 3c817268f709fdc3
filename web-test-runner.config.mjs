import {esbuildPlugin} from '@web/dev-server-esbuild';
import {defaultReporter} from '@web/test-runner';
import {chromeLauncher} from '@web/test-runner-chrome';
import {webdriverLauncher} from '@web/test-runner-webdriver';
import {execFile, spawn} from 'node:child_process';
import {readFile, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {availableParallelism} from 'node:os';
import {relative} from 'node:path';
import {promisify} from 'node:util';
import * as puppeteer from 'puppeteer-core';
import {startEmulator} from './emulator/server.mjs';
import {binaryOf, engineNames, engines, missing} from './scripts/test-engines.mjs';
import {aiReplies} from './test/helpers/ai-replies.mjs';

// One engine per run (scripts/test-browsers.mjs runs them one after the other): SA_TEST_ENGINE, Chromium by default.
const engine = process.env.SA_TEST_ENGINE ?? 'chromium';
if (!engineNames.includes(engine)) throw new Error(`SA_TEST_ENGINE=${engine}: not one of ${engineNames.join(', ')}`);
const absent = missing(engine);
if (absent) throw new Error(`${engine}: ${absent}`);

// Every test file gets an emulator of its own, on its own loopback port (so every request the elements
// make is cross-origin, as in production): files run side by side without sharing a store, faults, the
// request log, rate limits or settings. test/helpers/emulator.ts asks for its file's one at
// /__emulator?session=<wtr-session-id>. Fast pacing keeps streams quick. Messages with `#ai:<scenario>`
// are answered by the `ai` package itself (test/helpers/ai-replies.mjs).
const emulators = new Map();
/** Each file's `ai` replies and their gates (test/helpers/ai-replies.mjs), by session id as `emulators`. */
const aiGates = new Map();
const emulatorFor = (session) => {
  if (!emulators.has(session)) {
    const ai = aiReplies();
    aiGates.set(session, ai);
    emulators.set(session, startEmulator({keys: ['pk_demo', 'pk_other'], paceMs: 1, replies: ai.reply}));
  }
  return emulators.get(session);
};
const emulatorRoute = async (ctx, next) => {
  if (ctx.path !== '/__emulator') return next();
  const session = ctx.query.session;
  if (typeof session !== 'string' || !session) ctx.throw(400, 'session is required');
  ctx.type = 'text';
  ctx.body = (await emulatorFor(session)).apiUrl;
};

// `executeServerCommand('ai-release', 'link')` lets the file's `ai` scenario waiting at that point go on.
const aiRelease = {
  name: 'ai-release',
  executeCommand: ({command, payload, session}) => (command === 'ai-release' ? (aiGates.get(session.id)?.release(payload), true) : undefined),
};

// test/resilience/strict-csp.test.ts opens this page: the bundle from a classic script under the
// strictest policy the README promises, with its file's emulator as the only place to connect to.
const strictCspPage = async (ctx, next) => {
  if (ctx.path !== '/test/csp/strict.html' && ctx.path !== '/test/csp/strict-highlight.html') return next();
  const session = ctx.query.session;
  if (typeof session !== 'string' || !emulators.has(session)) ctx.throw(400, 'open it with ?session=<the test file\'s wtr-session-id>');
  const emulator = await emulators.get(session);
  const origin = new URL(emulator.url);
  ctx.set('Content-Security-Policy', `default-src 'none'; script-src 'self'; connect-src ${origin.origin} ws://${origin.host}; ` +
    `style-src 'self'; require-trusted-types-for 'script'`);
  ctx.type = 'html';
  ctx.body = (await readFile(ctx.path.slice(1), 'utf8')).replaceAll('EMULATOR_API_URL', emulator.apiUrl);
};

// test/ssr/hydrate.test.ts fetches this (with its file's session): the elements rendered by @lit-labs/ssr in
// Node from dist/ (test/ssr/render.mjs), in a process of its own, as Lit's DOM shim it installs on the global
// is no place for the test server.
const serverRenderedElements = async (ctx, next) => {
  if (ctx.path !== '/test/ssr/server.html') return next();
  const session = ctx.query.session;
  if (typeof session !== 'string' || !emulators.has(session)) ctx.throw(400, 'open it with ?session=<the test file\'s wtr-session-id>');
  const emulator = await emulators.get(session);
  ctx.type = 'html';
  ctx.body = (await promisify(execFile)(process.execPath, ['test/ssr/render.mjs', emulator.apiUrl])).stdout;
};

// `executeServerCommand('emulate-media-features', [{name: 'forced-colors', value: 'active'}])`, [] to lift them.
// emulateMedia from @web/test-runner-commands cannot reach forced colors through puppeteer (it allows only a
// few features), so Chromium is asked over CDP, one CDP session per page (an override belongs to the session
// that set it, so only that one can lift it). Firefox has no such override over WebDriver BiDi: its display
// preferences are set in its parent process instead (BiDi's chrome scope, allowed by --remote-allow-system-access).
// WebKitGTK offers neither: the command answers false and the test says what it cannot check there.
const cdpSessions = new WeakMap();
const firefoxPreferences = {
  'forced-colors': {pref: 'browser.display.document_color_use', values: {active: 2}},
  'prefers-reduced-motion': {pref: 'ui.prefersReducedMotion', values: {reduce: 1}},
  'prefers-color-scheme': {pref: 'layout.css.prefers-color-scheme.content-override', values: {dark: 0, light: 1}},
};
async function setFirefoxPreferences(page, features) {
  // puppeteer-core (pinned) keeps its BiDi session on the frame's browsing context.
  const bidi = page.mainFrame().browsingContext.userContext.browser.session;
  const {result} = await bidi.send('browsingContext.getTree', {'moz:scope': 'chrome', maxDepth: 0});
  const wanted = new Map(features.map(({name, value}) => [name, value]));
  const expression = Object.entries(firefoxPreferences).map(([feature, {pref, values}]) =>
    wanted.has(feature) ? `Services.prefs.setIntPref(${JSON.stringify(pref)}, ${values[wanted.get(feature)]})` : `Services.prefs.clearUserPref(${JSON.stringify(pref)})`);
  await bidi.send('script.evaluate', {expression: expression.join(';'), target: {context: result.contexts[0].context}, awaitPromise: false});
}
const mediaFeatures = {
  name: 'emulate-media-features',
  async executeCommand({command, payload, session}) {
    if (command !== 'emulate-media-features') return undefined;
    if (engine === 'webkit') return false;
    const page = session.browser.getPage(session.id);
    if (engine === 'firefox') {
      await setFirefoxPreferences(page, payload);
      return true;
    }
    if (!cdpSessions.has(page)) cdpSessions.set(page, await page.createCDPSession());
    await cdpSessions.get(page).send('Emulation.setEmulatedMedia', {features: payload});
    return true;
  },
};

// Keyboard commands that behave alike in every engine (test/helpers/dom.ts wraps them):
// - `focus-window`: gives the test's window the focus. Files run in windows side by side and only one has
//   it; Firefox moves activeElement on focus() in the others but fires no focus events there.

// - `type-text`: one key at a time. sendKeys({type}) through webdriverio presses every key of the string
//   down before releasing any, and WebKitWebDriver drops a key that is already down ("letter" loses a t).
// - `press-chord`, e.g. ['Shift', 'Enter']: holds the first keys while pressing the last. sendKeys({down})
//   works through puppeteer only; webdriver's keys() presses a list together, which is a chord.
// - `key-down` and `key-up`: one key held while the page waits (holdKey). WebKitGTK's keyboard scrolling
//   starts in the next frame and stops at the key's release; a press, down and up within milliseconds, moves
//   nothing when no frame falls between them (a loaded machine).
const webdriverKeys = {Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Enter: '\uE007', Home: '\uE011'};
const keyboard = {
  name: 'keyboard',
  async executeCommand({command, payload, session}) {
    if (!['type-text', 'press-chord', 'focus-window', 'key-down', 'key-up'].includes(command)) return undefined;
    const {browser} = session;
    if (command === 'key-down' || command === 'key-up') {
      if (browser.type !== 'webdriver') await browser.getPage(session.id).keyboard[command === 'key-down' ? 'down' : 'up'](payload);
      else await browser.driver.performActions([{type: 'key', id: 'keyboard', actions: [{type: command === 'key-down' ? 'keyDown' : 'keyUp', value: webdriverKeys[payload] ?? payload}]}]);
      return true;
    }
    // WebKit runs one file at a time, in one window.
    if (command === 'focus-window') return browser.type === 'webdriver' || (await browser.getPage(session.id).bringToFront(), true);
    if (browser.type === 'webdriver') {
      if (command === 'type-text') for (const key of payload) await browser.sendKeys(session.id, [key]);
      else await browser.sendKeys(session.id, payload.map((key) => webdriverKeys[key] ?? key));
      return true;
    }
    const {keyboard: keys} = browser.getPage(session.id);
    if (command === 'type-text') {
      await keys.type(payload);
      return true;
    }
    const modifiers = payload.slice(0, -1);
    for (const key of modifiers) await keys.down(key);
    await keys.press(payload.at(-1));
    for (const key of modifiers.reverse()) await keys.up(key);
    return true;
  },
};

// The test each file last started (test/helpers/test-page.ts says), for a file that never finishes: its
// page stopped answering, so it sent no results, and only the server can say where it stood.
const startedTests = new Map();
const testStarted = {
  name: 'test-started',
  executeCommand: ({command, payload, session}) =>
    command === 'test-started' ? (startedTests.set(session.id, {title: payload, at: new Date()}), true) : undefined,
};
const unfinishedReporter = () => ({
  async onTestRunFinished({sessions}) {
    for (const session of sessions) {
      if (!session.errors.some((error) => /did not finish/.test(error.message))) continue;
      const started = startedTests.get(session.id);
      const emulator = emulators.has(session.id) ? await emulators.get(session.id) : null;
      const calls = emulator ? await (await fetch(`${emulator.url}/__control/requests`)).json() : [];
      console.error(`\n${session.browser.name} ${relative('.', session.testFile)} did not finish. Last test started: ` +
        `${started ? `"${started.title}" at ${started.at.toISOString()}` : 'none'}; its API calls:\n` +
        calls.slice(-15).map(({method, path, at}) => `  ${at} ${method} ${path}`).join('\n'));
    }
  },
});

// Counts per engine for scripts/test-browsers.mjs, which prints them as one line per engine.
const summaryReporter = () => ({
  async onTestRunFinished({sessions}) {
    if (!process.env.SA_TEST_SUMMARY) return;
    const counts = {passed: 0, failed: 0, skipped: 0};
    // Milliseconds of tests per file, to see where the suite's time goes.
    const files = {};
    const count = (suite, file) => {
      for (const test of suite.tests) {
        counts[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed']++;
        files[file] = (files[file] ?? 0) + (test.duration ?? 0);
      }
      for (const child of suite.suites) count(child, file);
    };
    for (const session of sessions) {
      if (session.testResults) count(session.testResults, session.testFile);
      // A file that did not load or threw outside a test counts as one failure.
      if (session.errors.length) counts.failed++;
    }
    await writeFile(process.env.SA_TEST_SUMMARY, JSON.stringify({...counts, files}));
  },
});

const freePort = () => new Promise((resolve, reject) => {
  const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const {port} = server.address();
    server.close(() => resolve(port));
  });
});

async function waitForDriver(url, driver) {
  for (let tries = 0; tries < 100; tries++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not answer on /status');
}

// Each page in a browser context of its own, so files running side by side do not share localStorage
// (the stored visitor and token), and in a window of its own: Firefox throttles a tab behind another one
// (no animation frames, so no layout of content-visibility rows, no scrolling to the end).
const isolatedPage = async ({browser}) => (await browser.createBrowserContext()).newPage({type: 'window'});

let webkitDriver = null;
async function browserFor(name, {oneAtATime = false} = {}) {
  if (name === 'chromium') {
    return chromeLauncher({
      createPage: isolatedPage,
      launchOptions: {
        executablePath: binaryOf('chromium'),
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    });
  }
  if (name === 'firefox') {
    return chromeLauncher({
      puppeteer,
      ...(oneAtATime ? {concurrency: 1} : {}),
      createPage: isolatedPage,
      launchOptions: {
        browser: 'firefox', executablePath: binaryOf('firefox'), headless: true, args: ['--remote-allow-system-access'],
        // Files run in windows side by side and only one window has the focus: without test mode, focus()
        // in the others moves activeElement but fires no focus events (a roving tabindex never hears of it).
        extraPrefsFirefox: {'focusmanager.testmode': true},
      },
    });
  }
  const port = await freePort();
  webkitDriver = spawn(binaryOf('webkit'), [`--port=${port}`], {stdio: 'ignore'});
  // Also when the run is interrupted, before the plugin's serverStop.
  process.once('exit', () => webkitDriver.kill());
  await waitForDriver(`http://127.0.0.1:${port}`, webkitDriver);
  return webdriverLauncher({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      // Without it webdriverio asks for WebDriver BiDi, which WebKitWebDriver refuses.
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': {binary: engines.webkit.miniBrowser, args: ['--automation']},
    },
  });
}

// Firefox's display preferences hold for the whole browser, not one page: the files that change them run
// in a Firefox of their own, one at a time (side by side, one's forced colours reached the other's
// contrast checks), unless the command line names the files to run.
const browserWide = ['test/a11y/media-features.test.ts', 'test/a11y/color-scheme.test.ts', 'test/components/code-blocks.test.ts'];
const ownFirefox = engine === 'firefox' && !process.argv.some((arg) => arg.startsWith('--files'));

// Files run side by side (each with its own emulator, browser context and window), one per core up to
// four: at four on a 2-core machine under load, tests ran past their waits (a hand-off test past its
// 10 s in Firefox, a first read past 1 s in Chromium). WebKit's driver runs concurrent files as iframes
// of one page, which share localStorage, so it takes them one at a time.
const concurrency = Number(process.env.SA_TEST_CONCURRENCY ?? (engine === 'webkit' ? 1 : Math.min(4, availableParallelism())));

export default {
  files: ['test/**/*.test.ts', ...(ownFirefox ? browserWide.map((file) => `!${file}`) : [])],
  groups: ownFirefox ? [{name: 'firefox-display-preferences', files: browserWide, browsers: [await browserFor('firefox', {oneAtATime: true})]}] : [],
  nodeResolve: true,
  concurrency,
  testsFinishTimeout: 300_000,
  middleware: [emulatorRoute, strictCspPage, serverRenderedElements],
  testFramework: {config: {timeout: 10_000}},
  reporters: [defaultReporter(), summaryReporter(), unfinishedReporter()],
  plugins: [
    esbuildPlugin({ts: true, tsconfig: './tsconfig.json'}),
    {
      name: 'siteassist-emulators',
      async serverStop() {
        for (const ai of aiGates.values()) ai.releaseAll();
        await Promise.all([...emulators.values()].map(async (emulator) => (await emulator).close()));
        webkitDriver?.kill();
      },
    },
    mediaFeatures,
    keyboard,
    aiRelease,
    testStarted,
  ],
  // test-page.ts after the framework (modules run in order): it hooks into mocha before the test file runs.
  testRunnerHtml: (testFramework) => `<!doctype html><html><head></head>
    <body><script type="module" src="${testFramework}"></script>
    <script type="module" src="/test/helpers/test-page.ts"></script></body></html>`,
  browsers: [await browserFor(engine)],
};
