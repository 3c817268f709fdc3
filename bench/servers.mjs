import puppeteer from 'puppeteer-core';
import {startEmulator} from '../emulator/server.mjs';
import {startStaticServer} from './static-server.mjs';

/** What startBench started, to end last first. */
const running = [];

/** Ends what startBench started, last started first (also on Ctrl-C). */
export async function stopBench() {
  while (running.length) await running.pop()().catch((error) => console.error(error));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => stopBench().finally(() => process.exit(130)));
}

/**
 * What every bench command runs on loopback: the emulator (no pacing, no rate limit), a server for the
 * repository's files (pages get the emulator's URL for `{{API_URL}}`) and headless Chromium
 * (`CHROME_PATH`, default /usr/bin/chromium).
 * @param {string} root the repository
 */
export async function startBench(root) {
  const emulator = await startEmulator({port: 0, keys: ['pk_demo'], paceMs: 0, rateLimit: null});
  running.push(() => emulator.close());
  const pages = await startStaticServer(root, {'{{API_URL}}': emulator.apiUrl});
  running.push(() => pages.close());
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  running.push(() => browser.close());
  return {emulator, pages, browser};
}
