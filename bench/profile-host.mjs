// Where a host page's main-thread CPU goes: `node bench/profile-host.mjs [runs] [page.html …]` loads
// each page of bench/pages/host/ `runs` times (fresh context, interleaved) with a trace and V8's
// sampling profiler, and prints, as medians over the runs, the trace's time by kind (script
// evaluation, style, layout, paint…) and the profile's self time by source file, mapped through
// the CDN file's source map. Run `npm run build` first. Diagnostic only: the bench is bench/run.mjs.
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {startBench, stopBench} from './servers.mjs';
import {mainThreadCpuMs} from './trace.mjs';
import {PROFILE_CATEGORIES, byKind, bySource, median, table} from './profile.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [runsArg, ...pageArgs] = process.argv.slice(2);
const RUNS = Number(runsArg) || 5;
const PAGES = pageArgs.length ? pageArgs : ['blank.html', 'ours-script.html', 'ours-conversation.html', 'deep-chat-element.html'];
const results = Object.fromEntries(PAGES.map((page) => [page, []]));
try {
  const {emulator, pages, browser} = await startBench(ROOT);
  for (let run = 0; run < RUNS; run++) {
    for (const file of PAGES.map((_, i) => PAGES[(i + run) % PAGES.length])) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      try {
        await page.tracing.start({categories: PROFILE_CATEGORIES});
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
