/**
 * A `<sa-conversation>` moved in the page (appendChild or insertBefore elsewhere: a host moving the chat
 * from a sidebar into a dialog, a framework reordering keyed children) is disconnected and connected
 * again in one task. The visitor sees nothing change and the host hears nothing twice; a real removal
 * still lets go of the request.
 */
import {expect, fixture, html} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import '../../src/sa-conversation.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {en} from '../../src/internal/strings.js';
import {SAID} from '../helpers/ai-said.mjs';
import {fakeIntervals, type IntervalClock} from '../helpers/clock.js';
import {ConversationHarness} from '../helpers/conversation-harness.js';
import {$, $$, part, text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, control, injectFault, requests, resetEmulator} from '../helpers/emulator.js';

/** The same visitor through a client of its own: what the server holds, unseen by the elements. */
const server = () => new SiteAssistClient({apiUrl, apiKey});
const harness = (el: SaConversation) => new ConversationHarness(el);
const logged = (el: SaConversation) => harness(el).messages();
const messagePosts = () => requests('POST', /^\/conversations\/[^/]+\/messages$/);
/** Lets the `ai` scenario waiting at `gate` go on (test/helpers/ai-replies.mjs). */
const release = (gate: string) => executeServerCommand('ai-release', gate);

/** A reply's text as the visitor reads it: each text part is a block of its own. */
const blocks = (bubble: HTMLElement | null) => [...(bubble?.querySelectorAll('.markdown') ?? [])].map(text);
/** The reply streaming in. */
const live = (el: SaConversation) => blocks($(el, '[part~="streaming"] [part~="bubble"]'));
/** The last reply in the log. */
const stored = (el: SaConversation) => blocks($$(el, '[role="log"] [part~="assistant"] [part~="bubble"]').pop() ?? null);
/** The Retry button of the current failed message (in its error). */
const retry = (el: SaConversation) => part(el, 'error')?.querySelector<HTMLButtonElement>('button') ?? null;
const storedUserTexts = async (id: string) =>
  (await server().getConversation(id)).messages.filter((m) => m.role === 'user').map((m) => m.parts.find((p) => p.type === 'text')!.text);

/** A page with a sidebar holding the conversation (after a heading) and a dialog to move it into. */
async function page(conversationId?: string): Promise<{el: SaConversation; sidebar: HTMLElement; dialog: HTMLElement}> {
  const root = await fixture<HTMLDivElement>(html`<div><section><h2>Help</h2></section><div role="dialog" aria-label="Chat"></div></div>`);
  const [sidebar, dialog] = [...root.children] as HTMLElement[];
  const el = Object.assign(document.createElement('sa-conversation'), {apiKey, apiUrl}) as SaConversation;
  if (conversationId) el.conversationId = conversationId;
  sidebar.append(el);
  if (conversationId) await harness(el).waitForLoaded();
  else await harness(el).waitForWelcome();
  return {el, sidebar, dialog};
}

/** Every `sa-*` event of these types the element fires, in order. */
function recorded(el: SaConversation, ...types: string[]): CustomEvent[] {
  const events: CustomEvent[] = [];
  for (const type of types) el.addEventListener(type, (event) => events.push(event as CustomEvent));
  return events;
}

