import {aTimeout, expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/sa-start-button.js';
import '../../src/sa-conversation-list.js';
import '../../src/sa-conversation.js';
import type {SaStartButton} from '../../src/components/start-button/start-button.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {en} from '../../src/internal/strings.js';
import {ConversationHarness} from '../helpers/conversation-harness.js';
import {ConversationListHarness} from '../helpers/conversation-list-harness.js';
import {focusWindow, text, typeText, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, injectFault, requests, resetEmulator} from '../helpers/emulator.js';
import {StartButtonHarness} from '../helpers/start-button-harness.js';

type ConversationTarget = HTMLElement & {conversationId?: string};

const harness = (el: Element) => new StartButtonHarness(el as HTMLElement);
const button = (el: Element) => harness(el).button;
const creates = () => requests('POST', '/conversations');
const startButton = (label = html``) =>
  fixture<SaStartButton>(html`<sa-start-button api-key=${apiKey} api-url=${apiUrl}>${label}</sa-start-button>`);

/** What the page's console receives at `level` from now until the test ends. */
let restoreConsole: Array<() => void> = [];
function watchConsole(level: 'warn' | 'error'): string[] {
  const said: string[] = [];
  const original = console[level];
  console[level] = (...args: unknown[]) => said.push(args.join(' '));
  restoreConsole.push(() => (console[level] = original));
  return said;
}

describe('<sa-start-button>', () => {
  beforeEach(resetEmulator);
  afterEach(() => {
    restoreConsole.forEach((restore) => restore());
    restoreConsole = [];
  });

  it('is a button labelled by its content, "Start a conversation" by default', async () => {
    const plain = await startButton();
    expect(harness(plain).defaultLabel()).to.equal(en.startConversation);
    expect(harness(plain).labelNodes()).to.have.length(0);
    await expect(plain).to.be.accessible();

    const labelled = await startButton(html`Ask us anything`);
    expect(text(harness(labelled).labelNodes()[0])).to.equal('Ask us anything');
    await expect(labelled).to.be.accessible();
  });

  it('without a key tells the visitor only that chat is unavailable, the site owner once in the console how to fix it, and creates nothing', async () => {
    const warnings = watchConsole('warn');
    const el = await fixture<SaStartButton>(html`<div><sa-start-button></sa-start-button><sa-start-button></sa-start-button></div>`).then(
      (wrapper) => wrapper.querySelector('sa-start-button')!
    );
    expect(harness(el).error()).to.equal('Chat is unavailable right now.');
    await waitUntil(() => warnings.length, 'a console warning');
    await aTimeout(20);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('data-api-key="pk_…"').and.contain('<sa-start-button>');
    expect(button(el).getAttribute('aria-disabled')).to.equal('true');
    button(el).click();
    await aTimeout(50);
    expect(await creates()).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('creates a conversation with the page URL, announcing it before and after', async () => {
    const el = await startButton();
    const events: string[] = [];
    el.addEventListener('sa-conversation-start', (event) => events.push(event.type));
    const created = oneEvent(el, 'sa-conversation-created');
    button(el).click();
    const {conversation} = (await created).detail;
    const [request] = await creates();
    expect(request.body).to.deep.equal({context: {pageUrl: location.href}});
    expect(conversation).to.include({object: 'conversation', status: 'open'});
    expect(conversation.messages).to.deep.equal([]);
    expect(events).to.deep.equal(['sa-conversation-start']);
  });

  it('leaves out the page URL with no-page-context', async () => {
    const el = await fixture<SaStartButton>(html`<sa-start-button api-key=${apiKey} api-url=${apiUrl} no-page-context></sa-start-button>`);
    const created = oneEvent(el, 'sa-conversation-created');
    button(el).click();
    await created;
    expect((await creates())[0].body).to.deep.equal({});
  });

  it('creates exactly one conversation for a double click', async () => {
    const el = await startButton();
    const created = oneEvent(el, 'sa-conversation-created');
    button(el).click();
    button(el).click();
    await created;
    await el.updateComplete;
    expect(await creates()).to.have.length(1);
  });

  it('is busy while it creates, ignoring clicks, and keeps focus', async () => {
    await injectFault({method: 'POST', path: '^/conversations$', delayMs: 1000});
    const el = await startButton();
    button(el).focus();
    const created = oneEvent(el, 'sa-conversation-created');
    button(el).click();
    await el.updateComplete;
    expect(button(el).getAttribute('aria-busy')).to.equal('true');
    expect(button(el).getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
    button(el).click();
    await expect(el).to.be.accessible();
    await created;
    await el.updateComplete;
    expect(button(el).getAttribute('aria-busy')).to.equal('false');
    expect(await creates()).to.have.length(1);
  });

  it('sends nothing when a listener cancels sa-conversation-start', async () => {
    const el = await startButton();
    el.addEventListener('sa-conversation-start', (event) => event.preventDefault());
    let created = false;
    el.addEventListener('sa-conversation-created', () => (created = true));
    button(el).click();
    await aTimeout(50);
    expect(await creates()).to.have.length(0);
    expect(created).to.equal(false);
  });

  it('shows visitor words and "Try again" after a failure, reports it, and succeeds on the next click', async () => {
    await injectFault({method: 'POST', path: '^/conversations$', code: 'INTERNAL_SERVER_ERROR'});
    const el = await startButton();
    const reported = oneEvent(el, 'sa-error');
    button(el).click();
    expect((await reported).detail).to.include({code: 'INTERNAL_SERVER_ERROR', status: 500});
    await el.updateComplete;
    expect(harness(el).alert()).to.equal(en.errors.INTERNAL_SERVER_ERROR);
    expect(text(button(el))).to.equal(en.retry);
    await expect(el).to.be.accessible();

    const created = oneEvent(el, 'sa-conversation-created');
    button(el).click();
    await created;
    await el.updateComplete;
    expect(harness(el).alerting()).to.equal(false);
    expect(harness(el).defaultLabel()).to.equal(en.startConversation);
  });

  it('counts down a long rate limit', async () => {
    await injectFault({method: 'POST', path: '^/conversations$', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 30});
    const el = await startButton();
    const reported = oneEvent(el, 'sa-error');
    button(el).click();
    await reported;
    await el.updateComplete;
    expect(harness(el).alert()).to.equal(en.errors.RATE_LIMIT_EXCEEDED);
    expect(text(el.shadowRoot!)).to.contain('Trying again in 30 s…');
  });

  describe('for', () => {
    const chatPage = () =>
      fixture(html`<div>
        <sa-start-button api-key=${apiKey} api-url=${apiUrl} for="chat"></sa-start-button>
        <sa-conversation api-key=${apiKey} api-url=${apiUrl} id="chat"></sa-conversation>
      </div>`);
    const chatHarness = (chat: Element) => new ConversationHarness(chat as HTMLElement);
    const welcome = (chat: Element) => chatHarness(chat).welcome();
    const composerFocused = (chat: Element) => chatHarness(chat).composerFocused();

    it('opens the welcome screen with focus in the message box; pressed again and again, it leaves nothing on the server', async () => {
      const wrapper = await chatPage();
      const el = wrapper.querySelector('sa-start-button')!;
      const chat = wrapper.querySelector<ConversationTarget>('sa-conversation')!;
      await waitUntil(() => welcome(chat) === 'Hi! 👋 How can I help you today?', 'the project\'s welcome message');
      button(el).focus();
      for (let i = 0; i < 3; i++) {
        button(el).click();
        await waitUntil(() => composerFocused(chat), 'focus in the message box');
        button(el).focus();
      }
      expect(welcome(chat)).to.equal('Hi! 👋 How can I help you today?');
      expect(await creates()).to.have.length(0);
      await expect(chat).to.be.accessible();
    });

    it('by keyboard: Enter on it, then the question typed next goes into the message box and starts one conversation', async () => {
      const wrapper = await chatPage();
      const el = wrapper.querySelector('sa-start-button')!;
      const chat = wrapper.querySelector<ConversationTarget>('sa-conversation')!;
      await waitUntil(() => welcome(chat), 'the welcome screen');
      // Files run in windows side by side: keys and focus events go to the window that has the focus.
      await focusWindow();
      button(el).focus();
      await sendKeys({press: 'Enter'});
      await waitUntil(() => composerFocused(chat), 'focus in the message box');
      const created = oneEvent(document, 'sa-conversation-created');
      await typeText('Hi');
      await sendKeys({press: 'Enter'});
      await created;
      await waitUntil(() => chatHarness(chat).messageText('user'), 'the question in the conversation');
      expect(chatHarness(chat).messageText('user')).to.equal('Hi');
      expect(await creates()).to.have.length(1);
    });

    it('leaves a shown conversation for the welcome screen; the first message creates the new one and the page hears of it', async () => {
      const wrapper = await chatPage();
      const el = wrapper.querySelector('sa-start-button')!;
      const chat = wrapper.querySelector<ConversationTarget>('sa-conversation')!;
      const send = (words: string) => chatHarness(chat).submit(words);
      let created = oneEvent(document, 'sa-conversation-created');
      await send('First question');
      const first = (await created).detail.conversation;
      await waitUntil(() => chatHarness(chat).replied(), 'the reply');

      button(el).click();
      await waitUntil(() => welcome(chat) === 'Hi! 👋 How can I help you today?', 'the welcome screen');
      expect(composerFocused(chat)).to.equal(true);
      expect(chat.conversationId).to.equal(undefined);
      expect(await creates()).to.have.length(1);

      created = oneEvent(document, 'sa-conversation-created');
      await send('Second question');
      const second = (await created).detail.conversation;
      expect(second.id).to.not.equal(first.id);
      expect(chat.conversationId).to.equal(second.id);
      expect(await creates()).to.have.length(2);
    });

    it('starts nothing when a listener cancels sa-conversation-start', async () => {
      const wrapper = await chatPage();
      const el = wrapper.querySelector('sa-start-button')!;
      const chat = wrapper.querySelector<ConversationTarget>('sa-conversation')!;
      chat.conversationId = 'conv_kept';
      el.addEventListener('sa-conversation-start', (event) => event.preventDefault());
      button(el).click();
      await aTimeout(20);
      expect(chat.conversationId).to.equal('conv_kept');
    });

    it('names the mistake in the console, once, when for names no <sa-conversation>, and creates nothing', async () => {
      const warnings = watchConsole('warn');
      const wrapper = await fixture(html`<div>
        <sa-start-button api-key=${apiKey} api-url=${apiUrl} for="chta"></sa-start-button>
        <div id="chat"></div>
      </div>`);
      const el = wrapper.querySelector('sa-start-button')!;
      button(el).click();
      button(el).click();
      await aTimeout(50);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('for="chta"').and.contain('<sa-conversation>').and.contain('id="chta"');
      expect(await creates()).to.have.length(0);
    });

    it('works from the empty slot of a list wired to the same conversation element', async () => {
      const wrapper = await fixture(html`<div>
        <sa-conversation-list api-key=${apiKey} api-url=${apiUrl} for="chat">
          <sa-start-button slot="empty" api-key=${apiKey} api-url=${apiUrl} for="chat"></sa-start-button>
        </sa-conversation-list>
        <sa-conversation api-key=${apiKey} api-url=${apiUrl} id="chat"></sa-conversation>
      </div>`);
      const list = wrapper.querySelector<SaConversationList>('sa-conversation-list')!;
      const el = wrapper.querySelector('sa-start-button')!;
      const chat = wrapper.querySelector<ConversationTarget>('sa-conversation')!;
      await waitUntil(() => list.shadowRoot!.querySelector('[part="empty"]'), 'expected the empty list');
      expect(new ConversationListHarness(list).emptySlotted()).to.deep.equal([el]);
      await expect(list).to.be.accessible();

      button(el).click();
      await waitUntil(() => composerFocused(chat), 'focus in the message box');
    });
  });
});
