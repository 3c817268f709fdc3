/**
 * Issue 6, "Server errors": every documented error code, injected at the emulator, reaches the
 * visitor as visitor words and the host page as `sa-error {code, status}`.
 */
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../src/sa-conversation.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {en} from '../../src/internal/strings.js';
import {fakeIntervals} from '../helpers/clock.js';
import {apiKey, apiUrl, injectFault, requests, resetEmulator} from '../helpers/emulator.js';
import {$, part, text} from './page.js';
import {waitUntil} from '../helpers/dom.js';

const STATUS = {
  INVALID_REQUEST_BODY: 400, UNAUTHORIZED: 401, PAYMENT_REQUIRED: 402, FORBIDDEN: 403, CONVERSATION_NOT_FOUND: 404,
  CONFLICT: 409, VALIDATION_ERROR: 422, RATE_LIMIT_EXCEEDED: 429, INTERNAL_SERVER_ERROR: 500, BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;
/** Reads are tried three times on 429/502/503 (and a 401 once more after renewing the session): fail them all. */
const ATTEMPTS: Partial<Record<keyof typeof STATUS, number>> = {UNAUTHORIZED: 2, RATE_LIMIT_EXCEEDED: 3, BAD_GATEWAY: 3, SERVICE_UNAVAILABLE: 3};

async function conversationId(): Promise<string> {
  return (await new SiteAssistClient({apiUrl, apiKey}).createConversation(null)).id;
}

const opened = (id: string) =>
  fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${id}></sa-conversation>`);
const alertText = (el: SaConversation) => text($(el, '[role="alert"]'));
const loaded = (el: SaConversation) => waitUntil(() => $(el, '[role="log"]'), 'expected the conversation');

describe('resilience: server errors reach visitor and host', () => {
  beforeEach(resetEmulator);

  for (const [code, status] of Object.entries(STATUS) as [keyof typeof STATUS, number][]) {
    it(`${status} ${code}: "${en.errors[code]}" and sa-error {code: ${code}, status: ${status}}`, async () => {
      const id = await conversationId();
      await injectFault({method: 'GET', path: `^/conversations/${id}$`, code, count: ATTEMPTS[code] ?? 1});
      const errored = new Promise<CustomEvent>((resolve) => document.addEventListener('sa-error', resolve as EventListener, {once: true}));
      const el = await opened(id);
      const {detail} = await errored;
      expect([detail.code, detail.status]).to.deep.equal([code, status]);
      await waitUntil(() => alertText(el), 'expected the error');
      expect(alertText(el)).to.equal(`${en.errors[code]} ${en.retry}`);
      await expect(el).to.be.accessible();
    });
  }

  it('401 on an expired session: renews it once, silently, and shows the conversation', async () => {
    const id = await conversationId();
    await injectFault({method: 'GET', path: `^/conversations/${id}$`, code: 'UNAUTHORIZED'});
    const errors: Event[] = [];
    document.addEventListener('sa-error', (event) => errors.push(event));
    const el = await opened(id);
    await loaded(el);
    expect(errors).to.have.length(0);
    expect($(el, '[role="alert"]')).to.equal(null);
    expect(await requests('POST', '/identity/init')).to.have.length(2);
  });

  for (const [code, header] of [['SERVICE_UNAVAILABLE', true], ['RATE_LIMIT_EXCEEDED', false]] as const) {
    it(`${STATUS[code]} with ${header ? 'Retry-After' : 'only details.retryAfter'}: counts down and loads by itself`, async () => {
      const id = await conversationId();
      // Longer than the client sleeps through, so the element waits it out in view.
      await injectFault({method: 'GET', path: `^/conversations/${id}$`, code, retryAfter: 6, retryAfterHeader: header});
      const clock = fakeIntervals();
      try {
        const el = await opened(id);
        await waitUntil(() => /Trying again in 6 s/.test(alertText(el)), 'expected a countdown');
        expect(alertText(el)).to.contain(en.errors[code]);
        await expect(el).to.be.accessible();
        clock.tick(5_000);
        await el.updateComplete;
        expect(alertText(el)).to.contain('Trying again in 1 s');
        clock.tick(1_000);
        await loaded(el);
        expect($(el, '[role="alert"]')).to.equal(null);
      } finally {
        clock.restore();
      }
    });
  }

  for (const code of ['INTERNAL_SERVER_ERROR', 'BAD_GATEWAY'] as const) {
    it(`${STATUS[code]}: offers Try again, which loads the conversation`, async () => {
      const id = await conversationId();
      await injectFault({method: 'GET', path: `^/conversations/${id}$`, code, count: ATTEMPTS[code] ?? 1});
      const el = await opened(id);
      // Up to two backoffs of 0.5–1.5 s before the read gives up.
      await waitUntil(() => alertText(el), 'expected the error');
      const retry = $<HTMLButtonElement>(el, '[role="alert"] button')!;
      expect(text(retry)).to.equal(en.retry);
      retry.click();
      await loaded(el);
      expect(part(el, 'error')).to.equal(null);
    });
  }

  it('an error while sending reaches the host with code and status too', async () => {
    const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);
    await injectFault({method: 'POST', path: '^/conversations$', code: 'PAYMENT_REQUIRED'});
    await waitUntil(() => $(el, 'textarea'));
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.value = 'Hello';
    textarea.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const errored = oneEvent(el, 'sa-error');
    part(el, 'send-button')!.click();
    const {detail} = await errored;
    expect([detail.code, detail.status]).to.deep.equal(['PAYMENT_REQUIRED', 402]);
    await waitUntil(() => alertText(el) === en.errors.PAYMENT_REQUIRED, 'expected visitor words');
  });
});
