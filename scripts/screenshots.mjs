// `npm run screenshots`: every demo page in light, dark, right-to-left (and in Arabic), at 360 px, on a
// 375 × 700 phone and with the OS in dark mode on a light page, with a conversation in it; then a phone
// reply with a wide table, a stopped reply and a hand-off (phone and dark), and the launcher page closed
// and open (desktop, phone, dark). PNGs in screenshots/
// (git-ignored), for a reviewer to look at.
import {mkdirSync} from 'node:fs';
import puppeteer from 'puppeteer-core';
import {startDemo} from './demo-server.mjs';

const OUT = 'screenshots';
const variants = [
  {name: 'light', page: 'index.html', width: 1200},
  {name: 'dark', page: 'dark.html', width: 1200},
  {name: 'themed', page: 'themed.html', width: 1200},
  {name: 'rtl', page: 'index.html', width: 1200, rtl: true},
  {name: 'arabic', page: 'index.html', width: 1200, rtl: true, lang: 'ar', question: 'كيف أتتبع طلبي؟'},
  {name: 'narrow-360', page: 'index.html', width: 360},
  // The visitor's OS in dark mode on a page that declares no color-scheme: the elements stay light, as the page is.
  {name: 'dark-os-light-page', page: 'index.html', width: 1200, os: 'dark'},
  {name: 'dark-os-light-page-375', page: 'index.html', width: 375, os: 'dark'},
  {name: 'dark-375', page: 'dark.html', width: 375},
  {name: 'phone-375x700', page: 'index.html', width: 375, height: 700},
  // The reply quotes the question: a table of long words and a long code line, on a phone.
  {name: 'phone-table', page: 'index.html', width: 375,
    question: '| Plan | Conversations | Availability | Integrations |\n| --- | --- | --- | --- |\n| Starter | Thousand | Weekdays | Webhooks |\n| Growth | Unlimited | Everywhere | Everything |'},
  {name: 'cms-snippet', page: 'cms-snippet.html', width: 900},
  {name: 'strict-csp', page: 'strict-csp.html', width: 1200},
];

/**
 * Waits until `selector` matches inside `<sa-conversation>`'s shadow root. Polled from here:
 * waitForFunction compiles its predicate in the page, which the strict-CSP page (rightly) refuses,
 * and waitForSelector re-checks only on mutations of the document, never of a shadow root, so it
 * can miss the composer being enabled.
 */
async function inConversation(page, selector, what, timeoutMs = 15_000) {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 100))) {
    const found = await page.evaluate((s) => !!document.querySelector('sa-conversation')?.shadowRoot?.querySelector(s), selector);
    if (found) return;
  }
  throw new Error(`${what} did not show within ${timeoutMs / 1000} s`);
}

/** The one-line launcher page: closed, open with a conversation, on a phone, and in dark. */
const launcherVariants = [
  {name: 'launcher', width: 1200, height: 800},
  {name: 'launcher-phone', width: 375, height: 667},
  {name: 'launcher-dark', width: 1200, height: 800, dark: true},
];

/** Polls `selector` inside the launcher's panel conversation (see inConversation). */
async function inLauncher(page, selector, what, timeoutMs = 15_000) {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 100))) {
    const found = await page.evaluate((s) => !!document.querySelector('sa-launcher')?.shadowRoot
      ?.querySelector('sa-conversation')?.shadowRoot?.querySelector(s), selector);
    if (found) return;
  }
  throw new Error(`${what} did not show within ${timeoutMs / 1000} s`);
}

async function launcherShots(browser, demoUrl) {
  for (const variant of launcherVariants) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({width: variant.width, height: variant.height, isMobile: variant.width < 480, hasTouch: variant.width < 480});
    if (variant.dark) await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: 'dark'}]);
    await page.goto(new URL('launcher.html', demoUrl).href);
    await page.waitForSelector('sa-launcher >>> [part~="button"]');
    await page.screenshot({path: `${OUT}/${variant.name}-closed.png`});
    await (await page.waitForSelector('sa-launcher >>> [part~="button"]')).click();
    await inLauncher(page, 'textarea:not([disabled])', 'the composer');
    await page.keyboard.type('How long does delivery take?');
    await page.keyboard.press('Enter');
    await inLauncher(page, '[part~="feedback-button"]', 'the complete reply');
    await page.screenshot({path: `${OUT}/${variant.name}-open.png`});
    await context.close();
    console.log(`${OUT}/${variant.name}-{closed,open}.png`);
  }
}

