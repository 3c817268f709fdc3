// The seven figures of `npm run bench`. Each takes what it needs (browser, page server, emulator,
// data) and returns plain numbers plus every raw run. Main-thread time is Chromium's
// TaskDuration (CDP Performance.getMetrics) between two points: busy time only, idle excluded.
import {readFileSync} from 'node:fs';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

/** Timings are medians of this many runs, each in a fresh browser context (no caches, no warm JIT). */
export const RUNS = 7;
/** Streaming runs are slow (deep-chat re-renders the whole reply on every chunk: ~15 s a run), so fewer. */
export const STREAM_RUNS = 3;
export const CYCLES = 500;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const round = (value, digits = 1) => Number(value.toFixed(digits));

/** Medians of each field over the runs, and ours/peer for the fields both have. */
function summarise(runs) {
  const summary = {};
  for (const [who, list] of Object.entries(runs)) {
    summary[who] = Object.fromEntries(Object.keys(list[0]).map((field) => [field, round(median(list.map((run) => run[field])))]));
  }
  return {...summary, runs};
}

const ratio = (ours, peer) => round(ours / peer, 2);

async function freshPage(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(url);
  return {page, close: () => context.close()};
}

const mainThreadMs = async (page) => (await page.metrics()).TaskDuration * 1000;

