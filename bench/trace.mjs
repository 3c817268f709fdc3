// Main-thread CPU from a Chromium trace: the thread time (`tdur`) of every top-level task the
// renderer's main thread ran inside a window. Thread time does not grow when the shared machine
// preempts the browser, and idle time is not in it, so it resolves differences of a few ms that
// wall time and CDP's TaskDuration do not.
const CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

/** Marks a page sets with `performance.mark()`: the window a figure measures. */
export const START = 'bench-start';
export const END = 'bench-end';

/**
 * Runs `action` with a trace recording; returns its result and the main-thread CPU (ms) from the
 * page's `bench-start` mark (or, without one, the page's last navigation) to its `bench-end` mark.
 * The end mark's thread is the thread measured: the renderer main thread of the page that set it.
 */
export async function traced(page, action) {
  await page.tracing.start({categories: CATEGORIES});
  let result;
  let buffer;
  try {
    result = await action();
  } finally {
    buffer = await page.tracing.stop();
  }
  const {traceEvents} = JSON.parse(new TextDecoder().decode(buffer));
  return {result, cpuMs: mainThreadCpuMs(traceEvents)};
}

export function mainThreadCpuMs(events) {
  const end = events.findLast((event) => event.name === END);
  if (!end) throw new Error(`the trace has no ${END} mark`);
  const onThread = (event) => event.pid === end.pid && event.tid === end.tid && event.ts <= end.ts;
  const start = events.findLast((event) => event.name === START && onThread(event))
    ?? events.findLast((event) => event.name === 'navigationStart' && event.pid === end.pid && event.ts <= end.ts);
  if (!start) throw new Error(`the trace has neither a ${START} mark nor a navigation before ${END}`);
  const tasks = events
    .filter((event) => event.name === 'RunTask' && event.ph === 'X' && onThread(event) && event.ts + event.dur >= start.ts)
    .sort((a, b) => a.ts - b.ts);
  let cpu = 0;
  let busyUntil = -Infinity;
  for (const task of tasks) {
    // A task run inside another (a nested run loop) is already in its parent's thread time.
    if (task.ts < busyUntil) continue;
    busyUntil = task.ts + task.dur;
    cpu += task.tdur ?? task.dur;
  }
  return cpu / 1000;
}
