// What the profiling diagnostics share (bench/profile-host.mjs, bench/profile-list.mjs): trace
// categories, the main thread's self time by trace event, and V8's sampled self time by source file
// and function, our frames mapped through the CDN file's source map (`npm run build` first).
import {TraceMap, originalPositionFor} from '@jridgewell/trace-mapping';
import {readFileSync} from 'node:fs';

/** Our frames named by source file through the build's source map, read at first use. */
let map;
const sourceMap = () => (map ??= new TraceMap(readFileSync(new URL('../dist/siteassist-elements.js.map', import.meta.url), 'utf8')));

/** `PROFILE=0`: the trace's events only, without the sampling profiler's overhead (~2× the CPU). */
const SAMPLING = process.env.PROFILE !== '0';
export const PROFILE_CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute',
  ...(SAMPLING ? ['disabled-by-default-v8.cpu_profiler'] : []),
  // `TRACE_CATEGORIES=blink,fonts`: more detail (and more overhead).
  ...(process.env.TRACE_CATEGORIES?.split(',') ?? []),
];

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length ? (sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2) : 0;
};

/** Self thread time (ms) by event name of the main thread's complete events inside the window. */
export function byKind(events, start, end, pid, tid) {
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
export function bySource(events, start, end, pid, tid) {
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
        const position = originalPositionFor(sourceMap(), {line: frame.lineNumber + 1, column: frame.columnNumber});
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

/** The `top` largest medians over the runs of one field (an object of ms by name), one line each. */
export const table = (runs, field, top) => {
  const keys = new Set(runs.flatMap((run) => Object.keys(run[field])));
  return [...keys]
    .map((key) => [key, median(runs.map((run) => run[field][key] ?? 0))])
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `  ${ms.toFixed(2).padStart(7)}  ${key}`)
    .join('\n');
};
