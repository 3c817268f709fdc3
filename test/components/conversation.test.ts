import {aTimeout, expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys, sendMouse} from '@web/test-runner-commands';
import '../../src/sa-conversation.js';
import '../../src/sa-conversation-list.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {getClient} from '../../src/api/shared-client.js';
import type {Conversation, Message} from '../../src/api/types.js';
import {storedToken} from '../../src/api/visitor-storage.js';
import {en} from '../../src/internal/strings.js';
import {fakeIntervals, type IntervalClock} from '../helpers/clock.js';
import {ConversationHarness} from '../helpers/conversation-harness.js';
import {$, $$, part, pressChord, text, typeText, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, control, injectFault, requests, resetEmulator, seed} from '../helpers/emulator.js';

/**
 * Seeded conversations (`seed`) are spread back in time: index 0 has a link action, 3 is handed off to
 * Sam Rivera, 4 is closed ("Resolved"). Each has a question, a reply, a follow-up and a reply.
 */

/** The same visitor through a client of its own: what the server holds, unseen by the elements. */
const server = () => new SiteAssistClient({apiUrl, apiKey});

const harness = (el: SaConversation) => new ConversationHarness(el);
const input = (el: SaConversation) => harness(el).input;
/** The messages in the log, as "role: text". */
const logged = (el: SaConversation) => harness(el).messages();
const messagePosts = async () => requests('POST', /^\/conversations\/[^/]+\/messages$/);

const element = () => fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);

