// `npm run bench`: builds, starts the emulator and a page server on loopback, drives headless
// Chromium through the figures (bench/figures.mjs), the launcher-only page among them, prints a table
// and writes bench/results.json.
// Everything it starts is stopped again, on success, failure or Ctrl+C. `BENCH_RUNS=3` for a quick look;
// `BENCH_ONLY=history,streaming` measures only those figures (weight, hostPages, history, streaming, list,
// requests, launcherRequests, memory).
import {execFileSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {cpus} from 'node:os';
import {fileURLToPath} from 'node:url';
import {composeReply} from '../emulator/assistant.mjs';
import * as figures from './figures.mjs';
import {startBench, stopBench} from './servers.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OURS = 'dist/siteassist-elements.js';
const SCRIPTS = {
  ours: OURS,
  'deep-chat': 'node_modules/deep-chat/dist/deepChat.bundle.js',
  'flowise-embed': 'node_modules/flowise-embed/dist/web.js',
  '@typebot.io/js': 'node_modules/@typebot.io/js/dist/web.js',
};
const HISTORY_MESSAGES = 200;
const LIST_CONVERSATIONS = 100;
const MEMORY_MESSAGES = 20;
const CHUNK_CHARS = 5;
/** Reply lengths streamed: each doubles the one before, for the CPU growth per doubling. */
const STREAM_LENGTHS = [10_000, 20_000, 40_000];


/** A realistic markdown reply of exactly `length` characters, cut into `CHUNK_CHARS` deltas. */
function replyChunks(length) {
  const text = composeReply(`Show me every step #long:${length}`).slice(0, length);
  return Array.from({length: length / CHUNK_CHARS}, (_, i) => text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS));
}

const FIGURES = ['weight', 'hostPages', 'history', 'streaming', 'list', 'requests', 'launcherRequests', 'memory'];
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const unknownFigures = only?.filter((name) => !FIGURES.includes(name)) ?? [];
if (unknownFigures.length) {
  console.error(`BENCH_ONLY: unknown ${unknownFigures.join(', ')} (known: ${FIGURES.join(', ')})`);
  process.exit(2);
}
const wanted = (figure) => !only || only.includes(figure);

