// The list figures (5: list of 100, first visit and token stored) for two builds of the CDN file,
// interleaved in one run of the command: `node bench/ab-list.mjs a.js b.js [runs]` (default 9 a
// side). Each run mounts both lists of both builds in a fresh browser context, the four in an order
// rotated every run, so a busy moment of the shared machine falls on both builds alike. Prints main
// thread CPU and wall time to the rows in view painted, and wall time to all rows painted, median
// (min–max), and b over a as the ratio of the medians and the median of the per-run pairs. For a
// change's before/after: `cp dist/siteassist-elements.js /tmp/before.js` on main, build the branch,
// then `node bench/ab-list.mjs /tmp/before.js dist/siteassist-elements.js`.
import {randomUUID} from 'node:crypto';
import {copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {listRun, ratios} from './figures.mjs';
import {median} from './profile.mjs';
import {startBench, stopBench} from './servers.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [fileA, fileB] = process.argv.slice(2);
const RUNS = Number(process.argv[4]) || 9;
const COUNT = 100;
if (!fileA || !fileB) {
  console.error('usage: node bench/ab-list.mjs a.js b.js [runs]');
  process.exit(2);
}

/** Each build gets a copy of the live page that loads it, in a folder the page server serves; removed at the end. */
const AB_DIR = 'bench/pages/ab.tmp';
const builds = {a: fileA, b: fileB};
const live = readFileSync(`${ROOT}bench/pages/live.html`, 'utf8');
mkdirSync(`${ROOT}${AB_DIR}`, {recursive: true});
for (const [name, file] of Object.entries(builds)) {
  copyFileSync(file, `${ROOT}${AB_DIR}/${name}.js`);
  writeFileSync(`${ROOT}${AB_DIR}/${name}.html`, live.replace('/dist/siteassist-elements.js', `${name}.js`).replace('live.js', '../live.js'));
}

const range = (values) => `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;

try {
  const {emulator, pages, browser} = await startBench(ROOT);
  const control = (path, body) =>
    fetch(`${emulator.url}/__control/${path}`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
  const saVid = randomUUID();
  await control('seed', {apiKey: 'pk_demo', saVid, conversations: COUNT, messagesPerConversation: 4});
  const init = await fetch(`${emulator.apiUrl}/identity/init`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({apiKey: 'pk_demo', saVid})});
  const {sessionToken} = await init.json();
  const url = (build, token) =>
    `${pages.url}/${AB_DIR}/${build}.html?${new URLSearchParams({api: emulator.apiUrl, key: 'pk_demo', visitor: saVid, ...(token && {token})})}`;
  const cases = ['a first visit', 'b first visit', 'a token stored', 'b token stored'];
  const runs = Object.fromEntries(cases.map((name) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (let i = 0; i < cases.length; i++) {
      const name = cases[(i + run) % cases.length];
      const [build, ...who] = name.split(' ');
      runs[name].push(await listRun(browser, url(build, who[0] === 'token' && sessionToken), COUNT));
    }
    process.stdout.write('.');
  }
  console.log(`\nlist of ${COUNT}, ${RUNS} runs a side, interleaved; a = ${fileA}, b = ${fileB}; ms, median (min–max)`);
  for (const who of ['first visit', 'token stored']) {
    const [a, b] = [runs[`a ${who}`], runs[`b ${who}`]];
    for (const [field, label] of [['cpuMs', 'CPU, to the rows in view'], ['wallMs', 'wall, to the rows in view'], ['allRowsMs', 'wall, to all rows']]) {
      const ratio = ratios(b.map((r) => r[field]), a.map((r) => r[field]));
      console.log(`  ${who.padEnd(13)} ${label.padEnd(26)} a ${range(a.map((r) => r[field])).padEnd(22)} b ${range(b.map((r) => r[field])).padEnd(22)} b/a ${ratio.ofMedians} · ${ratio.medianOfPairs}`);
    }
  }
} finally {
  await stopBench();
  rmSync(`${ROOT}${AB_DIR}`, {recursive: true, force: true});
}
