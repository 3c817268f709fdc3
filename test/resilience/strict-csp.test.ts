/**
 * Issue 6, strict Content-Security-Policy: the CDN bundle from a classic script on a page served with
 * `default-src 'none'; script-src 'self'; connect-src <emulator>; style-src 'self';
 * require-trusted-types-for 'script'` (web-test-runner.config.mjs) runs a whole chat with no violation.
 * The page is in an iframe: the policy applies inside it, this test's code runs outside.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {resetEmulator} from '../helpers/emulator.js';

type StrictWindow = Window & typeof globalThis & {violations: string[]};

const shadow = (el: Element | null, selector: string) => el?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function openStrictPage(): Promise<HTMLIFrameElement> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.src = '/test/csp/strict.html';
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
    const policy = (await fetch('/test/csp/strict.html')).headers.get('Content-Security-Policy');
    expect(policy).to.match(/^default-src 'none'; script-src 'self'; connect-src http:\/\/127\.0\.0\.1:\d+ ws:\/\/127\.0\.0\.1:\d+; style-src 'self'; require-trusted-types-for 'script'$/);
    expect(page.trustedTypes, 'Trusted Types').to.exist;
    const probe = page.document.createElement('div');
    expect(() => (probe.innerHTML = '<b>plain string</b>')).to.throw(/TrustedHTML/);
    await waitUntil(() => page.violations.length === 1, 'the blocked sink is recorded as a violation');
    expect(page.violations[0]).to.match(/^require-trusted-types-for/);
    page.violations.length = 0;
  });

  it('runs a whole chat with the streamed reply rendered and no violation', async () => {
    const doc = page.document;
    const [start, list, chat] = ['sa-start-button', 'sa-conversation-list', 'sa-conversation'].map((tag) => doc.querySelector(tag));
    for (const tag of ['sa-conversation-list', 'sa-conversation', 'sa-start-button']) {
      expect(page.customElements.get(tag), tag).to.be.a('function');
    }
    await waitUntil(() => text(shadow(chat, '[part~="welcome"]')) !== '', 'the welcome message from the project');

    shadow(start, '[part~="button"]')!.click();
    await waitUntil(() => chat!.getAttribute('conversation-id') || (chat as unknown as {conversationId?: string}).conversationId, 'the new conversation opens');
    const input = shadow(chat, 'textarea') as HTMLTextAreaElement;
    await waitUntil(() => input && !input.disabled, 'the composer');
    input.value = 'Where is my **order**?';
    input.dispatchEvent(new page.Event('input', {bubbles: true, composed: true}));
    await waitUntil(() => !(shadow(chat, '[part~="send-button"]') as HTMLButtonElement)?.disabled, 'send enabled');
    shadow(chat, '[part~="send-button"]')!.click();

    await waitUntil(() => shadow(chat, '[part~="feedback-button"]'), 'the finished reply', {timeout: 5000});
    const reply = shadow(chat, '[part~="message"][part~="assistant"]')!;
    expect(reply.querySelector('pre code'), 'the reply\'s code block').to.exist;
    expect(reply.querySelector('a[part~="citation"]'), 'the reply\'s citation').to.exist;
    await waitUntil(() => text(shadow(list, '[part~="title"]')).startsWith('Where is my order'), 'the list shows the new title');
    // The elements' own style sheets apply under style-src 'self' (constructed, not inline <style>).
    expect(page.getComputedStyle(shadow(start, '[part~="button"]')!).cursor).to.equal('pointer');
    expect(page.violations).to.deep.equal([]);
  });
});
