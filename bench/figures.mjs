// The figures of `npm run bench`. Each takes what it needs (browser, page server, emulator, data)
// and returns medians with min–max plus every raw run. The primary figure is main-thread CPU:
// the thread time of the renderer main thread's tasks in a trace (bench/trace.mjs); wall time to
// paint is kept beside it.
import {readFileSync} from 'node:fs';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import {END, START, traced} from './trace.mjs';

/** Runs per figure, each in a fresh browser context (no caches, no warm JIT); `BENCH_RUNS` overrides. */
export const RUNS = Number(process.env.BENCH_RUNS) || 9;
/** A page load is short (~1 s) and the increments small next to its spread: twice the runs. */
export const HOST_RUNS = RUNS * 2;
/** deep-chat re-renders the whole reply on every chunk (~10 s a 10k run, growing with the square): fewer. */
export const PEER_STREAM_RUNS = Math.min(RUNS, 3);
export const CYCLES = 500;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const round = (value, digits = 1) => Number(value.toFixed(digits));

/** Median, min and max of one field over the runs. */
const spread = (values) => ({median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values))});

/** Each field of the runs as {median, min, max}, and the runs themselves. */
const summarise = (runs) => ({...Object.fromEntries(Object.keys(runs[0]).map((field) => [field, spread(runs.map((run) => run[field]))])), runs});

/**
 * Ours over the peer, both ways: the ratio of the medians, and the median of the ratios of the
 * runs taken side by side (run i of ours with run i of the peer, measured moments apart).
 */
export function ratios(ours, peer) {
  const pairs = Math.min(ours.length, peer.length);
  return {
    ofMedians: round(median(ours) / median(peer), 2),
    medianOfPairs: round(median(Array.from({length: pairs}, (_, i) => ours[i] / peer[i])), 2),
  };
}

/** The order of `names` in run `run`: rotated each run, so no one always goes first or last. */
const rotated = (names, run) => names.map((_, i) => names[(i + run) % names.length]);

async function freshPage(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  if (url) await page.goto(url);
  return {page, close: () => context.close()};
}

/** In the page: runs `window[object][method](arg)` between the marks; resolves with what it returns. */
const between = (page, object, method, arg) =>
  page.evaluate(
    async ({object, method, arg, START, END}) => {
      performance.mark(START);
      const result = await window[object][method](arg);
      performance.mark(END);
      return result;
    },
    {object, method, arg, START, END}
  );

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

/**
 * The pages of figure 2, in bench/pages/host/: a page is one entry. The first is the empty page
 * every other is measured over; `peer` names the page one of ours is compared with. A new element
 * gets a page (its script, the element in markup with `data-ready` naming what it shows when ready)
 * and a line here.
 */
export const HOST_PAGES = [
  {name: 'empty page', file: 'blank.html'},
  {name: 'ours: script', file: 'ours-script.html', peer: 'deep-chat: script'},
  {name: 'deep-chat: script', file: 'deep-chat-script.html'},
  {name: 'ours: script + <sa-conversation>', file: 'ours-conversation.html', peer: 'deep-chat: script + <deep-chat>'},
  {name: 'ours: script + <sa-conversation-list>', file: 'ours-list.html', peer: 'deep-chat: script + <deep-chat>'},
  {name: 'ours: script + <sa-start-button>', file: 'ours-start-button.html', peer: 'deep-chat: script + <deep-chat>'},
  {name: 'ours: script + <sa-launcher>', file: 'ours-launcher.html', peer: 'deep-chat: script + <deep-chat>'},
  {name: 'deep-chat: script + <deep-chat>', file: 'deep-chat-element.html'},
];

/**
 * 2. Cost on the host page: main-thread CPU from navigation until the page's elements show their
 * ready state and a frame is painted, as an increment over the median of the empty page (loaded
 * among the others in every run; subtracting its median adds less noise than its run's value).
 * Our elements talk to the emulator (session, project read) as on a site; deep-chat needs no server.
 */