describe('<sa-conversation> moved in the page', () => {
  let clock: IntervalClock | undefined;
  beforeEach(resetEmulator);
  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  it('keeps a streaming reply streaming through a move, and ends it as it would have: shown, announced once', async () => {
    const {el, dialog} = await page();
    const events = recorded(el, 'sa-message-sent', 'sa-message-received', 'sa-error');
    await harness(el).submit('Weather in Oslo? #ai:steps');
    await waitUntil(() => live(el)[1] === SAID.stepTwo, 'expected both steps live');

    dialog.append(el);
    await el.updateComplete;
    expect(logged(el)).to.deep.equal(['user: Weather in Oslo? #ai:steps']);
    expect(live(el)).to.deep.equal([SAID.stepOne, SAID.stepTwo]);
    expect(part(el, 'stop-button'), 'the reply is still stoppable').not.to.equal(null);

    await release('steps');
    await waitUntil(() => logged(el).length === 2 && $(el, '[part~="feedback-button"]:enabled'), 'expected the finished reply and the re-read');
    expect(logged(el)[0]).to.equal('user: Weather in Oslo? #ai:steps');
    expect(stored(el)).to.deep.equal([SAID.stepOne, SAID.stepTwo]);
    expect(events.map((e) => e.type)).to.deep.equal(['sa-message-sent', 'sa-message-received']);
    expect(events[1].detail.text).to.equal(`${SAID.stepOne}\n\n${SAID.stepTwo}`);
    const held = await server().getConversation(el.conversationId!);
    expect(held.messages.map((m) => [m.role, m.status])).to.deep.equal([['user', 'complete'], ['assistant', 'complete']]);
    await expect(el).to.be.accessible();
  });

  it('keeps failed messages with their Retry through a reorder, and each Retry sends its message once', async () => {
    const conversation = await server().createConversation(null);
    const {el, sidebar} = await page(conversation.id);
    await injectFault({method: 'POST', path: '/messages$', code: 'INTERNAL_SERVER_ERROR', count: 2});
    await harness(el).submit('First try');
    await waitUntil(() => retry(el), 'expected the first failure');
    await harness(el).submit('Second try');
    await waitUntil(() => $(el, '.unsent') && retry(el) && logged(el)[0] === 'user: Second try', 'expected both failures');

    // As a framework reorders keyed children: the element goes before its sibling.
    sidebar.insertBefore(el, sidebar.firstChild);
    await el.updateComplete;
    expect(logged(el)).to.deep.equal(['user: Second try']);
    expect(harness(el).failedNote('user')).to.equal(en.notSent);
    expect(text(retry(el))).to.equal(en.retry);
    expect(text($(el, '.unsent [part~="bubble"]'))).to.equal('First try');
    expect($$(el, '.unsent button').map(text)).to.deep.equal([en.retry, en.dismiss]);

    retry(el)!.click();
    await waitUntil(() => logged(el).length === 2 && $(el, '[part~="feedback-button"]:enabled'), 'expected the reply and the re-read');
    $<HTMLButtonElement>(el, '.unsent button')!.click();
    await waitUntil(() => logged(el).length === 4 && !$(el, '.unsent') && $$(el, '[part~="feedback-button"]:enabled').length === 4,
      'expected the resent message, its reply and the re-read');
    expect(await storedUserTexts(conversation.id)).to.deep.equal(['Second try', 'First try']);
    expect(await messagePosts()).to.have.length(4);
  });

  it('keeps counting a rate limit down through a move, then sends the message by itself', async function () {
    this.timeout(15_000);
    const {el, dialog} = await page();
    await server().getVisitor();
    await injectFault({method: 'POST', path: '/messages$', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 6});
    clock = fakeIntervals();
    await harness(el).submit('Hello?');
    await waitUntil(() => text(part(el, 'error')).includes(en.retryIn(6)), 'expected the countdown');

    dialog.append(el);
    clock.tick(1000);
    await el.updateComplete;
    expect(logged(el)).to.deep.equal(['user: Hello?']);
    expect(text(part(el, 'error'))).to.include(en.retryIn(5));
    clock.tick(5000);
    await waitUntil(() => logged(el).length === 2 && !part(el, 'error'), 'expected the automatic retry');
    expect(await storedUserTexts(el.conversationId!)).to.deep.equal(['Hello?']);
    expect(await messagePosts()).to.have.length(2);
  });

  it('keeps reading a reply written in another tab through a move, until it shows finished', async () => {
    const {id} = await server().createConversation(null);
    // Another tab's reply: streaming on the server, never told to this element's client.
    const elsewhere = server().sendMessage(id, {content: 'Are you there? #ai:late', pageContext: null});
    await waitUntil(async () => (await server().getConversation(id)).messages[1]?.status === 'streaming', 'expected the reply streaming');
    const {el, dialog} = await page(id);
    expect(stored(el).join('')).to.equal('');

    dialog.append(el);
    await release('late');
    await elsewhere;
    await waitUntil(() => stored(el)[0] === SAID.late, 'expected the finished reply, read again by itself');
    expect(logged(el)[0]).to.equal('user: Are you there? #ai:late');
  });

  it('still lets go of a streaming reply when really removed: the server sees the client go, nothing is announced', async () => {
    // Slow enough that the reply cannot finish by itself while the test looks.
    await control('/settings', {paceMs: 500});
    const {el} = await page();
    const events = recorded(el, 'sa-message-received', 'sa-error');
    await harness(el).submit('Tell me everything');
    await waitUntil(() => harness(el).streaming(), 'expected the reply to stream');
    const id = el.conversationId!;

    el.remove();
    await waitUntil(async () => (await server().getConversation(id)).messages[1]?.status === 'error', 'expected the reply cut off by the client leaving');
    expect(events).to.deep.equal([]);
    expect(await storedUserTexts(id)).to.deep.equal(['Tell me everything']);
  });
});
