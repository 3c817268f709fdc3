/**
 * Issue 6, "Nothing lost": offline sends, repeated clicks and broken or missing answers never lose
 * the visitor's message, never post it twice, and always end in a clear state.
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {en} from '../../src/internal/strings.js';
import {apiKey, apiUrl, injectFault, requests, resetEmulator, type Fault} from '../helpers/emulator.js';
import {$, part, text} from './page.js';
import {waitUntil} from '../helpers/dom.js';

/** The same visitor through a client of its own: what the server holds, unseen by the elements. */
const server = () => new SiteAssistClient({apiUrl, apiKey});
const userMessages = async (id: string, content: string) =>
  (await server().getConversation(id)).messages.filter((m) => m.role === 'user' && m.parts.some((p) => p.type === 'text' && p.text === content));

const element = (id?: string) =>
  fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${id ?? ''}></sa-conversation>`);
const idle = (el: SaConversation) => $(el, '.messages')?.getAttribute('aria-busy') === 'false';
const alertText = (el: SaConversation) => text($(el, '[role="alert"]'));

async function type(el: SaConversation, content: string): Promise<void> {
  await waitUntil(() => $<HTMLTextAreaElement>(el, 'textarea') && !$<HTMLTextAreaElement>(el, 'textarea')!.disabled, 'expected the composer');
  const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
  textarea.value = content;
  textarea.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}
const pressEnter = (el: SaConversation) =>
  $(el, 'textarea')!.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, composed: true, cancelable: true}));
/** The stored reply, re-read after the stream (it quotes the visitor's message). */
const replied = (el: SaConversation) =>
  waitUntil(() => text($(el, '[role="log"] [part~="assistant"]')).includes('Thanks for asking') && idle(el), 'expected the reply');

async function openConversation(): Promise<{el: SaConversation; id: string}> {
  const {id} = await server().createConversation(null);
  const el = await element(id);
  await waitUntil(() => $(el, '[role="log"]') && idle(el), 'expected the conversation');
  return {el, id};
}

describe('resilience: nothing lost', () => {
  beforeEach(resetEmulator);

  describe('offline', () => {
    it('keeps a message that could not leave, and sends it once when the browser is back online', async () => {
      const {el, id} = await openConversation();
      // A server cannot take the browser offline: fetch fails as it does without a network.
      const online = window.fetch;
      window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
      await type(el, 'Are you still there?');
      pressEnter(el);
      await waitUntil(() => alertText(el), 'expected the offline message', {timeout: 3000});
      expect(alertText(el)).to.equal(en.errors.NETWORK_ERROR);
      expect(text(part(el, 'failed'))).to.contain('Are you still there?');
      expect(text(part(el, 'failed'))).to.contain(en.notSent);
      await expect(el).to.be.accessible();

      window.fetch = online;
      window.dispatchEvent(new Event('online'));
      await replied(el);
      expect(await userMessages(id, 'Are you still there?')).to.have.length(1);
      expect(part(el, 'failed')).to.equal(null);
    });
  });

  describe('no duplicates', () => {
    it('a double submit and clicks while the conversation is being created make one conversation and one message', async () => {
      const el = await element();
      await injectFault({method: 'POST', path: '^/conversations$', delayMs: 400});
      await type(el, 'Hello twice');
      pressEnter(el);
      pressEnter(el);
      await el.updateComplete;
      for (let i = 0; i < 3; i++) {
        part(el, 'send-button')?.click();
        pressEnter(el);
      }
      await replied(el);
      expect(await requests('POST', '/conversations')).to.have.length(1);
      expect(await requests('POST', /\/messages$/)).to.have.length(1);
      expect(await userMessages(el.conversationId!, 'Hello twice')).to.have.length(1);
    });

    it('clicks on Send while a message is on its way post it once', async () => {
      const {el, id} = await openConversation();
      await injectFault({method: 'POST', path: '/messages$', delayMs: 400});
      await type(el, 'Only once');
      pressEnter(el);
      await type(el, 'Only once');
      for (let i = 0; i < 3; i++) pressEnter(el);
      await replied(el);
      expect(await userMessages(id, 'Only once')).to.have.length(1);
    });
  });

  describe('broken answers end in a clear state', () => {
    const broken: [string, Fault['body'], number | undefined][] = [
      ['malformed JSON', 'malformed-json', undefined],
      ['an HTML error page from a proxy', 'html', 502],
      ['an HTML page with 200', 'html', undefined],
      ['an empty body', 'empty', undefined],
      ['an empty error body', 'empty', 500],
      ['a 10 MB body', 'huge', undefined],
      ['a 10 MB error body', 'huge', 500],
    ];
    for (const [name, body, status] of broken) {
      it(`loading a conversation answered with ${name}: an alert with Try again, which recovers`, async () => {
        const {id} = await server().createConversation(null);
        // Reads are tried three times on a 502.
        await injectFault({method: 'GET', path: `^/conversations/${id}$`, body, status, count: status === 502 ? 3 : 1});
        const el = await element(id);
        await waitUntil(() => alertText(el), 'expected an error, not an endless spinner');
        expect(idle(el)).to.equal(true);
        await expect(el).to.be.accessible();
        $<HTMLButtonElement>(el, '[role="alert"] button')!.click();
        await waitUntil(() => $(el, '[role="log"]') && idle(el), 'expected the conversation after Try again');
      });

      it(`a send answered with ${name}: the message is kept with Try again, never sent twice`, async () => {
        const {el, id} = await openConversation();
        await injectFault({method: 'POST', path: '/messages$', body, status});
        await type(el, 'Broken answer');
        pressEnter(el);
        await waitUntil(() => alertText(el), 'expected an error, not an endless spinner');
        expect(part(el, 'stop-button')).to.equal(null);
        $<HTMLButtonElement>(el, '[part="error"] button')!.click();
        await replied(el);
        expect(await userMessages(id, 'Broken answer')).to.have.length(1);
      });
    }
  });

  describe('answers that never come', () => {
    let signals: {url: string; signal: AbortSignal}[];
    const originalFetch = window.fetch;
    beforeEach(() => {
      signals = [];
      // Observes (does not replace) every request, to see that the element lets go of it.
      window.fetch = (input, init) => {
        if (init?.signal) signals.push({url: String(input), signal: init.signal});
        return originalFetch(input, init);
      };
    });
    afterEach(() => (window.fetch = originalFetch));

    it('are aborted when the element is removed, with no error shown or reported', async () => {
      const {id} = await server().createConversation(null);
      await injectFault({method: 'GET', path: `^/conversations/${id}$`, hang: true});
      const errors: Event[] = [];
      document.addEventListener('sa-error', (event) => errors.push(event));
      const el = await element(id);
      await waitUntil(() => signals.some((s) => s.url.endsWith(id)), 'expected the read');
      el.remove();
      await waitUntil(() => signals.filter((s) => s.url.endsWith(id)).every((s) => s.signal.aborted), 'expected the read aborted');
      expect(errors).to.have.length(0);
    });

    it('are aborted when the conversation changes, and the new one shows', async () => {
      const {id: hanging} = await server().createConversation(null);
      const {id: other} = await server().createConversation(null);
      await injectFault({method: 'GET', path: `^/conversations/${hanging}$`, hang: true});
      const el = await element(hanging);
      await waitUntil(() => signals.some((s) => s.url.endsWith(hanging)), 'expected the read');
      expect(idle(el)).to.equal(false);
      el.conversationId = other;
      await waitUntil(() => $(el, '[role="log"]') && idle(el), 'expected the other conversation');
      expect(signals.filter((s) => s.url.endsWith(hanging)).every((s) => s.signal.aborted)).to.equal(true);
      expect($(el, '[role="alert"]')).to.equal(null);
    });
  });
});
