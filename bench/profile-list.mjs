// Where the list of 100's time goes between mount and its first rows' paint: `node bench/profile-list.mjs [runs]`
// mounts `<sa-conversation-list limit=100>` on the live page (first visit: init, then the list;
// `TOKEN=1`: a returning visitor's token stored) with a trace and V8's sampling profiler, and
// prints, as medians over the runs, when each step happened (ms from mount: fetch() calls wrapped,
// Resource Timing, the trace) and, for each span between steps, the main thread's self time by
// trace event and by function (through the CDN file's source map), and the emulator's side of each
// request (preflights too): when it arrived and how long the emulator took to answer it.
// `VERBOSE=1` prints each run's steps, `TRACE_OUT=dir` keeps the traces, `PROFILE=0` drops the
// sampler. Run `npm run build` first. Diagnostic only.
import {randomUUID} from 'node:crypto';
import {subscribe} from 'node:diagnostics_channel';
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {startBench, stopBench} from './servers.mjs';
import {PROFILE_CATEGORIES, byKind, bySource, median, table} from './profile.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2]) || 5;
const COUNT = 100;

/** The steps, in order; a span is the time from one step to the next. */
const STEPS = [
  'mount', 'init fetch()', 'init response end', 'init in page', 'list fetch()', 'list response end', 'list in page', 'first rows in DOM', 'frame painted',
];
/** The steps read from the trace: the renderer's ResourceFinish of each request, the Paint of the rows' frame. */
const FROM_TRACE = new Set(['init in page', 'list in page', 'frame painted']);

/**
 * The emulator's side of each request, from Node's HTTP server channels (the emulator runs in this
 * process): arrival and answered (epoch ms, the clock the page's timeOrigin is on), by method and path.
 */
const served = [];
subscribe('http.server.request.start', ({request, response}) => {
  const entry = {name: `${request.method} ${new URL(request.url, 'http://x').pathname.replace(/^\/v2/, '')}`, arrived: performance.timeOrigin + performance.now()};
  served.push(entry);
  response.once('finish', () => (entry.answered = performance.timeOrigin + performance.now()));
});

const runs = [];
try {
  const {emulator, pages, browser} = await startBench(ROOT);
  const control = async (method, path, body) =>
    (await fetch(`${emulator.url}/__control/${path}`, {method, headers: body ? {'content-type': 'application/json'} : {}, body: body && JSON.stringify(body)})).json();
  const saVid = randomUUID();
  await control('POST', 'seed', {apiKey: 'pk_demo', saVid, conversations: COUNT, messagesPerConversation: 4});
  let token;
  if (process.env.TOKEN) {
    const init = await fetch(`${emulator.apiUrl}/identity/init`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({apiKey: 'pk_demo', saVid})});
    token = (await init.json()).sessionToken;
  }
  const url = `${pages.url}/bench/pages/live.html?${new URLSearchParams({api: emulator.apiUrl, key: 'pk_demo', visitor: saVid, ...(token && {token})})}`;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    try {
      await page.goto(url);
      await page.waitForFunction(() => window.live && customElements.get('sa-conversation-list'));
      await page.tracing.start({categories: PROFILE_CATEGORIES});
      served.length = 0;
      const marks = await page.evaluate(mountAndWatch, COUNT);
      const buffer = await page.tracing.stop();
      const server = served.filter((entry) => entry.arrived >= marks.timeOrigin + marks.mount && !entry.name.includes('/__'));
      if (process.env.TRACE_OUT) writeFileSync(`${process.env.TRACE_OUT}/list-${run}.json`, buffer);
      const {traceEvents} = JSON.parse(new TextDecoder().decode(buffer));
      runs.push({...analyse(traceEvents, marks), server: serverSide(server, marks)});
      if (process.env.VERBOSE) console.log(JSON.stringify({...Object.fromEntries(Object.entries(marks).filter(([k]) => k !== 'timeOrigin').map(([k, v]) => [k, +(v - marks.mount).toFixed(1)])), server: runs.at(-1).server}));
    } finally {
      await context.close();
    }
  }
} finally {
  await stopBench();
}

/**
 * In the page: mounts the list, notes when all rows are in the shadow DOM (a MutationObserver: no
 * polling that would take the main thread) and, from Resource Timing, when each request's fetch()
 * was called and its response ended; waits two frames so the painting one is in the trace.
 */
async function mountAndWatch(count) {
  const params = new URLSearchParams(location.search);
  performance.clearResourceTimings();
  performance.mark('bench-start');
  const marks = {mount: performance.now(), timeOrigin: performance.timeOrigin};
  // The moment each fetch() is called (Resource Timing's startTime can come later, after a preflight is queued).
  const fetchOf = window.fetch;
  window.fetch = (input, init) => {
    const name = String(input).includes('/identity/init') ? 'init' : String(input).includes('/conversations?') ? 'list' : null;
    if (name) marks[`${name} fetch()`] = performance.now();
    return fetchOf(input, init);
  };
  const list = document.createElement('sa-conversation-list');
  list.setAttribute('api-key', params.get('key'));
  list.setAttribute('api-url', params.get('api'));
  list.limit = count;
  document.body.append(list);
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!list.shadowRoot.querySelector('[part~="item"]')) return;
      marks['first rows in DOM'] = performance.now();
      observer.disconnect();
      resolve();
    });
    observer.observe(list.shadowRoot, {childList: true, subtree: true});
  });
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  for (const entry of performance.getEntriesByType('resource')) {
    const name = entry.name.includes('/identity/init') ? 'init' : entry.name.includes('/conversations?') ? 'list' : null;
    if (!name) continue;
    marks[`${name} fetch() (Resource Timing)`] = entry.startTime;
    marks[`${name} response end`] = entry.responseEnd;
  }
  window.fetch = fetchOf;
  return marks;
}

