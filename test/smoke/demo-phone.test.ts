import {expect, fixture, html} from '@open-wc/testing';
import {apiUrl, resetEmulator} from '../helpers/emulator.js';
import {shadow} from '../helpers/cdn-page.js';
import {waitUntil} from '../helpers/dom.js';

/**
 * The main demo page (demo/index.html, with the built CDN script) on a 375 × 700 phone screen:
 * a visitor sees the message box without scrolling. Its API URL is pointed at the tests' emulator.
 */
describe('demo page on a phone', () => {
  beforeEach(resetEmulator);

  it('shows the message box within the first screen at 375 × 700', async () => {
    const page = (await (await fetch('/demo/index.html')).text())
      .replace('<head>', '<head><base href="/demo/">')
      .replace(/data-api-url="[^"]*"/, `data-api-url="${apiUrl}"`);
    const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width: 375px; height: 700px; border: 0" .srcdoc=${page}></iframe>`);
    // Measured as the visitor sees the page once it has loaded: its stylesheet applied and the welcome
    // screen shown (the project read), not while either is still on its way.
    const chat = () => frame.contentDocument?.querySelector('sa-conversation') ?? null;
    await waitUntil(() => frame.contentDocument?.readyState === 'complete' && shadow(chat(), '[part~="welcome"]')?.textContent?.trim(),
      'expected the loaded page and its welcome screen');
    const input = shadow(chat(), 'textarea')!;
    const box = input.getBoundingClientRect();
    expect(frame.contentWindow!.scrollY).to.equal(0);
    expect(box.top).to.be.at.least(0);
    expect(box.bottom).to.be.at.most(700);
  });
});