/** 1. The bytes of the file a script-tag user loads: raw, gzip -9 and brotli 11. */
export function scriptWeight(files) {
  return Object.fromEntries(
    Object.entries(files).map(([who, path]) => {
      const bytes = readFileSync(path);
      const gzip = gzipSync(bytes, {level: 9}).length;
      const brotli = brotliCompressSync(bytes, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;
      return [who, {file: path, raw: bytes.length, gzip, brotli}];
    })
  );
}

/** 2. Main-thread time to load, compile and run each script on a blank page (fresh context: no code cache). */
export async function hostCost(browser, pagesUrl, scripts) {
  const runs = Object.fromEntries(Object.keys(scripts).map((who) => [who, []]));
  for (let run = 0; run < RUNS; run++) {
    // Alternate who goes first: a noisy neighbour then hurts both alike.
    const order = Object.keys(scripts);
    if (run % 2) order.reverse();
    for (const who of order) {
      const {page, close} = await freshPage(browser, `${pagesUrl}/bench/pages/blank.html`);
      const before = await page.metrics();
      await page.evaluate(
        ({src, module}) =>
          new Promise((resolve, reject) => {
            const script = document.createElement('script');
            if (module) script.type = 'module';
            script.src = src;
            script.onload = () => requestAnimationFrame(() => setTimeout(resolve, 0));
            script.onerror = reject;
            document.head.append(script);
          }),
        scripts[who]
      );
      const after = await page.metrics();
      runs[who].push({taskMs: (after.TaskDuration - before.TaskDuration) * 1000, scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000});
      await close();
    }
  }
  const result = summarise(runs);
  return {...result, ratio: ratio(result.ours.taskMs, result['deep-chat'].taskMs)};
}

const widgetPages = (pagesUrl) => ({ours: `${pagesUrl}/bench/pages/ours.html`, 'deep-chat': `${pagesUrl}/bench/pages/deep-chat.html`});

async function widgetPage(browser, url) {
  const opened = await freshPage(browser, url);
  await opened.page.waitForFunction(() => window.widget && (customElements.get('sa-conversation') || customElements.get('deep-chat')));
  return opened;
}

/** 3. Mount to painted, for a conversation of 200 messages handed over in memory. */
export async function history(browser, pagesUrl, conversation) {
  const pages = widgetPages(pagesUrl);
  const runs = {ours: [], 'deep-chat': []};
  for (let run = 0; run < RUNS; run++) {
    const order = Object.keys(pages);
    if (run % 2) order.reverse();
    for (const who of order) {
      const {page, close} = await widgetPage(browser, pages[who]);
      const before = await mainThreadMs(page);
      const wallMs = await page.evaluate((data) => window.widget.history(data), conversation);
      runs[who].push({wallMs, taskMs: (await mainThreadMs(page)) - before});
      await close();
    }
  }
  const result = summarise(runs);
  return {messages: conversation.messages.length, ...result, ratio: ratio(result.ours.wallMs, result['deep-chat'].wallMs)};
}

/** One streamed reply: main-thread time from the first chunk until the last one is painted. */
async function streamRun(browser, url, shell, chunks) {
  const {page, close} = await widgetPage(browser, url);
  try {
    await page.evaluate((data) => window.widget.prepareStream(data), shell);
    const before = await mainThreadMs(page);
    const {wallMs, shownChars} = await page.evaluate((data) => window.widget.stream(data), chunks);
    const taskMs = (await mainThreadMs(page)) - before;
    // Rendered markdown is shorter than its source, but a widget that dropped chunks would show far less.
    if (shownChars < chunks.join('').length / 2) throw new Error(`${url} showed only ${shownChars} characters of the streamed reply`);
    return {taskMs, wallMs, shownChars};
  } finally {
    await close();
  }
}

/** 4. Streaming 10,000 characters in 2,000 chunks (ours vs deep-chat), and ours at 20,000 in 4,000. */
export async function streaming(browser, pagesUrl, shell, short, long) {
  const pages = widgetPages(pagesUrl);
  const runs = {ours: [], 'deep-chat': [], ours20k: []};
  for (let run = 0; run < STREAM_RUNS; run++) {
    const order = run % 2 ? ['deep-chat', 'ours'] : ['ours', 'deep-chat'];
    for (const who of order) runs[who].push(await streamRun(browser, pages[who], shell, short));
    runs.ours20k.push(await streamRun(browser, pages.ours, shell, long));
  }
  const result = summarise(runs);
  return {
    chunks: short.length,
    characters: short.join('').length,
    ...result,
    ratio: ratio(result.ours.taskMs, result['deep-chat'].taskMs),
    scaling: ratio(result.ours20k.taskMs, result.ours.taskMs),
  };
}

const livePage = (pagesUrl, emulator, visitor) =>
  `${pagesUrl}/bench/pages/live.html?${new URLSearchParams({api: emulator.apiUrl, key: 'pk_demo', visitor})}`;

/** 5. Mount to painted for a list of 100 conversations, against the emulator (session init and list request included). */
export async function conversationList(browser, pagesUrl, emulator, visitor, count) {
  const runs = {ours: []};
  for (let run = 0; run < RUNS; run++) {
    const {page, close} = await freshPage(browser, livePage(pagesUrl, emulator, visitor));
    await page.waitForFunction(() => window.live && customElements.get('sa-conversation-list'));
    const before = await mainThreadMs(page);
    const wallMs = await page.evaluate((n) => window.live.list(n), count);
    runs.ours.push({wallMs, taskMs: (await mainThreadMs(page)) - before});
    await close();
  }
  return {conversations: count, ...summarise(runs)};
}

/** 6. What a page with list, conversation and start button on one key asks the API on load. */
export async function requestsOnLoad(browser, pagesUrl, emulator, visitor, conversationId, control) {
  await control('DELETE', 'requests');
  const {page, close} = await freshPage(browser, livePage(pagesUrl, emulator, visitor));
  try {
    await page.waitForFunction(() => window.live && customElements.get('sa-conversation'));
    await page.evaluate((id) => window.live.page(id, 1), conversationId);
    // Give late requests (a second read, a socket) a moment to show up in the log.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  } finally {
    await close();
  }
  const log = await control('GET', 'requests');
  const counts = {};
  for (const {method, path} of log) {
    const key = `${method} ${path.replace(conversationId, '{id}')}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const preflights = log.filter((request) => request.method === 'OPTIONS').length;
  return {requests: log.length - preflights, preflights, counts};
}

/** 7. JS heap (after forced garbage collection) retained by mount/remove cycles, ours vs deep-chat. */
export async function memory(browser, pagesUrl, conversation) {
  const pages = widgetPages(pagesUrl);
  const result = {cycles: CYCLES, messages: conversation.messages.length};
  for (const who of Object.keys(pages)) {
    const {page, close} = await widgetPage(browser, pages[who]);
    try {
      const session = await page.createCDPSession();
      const settled = async () => {
        await session.send('HeapProfiler.collectGarbage');
        await session.send('HeapProfiler.collectGarbage');
        const {JSHeapUsedSize, Nodes, JSEventListeners} = await page.metrics();
        return {heap: JSHeapUsedSize, nodes: Nodes, listeners: JSEventListeners};
      };
      // A few cycles first, so lazily created shared state (styles, templates) is not counted as a leak.
      await page.evaluate((data) => window.widget.cycles(5, data), conversation);
      const before = await settled();
      await page.evaluate(({cycles, data}) => window.widget.cycles(cycles, data), {cycles: CYCLES, data: conversation});
      const after = await settled();
      result[who] = {retainedKB: round((after.heap - before.heap) / 1024), nodes: after.nodes - before.nodes, listeners: after.listeners - before.listeners};
    } finally {
      await close();
    }
  }
  return result;
}

/**
 * 8. A page with only the launcher, installed by the one-line `data-launcher` script: the requests it
 * makes before the visitor opens it (a first-time visitor), and its main-thread time against the same
 * empty page without it (both until the next frame; the launcher's until its project colours apply).
 */
export async function launcherOnly(browser, pagesUrl, emulator, control) {
  const runs = {empty: [], launcher: []};
  let requests = null;
  for (let run = 0; run < RUNS; run++) {
    for (const who of run % 2 ? ['launcher', 'empty'] : ['empty', 'launcher']) {
      const counted = who === 'launcher' && requests === null;
      if (counted) await control('DELETE', 'requests');
      const {page, close} = await freshPage(browser, `${pagesUrl}/bench/pages/blank.html`);
      try {
        const before = await page.metrics();
        await page.evaluate(
          ({src, apiUrl, install}) =>
            new Promise((resolve, reject) => {
              const settled = () => requestAnimationFrame(() => setTimeout(resolve, 0));
              if (!install) return settled();
              const script = Object.assign(document.createElement('script'), {src, onerror: reject});
              Object.assign(script.dataset, {apiKey: 'pk_demo', apiUrl, launcher: ''});
              script.onload = function check() {
                const launcher = document.querySelector('sa-launcher');
                if (launcher?.shadowRoot?.querySelector('[part~="button"]') && launcher.style.getPropertyValue('--_brand')) settled();
                else setTimeout(check, 5);
              };
              document.head.append(script);
            }),
          {src: '/dist/siteassist-elements.js', apiUrl: emulator.apiUrl, install: who === 'launcher'}
        );
        const after = await page.metrics();
        runs[who].push({taskMs: (after.TaskDuration - before.TaskDuration) * 1000, scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000});
        if (counted) {
          // Give late requests (a session, a list, a socket) a moment to show up in the log.
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          const log = (await control('GET', 'requests')).filter((request) => request.method !== 'OPTIONS');
          requests = log.map(({method, path}) => `${method} ${path}`);
        }
      } finally {
        await close();
      }
    }
  }
  const result = summarise(runs);
  return {requestsBeforeOpen: requests, ...result, extraTaskMs: round(result.launcher.taskMs - result.empty.taskMs)};
}