/** Each request as the emulator saw it, in order, named `OPTIONS /identity/init` etc.: ms from mount at arrival, and ms to answer. */
function serverSide(entries, marks) {
  const count = {};
  return Object.fromEntries(entries.map((entry) => {
    const name = count[entry.name] ? `${entry.name} #${++count[entry.name]}` : ((count[entry.name] = 1), entry.name);
    const arrived = entry.arrived - marks.timeOrigin - marks.mount;
    return [name, {arrived: +arrived.toFixed(1), answeredIn: +((entry.answered ?? NaN) - entry.arrived).toFixed(1)}];
  }));
}

/**
 * Steps as trace timestamps (µs): the page's performance.now() values through its `bench-start` mark;
 * "in page" when the renderer's main thread took in the end of the response (Resource Timing's
 * responseEnd is the network's, and can be much earlier); the end of the first Paint after the rows.
 */
function analyse(events, marks) {
  const start = events.findLast((e) => e.name === 'bench-start');
  const {pid, tid} = start;
  const toTs = (ms) => start.ts + (ms - marks.mount) * 1000;
  const sent = new Map();
  for (const e of events) {
    const url = e.name === 'ResourceSendRequest' && e.pid === pid && e.ts >= start.ts ? e.args.data.url : '';
    if (url.includes('/identity/init')) sent.set(e.args.data.requestId, 'init in page');
    else if (url.includes('/conversations?')) sent.set(e.args.data.requestId, 'list in page');
  }
  const fromTrace = {};
  for (const e of events) {
    if (e.name === 'ResourceFinish' && sent.has(e.args.data.requestId)) fromTrace[sent.get(e.args.data.requestId)] ??= e.ts;
  }
  const rowsTs = toTs(marks['first rows in DOM']);
  const paint = events.filter((e) => e.pid === pid && e.tid === tid && e.name === 'Paint' && e.ts >= rowsTs).sort((a, b) => a.ts - b.ts)[0];
  if (paint) fromTrace['frame painted'] = paint.ts + paint.dur;
  const names = STEPS.filter((name) => (FROM_TRACE.has(name) ? fromTrace[name] : marks[name]) !== undefined);
  const steps = names.map((name) => (FROM_TRACE.has(name) ? fromTrace[name] : toTs(marks[name])));
  const at = Object.fromEntries(names.map((name, i) => [name, (steps[i] - start.ts) / 1000]));
  const spans = {};
  for (let i = 0; i + 1 < names.length; i++) {
    const [from, to] = [steps[i], steps[i + 1]];
    spans[`${names[i]} → ${names[i + 1]}`] = {
      wall: (to - from) / 1000,
      busy: busyMs(events, from, to, pid, tid),
      kinds: byKind(events, from, to, pid, tid),
      ...bySource(events, from, to, pid, tid),
    };
  }
  return {at, spans};
}

/** Wall time (ms) the main thread spent in top-level tasks inside the window (the rest is idle or waiting). */
function busyMs(events, start, end, pid, tid) {
  let busy = 0;
  let until = -Infinity;
  const tasks = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.name === 'RunTask' && e.ts + e.dur > start && e.ts < end);
  for (const task of tasks.sort((a, b) => a.ts - b.ts)) {
    const from = Math.max(task.ts, start, until);
    const to = Math.min(task.ts + task.dur, end);
    if (to > from) busy += to - from;
    until = Math.max(until, to);
  }
  return busy / 1000;
}

const TOP = Number(process.env.PROFILE_TOP) || 12;
const range = (values) => `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
console.log(`\n== list of ${COUNT}, ${process.env.TOKEN ? 'token stored' : 'first visit'}: ms from mount, median (min–max) of ${runs.length} runs`);
for (const step of Object.keys(runs[0].at)) console.log(`  ${step.padEnd(20)} ${range(runs.map((run) => run.at[step]))}`);
console.log('\n the emulator: arrived (ms from mount) · answered in (ms)');
for (const request of Object.keys(runs[0].server)) {
  const of = runs.map((run) => run.server[request]).filter(Boolean);
  console.log(`  ${request.padEnd(30)} ${range(of.map((r) => r.arrived))} · ${range(of.map((r) => r.answeredIn))}`);
}
for (const span of Object.keys(runs[0].spans)) {
  const of = runs.map((run) => run.spans[span]);
  console.log(`\n-- ${span}: wall ${range(of.map((s) => s.wall))}, main thread in tasks ${range(of.map((s) => s.busy))}`);
  console.log(' trace, self time by event (median ms):');
  console.log(table(of, 'kinds', TOP));
  console.log(' profile, self time by function (median ms):');
  console.log(table(of, 'functions', TOP));
}