const STARTED = Date.now();
execFileSync('npm', ['run', 'build'], {cwd: ROOT, stdio: 'inherit'});
const results = {};
let meta;
try {
  const {emulator, pages, browser} = await startBench(ROOT);

  const control = async (method, path, body) => {
    const response = await fetch(`${emulator.url}/__control/${path}`, {
      method,
      headers: body ? {'content-type': 'application/json'} : {},
      body: body && JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /__control/${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  /** Seeds a visitor with conversations; returns its saVid, a session token and the conversation ids. */
  const seed = async (conversations, messagesPerConversation) => {
    const saVid = randomUUID();
    const {conversationIds} = await control('POST', 'seed', {apiKey: 'pk_demo', saVid, conversations, messagesPerConversation});
    const init = await fetch(`${emulator.apiUrl}/identity/init`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({apiKey: 'pk_demo', saVid}),
    });
    return {saVid, token: (await init.json()).sessionToken, conversationIds};
  };
  const readConversation = async ({token}, id) =>
    (await fetch(`${emulator.apiUrl}/conversations/${id}`, {headers: {authorization: `Bearer ${token}`}})).json();

  meta = {
    date: new Date().toISOString(),
    chromium: await browser.version(),
    node: process.version,
    cpu: `${cpus()[0].model} × ${cpus().length}`,
    peers: Object.fromEntries(['deep-chat', 'flowise-embed', '@typebot.io/js'].map((name) =>
      [name, JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8')).version])),
    runs: {timings: figures.RUNS, hostPages: figures.HOST_RUNS, peerStreaming: figures.PEER_STREAM_RUNS},
  };
  const step = (name) => console.log(`bench: ${name}… (${Math.round((Date.now() - STARTED) / 1000)} s)`);

  if (wanted('weight')) {
    step('script weight');
    results.weight = figures.scriptWeight(Object.fromEntries(Object.entries(SCRIPTS).map(([who, path]) => [who, `${ROOT}${path}`])));
  }
  if (wanted('hostPages')) {
    step('cost on the host page');
    results.hostPages = await figures.hostPages(browser, pages.url);
  }

  if (wanted('history') || wanted('streaming') || wanted('memory')) {
    const historyVisitor = await seed(1, HISTORY_MESSAGES);
    const conversation = await readConversation(historyVisitor, historyVisitor.conversationIds[0]);
    if (wanted('history')) {
      step('history');
      results.history = await figures.history(browser, pages.url, conversation);
    }
    if (wanted('streaming')) {
      step('streaming');
      results.streaming = await figures.streaming(browser, pages.url, conversation,
        Object.fromEntries(STREAM_LENGTHS.map((length) => [`${length / 1000}k`, replyChunks(length)])));
    }
    if (wanted('memory')) {
      step('memory');
      results.memory = await figures.memory(browser, pages.url, {...conversation, messages: conversation.messages.slice(0, MEMORY_MESSAGES)});
    }
  }

  if (wanted('list') || wanted('requests')) {
    const listVisitor = await seed(LIST_CONVERSATIONS, 4);
    if (wanted('list')) {
      step('conversation list');
      results.list = await figures.conversationList(browser, pages.url, emulator, listVisitor, LIST_CONVERSATIONS);
    }
    if (wanted('requests')) {
      step('requests on load');
      results.requests = await figures.requestsOnLoad(browser, pages.url, emulator, listVisitor.saVid, listVisitor.conversationIds.at(-1), control);
    }
  }
  if (wanted('launcherRequests')) {
    step('launcher-only page: requests before open');
    results.launcherRequests = await figures.launcherRequests(browser, pages.url, emulator, control);
  }
} finally {
  await stopBench();
}

writeFileSync(`${ROOT}bench/results.json`, JSON.stringify({...meta, results}, null, 2) + '\n');
printTable(meta, results);

function printTable(meta, r) {
  const bytes = (value) => `${value.toLocaleString('en')} B`;
  const times = (value) => `${value.toFixed(2)}×`;
  const ms = ({median, min, max}) => `${median.toFixed(1)} (${min.toFixed(1)}–${max.toFixed(1)})`;
  const both = ({ofMedians, medianOfPairs}) => [times(ofMedians), times(medianOfPairs)];
  const rows = [];
  if (r.weight) for (const peer of ['deep-chat', 'flowise-embed', '@typebot.io/js']) {
    for (const kind of ['raw', 'gzip', 'brotli']) {
      const ours = r.weight.ours[kind];
      const theirs = r.weight[peer][kind];
      rows.push([`1. script ${kind}`, bytes(ours), `${peer} ${bytes(theirs)}`, times(ours / theirs), '']);
    }
  }
  const host = r.hostPages;
  if (host) {
    const [baseline] = Object.keys(host);
    rows.push([`2. ${baseline}: CPU`, ms(host[baseline].cpuMs), '', '', '']);
    rows.push(['   wall to paint', ms(host[baseline].wallMs), '', '', '']);
    for (const [name, figure] of Object.entries(host)) {
      if (!figure.peer) continue;
      const peer = host[figure.peer];
      rows.push([`2. ${name}: CPU over empty`, ms(figure.cpuIncrementMs), `${figure.peer} ${ms(peer.cpuIncrementMs)}`, ...both(figure.ratio)]);
      rows.push(['   wall to paint (not over empty)', ms(figure.wallMs), ms(peer.wallMs), '', '']);
    }
  }
  const h = r.history;
  if (h) {
    rows.push([`3. history of ${h.messages}: CPU`, ms(h.ours.cpuMs), `deep-chat ${ms(h['deep-chat'].cpuMs)}`, ...both(h.ratio)]);
    rows.push(['   wall to paint', ms(h.ours.wallMs), ms(h['deep-chat'].wallMs), '', '']);
  }
  const s = r.streaming;
  if (s) {
    const [first] = Object.keys(s['deep-chat']);
    rows.push([`4. stream ${first} chars: CPU`, ms(s.ours[first].cpuMs), `deep-chat ${ms(s['deep-chat'][first].cpuMs)}`, ...both(s.ratio)]);
    for (const {from, to, ...ratio} of s.growth) {
      rows.push([`4. ours ${to} / ${from}: CPU (linear 2×)`, ms(s.ours[to].cpuMs), ms(s.ours[from].cpuMs), ...both(ratio)]);
    }
  }
  if (r.list) {
    for (const [who, label] of [['ours', ''], ['returning', ', token stored']]) {
      rows.push([`5. list of ${r.list.conversations}${label}: CPU to the rows in view painted`, ms(r.list[who].cpuMs), '', '', '']);
      rows.push(['   wall to the rows in view · to all rows painted', `${ms(r.list[who].wallMs)} · ${ms(r.list[who].allRowsMs)}`, '', '', '']);
    }
  }
  if (r.requests) rows.push(['6. requests on load', `${r.requests.requests} (+${r.requests.preflights} preflights)`, 'goal 4', '', '']);
  if (r.memory) {
    const left = (who) => `${r.memory[who].retainedKB} KB, ${r.memory[who].nodes} nodes, ${r.memory[who].listeners} listeners`;
    rows.push([`7. left by ${r.memory.cycles} more cycles`, left('ours'), `deep-chat ${left('deep-chat')}`, times(r.memory.ours.retainedKB / r.memory['deep-chat'].retainedKB), '']);
  }
  if (r.launcherRequests) {
    rows.push(['8. launcher only: requests before open', `${r.launcherRequests.length} (${r.launcherRequests.join(', ')})`, 'goal ≤ 1', '', '']);
  }
  const header = ['figure (ms: median (min–max))', 'ours', 'peer', 'ratio of medians', 'median of pair ratios'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  console.log(`\n${meta.date} · ${meta.chromium} · ${meta.cpu} · Node ${meta.node}`);
  console.log(`peers: ${Object.entries(meta.peers).map(([name, version]) => `${name} ${version}`).join(', ')}`);
  console.log(`${meta.runs.timings} interleaved runs a figure (host pages ${meta.runs.hostPages}, deep-chat streaming ${meta.runs.peerStreaming}); CPU is main-thread thread time from a trace\n`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  if (r.requests) console.log(`\nrequests: ${Object.entries(r.requests.counts).map(([request, n]) => `${n}× ${request}`).join(', ')}`);
  console.log(`took ${Math.round((Date.now() - STARTED) / 1000)} s`);
}
