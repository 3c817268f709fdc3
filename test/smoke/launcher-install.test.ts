/**
 * The launcher as a site owner installs it, from the built CDN file in a page of its own (an
 * iframe): the one-line `data-launcher` script, SiteAssist's queued command stub, `#sa-chat`
 * links and `[data-sa-open]`. Imports nothing from src/ but the harness. Run `npm run build` first.
 */
import {aTimeout, expect} from '@open-wc/testing';
import {apiKey, apiUrl, requests, resetEmulator} from '../helpers/emulator.js';
import {LauncherHarness} from '../helpers/launcher-harness.js';
import {waitUntil} from '../helpers/dom.js';

type PageWindow = Window & typeof globalThis & {SiteAssist: (command: string, options?: object) => void};

const script = (extra = '', query = '') =>
  `<script src="/dist/siteassist-elements.js${query}" data-api-key="${apiKey}" data-api-url="${apiUrl}" ${extra} defer></script>`;
const stub = 'window.SiteAssist = window.SiteAssist || function () { (SiteAssist._q = SiteAssist._q || []).push(arguments) };';

const frames: HTMLIFrameElement[] = [];

/** A page of its own with `body` (in a frame of that size: its media queries see it as the viewport); resolves once it has loaded (deferred scripts have run). */
async function page(body: string, {width = 800, height = 600} = {}): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0`;
  frame.srcdoc = `<!doctype html><html lang="en"><head><title>A content page</title></head><body><h1>Shipping</h1>${body}</body></html>`;
  frames.push(frame);
  const loaded = new Promise((resolve) => (frame.onload = resolve));
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as PageWindow;
}

const launchers = (win: Window) => [...win.document.querySelectorAll('sa-launcher')];
const harnessIn = (win: Window) => new LauncherHarness(win.document.querySelector('sa-launcher') as HTMLElement);

describe('the launcher from the CDN script', () => {
  beforeEach(resetEmulator);
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('data-launcher adds one <sa-launcher> to a page that has none, and a second copy adds no other', async () => {
    const win = await page(`<p>Text.</p>${script('data-launcher')}`);
    await waitUntil(() => launchers(win).length === 1, 'the launcher added');
    const harness = harnessIn(win);
    await waitUntil(() => harness.button, 'the launcher button');
    expect(harness.label).to.equal('Open chat');

    const again = win.document.createElement('script');
    again.src = '/dist/siteassist-elements.js?copy=2';
    again.dataset.apiKey = apiKey;
    again.dataset.launcher = '';
    const loaded = new Promise((resolve) => (again.onload = resolve));
    win.document.head.append(again);
    await loaded;
    await aTimeout(50);
    expect(launchers(win)).to.have.length(1);
    expect((await requests()).map((r) => `${r.method} ${r.path}`), 'before opening, only the project').to.deep.equal(['GET /projects/current']);
  });

  it('a page that has its own <sa-launcher> keeps it as the only one', async () => {
    const win = await page(`<sa-launcher id="mine" position="bottom-left"></sa-launcher>${script('data-launcher')}`);
    await waitUntil(() => harnessIn(win).button, 'the launcher');
    expect(launchers(win).map((el) => el.id)).to.deep.equal(['mine']);
  });

  it('runs the calls the SiteAssist stub queued: init creates the launcher, open puts the text in the composer', async () => {
    const win = await page(`<script>${stub} SiteAssist('init', {apiKey: '${apiKey}', apiUrl: '${apiUrl}', theme: 'dark'});
      SiteAssist('open', {message: 'Do you ship to Norway?'});</script>${script().replace(/data-api-\w+="[^"]*"/g, '')}`);
    await waitUntil(() => launchers(win).length === 1, 'the launcher from init');
    const harness = harnessIn(win);
    expect(harness.el.getAttribute('theme')).to.equal('dark');
    await waitUntil(() => harness.isOpen && harness.input?.value === 'Do you ship to Norway?', 'opened with the message');
    expect(await requests('POST', /messages$/), 'not sent').to.have.length(0);
    expect(harness.conversation.getAttribute('theme'), 'the theme reaches the panel').to.equal('dark');

    win.SiteAssist('close');
    await waitUntil(() => !harness.isOpen, 'SiteAssist("close")');
    win.SiteAssist('toggle');
    await waitUntil(() => harness.isOpen, 'SiteAssist("toggle")');
  });

  it('a queued SiteAssist("open") finds the launcher data-launcher adds', async () => {
    const win = await page(`<script>${stub} SiteAssist('open');</script>${script('data-launcher')}`);
    await waitUntil(() => launchers(win).length === 1 && harnessIn(win).isOpen, 'opened by the queued call');
  });

  it('on a phone, the open panel fills the viewport and the page does not scroll behind it', async () => {
    const win = await page(`${'<p>Long text.</p>'.repeat(80)}${script('data-launcher')}`, {width: 375, height: 667});
    await waitUntil(() => launchers(win).length === 1 && harnessIn(win).button, 'the launcher');
    const harness = harnessIn(win);
    harness.button.click();
    await waitUntil(() => harness.isOpen, 'opened');
    const box = harness.panel!.getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 375, 667]);
    expect(win.getComputedStyle(win.document.documentElement).overflow).to.equal('hidden');
    expect(harness.button.getBoundingClientRect().width, 'the button hides under the panel').to.equal(0);
    (harness.el as unknown as {close(): void}).close();
    await waitUntil(() => !harness.isOpen, 'closed');
    expect(win.document.documentElement.style.overflow, 'the page scrolls again').to.equal('');
  });

  it('a #sa-chat link and a [data-sa-open] element open the panel without page script', async () => {
    const win = await page(`<p><a href="#sa-chat">Chat with us</a> <button type="button" data-sa-open>Help</button></p>${script('data-launcher')}`);
    await waitUntil(() => launchers(win).length === 1 && harnessIn(win).button, 'the launcher');
    const harness = harnessIn(win);
    win.document.querySelector<HTMLAnchorElement>('a[href="#sa-chat"]')!.click();
    await waitUntil(() => harness.isOpen, 'opened by the link');
    expect(win.location.hash, 'the link does not navigate').to.equal('');
    (harness.el as unknown as {close(): void}).close();
    await waitUntil(() => !harness.isOpen, 'closed');
    win.document.querySelector<HTMLButtonElement>('[data-sa-open]')!.click();
    await waitUntil(() => harness.isOpen, 'opened by data-sa-open');
  });
});
