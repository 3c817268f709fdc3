/**
 * Issue 6, strict Content-Security-Policy: the CDN bundle from a classic script on a page served with
 * `default-src 'none'; script-src 'self'; connect-src <emulator>; style-src 'self';
 * require-trusted-types-for 'script'` (web-test-runner.config.mjs) runs a whole chat with no violation.
 * The page is in an iframe: the policy applies inside it, this test's code runs outside.
 */
import {expect} from '@open-wc/testing';
import {runChat, shadow, tags} from '../helpers/cdn-page.js';
import {resetEmulator, testSession} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';

type StrictWindow = Window & typeof globalThis & {violations: string[]; trustedTypes?: object};

function openStrictPage(path = '/test/csp/strict.html'): Promise<HTMLIFrameElement> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.src = `${path}?session=${encodeURIComponent(testSession)}`;
    frame.onload = () => resolve(frame);
    frame.onerror = () => reject(new Error('the strict-CSP page did not load'));
    document.body.append(frame);
  });
}

describe('resilience: strict Content-Security-Policy', () => {
  let frame: HTMLIFrameElement;
  let page: StrictWindow;

  before(async () => {
    await resetEmulator();
    frame = await openStrictPage();
    page = frame.contentWindow as StrictWindow;
  });

  after(() => frame.remove());

  it('the page is served with the strict policy and the browser enforces it', async () => {
    const policy = (await fetch(frame.src)).headers.get('Content-Security-Policy');
    expect(policy).to.match(/^default-src 'none'; script-src 'self'; connect-src http:\/\/127\.0\.0\.1:\d+ ws:\/\/127\.0\.0\.1:\d+; style-src 'self'; require-trusted-types-for 'script'$/);
    expect(page.trustedTypes, 'Trusted Types').to.exist;
    const probe = page.document.createElement('div');
    // Each engine words the error its own way (and creates it in its own realm): what holds everywhere is
    // a TypeError and the untouched sink.
    expect(() => (probe.innerHTML = '<b>plain string</b>')).to.throw().with.property('name', 'TypeError');
    expect(probe.innerHTML).to.equal('');
    await waitUntil(() => page.violations.length === 1, 'the blocked sink is recorded as a violation');
    expect(page.violations[0]).to.match(/^require-trusted-types-for/);
    page.violations.length = 0;
  });

  it('runs a whole chat with the streamed reply rendered and no violation', async () => {
    const doc = page.document;
    const [list, chat, start] = tags.map((tag) => doc.querySelector(tag));
    for (const tag of tags) {
      expect(page.customElements.get(tag), tag).to.be.a('function');
    }
    await runChat([list, chat, start], page.Event);
    // The elements' own style sheets apply under style-src 'self' (constructed, not inline <style>).
    expect(page.getComputedStyle(shadow(start, '[part~="button"]')!).cursor).to.equal('pointer');
    expect(page.violations).to.deep.equal([]);
  });
});

describe('resilience: strict Content-Security-Policy with the highlighting add-on', () => {
  let frame: HTMLIFrameElement;
  let page: StrictWindow;

  before(async () => {
    await resetEmulator();
    frame = await openStrictPage('/test/csp/strict-highlight.html');
    page = frame.contentWindow as StrictWindow;
  });

  after(() => frame.remove());

  it('runs a whole chat with the reply\'s code highlighted and no violation', async () => {
    const policy = (await fetch(`/test/csp/strict-highlight.html?session=${encodeURIComponent(testSession)}`)).headers.get('Content-Security-Policy');
    expect(policy).to.match(/require-trusted-types-for 'script'$/);
    const doc = page.document;
    const [list, chat, start] = tags.map((tag) => doc.querySelector(tag));
    await runChat([list, chat, start], page.Event);
    const code = shadow(chat, '[part~="assistant"] pre code')!;
    await waitUntil(() => code.querySelector('span[class^="tok-"]'), 'highlighted tokens');
    // The token colours apply under style-src 'self': an adopted sheet, not inline styles.
    const tag = code.querySelector('.tok-tag')!;
    expect(page.getComputedStyle(tag).color).to.not.equal(page.getComputedStyle(code).color);
    expect(page.violations).to.deep.equal([]);
  });
});
