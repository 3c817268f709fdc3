// Where a host page's main-thread CPU goes: `node bench/profile-host.mjs [runs] [page.html …]` loads
// each page of bench/pages/host/ `runs` times (fresh context, interleaved) with a trace and V8's
// sampling profiler, and prints, as medians over the runs, the trace's time by kind (script
// evaluation, style, layout, paint…) and the profile's self time by source file, mapped through
// the CDN file's source map. Run `npm run build` first. Diagnostic only: the bench is bench/run.mjs.
import {TraceMap, originalPositionFor} from '@jridgewell/trace-mapping';
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {startBench, stopBench} from './servers.mjs';
import {mainThreadCpuMs} from './trace.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [runsArg, ...pageArgs] = process.argv.slice(2);
const RUNS = Number(runsArg) || 5;
const PAGES = pageArgs.length ? pageArgs : ['blank.html', 'ours-script.html', 'ours-conversation.html', 'deep-chat-element.html'];
/** `PROFILE=0`: the trace's events only, without the sampling profiler's overhead (~2× the CPU). */
const SAMPLING = process.env.PROFILE !== '0';
const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute',
  ...(SAMPLING ? ['disabled-by-default-v8.cpu_profiler'] : []),
  // `TRACE_CATEGORIES=blink,fonts`: more detail (and more overhead).
  ...(process.env.TRACE_CATEGORIES?.split(',') ?? []),
];
/** Our frames named by source file through the build's source map. */
const map = new TraceMap(readFileSync(`${ROOT}dist/siteassist-elements.js.map`, 'utf8'));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length ? (sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2) : 0;
};

/** Self thread time (ms) by event name of the main thread's complete events inside the window. */
function byKind(events, start, end, pid, tid) {
  const spans = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= start && e.ts <= end && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = {};
  const stack = [];
  const close = (until) => {
    while (stack.length && stack.at(-1).end <= until) stack.pop();
  };
  for (const e of spans) {
    close(e.ts);
    const time = e.tdur ?? e.dur;
    const parent = stack.at(-1);
    if (parent) self[parent.name] = (self[parent.name] ?? 0) - time;
    self[e.name] = (self[e.name] ?? 0) + time;
    stack.push({name: e.name, end: e.ts + e.dur});
  }
  return Object.fromEntries(Object.entries(self).map(([name, us]) => [name, us / 1000]));
}

/** Self time (ms) of the sampling profile by source (our files through the source map) inside the window. */
function bySource(events, start, end, pid, tid) {
  const nodes = new Map();
  const self = {};
  const functions = {};
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) return {self, functions};
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile.id);
  let time = profile.args.data.startTime;
  for (const chunk of chunks) {
    const {cpuProfile, timeDeltas} = chunk.args.data;
    if (!cpuProfile) continue;
    for (const node of cpuProfile.nodes ?? []) nodes.set(node.id, node);
    (cpuProfile.samples ?? []).forEach((id, i) => {
      const delta = timeDeltas[i];
      time += delta;
      if (time - delta < start || time > end) return;
      const frame = nodes.get(id)?.callFrame ?? {};
      let source = frame.url ? frame.url.replace(/^https?:\/\/[^/]+\//, '') : frame.functionName || '(native)';
      let name = frame.functionName;
      if (frame.url?.endsWith('/dist/siteassist-elements.js')) {
        const position = originalPositionFor(map, {line: frame.lineNumber + 1, column: frame.columnNumber});
        source = position.source?.replace(/^(\.\.\/)+/, '') ?? source;
        name = position.name ?? name;
      }
      // A sample's time is the interval that ended with it.
      const ms = delta / 1000;
      self[source] = (self[source] ?? 0) + ms;
      const key = `${source} ${name || '(anonymous)'}`;
      functions[key] = (functions[key] ?? 0) + ms;
    });
  }
  return {self, functions};
}

const results = Object.fromEntries(PAGES.map((page) => [page, []]));
try {
  const {emulator, pages, browser} = await startBench(ROOT);
  for (let run = 0; run < RUNS; run++) {
    for (const file of PAGES.map((_, i) => PAGES[(i + run) % PAGES.length])) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      try {
        await page.tracing.start({categories: CATEGORIES});
        await page.goto(`${pages.url}/bench/pages/host/${file}`);
        await page.evaluate(() => window.benchDone);
        const buffer = await page.tracing.stop();
        // `TRACE_OUT=dir`: each trace kept, to open in DevTools' Performance panel.
        if (process.env.TRACE_OUT) writeFileSync(`${process.env.TRACE_OUT}/${file.replace('.html', '').replaceAll('/', '_')}-${run}.json`, buffer);
        const {traceEvents} = JSON.parse(new TextDecoder().decode(buffer));
        const endMark = traceEvents.findLast((e) => e.name === 'bench-end');
        const {pid, tid} = endMark;
        const nav = traceEvents.findLast((e) => e.name === 'navigationStart' && e.pid === pid && e.ts <= endMark.ts);
        results[file].push({cpu: mainThreadCpuMs(traceEvents), kinds: byKind(traceEvents, nav.ts, endMark.ts, pid, tid), ...bySource(traceEvents, nav.ts, endMark.ts, pid, tid)});
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await stopBench();
}

const TOP = Number(process.env.PROFILE_TOP) || 25;
const table = (runs, field, top) => {
  const keys = new Set(runs.flatMap((run) => Object.keys(run[field])));
  return [...keys]
    .map((key) => [key, median(runs.map((run) => run[field][key] ?? 0))])
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `  ${ms.toFixed(2).padStart(7)}  ${key}`)
    .join('\n');
};
for (const [file, runs] of Object.entries(results)) {
  const cpus = runs.map((run) => run.cpu);
  console.log(`\n== ${file}: main-thread CPU ${median(cpus).toFixed(1)} ms (${Math.min(...cpus).toFixed(1)}–${Math.max(...cpus).toFixed(1)}), ${runs.length} runs`);
  console.log(' trace, self time by event (median ms):');
  console.log(table(runs, 'kinds', TOP));
  console.log(' profile, self time by source (median ms):');
  console.log(table(runs, 'self', TOP));
  console.log(' profile, self time by function (median ms):');
  console.log(table(runs, 'functions', TOP));
}
