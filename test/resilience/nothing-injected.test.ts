/**
 * Issue 6, "Nothing injected": the XSS corpus of the markdown tests, sent through every channel
 * the server fills — visitor messages and the titles made from them, agent names and messages,
 * assistant replies with citations and link actions, the project's name, display name and
 * welcome — is rendered inert: no script runs, no handler attribute or unsafe URL reaches the DOM.
 */
import {aTimeout, expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/sa-conversation.js';
import '../../src/sa-conversation-list.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {storedToken} from '../../src/api/visitor-storage.js';
import {apiKey, apiUrl, control, resetEmulator} from '../helpers/emulator.js';
import {xss} from '../helpers/xss-payloads.js';
import {$, allElements, text} from './page.js';
import {waitUntil} from '../helpers/dom.js';

const UNSAFE_TAGS = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'MATH']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster', 'background']);
const HOSTILE_URLS = ['javascript:window.__xss=1', ' JaVaScRiPt:window.__xss=1', 'java\tscript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>', 'vbscript:msgbox(1)', '&#106;avascript:window.__xss=1', '//evil.example/x'];

/** Fails on anything that could run: unsafe elements, handler attributes, URLs other than http(s)/mailto. */
function expectInert(root: Element): void {
  for (const element of allElements(root.shadowRoot!)) {
    expect(UNSAFE_TAGS.has(element.tagName), `<${element.tagName.toLowerCase()}> in the DOM`).to.equal(false);
    // Our own icons are the only SVG; they are decorative.
    if (element.tagName === 'svg') expect(element.getAttribute('aria-hidden')).to.equal('true');
    for (const {name, value} of element.attributes) {
      expect(name.startsWith('on'), `${name} on <${element.tagName.toLowerCase()}>`).to.equal(false);
      if (URL_ATTRIBUTES.has(name)) expect(value, `${name}=${value}`).to.match(/^(?:https?:\/\/|mailto:)/);
    }
  }
}

async function expectNothingRan(): Promise<void> {
  await aTimeout(50);
  expect(window.__xss).to.equal(undefined);
}

