import {expect, fixture, fixtureCleanup, html, oneEvent} from '@open-wc/testing';
import {nothing} from 'lit';
import '../../src/sa-conversation.js';
import '../../src/sa-launcher.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import type {SaLauncher} from '../../src/components/launcher/launcher.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {storeDraft} from '../../src/api/visitor-storage.js';
import {en} from '../../src/internal/strings.js';
import {textOf} from '../../src/components/conversation/turn.js';
import {ConversationHarness} from '../helpers/conversation-harness.js';
import {part, text, typeText, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, injectFault, requests, resetEmulator, seed} from '../helpers/emulator.js';
import {LauncherHarness} from '../helpers/launcher-harness.js';

/**
 * The visitor's unsent words outlive the element: a page change, a reload, or a single-page app
 * making the element again brings them back into the message box (kept in sessionStorage).
 */

/** A new element, as on the next page: removed first, so nothing of the last one is reused. */
async function element(conversationId?: string): Promise<ConversationHarness> {
  fixtureCleanup();
  const el = await fixture<SaConversation>(
    html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationId ?? nothing}></sa-conversation>`
  );
  const harness = new ConversationHarness(el);
  if (conversationId) await harness.waitForLoaded();
  await waitUntil(() => !harness.input.disabled, 'the composer');
  return harness;
}

/** Shows another conversation in the same element, as a list beside it does. */
async function switchTo(harness: ConversationHarness, id: string): Promise<void> {
  const el = harness.element as SaConversation;
  el.conversationId = id;
  await el.updateComplete;
  await harness.waitForLoaded();
  await waitUntil(() => !harness.input.disabled, 'the composer');
}

async function type(harness: ConversationHarness, words: string): Promise<void> {
  harness.input.focus();
  await typeText(words);
  await waitUntil(() => harness.input.value === words, `expected "${words}" in the box`);
}

const sendButton = (harness: ConversationHarness) => part<HTMLButtonElement>(harness.element, 'send-button')!;
/** The failed message's button (Try again, Dismiss) under the conversation. */
const failedButton = (harness: ConversationHarness, label: string) =>
  [...part(harness.element, 'error')!.querySelectorAll('button')].find((button) => text(button) === label)!;
const failed = (harness: ConversationHarness) => waitUntil(() => part(harness.element, 'error'), 'expected the send to fail');
/** The server took the send (and holds it: a `hang` fault). */
const held = () => waitUntil(async () => (await requests('POST', /\/messages$/)).length === 1, 'the send held by the server');
/** The same visitor through a client of its own, as the server sees it. */
const userMessages = async (id: string, content: string) =>
  (await new SiteAssistClient({apiUrl, apiKey}).getConversation(id)).messages.filter((m) => m.role === 'user' && textOf(m) === content);

describe('<sa-conversation> draft', () => {
  beforeEach(resetEmulator);
  afterEach(() => fixtureCleanup());

  it('comes back in the box of a new element for the same conversation, ready to send', async () => {
    const {conversationIds: [id]} = await seed(1);
    await type(await element(id), 'Half a question');

    const next = await element(id);
    expect(next.input.value).to.equal('Half a question');
    expect(sendButton(next).disabled).to.equal(false);
    const welcome = await element();
    expect(welcome.input.value, 'the welcome screen has a draft of its own').to.equal('');
  });

  it('is forgotten once sent; words typed after it are kept for the conversation it started', async () => {
    const first = await element();
    await type(first, 'What are your opening hours?');
    const created = oneEvent(first.element, 'sa-conversation-created');
    sendButton(first).click();
    const {conversation} = (await created).detail;
    await waitUntil(() => first.replied(), 'expected the reply');
    expect(first.input.value).to.equal('');
    await type(first, 'And on Sundays?');

    const again = await element(conversation.id);
    expect(again.input.value).to.equal('And on Sundays?');
    const welcome = await element();
    expect(welcome.input.value, 'the sent message is not back on the welcome screen').to.equal('');
    expect(sendButton(welcome).disabled).to.equal(true);
  });

  it('typed while the first message starts a conversation, moves to that conversation', async () => {
    await injectFault({method: 'POST', path: '/conversations', delayMs: 1000});
    const first = await element();
    await type(first, 'Do you ship abroad?');
    const created = oneEvent(first.element, 'sa-conversation-created');
    sendButton(first).click();
    await waitUntil(() => first.input.value === '', 'the message sent from the box');
    expect((first.element as SaConversation).conversationId, 'the conversation not created yet').to.equal(undefined);
    first.input.value = 'To Norway';
    first.input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    const {conversation} = (await created).detail;
    await waitUntil(() => first.replied(), 'expected the reply');
    expect(first.input.value).to.equal('To Norway');

    expect((await element(conversation.id)).input.value).to.equal('To Norway');
    expect((await element()).input.value, 'the welcome screen has none left').to.equal('');
  });

  it('a message that failed to send comes back in the box of the next element, and goes once sent', async () => {
    const {conversationIds: [id]} = await seed(1);
    await injectFault({method: 'POST', path: '/messages$', code: 'INTERNAL_SERVER_ERROR', count: 2});
    const first = await element(id);
    await first.submit('Are you open on Sunday?');
    await failed(first);

    const next = await element(id);
    expect(next.input.value, 'the failed message, back in the box').to.equal('Are you open on Sunday?');
    const shown = next.messages().length;
    sendButton(next).click();
    await failed(next);
    failedButton(next, en.retry).click();
    await waitUntil(() => next.messages().length === shown + 2 && next.replied() && next.loaded(), 'expected the reply');
    expect(next.input.value).to.equal('');
    expect((await element(id)).input.value, 'sent: not kept any more').to.equal('');
    expect(await userMessages(id, 'Are you open on Sunday?')).to.have.length(1);
  });

  it('a failed message and words typed after it both come back; Dismiss forgets only the message', async () => {
    const {conversationIds: [id]} = await seed(1);
    await injectFault({method: 'POST', path: '/messages$', code: 'INTERNAL_SERVER_ERROR', count: 2});
    const first = await element(id);
    await first.submit('Can I pay by invoice?');
    await failed(first);
    await type(first, 'Or by card');

    const next = await element(id);
    expect(next.input.value).to.equal('Can I pay by invoice?\n\nOr by card');
    await next.submit('Can I pay by invoice?');
    await failed(next);
    await type(next, 'By card, then');
    failedButton(next, en.dismiss).click();
    await waitUntil(() => !part(next.element, 'error'), 'the failed message dismissed');
    expect((await element(id)).input.value, 'the words in the box stay').to.equal('By card, then');
  });

  it('a first message that failed to start a conversation comes back on the welcome screen', async () => {
    await injectFault({method: 'POST', path: '^/conversations$', code: 'INTERNAL_SERVER_ERROR'});
    const first = await element();
    await first.submit('Hello there');
    await failed(first);
    expect((await element()).input.value).to.equal('Hello there');
  });

  it('a first message whose send failed after it started a conversation comes back in that conversation', async () => {
    await injectFault({method: 'POST', path: '/messages$', code: 'INTERNAL_SERVER_ERROR'});
    const first = await element();
    const created = oneEvent(first.element, 'sa-conversation-created');
    await first.submit('Do you deliver on Saturdays?');
    const {conversation} = (await created).detail;
    await failed(first);

    expect((await element(conversation.id)).input.value).to.equal('Do you deliver on Saturdays?');
    expect((await element()).input.value, 'not on the welcome screen too').to.equal('');
  });

  it('is not restored when the server has it as the visitor\'s last message (the page left before it heard)', async () => {
    const {conversationIds: [id]} = await seed(1);
    // The page is left while its send is held; the server has the message all the same (stored here
    // by another client, as a server that took the request and never answered): the draft still kept.
    await injectFault({method: 'POST', path: '/messages$', hang: true});
    const first = await element(id);
    await first.submit('Did it arrive?');
    await held();
    fixtureCleanup();
    await new SiteAssistClient({apiUrl, apiKey}).sendMessage(id, {content: 'Did it arrive?'});
    expect((await element(id)).input.value).to.equal('');
  });

  it('keeps the visitor\'s last message typed again', async () => {
    const {conversationIds: [id]} = await seed(1);
    const first = await element(id);
    await first.submit('Thank you');
    await waitUntil(() => first.replied() && first.loaded(), 'expected the reply');
    await type(first, 'Thank you');
    expect((await element(id)).input.value).to.equal('Thank you');
  });

  /**
   * Sends `content` from conversation `from` and switches to `to` while the send is held; the server
   * has the message all the same (stored by another client, as a server that took the request).
   */
  async function sendAndSwitch(harness: ConversationHarness, from: string, to: string, content: string, typedAfter?: string) {
    await injectFault({method: 'POST', path: '/messages$', hang: true});
    await harness.submit(content);
    await held();
    if (typedAfter) await type(harness, typedAfter);
    await switchTo(harness, to);
    await new SiteAssistClient({apiUrl, apiKey}).sendMessage(from, {content});
  }

  it('a message on its way when the visitor switches away is not back once the server has it', async () => {
    const {conversationIds: [a, b]} = await seed(2);
    const harness = await element(a);
    await sendAndSwitch(harness, a, b, 'Is it in stock?');
    // The same visitor writes in another tab: the message left behind is not the last one any more.
    await new SiteAssistClient({apiUrl, apiKey}).sendMessage(a, {content: 'From another tab'});

    await switchTo(harness, a);
    expect(harness.input.value).to.equal('');
    expect((await element(a)).input.value, 'nor on the next page').to.equal('');
  });

  it('words typed after a message on its way come back without it', async () => {
    const {conversationIds: [a, b]} = await seed(2);
    const harness = await element(a);
    await sendAndSwitch(harness, a, b, 'Is it in stock?', 'And in blue?');

    await switchTo(harness, a);
    expect(harness.input.value).to.equal('And in blue?');
    expect((await element(a)).input.value, 'and on the next page').to.equal('And in blue?');
  });

  it('is kept per conversation when the visitor switches between them', async () => {
    const {conversationIds: [a, b]} = await seed(2);
    const harness = await element(a);
    await type(harness, 'About the first');

    await switchTo(harness, b);
    expect(harness.input.value, 'the other conversation has no draft').to.equal('');
    await type(harness, 'About the second');

    await switchTo(harness, a);
    expect(harness.input.value).to.equal('About the first');
    expect((await element(b)).input.value).to.equal('About the second');
  });

  it('comes back when the launcher reopens on the next page', async () => {
    const install = async () => {
      fixtureCleanup();
      const client = new SiteAssistClient({apiUrl, apiKey});
      return new LauncherHarness(await fixture<SaLauncher>(html`<sa-launcher .client=${client}></sa-launcher>`));
    };
    let launcher = await install();
    await launcher.clickButton();
    await launcher.waitForComposerFocus();
    await typeText('Do you ship to');
    await waitUntil(() => launcher.input?.value === 'Do you ship to', 'the words in the box');

    launcher = await install();
    await waitUntil(() => launcher.isOpen, 'open again on the next page');
    await waitUntil(() => launcher.input?.value === 'Do you ship to', 'expected the words back in the box');
  });

  describe('height', () => {
    const height = (harness: ConversationHarness) => harness.input.getBoundingClientRect().height;

    it('a restored, set or emptied box is as tall as its text, in every engine', async () => {
      const {conversationIds: [id]} = await seed(1);
      const oneLine = height(await element(id));
      storeDraft(apiKey, id, 'One\nTwo\nThree');
      const restored = await element(id);
      await waitUntil(() => height(restored) > oneLine * 1.5, `expected the restored box taller than ${oneLine}px, not ${height(restored)}px`);
      expect(restored.input.scrollHeight, 'all of its lines in view').to.equal(restored.input.clientHeight);

      (restored.element as SaConversation).focusComposer('');
      await waitUntil(() => height(restored) === oneLine, 'expected one row for an empty box');
      (restored.element as SaConversation).focusComposer('A\nB\nC\nD');
      await waitUntil(() => height(restored) > oneLine * 1.5, 'expected the host\'s text to size the box');
      sendButton(restored).click();
      await waitUntil(() => restored.input.value === '' && height(restored) === oneLine, 'expected one row once sent');
    });
  });

  it('still lets the visitor type when storage refuses to keep it, and this page keeps it', async () => {
    const setItem = Storage.prototype.setItem;
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => errors.push('error' in event ? event.error : event.reason);
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onError);
    // A full sessionStorage; the visitor's id and session in localStorage are stored as usual.
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (this === sessionStorage) throw new DOMException('full', 'QuotaExceededError');
      setItem.call(this, key, value);
    };
    try {
      const harness = await element();
      await type(harness, 'Still typing');
      expect(sendButton(harness).disabled).to.equal(false);
      expect((await element()).input.value, 'an in-memory copy for this page').to.equal('Still typing');
      expect(sessionStorage.length).to.equal(0);
      expect(errors).to.deep.equal([]);
    } finally {
      Storage.prototype.setItem = setItem;
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onError);
    }
  });

  it('never writes a session token the host handed over into storage', async () => {
    // A token minted elsewhere, as a host's server would hand it over; nothing of it left in storage.
    await new SiteAssistClient({apiUrl, apiKey}).session();
    const token = localStorage.getItem(`sa_token_${apiKey}`)!;
    localStorage.clear();
    fixtureCleanup();
    const harness = new ConversationHarness(await fixture<SaConversation>(html`<sa-conversation token=${token} api-url=${apiUrl}></sa-conversation>`));
    await waitUntil(() => !harness.input.disabled, 'the composer');
    await type(harness, 'Kept for this element only');
    const entries = [sessionStorage, localStorage].flatMap((area) => Object.keys(area).map((key) => `${key}=${area.getItem(key)}`));
    expect(entries.filter((entry) => entry.includes(token)), 'entries holding the token').to.deep.equal([]);
  });
});