async function opened(conversationId: string): Promise<SaConversation> {
  const el = await fixture<SaConversation>(
    html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationId}></sa-conversation>`
  );
  await harness(el).waitForLoaded();
  return el;
}

const send = (el: SaConversation, message: string) => harness(el).send(message);

describe('<sa-conversation>', () => {
  let clock: IntervalClock | undefined;
  beforeEach(resetEmulator);
  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  describe('showing a conversation', () => {
    it('says what to set when it has no configuration, and reads nothing', async () => {
      const el = await fixture<SaConversation>(html`<sa-conversation></sa-conversation>`);
      expect(text(el.shadowRoot)).to.equal(en.missingConfig);
      expect(await requests()).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it("greets with the project's welcome message, name and placeholder, and applies its colours", async () => {
      const el = await element();
      await waitUntil(() => text(part(el, 'welcome')) === 'Hi! 👋 How can I help you today?', 'expected the welcome message');
      expect(text(part(el, 'title'))).to.equal('Demo Assistant');
      expect(input(el).placeholder).to.equal('Ask a question…');
      expect(el.style.getPropertyValue('--_brand')).to.equal('#4f46e5');
      expect(el.style.getPropertyValue('--_user-bubble-dark')).to.equal('#6366f1');
      expect((part(el, 'send-button') as HTMLButtonElement).disabled).to.equal(true);
      expect(part(el, 'close-button')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it("is busy reading the project from its first render, never showing the default welcome before the project's", async () => {
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = Object.assign(document.createElement('sa-conversation'), {apiKey, apiUrl});
      container.append(el);
      // Lit renders after connecting, in a microtask; the observer's first callback comes before the next update.
      let firstRender: string | undefined;
      const shown: string[] = [];
      const observer = new MutationObserver((records) => {
        firstRender ??= text(el.shadowRoot);
        for (const record of records) for (const node of record.addedNodes) shown.push(text(node));
      });
      observer.observe(el.shadowRoot!, {childList: true, subtree: true});
      await waitUntil(() => text(part(el, 'welcome')) === 'Hi! 👋 How can I help you today?', 'expected the welcome message');
      observer.disconnect();
      expect(firstRender).to.contain(en.loading);
      expect(shown.join(' ')).not.to.contain(en.welcome);
    });

    it('takes a client assigned under its earlier property name, service', async () => {
      const client = new SiteAssistClient({apiUrl, apiKey});
      const el = await fixture<SaConversation>(html`<sa-conversation .service=${client}></sa-conversation>`);
      await waitUntil(() => text(part(el, 'welcome')) === 'Hi! 👋 How can I help you today?', 'expected the welcome message');
      expect(el.client).to.equal(client);
    });

    it("lets page CSS override the project's brand colour", async () => {
      const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}
        style="--sa-color-accent: rgb(1, 2, 3)"></sa-conversation>`);
      await waitUntil(() => el.style.getPropertyValue('--_brand'), 'expected the project');
      expect(getComputedStyle(part(el, 'send-button')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    });

    it('loads a conversation: title, status, messages by role with times, and fires sa-conversation-load once', async () => {
      const {conversationIds} = await seed(2);
      const stored = await server().getConversation(conversationIds[1]);
      const loads: Conversation[] = [];
      const onLoad = (event: CustomEvent<{conversation: Conversation}>) => loads.push(event.detail.conversation);
      document.addEventListener('sa-conversation-load', onLoad);
      after(() => document.removeEventListener('sa-conversation-load', onLoad));
      const el = await opened(conversationIds[1]);
      expect(text(part(el, 'title'))).to.equal(stored.title);
      expect(text(part(el, 'status'))).to.equal('Open');
      expect(logged(el).map((line) => line.split(':')[0])).to.deep.equal(['user', 'assistant', 'user', 'assistant']);
      expect(logged(el)[0]).to.equal(`user: ${stored.messages[0].parts.find((p) => p.type === 'text')!.text}`);
      const times = $$(el, '[role="log"] time').map((time) => time.getAttribute('datetime'));
      expect(times).to.deep.equal(stored.messages.map((m) => m.createdAt));
      expect(harness(el).sender(part(el, 'message')!)).to.equal('You');
      expect(harness(el).sender(part(el, 'assistant')!)).to.equal('Demo Assistant');

      getClient({apiUrl, apiKey}).changed(conversationIds[1], 'updated');
      await waitUntil(async () => (await requests('GET', `/conversations/${conversationIds[1]}`)).length === 2, 'expected a refresh');
      await el.updateComplete;
      expect(loads.map((c) => c.id)).to.deep.equal([conversationIds[1]]);
      await expect(el).to.be.accessible();
    });

    it("keeps every message's node while the log grows, so only new messages are announced", async () => {
      const {conversationIds} = await seed(1);
      const el = await opened(conversationIds[0]);
      const nodes = () => $$(el, '[role="log"] [part~="message"]');
      const history = nodes();
      expect(history).to.have.length(4);

      await send(el, 'One more question');
      await waitUntil(() => nodes().length === 6 && $$<HTMLButtonElement>(el, '[part~="feedback-button"]').every((b) => !b.disabled), 'expected the stored reply');
      const grown = nodes();
      await control(`/conversations/${conversationIds[0]}/agent-messages`, {content: 'An agent adds this'});
      await waitUntil(() => nodes().length === 7, 'expected the agent message');
      // Node identity, not likeness: to.equal per node (deep equality finds any two elements alike).
      const now = nodes();
      grown.forEach((node, index) => expect(now[index], `message ${index}`).to.equal(node));
      history.forEach((node, index) => expect(grown[index], `message ${index}`).to.equal(node));
    });

    it('passes axe with two conversations on one page (no duplicate landmarks)', async () => {
      const {conversationIds} = await seed(2);
      const page = await fixture(html`<div>
        <sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationIds[0]}></sa-conversation>
        <sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationIds[1]}></sa-conversation>
      </div>`);
      const [first, second] = page.querySelectorAll('sa-conversation');
      await waitUntil(() => part(first, 'title') && part(second, 'status'), 'expected both conversations');
      await expect(page).to.be.accessible();
    });

    it('reads well in the dark theme, with text on the bubbles chosen for contrast', async () => {
      const {conversationIds} = await seed(1);
      const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} theme="dark"
        conversation-id=${conversationIds[0]}></sa-conversation>`);
      await waitUntil(() => logged(el).length === 4 && el.style.getPropertyValue('--_user-bubble-dark'), 'expected the conversation');
      // Black, spelled as the browser computes it (relative colour syntax keeps OKLCH).
      expect(getComputedStyle(part(el, 'user')!.querySelector('.bubble')!).color).to.be.oneOf(['rgb(0, 0, 0)', 'oklch(0 0 0)']);
      await expect(el).to.be.accessible();
    });

    it('shows visitor words and a Retry when loading fails, and recovers', async () => {
      const {conversationIds} = await seed(1);
      await injectFault({method: 'GET', path: '^/conversations/[^/]+$', code: 'INTERNAL_SERVER_ERROR'});
      const reported = oneEvent(document, 'sa-error');
      const el = await fixture<SaConversation>(
        html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationIds[0]}></sa-conversation>`
      );
      expect((await reported).detail).to.include({code: 'INTERNAL_SERVER_ERROR', status: 500});
      await waitUntil(() => part(el, 'error'), 'expected the error');
      expect(text(part(el, 'error')!.querySelector('p'))).to.equal(en.errors.INTERNAL_SERVER_ERROR);
      await expect(el).to.be.accessible();
      part(el, 'error')!.querySelector('button')!.click();
      await waitUntil(() => logged(el).length === 4, 'expected the messages');
    });

    it('shows a human agent by name in the header and on their messages', async () => {
      const {conversationIds} = await seed(4);
      const el = await opened(conversationIds[3]);
      expect(text(part(el, 'agent'))).to.equal('Sam Rivera');
      const agentMessage = part(el, 'human_agent')!;
      expect(harness(el).sender(agentMessage)).to.equal('Sam Rivera');
      await expect(el).to.be.accessible();
    });

    it('says "Human agent" for an agent without a name', async () => {
      const conversation = await server().createConversation(null);
      await control(`/conversations/${conversation.id}/agent-messages`, {content: 'Hello from support'});
      const el = await opened(conversation.id);
      expect(text(part(el, 'agent'))).to.equal('Human agent');
      expect(logged(el)).to.deep.equal(['human_agent: Hello from support']);
    });

    it('shows a closed conversation: when and why, and a new-conversation action instead of the composer', async () => {
      const {conversationIds} = await seed(5);
      const el = await opened(conversationIds[4]);
      expect(text(part(el, 'status'))).to.equal('Closed');
      expect(text(part(el, 'footer')!.querySelector('p'))).to.match(/^Closed .+: Resolved$/);
      expect(part(el, 'composer')).to.equal(null);
      expect(part(el, 'close-button')).to.equal(null);
      await expect(el).to.be.accessible();

      const start = oneEvent(el, 'sa-conversation-start');
      harness(el).newConversationButton()!.click();
      await start;
      await el.updateComplete;
      expect(el.conversationId).to.equal(undefined);
      expect(part(el, 'welcome')).to.exist;
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
    });
  });

  describe('rendering text safely', () => {
    it('renders replies as markdown: code with a copy button, citations as numbered chips and a Sources list', async () => {
      const {conversationIds} = await seed(2, 2);
      const el = await opened(conversationIds[1]);
      const bubble = part(el, 'assistant')!.querySelector('[part~="bubble"]')!;
      expect(bubble.querySelector('blockquote')).to.exist;
      expect(bubble.querySelectorAll('li').length).to.be.greaterThan(2);
      expect(text(bubble.querySelector('strong'))).to.equal('Settings → Widget');
      expect(bubble.querySelector('pre code')!.textContent).to.contain('data-api-key="pk_demo" defer></script>');
      expect(text(bubble.querySelector('.code-block button'))).to.equal(en.copyCode);

      const link = [...bubble.querySelectorAll('a')].find((a) => text(a) === 'installation guide')!;
      expect([link.href, link.target, link.rel]).to.deep.equal(['https://docs.example.com/install', '_blank', 'noopener noreferrer']);
      const chip = bubble.querySelector<HTMLAnchorElement>('[part~="citation"]')!;
      expect([text(chip), chip.href]).to.deep.equal(['1', 'https://docs.example.com/getting-started']);
      expect(chip.getAttribute('aria-label')).to.equal('Source 1: Getting started');
      expect(text(bubble.querySelector('[part~="sources-label"]'))).to.equal(en.sources);
      expect(text(bubble.querySelector('[part~="sources"]'))).to.equal('Getting started');
      expect(text(bubble)).not.to.contain('[1]:');
      await expect(el).to.be.accessible();
    });

    it('shows link actions as link buttons and skips unknown parts', async () => {
      const {conversationIds} = await seed(1);
      const el = await opened(conversationIds[0]);
      const links = $$<HTMLAnchorElement>(el, '[part~="link-button"]');
      expect(links).to.have.length(2);
      expect(links[0].href).to.equal('https://docs.example.com/install');
      expect(text(links[0])).to.equal('Open the installation guide');
      expect(links[0].target).to.equal('_blank');
      expect(links[0].rel).to.equal('noopener noreferrer');
      expect(text(el.shadowRoot)).not.to.contain('step-start');
      expect(text(el.shadowRoot)).not.to.contain('tool-action');
    });

    it('never turns agent text into markup, and links only to http, https and mailto', async () => {
      const conversation = await server().createConversation(null);
      const content = '<img src=x onerror="window.pwned=1"> <script>window.pwned=1</script>\n\n' +
        '[run](javascript:window.pwned=1) [data](data:text/html,hi) [mail](mailto:help@example.com)';
      await control(`/conversations/${conversation.id}/agent-messages`, {content});
      const el = await opened(conversation.id);
      expect($(el, '[role="log"] img, [role="log"] script')).to.equal(null);
      const links = $$<HTMLAnchorElement>(el, '[role="log"] a');
      expect(links.map((a) => a.href)).to.deep.equal(['mailto:help@example.com']);
      expect(text(part(el, 'human_agent')!.querySelector('[part~="bubble"]'))).to.contain('run data mail');
      expect((window as {pwned?: number}).pwned).to.equal(undefined);
    });
  });

  describe('sending', () => {
    it("shows the visitor's message at once, thinks, streams the reply, then re-reads for ids and title", async () => {
      await control('/settings', {paceMs: 15});
      const el = await element();
      await harness(el).waitForWelcome();
      const created = oneEvent(el, 'sa-conversation-created');
      const sent = oneEvent(el, 'sa-message-sent');
      const received = oneEvent(el, 'sa-message-received');
      await send(el, 'How do I install the chat?');

      expect(logged(el)).to.deep.equal(['user: How do I install the chat?']);
      expect(input(el).value).to.equal('');
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      await waitUntil(() => text(el.shadowRoot!.querySelector('[role="status"]')) === en.typing, 'expected "Assistant is typing"');
      const conversation = (await created).detail.conversation;
      expect(el.conversationId).to.equal(conversation.id);

      await waitUntil(() => harness(el).streaming(), 'expected the reply to stream');
      expect(part(el, 'stop-button')).to.exist;
      expect($(el, '[part~="streaming"]')!.closest('[role="log"]')).to.equal(null);
      expect($(el, '[part~="streaming"]')!.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();

      expect((await sent).detail).to.deep.equal({conversationId: conversation.id, content: 'How do I install the chat?'});
      const reply = (await received).detail;
      expect(reply.text).to.contain('Thanks for asking!');
      await el.updateComplete;
      // The finished reply joins the log once; the re-read that brings its stored id keeps the same node, so it is not announced again.
      const announcedReply = $(el, '[role="log"] [part~="assistant"]');
      expect(announcedReply).to.exist;
      await waitUntil(() => text(part(el, 'title')) === 'How do I install the chat?', 'expected the title after the re-read');
      await waitUntil(() => $$<HTMLButtonElement>(el, '[part~="feedback-button"]').every((b) => !b.disabled), 'expected stored ids');
      expect($(el, '[role="log"] [part~="assistant"]')).to.equal(announcedReply);
      expect(logged(el).map((line) => line.split(':')[0])).to.deep.equal(['user', 'assistant']);
      expect($(el, '[part~="streaming"]')).to.equal(null);
      expect(part(el, 'send-button')).to.exist;

      const [post] = await messagePosts();
      expect(post.body).to.deep.include({content: 'How do I install the chat?', stream: true});
      expect((post.body as {pageContext: object}).pageContext).to.deep.include({url: location.href});
      await expect(el).to.be.accessible();
    });

    it('sends the text the visitor selected on the page before clicking into the composer', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <p id="article">Shipping takes three days.</p>
        <sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>
      </div>`);
      const el = wrapper.querySelector('sa-conversation')!;
      await el.updateComplete;
      document.getSelection()!.selectAllChildren(wrapper.querySelector('#article')!);
      const box = input(el).getBoundingClientRect();
      await sendMouse({type: 'click', position: [Math.round(box.x + 10), Math.round(box.y + 10)]});
      await typeText('Is that right?');
      await sendKeys({press: 'Enter'});
      await waitUntil(async () => (await messagePosts()).length === 1, 'expected the send');
      expect((await messagePosts())[0].body).to.deep.include({
        pageContext: {url: location.href, title: document.title || null, textSelection: 'Shipping takes three days.'},
      });
    });

    it('sends no page context with no-page-context', async () => {
      const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} no-page-context></sa-conversation>`);
      await send(el, 'Hello');
      await waitUntil(async () => (await messagePosts()).length === 1, 'expected the send');
      expect((await messagePosts())[0].body).to.deep.include({pageContext: null});
      expect((await requests('POST', '/conversations'))[0].body).to.deep.equal({});
    });

    it('breaks the line on Shift+Enter and leaves Enter to an IME composition', async () => {
      const el = await element();
      input(el).focus();
      await typeText('first');
      await pressChord('Shift', 'Enter');
      await typeText('second');
      input(el).dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', isComposing: true, bubbles: true, composed: true}));
      await el.updateComplete;
      expect(input(el).value).to.equal('first\nsecond');
      expect(logged(el)).to.deep.equal([]);
      expect(await requests('POST', '/conversations')).to.have.length(0);
    });

    it('refuses a message over 10,000 characters before any request, keeping it', async () => {
      const el = await element();
      const long = 'a'.repeat(10_001);
      input(el).value = long;
      input(el).dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      expect(harness(el).counter()).to.equal('1 characters over the limit');
      input(el).focus();
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(text(part(el, 'composer')!.querySelector('[role="alert"]'))).to.equal(en.tooLong(10_000));
      expect(input(el).value).to.equal(long);
      expect(await requests('POST', '/conversations')).to.have.length(0);
      expect(await messagePosts()).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('stops a streaming reply with Stop, keeping what arrived, marked "Stopped" and not as an error', async () => {
      await control('/settings', {paceMs: 40});
      const el = await element();
      let received = false;
      el.addEventListener('sa-message-received', () => (received = true));
      await send(el, 'Tell me everything');
      await waitUntil(() => harness(el).streaming(), 'expected the reply to stream');
      part(el, 'stop-button')!.click();
      await waitUntil(() => part(el, 'send-button'), 'expected Send again');
      const stored = () => server().getConversation(el.conversationId!);
      await waitUntil(async () => (await stored()).messages[1]?.status === 'error', 'expected the stored partial reply');
      // Feedback is enabled once the server's copy replaced the placeholder.
      await waitUntil(() => logged(el).length === 2 && $(el, '[part~="feedback-button"]:enabled'), 'expected the re-read');
      const reply = part(el, 'assistant')!;
      expect(text(reply.querySelector('.meta'))).to.match(new RegExp(`${en.stopped}$`));
      expect(text(el.shadowRoot)).not.to.include(en.replyIncomplete);
      expect(reply.querySelector('.failed')).to.equal(null);
      expect(reply.getAttribute('part')).not.to.include('failed');
      expect(received).to.equal(false);
    });

    it('gives a streaming reply its final width from the first word', async () => {
      await control('/settings', {paceMs: 30});
      const el = await element();
      await send(el, 'How wide is this?');
      await waitUntil(() => text($(el, '[part~="streaming"] [part~="bubble"]')) && !$(el, '.thinking'), 'expected the first words');
      const first = $(el, '[part~="streaming"] [part~="bubble"]')!.getBoundingClientRect().width;
      await waitUntil(() => $(el, '[part~="feedback-button"]:enabled'), 'expected the finished reply', {timeout: 8000});
      const final = part(el, 'assistant')!.querySelector('[part~="bubble"]')!.getBoundingClientRect().width;
      expect(first).to.be.closeTo(final, 1);
    });

    it('stops a streaming reply with Escape', async () => {
      await control('/settings', {paceMs: 40});
      const el = await element();
      await send(el, 'Tell me everything');
      await waitUntil(() => part(el, 'stop-button') && !harness(el).thinking(), 'expected the reply to stream');
      await sendKeys({press: 'Escape'});
      await waitUntil(() => part(el, 'send-button'), 'expected Send again');
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
    });

    it('keeps a reply cut mid-way, marks it, and on Retry shows what the server stored without posting again', async () => {
      // Paced, so the deltas before the cut reach the browser before the connection drops.
      await control('/settings', {paceMs: 20});
      const el = await element();
      await injectFault({method: 'POST', path: '/messages$', cutStreamAfterFrames: 6});
      const reported = oneEvent(el, 'sa-error');
      await send(el, 'Will this arrive?');
      expect((await reported).detail.code).to.equal('STREAM_INTERRUPTED');
      await waitUntil(() => part(el, 'error'), 'expected the failure');
      expect(text(part(el, 'error')!.querySelector('[role="alert"]'))).to.equal(en.errors.STREAM_INTERRUPTED);
      expect(text($(el, '[part~="failed"].assistant .bubble'))).not.to.equal('');
      // The reply had begun, so the server had the message: only the reply is marked.
      expect(harness(el).failedNote('user')).to.equal(null);
      await expect(el).to.be.accessible();

      part(el, 'error')!.querySelector('button')!.click();
      await waitUntil(() => !part(el, 'error') && logged(el).length === 2, 'expected the server state');
      expect(logged(el)[0]).to.equal('user: Will this arrive?');
      expect(await messagePosts()).to.have.length(1);
    });

    it('says a stream error once: one line, not the reply marked as well', async () => {
      await control('/settings', {paceMs: 20});
      const el = await element();
      await injectFault({method: 'POST', path: '/messages$', streamError: 'Model overloaded'});
      await send(el, 'Will this fail?');
      await waitUntil(() => part(el, 'error'), 'expected the failure');
      expect(text($(el, '[part~="failed"].assistant .bubble'))).not.to.equal('');
      expect($$(el, '[role="alert"]').map(text)).to.deep.equal([en.errors.STREAM_ERROR]);
      expect(text(el.shadowRoot)).not.to.include(en.replyIncomplete);
    });

    it('keeps a failed send with its text and, on Retry, posts it exactly once more', async () => {
      const el = await element();
      await harness(el).waitForWelcome();
      await injectFault({method: 'POST', path: '/messages$', code: 'INTERNAL_SERVER_ERROR'});
      const reported = oneEvent(el, 'sa-error');
      await send(el, 'Is anyone there?');
      expect((await reported).detail.code).to.equal('INTERNAL_SERVER_ERROR');
      await waitUntil(() => part(el, 'error'), 'expected the failure');
      expect(logged(el)).to.deep.equal(['user: Is anyone there?']);
      expect(harness(el).failedNote('user')).to.equal(en.notSent);

      part(el, 'error')!.querySelector('button')!.click();
      // A whole streamed reply and the re-read after it: longer than waitUntil's 1 s default in a slower engine.
      await waitUntil(() => text(part(el, 'title')) === 'Is anyone there?', 'expected the reply and the re-read');
      expect(await messagePosts()).to.have.length(2);
      const stored = await server().getConversation(el.conversationId!);
      expect(stored.messages.filter((m) => m.role === 'user')).to.have.length(1);
      expect(logged(el).map((line) => line.split(':')[0])).to.deep.equal(['user', 'assistant']);
    });

    it('keeps a message the server never got when the visitor sends another, and resends it once', async () => {
      const conversation = await server().createConversation(null);
      const el = await opened(conversation.id);
      await injectFault({method: 'POST', path: '/messages$', code: 'INTERNAL_SERVER_ERROR'});
      await send(el, 'First try');
      await waitUntil(() => part(el, 'error'), 'expected the failure');
      await send(el, 'Second message');
      await waitUntil(() => logged(el).length === 2 && $(el, '[part~="feedback-button"]:enabled'), 'expected the reply and the re-read');
      expect(logged(el)[0]).to.equal('user: Second message');
      const unsent = $(el, '.unsent')!;
      expect(text(unsent.querySelector('[part~="bubble"]'))).to.equal('First try');
      expect(text(unsent.querySelector('.failed'))).to.equal(en.notSent);
      expect([...unsent.querySelectorAll('button')].map(text)).to.deep.equal([en.retry, en.dismiss]);
      await expect(el).to.be.accessible();

      unsent.querySelector('button')!.click();
      await waitUntil(() => logged(el).length === 4 && !$(el, '.unsent') && $$(el, '[part~="feedback-button"]:enabled').length === 4,
        'expected the resent message, its reply and the re-read');
      expect(logged(el).filter((line) => line.startsWith('user'))).to.deep.equal(['user: Second message', 'user: First try']);
      const stored = await server().getConversation(conversation.id);
      expect(stored.messages.filter((m) => m.role === 'user').map((m) => m.parts.find((p) => p.type === 'text')!.text))
        .to.deep.equal(['Second message', 'First try']);
      expect(await messagePosts()).to.have.length(3);
    });

    it('lets the visitor dismiss a message the server never got', async () => {
      const conversation = await server().createConversation(null);
      const el = await opened(conversation.id);
      await injectFault({method: 'POST', path: '/messages$', code: 'INTERNAL_SERVER_ERROR', count: 2});
      await send(el, 'Never mind');
      await waitUntil(() => part(el, 'error'), 'expected the failure');
      await send(el, 'Also lost');
      await waitUntil(() => $(el, '.unsent') && part(el, 'error'), 'expected both failures');
      expect(text($(el, '.unsent [part~="bubble"]'))).to.equal('Never mind');
      expect(logged(el)).to.deep.equal(['user: Also lost']);

      $<HTMLButtonElement>(el, '.unsent button:last-child')!.click();
      await el.updateComplete;
      expect($(el, '.unsent')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      [...part(el, 'error')!.querySelectorAll('button')].find((b) => text(b) === en.dismiss)!.click();
      await el.updateComplete;
      expect(part(el, 'error')).to.equal(null);
      expect(logged(el)).to.deep.equal([]);
      expect(await messagePosts()).to.have.length(2);
    });

    it('counts down a long rate limit, keeps the message, and sends it by itself', async function () {
      this.timeout(15_000);
      const el = await element();
      await harness(el).waitForWelcome();
      await server().getVisitor();
      await injectFault({method: 'POST', path: '/messages$', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 6});
      clock = fakeIntervals();
      await send(el, 'Hello?');
      await waitUntil(() => text(part(el, 'error')).includes('Trying again in 6 s'), 'expected the countdown');
      expect(text(part(el, 'error')!.querySelector('[role="alert"]'))).to.equal(en.errors.RATE_LIMIT_EXCEEDED);
      expect(logged(el)).to.deep.equal(['user: Hello?']);
      await expect(el).to.be.accessible();
      clock.tick(1000);
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.include('Trying again in 5 s');
      expect(await messagePosts()).to.have.length(1);
      clock.tick(5000);
      await waitUntil(() => logged(el).length === 2 && !part(el, 'error'), 'expected the automatic retry', {timeout: 3_000});
      expect(await messagePosts()).to.have.length(2);
    });
  });

  describe('acting on messages', () => {
    it('likes, unlikes and dislikes a stored reply', async () => {
      const {conversationIds} = await seed(1, 2);
      const el = await opened(conversationIds[0]);
      const [like, dislike] = $$<HTMLButtonElement>(el, '[part~="feedback-button"]');
      const reply = (await server().getConversation(conversationIds[0])).messages[1];
      const feedbackPosts = async () => (await requests('POST', `/messages/${reply.id}/feedback`)).map((r) => r.body);

      // Each answer is followed by a re-read: one more read means that choice is done.
      const reads = async () => (await requests('GET', `/conversations/${conversationIds[0]}`)).length;
      const readsBefore = await reads();
      like.click();
      await el.updateComplete;
      expect(like.getAttribute('aria-pressed')).to.equal('true');
      await waitUntil(async () => (await feedbackPosts()).length === 1 && (await reads()) > readsBefore, 'expected the feedback');
      like.click();
      await el.updateComplete;
      expect(like.getAttribute('aria-pressed')).to.equal('false');
      dislike.click();
      await waitUntil(async () => (await feedbackPosts()).length === 3, 'expected the feedback');
      expect(await feedbackPosts()).to.deep.equal([{feedback: 'like'}, {feedback: null}, {feedback: 'dislike'}]);
      await waitUntil(() => dislike.getAttribute('aria-pressed') === 'true' && like.getAttribute('aria-pressed') === 'false');
      expect((await server().getConversation(conversationIds[0])).messages[1].feedback).to.equal('dislike');
      await expect(el).to.be.accessible();
    });

    it('ends with the last choice on the server after like, dislike and undo in quick succession', async () => {
      const {conversationIds} = await seed(1, 2);
      const el = await opened(conversationIds[0]);
      const [like, dislike] = $$<HTMLButtonElement>(el, '[part~="feedback-button"]');
      const reply = (await server().getConversation(conversationIds[0])).messages[1];
      const stored = async () => (await server().getConversation(conversationIds[0])).messages[1].feedback;
      const feedbackPosts = async () => (await requests('POST', `/messages/${reply.id}/feedback`)).map((r) => r.body);
      // The first request is slow: anything sent after it must not be overtaken by it.
      await injectFault({method: 'POST', path: '/feedback$', delayMs: 300});

      like.click();
      await el.updateComplete;
      dislike.click();
      await el.updateComplete;
      dislike.click();
      await el.updateComplete;
      expect([like, dislike].map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false']);
      await waitUntil(async () => (await feedbackPosts()).length === 2 && (await stored()) === null, 'expected the last choice stored',
        {timeout: 3000});
      expect(await feedbackPosts()).to.deep.equal([{feedback: 'like'}, {feedback: null}]);
      await waitUntil(async () => (await requests('GET', `/conversations/${conversationIds[0]}`)).length >= 3, 'expected the re-reads');
      await el.updateComplete;
      expect([like, dislike].map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false']);
      expect(await stored()).to.equal(null);
    });

    it('undoes feedback the server refused and says so', async () => {
      const {conversationIds} = await seed(1, 2);
      const el = await opened(conversationIds[0]);
      await injectFault({method: 'POST', path: '/feedback$', code: 'INTERNAL_SERVER_ERROR'});
      const [like] = $$<HTMLButtonElement>(el, '[part~="feedback-button"]');
      like.click();
      await waitUntil(() => harness(el).alert(), 'expected the error');
      expect(harness(el).alert()).to.equal(en.errors.INTERNAL_SERVER_ERROR);
      expect(like.getAttribute('aria-pressed')).to.equal('false');
    });

    it('ends a conversation after an in-element confirmation and offers a new one', async () => {
      const conversation = await server().createConversation(null);
      const el = await opened(conversation.id);
      part(el, 'close-button')!.click();
      await el.updateComplete;
      expect(text(part(el, 'footer')!.querySelector('p'))).to.equal(en.endConfirm);
      expect(el.shadowRoot!.activeElement).to.equal(harness(el).confirmButton());
      await expect(el).to.be.accessible();

      await sendKeys({press: 'Escape'});
      await el.updateComplete;
      expect(part(el, 'composer')).to.exist;
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'close-button'));
      part(el, 'close-button')!.click();
      await el.updateComplete;
      const closed = oneEvent(el, 'sa-conversation-closed');
      harness(el).confirmButton()!.click();
      expect((await closed).detail).to.deep.equal({conversationId: conversation.id});
      await el.updateComplete;
      expect(text(part(el, 'status'))).to.equal('Closed');
      expect(text(part(el, 'footer')!.querySelector('p'))).to.equal(en.closedJustNow(null));
      expect(el.shadowRoot!.activeElement).to.equal(harness(el).newConversationButton());
      expect((await server().getConversation(conversation.id)).status).to.equal('closed');
    });

    it('draws the whole focus ring of the buttons under a reply (the message box clips its painting)', async () => {
      const {conversationIds} = await seed(1, 2);
      const el = await opened(conversationIds[0]);
      const message = part(el, 'assistant')!;
      // WebKit shows no ring for focus() from a script (Tab would show it): then the :focus-visible rule says how far it reaches.
      const rule = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
        .find((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText === ':focus-visible')!;
      for (const button of $$(el, '[part~="actions"] button')) {
        button.focus();
        const style = button.matches(':focus-visible') ? getComputedStyle(button) : null;
        const ring = style ? parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) : parseFloat(rule.style.outlineOffset) + parseFloat(rule.style.outline);
        // Measured after focus: focus brings a message near the view into layout (content-visibility).
        const box = message.getBoundingClientRect();
        const rect = button.getBoundingClientRect();
        expect(ring).to.be.greaterThan(0);
        expect(rect.left - ring, 'left').to.be.at.least(box.left);
        expect(rect.bottom + ring, 'bottom').to.be.at.most(box.bottom);
        expect(rect.top - ring, 'top').to.be.at.least(box.top);
      }
    });

    it('keeps the last reply and its buttons in view while asking to confirm the end', async () => {
      const {conversationIds} = await seed(1, 12);
      const el = await opened(conversationIds[0]);
      const scroller = part(el, 'messages')!;
      await waitUntil(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'expected the bottom');
      part(el, 'close-button')!.click();
      await el.updateComplete;
      const actions = $$(el, '[part~="actions"]').at(-1)!;
      await waitUntil(() => actions.getBoundingClientRect().bottom <= scroller.getBoundingClientRect().bottom,
        'expected the last reply\'s buttons above the confirmation');
    });

    it('on a phone, shows End conversation as a named icon button and leaves the room to the title', async () => {
      const {conversationIds} = await seed(1, 2);
      const page = await fixture(html`<div style="width: 360px">
        <sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationIds[0]}></sa-conversation>
      </div>`);
      const el = page.querySelector('sa-conversation')!;
      await waitUntil(() => part(el, 'close-button'), 'expected the conversation');
      const button = part(el, 'close-button')!;
      expect(button.getBoundingClientRect().width).to.be.at.most(44);
      expect(text(button)).to.equal(en.endConversation);
      expect(button.title).to.equal(en.endConversation);
      const header = part(el, 'header')!.getBoundingClientRect().width;
      expect(part(el, 'title')!.getBoundingClientRect().width).to.be.at.least(header * 0.6);
      await expect(el).to.be.accessible();
    });

    it('lets go of a failed message when the conversation is ended', async () => {
      const conversation = await server().createConversation(null);
      const el = await opened(conversation.id);
      await injectFault({method: 'POST', path: '/messages$', code: 'INTERNAL_SERVER_ERROR'});
      await send(el, 'Lost in transit');
      await waitUntil(() => part(el, 'error'), 'expected the failure');
      part(el, 'close-button')!.click();
      await el.updateComplete;
      harness(el).confirmButton()!.click();
      await waitUntil(() => text(part(el, 'status')) === 'Closed', 'expected the closed state');
      expect(part(el, 'error')).to.equal(null);
      expect(logged(el)).to.deep.equal([]);
    });
  });

  describe('human hand-off', () => {
    it('shows the agent joining and their messages live, and sends without an AI reply', async () => {
      const el = await element();
      await send(el, 'I need a person');
      await waitUntil(() => text(part(el, 'title')) === 'I need a person', 'expected the reply and the re-read');
      const id = el.conversationId!;

      await control(`/conversations/${id}/handoff`, {agentName: 'Ada'});
      await waitUntil(() => text(part(el, 'agent')) === 'Ada', 'expected the agent in the header');
      expect(text(part(el, 'agent-joined'))).to.equal(en.agentJoined('Ada'));
      expect(part(el, 'agent-joined')!.closest('[role="log"]')).to.exist;
      expect(input(el).placeholder).to.equal(en.placeholderTo('Ada'));

      const received = oneEvent(el, 'sa-message-received');
      await control(`/conversations/${id}/agent-messages`, {content: 'Hi, Ada here. **How can I help?**'});
      const {message} = (await received).detail as {message: Message};
      expect(message.role).to.equal('human_agent');
      await waitUntil(() => logged(el).at(-1)!.startsWith('human_agent: Hi, Ada here.'), 'expected the agent message');

      const reads = (await requests('GET', `/conversations/${id}`)).length;
      await send(el, 'Thanks Ada');
      expect(harness(el).thinking()).to.equal(false);
      await waitUntil(async () => (await requests('GET', `/conversations/${id}`)).length > reads, 'expected the re-read');
      await el.updateComplete;
      expect(logged(el).at(-1)).to.equal('user: Thanks Ada');
      expect($(el, '[part~="streaming"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it("marks the hand-off in the log, before the agent's first message, with their initials or picture on each message", async () => {
      const {conversationIds} = await seed(4);
      const el = await opened(conversationIds[3]);
      const log = $(el, '[role="log"]')!;
      const lines = [...log.children].map((child) => (child.matches('[part~="agent-joined"]') ? 'joined' : child.className.replace('message ', '')));
      const firstAgent = lines.indexOf('human_agent');
      expect(firstAgent).to.be.greaterThan(0);
      expect(lines[firstAgent - 1]).to.equal('joined');
      expect(text(part(el, 'agent-joined'))).to.equal(en.agentJoined('Sam Rivera'));
      expect($$(el, '[part~="human_agent"] [part~="avatar"]').map(text)).to.include('SR');
      expect(input(el).placeholder).to.equal(en.placeholderTo('Sam Rivera'));
      await expect(el).to.be.accessible();

      const image = `${apiUrl.replace(/\/v2$/, '')}/ada.png`;
      await control(`/conversations/${conversationIds[3]}/handoff`, {agentName: 'Ada Lovelace', agentImage: image});
      await control(`/conversations/${conversationIds[3]}/agent-messages`, {content: 'Ada here'});
      await waitUntil(() => logged(el).at(-1) === 'human_agent: Ada here', 'expected the new agent message');
      expect($$<HTMLImageElement>(el, '[part~="human_agent"] img[part~="avatar"]').at(-1)!.src).to.equal(image);
    });

    it("shows an agent's initials, not an image, when their picture is not an http(s) URL", async () => {
      const conversation = await server().createConversation(null);
      await control(`/conversations/${conversation.id}/handoff`, {agentName: 'Ada Lovelace', agentImage: 'mailto:ada@example.com'});
      await control(`/conversations/${conversation.id}/agent-messages`, {content: 'Ada here'});
      const el = await opened(conversation.id);
      await waitUntil(() => logged(el).at(-1) === 'human_agent: Ada here', 'expected the agent message');
      expect($$(el, 'img')).to.deep.equal([]);
      expect($$(el, '[part~="human_agent"] [part~="avatar"]').map(text)).to.deep.equal(['AL']);
    });

    it('polls while a human agent handles it and no socket can be opened (token-only configuration)', async () => {
      const conversation = await server().createConversation(null);
      await control(`/conversations/${conversation.id}/handoff`, {agentName: 'Ada'});
      const token = storedToken(apiKey)!;
      clock = fakeIntervals();
      const page = await fixture(html`<div>
        <sa-conversation-list token=${token} api-url=${apiUrl}></sa-conversation-list>
        <sa-conversation token=${token} api-url=${apiUrl} conversation-id=${conversation.id}></sa-conversation>
      </div>`);
      const el = page.querySelector('sa-conversation')!;
      const list = page.querySelector('sa-conversation-list')!;
      await waitUntil(() => $(el, '[role="log"]') && list.shadowRoot!.querySelector('[part~="item"]'), 'expected the conversation and the list');
      const reads = () => requests('GET', `/conversations/${conversation.id}`);
      const listReads = () => requests('GET', '/conversations');
      const [conversationReadsBefore, listReadsBefore] = [(await reads()).length, (await listReads()).length];

      // A poll that finds nothing new is one read of the conversation; the list is not read again.
      clock.tick(5_000);
      await waitUntil(async () => (await reads()).length > conversationReadsBefore, 'expected a poll');
      expect(await listReads()).to.have.length(listReadsBefore);

      // Without a key there is no socket: the message can only arrive by polling, and then the list re-reads too.
      await control(`/conversations/${conversation.id}/agent-messages`, {content: 'Polling works'});
      expect(logged(el)).not.to.include('human_agent: Polling works');
      clock.tick(5_000);
      await waitUntil(() => logged(el).includes('human_agent: Polling works'), 'expected the agent message', {timeout: 3_000});
      await waitUntil(async () => (await listReads()).length > listReadsBefore, 'expected the list to re-read');
    });
  });

  describe('scrolling', () => {
    it('sticks to the newest message, and offers a jump when the visitor reads further up', async () => {
      const {conversationIds} = await seed(1, 30);
      const el = await opened(conversationIds[0]);
      const scroller = part(el, 'messages')!;
      // Thirty messages are laid out first: in WebKit on a loaded machine, longer than waitUntil's 1 s default.
      await waitUntil(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'expected the bottom', {timeout: 3000});
      // The visitor takes hold of the log (a pointer on it, as on its scrollbar) and moves it to the top.
      const box = scroller.getBoundingClientRect();
      await sendMouse({type: 'click', position: [Math.round(box.left + 4), Math.round(box.top + 4)]});
      scroller.scrollTop = 0;
      await aTimeout(50);
      await control(`/conversations/${conversationIds[0]}/agent-messages`, {content: 'Something new'});
      await waitUntil(() => part(el, 'new-messages-button'), 'expected the new-messages button');
      expect(scroller.scrollTop).to.equal(0);
      await expect(el).to.be.accessible();
      part(el, 'new-messages-button')!.click();
      await waitUntil(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'expected the bottom');
      await el.updateComplete;
      expect(part(el, 'new-messages-button')).to.equal(null);
    });

    it('follows a fast-streaming reply to its end while the visitor stays at the bottom', async () => {
      await control('/settings', {paceMs: 2});
      const el = await fixture<SaConversation>(
        html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} style="height: 320px"></sa-conversation>`
      );
      await send(el, 'A question that gets a long answer');
      await waitUntil(() => part(el, 'feedback-button'), 'expected the finished reply');
      const scroller = part(el, 'messages')!;
      // Messages in the log are laid out by the next frame that finds them near the view (content-visibility):
      // a script measuring before that frame sees their placeholder size.
      await waitUntil(() => scroller.scrollHeight > scroller.clientHeight * 2, 'expected a reply taller than the view');
      await waitUntil(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'expected the bottom');
      expect(part(el, 'new-messages-button')).to.equal(null);
    });
  });
});