describe('resilience: nothing injected', () => {
  beforeEach(async () => {
    await resetEmulator();
    await control('/settings', {rateLimit: null, paceMs: 0});
  });
  afterEach(() => delete window.__xss);

  it(`${xss.length} payloads as visitor messages, titles, agent names, agent messages, replies with citations and link actions`, async function () {
    this.timeout(120_000);
    const client = new SiteAssistClient({apiUrl, apiKey});
    const ids: string[] = [];
    for (const [index, payload] of xss.entries()) {
      const {id} = await client.createConversation(null);
      ids.push(id);
      await client.sendMessage(id, {content: payload, pageContext: null});
      const url = HOSTILE_URLS[index % HOSTILE_URLS.length];
      await control(`/conversations/${id}/assistant-messages`, {
        content: `${payload}\n\nSee [${payload.replace(/[[\]]/g, '')}][1] and [2].\n\n[1]: ${url} "${payload.replace(/"/g, '')}"\n[2]: <https://ok.example/${index}> "${payload.replace(/"/g, '')}"\n`,
        linkAction: {buttonLabel: payload, href: index % 2 ? url : 'https://ok.example/'},
      });
      await control(`/conversations/${id}/agent-messages`, {content: payload});
      await control(`/conversations/${id}/handoff`, {agentName: payload, agentImage: url});
    }

    const list = await fixture<SaConversationList>(html`<sa-conversation-list api-key=${apiKey} api-url=${apiUrl} limit="100"></sa-conversation-list>`);
    await waitUntil(() => list.shadowRoot!.querySelectorAll('[part~="item"]').length === xss.length, 'expected every conversation');
    expectInert(list);
    await expectNothingRan();

    const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);
    for (const [index, id] of ids.entries()) {
      const loaded = oneEvent(el, 'sa-conversation-load');
      el.conversationId = id;
      await loaded;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[role="log"] [part~="message"]').length, `conversation ${index}`).to.equal(4);
      // The visitor's words are shown as typed, as text.
      expect(text($(el, '[part~="user"] [part~="bubble"]'))).to.equal(xss[index].replace(/\s+/g, ' ').trim());
      expectInert(el);
    }
    await expectNothingRan();
  });

  for (const [index, payload] of xss.entries()) {
    it(`project name, display name and welcome message: ${JSON.stringify(payload)}`, async () => {
      await control('/project', {apiKey, name: payload, chatWidgetConfig: {welcomeMessage: payload, displayName: index % 2 ? payload : null, inputPlaceholder: payload}});
      // A client of its own: the shared one keeps the project it read for 30 s.
      const el = await fixture<SaConversation>(html`<sa-conversation .client=${new SiteAssistClient({apiUrl, apiKey})}></sa-conversation>`);
      await waitUntil(() => text($(el, '[part~="title"]')) !== '' && !$(el, '[part~="welcome"] [role="status"]'), 'expected the project');
      expect(text($(el, '[part~="title"]'))).to.equal(payload.replace(/\s+/g, ' ').trim());
      expectInert(el);
      await expectNothingRan();
    });
  }

  it('the session token is in no URL, event detail, console line or storage key but its own', async () => {
    const seen: string[] = [];
    const log = (...args: unknown[]) => seen.push(args.map(String).join(' '));
    const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = consoleMethods.map((name) => console[name]);
    consoleMethods.forEach((name) => (console[name] = log));
    const urls: string[] = [];
    const originalFetch = window.fetch;
    window.fetch = (input, init) => (urls.push(String(input)), originalFetch(input, init));
    const details: unknown[] = [];
    const onEvent = (event: Event) => details.push((event as CustomEvent).detail);
    const events = ['sa-conversation-created', 'sa-conversation-load', 'sa-message-sent', 'sa-message-received', 'sa-error', 'sa-conversation-select'];
    events.forEach((type) => document.addEventListener(type, onEvent));
    try {
      const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);
      await waitUntil(() => $(el, 'textarea'));
      const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
      textarea.value = 'Where is my token?';
      textarea.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      $<HTMLButtonElement>(el, '[part~="send-button"]')!.click();
      await waitUntil(() => text($(el, '[role="log"] [part~="assistant"]')).includes('Thanks for asking'), 'expected the reply');
      // An error path too: its detail and message must not carry the token either.
      // The fault names the conversation opened next: the re-read of the one just answered, which may
      // still be on its way, must not be the request that takes it.
      const other = '00000000-0000-4000-8000-000000000000';
      await control('/faults', {method: 'GET', path: `^/conversations/${other}`, code: 'FORBIDDEN'});
      el.conversationId = other;
      await waitUntil(() => details.some((d) => (d as {code?: string}).code === 'FORBIDDEN'), 'expected sa-error');
    } finally {
      consoleMethods.forEach((name, i) => (console[name] = originals[i]));
      window.fetch = originalFetch;
      events.forEach((type) => document.removeEventListener(type, onEvent));
    }
    const token = storedToken(apiKey)!;
    expect(token).to.be.a('string').and.have.length.greaterThan(8);
    expect(urls.filter((url) => url.includes(token))).to.deep.equal([]);
    expect(JSON.stringify(details)).not.to.contain(token);
    expect(seen.filter((line) => line.includes(token))).to.deep.equal([]);
    const holders = Object.keys(localStorage).filter((key) => localStorage.getItem(key)!.includes(token));
    expect(holders).to.have.length(1);
    expect(holders[0]).to.contain(apiKey);
    expect(Object.keys(sessionStorage).filter((key) => sessionStorage.getItem(key)!.includes(token))).to.deep.equal([]);
    expect(document.cookie).not.to.contain(token);
  });
});
