import {aTimeout, expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import '../../src/sa-start-button.js';
import '../../src/sa-conversation-list.js';
import type {SaStartButton} from '../../src/components/start-button/start-button.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {en} from '../../src/internal/strings.js';
import {text} from '../helpers/dom.js';
import {apiKey, apiUrl, injectFault, requests, resetEmulator} from '../helpers/emulator.js';

type ConversationTarget = HTMLElement & {conversationId?: string};

const button = (el: SaStartButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
const alert = (el: SaStartButton) => el.shadowRoot!.querySelector('[role="alert"]');
const creates = () => requests('POST', '/conversations');
const startButton = (label = html``) =>
  fixture<SaStartButton>(html`<sa-start-button api-key=${apiKey} api-url=${apiUrl}>${label}</sa-start-button>`);

describe('<sa-start-button>', () => {
  beforeEach(resetEmulator);

  it('is a button labelled by its content, "Start a conversation" by default', async () => {
    const plain = await startButton();
    const slot = button(plain).querySelector('slot')!;
    expect(text(slot)).to.equal(en.startConversation);
    expect(slot.assignedNodes()).to.have.length(0);
    await expect(plain).to.be.accessible();

    const labelled = await startButton(html`Ask us anything`);
    expect(text(button(labelled).querySelector('slot')!.assignedNodes()[0])).to.equal('Ask us anything');
    await expect(labelled).to.be.accessible();
  });

  it('says what to set when it has no configuration, and creates nothing', async () => {
    const el = await fixture<SaStartButton>(html`<sa-start-button></sa-start-button>`);
    expect(text(el.shadowRoot!.querySelector('[part="error"]'))).to.equal(en.missingConfig);
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
    expect(text(alert(el))).to.equal(en.errors.INTERNAL_SERVER_ERROR);
    expect(text(button(el))).to.equal(en.retry);
    await expect(el).to.be.accessible();

    const created = oneEvent(el, 'sa-conversation-created');
    button(el).click();
    await created;
    await el.updateComplete;
    expect(alert(el)).to.equal(null);
    expect(text(button(el).querySelector('slot'))).to.equal(en.startConversation);
  });

  it('counts down a long rate limit', async () => {
    await injectFault({method: 'POST', path: '^/conversations$', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 30});
    const el = await startButton();
    const reported = oneEvent(el, 'sa-error');
    button(el).click();
    await reported;
    await el.updateComplete;
    expect(text(alert(el))).to.equal(en.errors.RATE_LIMIT_EXCEEDED);
    expect(text(el.shadowRoot!)).to.contain('Trying again in 30 s…');
  });

  describe('for', () => {
    it('opens the new conversation in the element it names, unless sa-conversation-created is cancelled', async () => {
      const wrapper = await fixture(html`<div>
        <sa-start-button api-key=${apiKey} api-url=${apiUrl} for="chat"></sa-start-button>
        <div id="chat"></div>
      </div>`);
      const el = wrapper.querySelector('sa-start-button')!;
      const target = wrapper.querySelector<ConversationTarget>('#chat')!;

      el.addEventListener('sa-conversation-created', (event) => event.preventDefault(), {once: true});
      let created = oneEvent(el, 'sa-conversation-created');
      button(el).click();
      await created;
      expect(target.conversationId).to.equal(undefined);

      await el.updateComplete;
      created = oneEvent(el, 'sa-conversation-created');
      button(el).click();
      const {conversation} = (await created).detail;
      expect(target.conversationId).to.equal(conversation.id);
    });

    it('works from the empty slot of a list wired to the same conversation element', async () => {
      const wrapper = await fixture(html`<div>
        <sa-conversation-list api-key=${apiKey} api-url=${apiUrl} for="chat">
          <sa-start-button slot="empty" api-key=${apiKey} api-url=${apiUrl} for="chat"></sa-start-button>
        </sa-conversation-list>
        <div id="chat"></div>
      </div>`);
      const list = wrapper.querySelector<SaConversationList>('sa-conversation-list')!;
      const el = wrapper.querySelector('sa-start-button')!;
      const target = wrapper.querySelector<ConversationTarget>('#chat')!;
      await waitUntil(() => list.shadowRoot!.querySelector('[part="empty"]'), 'expected the empty list');
      const slot = list.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
      expect(slot.assignedElements()).to.deep.equal([el]);
      await expect(list).to.be.accessible();

      const created = oneEvent(el, 'sa-conversation-created');
      button(el).click();
      const {conversation} = (await created).detail;
      expect(target.conversationId).to.equal(conversation.id);
      await waitUntil(() => list.shadowRoot!.querySelector('[part~="item"]'), 'expected the new conversation in the list');

      // What <sa-conversation> does once it has loaded the conversation it was given.
      target.dispatchEvent(new CustomEvent('sa-conversation-load', {detail: {conversation}, bubbles: true, composed: true}));
      await list.updateComplete;
      expect(list.selected).to.equal(conversation.id);
      expect(list.shadowRoot!.querySelector('[part~="item"]')!.getAttribute('aria-current')).to.equal('true');
    });
  });
});