mkdirSync(OUT, {recursive: true});
const demo = await startDemo({apiPort: 0, demoPort: 0, dataDir: null, paceMs: 2});
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  await launcherShots(browser, demo.demoUrl);
  for (const variant of variants) {
    const context = await browser.createBrowserContext(); // a new visitor each time
    const page = await context.newPage();
    await page.setViewport({width: variant.width, height: variant.height ?? 900});
    if (variant.os) await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: variant.os}]);
    if (variant.rtl) await page.evaluateOnNewDocument(() => document.addEventListener('DOMContentLoaded', () => (document.documentElement.dir = 'rtl')));
    // The page in that language, with its CDN locale file after the main (deferred) script, as a site would add it.
    if (variant.lang) {
      await page.evaluateOnNewDocument((lang) => document.addEventListener('DOMContentLoaded', () => {
        document.documentElement.lang = lang;
        document.head.append(Object.assign(document.createElement('script'), {src: `/dist/locales/${lang}.js`}));
      }), variant.lang);
    }
    await page.goto(new URL(variant.page, demo.demoUrl).href);
    await page.screenshot({path: `${OUT}/${variant.name}-welcome.png`});
    await (await page.waitForSelector('sa-start-button >>> button')).click();
    // Starting puts focus in the message box; the first message creates the conversation.
    await inConversation(page, 'textarea:focus:not([disabled])', 'the focused composer');
    // Shift+Enter writes a line break in the composer; Enter alone sends.
    for (const [k, line] of (variant.question ?? 'How do I track my order?').split('\n').entries()) {
      if (k) {
        await page.keyboard.down('Shift');
        await page.keyboard.press('Enter');
        await page.keyboard.up('Shift');
      }
      await page.keyboard.type(line);
    }
    await page.keyboard.press('Enter');
    await inConversation(page, '[part~="feedback-button"]', 'the complete reply');
    await page.screenshot({path: `${OUT}/${variant.name}-conversation.png`});
    await context.close();
    console.log(`${OUT}/${variant.name}-{welcome,conversation}.png`);
  }

  // Two states a visitor meets mid-conversation, at phone width and in the dark page: a reply they
  // stopped ("Stopped", not an error), and a human agent joining (the line in the log, initials, placeholder).
  const control = (path, body) =>
    fetch(`${demo.emulator.url}/__control${path}`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  for (const variant of [{name: 'phone', page: 'index.html', width: 375, height: 700}, {name: 'dark', page: 'dark.html', width: 1200, height: 900}]) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({width: variant.width, height: variant.height});
    await page.goto(new URL(variant.page, demo.demoUrl).href);
    await inConversation(page, 'textarea:not([disabled])', 'the composer');
    await control('/settings', {paceMs: 80});
    await (await page.$('sa-conversation >>> textarea')).type('How do I track my order?');
    await page.keyboard.press('Enter');
    await inConversation(page, '[part~="streaming"] .markdown', 'the streaming reply');
    await (await page.$('sa-conversation >>> [part~="stop-button"]')).click();
    await inConversation(page, '[part~="feedback-button"]:enabled', 'the stopped reply');
    await page.screenshot({path: `${OUT}/${variant.name}-stopped.png`});
    await control('/settings', {paceMs: 2});
    const id = await page.evaluate(() => document.querySelector('sa-conversation').conversationId);
    await control(`/conversations/${id}/handoff`, {agentName: 'Sam Rivera'});
    await control(`/conversations/${id}/agent-messages`, {content: 'Hi, I am Sam. I can see your order: it ships **today**.'});
    await inConversation(page, '[part~="human_agent"]', 'the agent message');
    await page.screenshot({path: `${OUT}/${variant.name}-handoff.png`});
    await context.close();
    console.log(`${OUT}/${variant.name}-{stopped,handoff}.png`);
  }
} finally {
  await browser.close();
  await demo.close();
}