export async function hostPages(browser, pagesUrl, pages = HOST_PAGES) {
  const [baseline] = pages;
  const runs = Object.fromEntries(pages.map(({name}) => [name, []]));
  for (let run = 0; run < HOST_RUNS; run++) {
    for (const {name, file} of rotated(pages, run)) {
      const {page, close} = await freshPage(browser);
      try {
        const {result: wallMs, cpuMs} = await traced(page, async () => {
          await page.goto(`${pagesUrl}/bench/pages/host/${file}`);
          return page.evaluate(() => window.benchDone);
        });
        runs[name].push({cpuMs, wallMs});
      } finally {
        await close();
      }
    }
  }
  const empty = median(runs[baseline.name].map((run) => run.cpuMs));
  const increments = (name) => runs[name].map((run) => run.cpuMs - empty);
  const result = {};
  for (const {name, peer} of pages) {
    result[name] = {
      cpuMs: spread(runs[name].map((run) => run.cpuMs)),
      wallMs: spread(runs[name].map((run) => run.wallMs)),
      ...(name === baseline.name ? {} : {cpuIncrementMs: spread(increments(name))}),
      ...(peer ? {peer, ratio: ratios(increments(name), increments(peer))} : {}),
      runs: runs[name],
    };
  }
  return result;
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
    for (const who of rotated(Object.keys(pages), run)) {
      const {page, close} = await widgetPage(browser, pages[who]);
      try {
        const {result: wallMs, cpuMs} = await traced(page, () => between(page, 'widget', 'history', conversation));
        runs[who].push({cpuMs, wallMs});
      } finally {
        await close();
      }
    }
  }
  return {
    messages: conversation.messages.length,
    ours: summarise(runs.ours),
    'deep-chat': summarise(runs['deep-chat']),
    ratio: ratios(runs.ours.map((run) => run.cpuMs), runs['deep-chat'].map((run) => run.cpuMs)),
  };
}

/** One streamed reply: main-thread CPU and wall time from the first chunk until the last one is painted. */
async function streamRun(browser, url, shell, chunks) {
  const {page, close} = await widgetPage(browser, url);
  try {
    await page.evaluate((data) => window.widget.prepareStream(data), shell);
    const {result: {wallMs, shownChars}, cpuMs} = await traced(page, () => between(page, 'widget', 'stream', chunks));
    // Rendered markdown is shorter than its source, but a widget that dropped chunks would show far less.
    if (shownChars < chunks.join('').length / 2) throw new Error(`${url} showed only ${shownChars} characters of the streamed reply`);
    return {cpuMs, wallMs};
  } finally {
    await close();
  }
}

/**
 * 4. Streaming a reply in 5-character chunks: ours at each length of `replies` (10k, 20k, 40k
 * characters) for the growth per doubling, deep-chat at the first length only.
 */
export async function streaming(browser, pagesUrl, shell, replies) {
  const pages = widgetPages(pagesUrl);
  const lengths = Object.keys(replies);
  const [first] = lengths;
  const runs = {'deep-chat': [], ...Object.fromEntries(lengths.map((length) => [length, []]))};
  for (let run = 0; run < RUNS; run++) {
    const jobs = lengths.map((length) => () => streamRun(browser, pages.ours, shell, replies[length]).then((r) => runs[length].push(r)));
    if (run < PEER_STREAM_RUNS) jobs.push(() => streamRun(browser, pages['deep-chat'], shell, replies[first]).then((r) => runs['deep-chat'].push(r)));
    for (const job of rotated(jobs, run)) await job();
  }
  const cpu = (list) => list.map((r) => r.cpuMs);
  return {
    chunkChars: replies[first][0].length,
    ours: Object.fromEntries(lengths.map((length) => [length, summarise(runs[length])])),
    'deep-chat': {[first]: summarise(runs['deep-chat'])},
    ratio: ratios(cpu(runs[first]), cpu(runs['deep-chat'])),
    growth: lengths.slice(1).map((length, i) => ({from: lengths[i], to: length, ...ratios(cpu(runs[length]), cpu(runs[lengths[i]]))})),
  };
}

/** The live page for a seeded visitor; with `token`, that visitor's session token is stored as after an earlier visit. */
const livePage = (pagesUrl, emulator, visitor, token) =>
  `${pagesUrl}/bench/pages/live.html?${new URLSearchParams({api: emulator.apiUrl, key: 'pk_demo', visitor, ...(token && {token})})}`;

export async function listRun(browser, url, count) {
  const {page, close} = await freshPage(browser, url);
  try {
    await page.waitForFunction(() => window.live && customElements.get('sa-conversation-list'));
    const {result: wallMs, cpuMs} = await traced(page, () => between(page, 'live', 'list', count));
    return {cpuMs, wallMs, allRowsMs: await page.evaluate(() => window.live.allPainted)};
  } finally {
    await close();
  }
}

/**
 * 5. Mount to painted for a list of 100 conversations, against the emulator: `ours` with no session
 * token stored (session init, then the list), `returning` with the visitor's still-valid token stored
 * from an earlier visit (the list only). The two interleaved, order rotated each run.
 */
export async function conversationList(browser, pagesUrl, emulator, {saVid, token}, count) {
  const runs = {ours: [], returning: []};
  const urls = {ours: livePage(pagesUrl, emulator, saVid), returning: livePage(pagesUrl, emulator, saVid, token)};
  for (let run = 0; run < RUNS; run++) {
    for (const who of rotated(Object.keys(runs), run)) runs[who].push(await listRun(browser, urls[who], count));
  }
  return {conversations: count, ours: summarise(runs.ours), returning: summarise(runs.returning)};
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

/**
 * 7. What mount/remove cycles leave behind, ours vs deep-chat: JS heap (after forced garbage
 * collection), DOM nodes and event listeners, as the growth over CYCLES cycles that start after as many
 * warm-up cycles. Measured from a warmed-up point, not from the first mounts: compiled code, ICU and
 * lazily built shared state (styles, templates) come and go in the first cycles, and made the heap
 * smaller after 500 cycles than after 5.
 */
export async function memory(browser, pagesUrl, conversation) {
  const pages = widgetPages(pagesUrl);
  const result = {cycles: CYCLES, messages: conversation.messages.length};
  for (const who of Object.keys(pages)) {
    const {page, close} = await widgetPage(browser, pages[who]);
    try {
      const session = await page.createCDPSession();
      const cycles = (count) => page.evaluate(({count, data}) => window.widget.cycles(count, data), {count, data: conversation});
      const settled = async () => {
        // Work a removed widget left queued (idle callbacks, frames) runs first: it holds the widget until then.
        for (let i = 0; i < 2; i++) await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestAnimationFrame(resolve))));
        await session.send('HeapProfiler.collectGarbage');
        await session.send('HeapProfiler.collectGarbage');
        const {JSHeapUsedSize, Nodes, JSEventListeners} = await page.metrics();
        return {heap: JSHeapUsedSize, nodes: Nodes, listeners: JSEventListeners};
      };
      await cycles(CYCLES);
      const before = await settled();
      await cycles(CYCLES);
      const after = await settled();
      result[who] = {retainedKB: round((after.heap - before.heap) / 1024), nodes: after.nodes - before.nodes, listeners: after.listeners - before.listeners};
    } finally {
      await close();
    }
  }
  return result;
}

/**
 * 8. A page with only the launcher, installed by the one-line `data-launcher` script: the requests a
 * first-time visitor's page makes before opening it (its CPU cost is a host page of figure 2).
 */
export async function launcherRequests(browser, pagesUrl, emulator, control) {
  await control('DELETE', 'requests');
  const {page, close} = await freshPage(browser, `${pagesUrl}/bench/pages/blank.html`);
  try {
    await page.evaluate(
      ({src, apiUrl}) =>
        new Promise((resolve, reject) => {
          const script = Object.assign(document.createElement('script'), {src, onerror: reject});
          Object.assign(script.dataset, {apiKey: 'pk_demo', apiUrl, launcher: ''});
          script.onload = function check() {
            const launcher = document.querySelector('sa-launcher');
            if (launcher?.shadowRoot?.querySelector('[part~="button"]') && launcher.style.getPropertyValue('--_brand')) resolve();
            else setTimeout(check, 5);
          };
          document.head.append(script);
        }),
      {src: '/dist/siteassist-elements.js', apiUrl: emulator.apiUrl}
    );
    // Give late requests (a session, a list, a socket) a moment to show up in the log.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const log = (await control('GET', 'requests')).filter((request) => request.method !== 'OPTIONS');
    return log.map(({method, path}) => `${method} ${path}`);
  } finally {
    await close();
  }
}
