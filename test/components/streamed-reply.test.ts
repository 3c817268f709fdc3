/**
 * Replies as SiteAssist's server streams them, produced by the real `ai` package (the emulator answers
 * `#ai:<scenario>` messages with test/helpers/ai-replies.mjs): several steps, tool calls, sources, the
 * link action and a server-side abort, live and after the re-read.
 */
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {executeServerCommand, sendKeys} from '@web/test-runner-commands';
import '../../src/sa-conversation.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {en} from '../../src/internal/strings.js';
import {apiKey, apiUrl, injectFault, resetEmulator} from '../helpers/emulator.js';
import {LINK, SAID} from '../helpers/ai-said.mjs';
import {typeText, waitUntil} from '../helpers/dom.js';

const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const $ = (el: SaConversation, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: SaConversation, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

/** The reply as the visitor sees it: live while it streams, then the last message of the log. */
const live = (el: SaConversation) => $(el, '[part~="streaming"] [part="bubble"]');
const stored = (el: SaConversation) => $$(el, '[role="log"] [part~="assistant"] [part="bubble"]').pop() ?? null;
/** Each text part of a reply is a block of its own. */
const blocks = (bubble: HTMLElement | null) => [...(bubble?.querySelectorAll('.markdown') ?? [])].map(text);
const working = (bubble: HTMLElement | null) => Boolean(bubble?.querySelector('.thinking'));
const sources = (bubble: HTMLElement | null) =>
  [...(bubble?.querySelectorAll('[part="sources"] li') ?? [])].map((li) => [text(li), li.querySelector('a')?.href ?? null]);
const linkButtons = (bubble: HTMLElement | null) =>
  [...(bubble?.querySelectorAll<HTMLAnchorElement>('[part="link-button"]') ?? [])].map((a) => [text(a), a.href, a.dataset.variant]);

/** Lets the scenario waiting at `gate` go on (test/helpers/ai-replies.mjs). */
const release = (gate: string) => executeServerCommand('ai-release', gate);

async function conversation(): Promise<SaConversation> {
  const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);
  await waitUntil(() => $(el, '[part="welcome"]') && !$(el, '.welcome .notice'), 'expected the welcome');
  return el;
}

async function send(el: SaConversation, message: string): Promise<void> {
  $(el, 'textarea')!.focus();
  await typeText(message);
  await sendKeys({press: 'Enter'});
}

/** The re-read after the reply has brought the stored message (feedback needs its id). */
const reread = (el: SaConversation) =>
  waitUntil(() => !live(el) && $$(el, '[part~="feedback-button"]').length > 0 &&
    $$(el, '[part~="feedback-button"]').every((b) => !(b as HTMLButtonElement).disabled), 'expected the stored reply');

describe('<sa-conversation> with replies the ai package streams', () => {
  beforeEach(resetEmulator);

  it('shows each step\'s text as its own block, live and stored, and the event text agrees', async () => {
    const el = await conversation();
    const received = oneEvent(el, 'sa-message-received');
    await send(el, 'Weather in Oslo? #ai:steps');
    await waitUntil(() => blocks(live(el)).length === 2 && blocks(live(el))[1] === SAID.stepTwo, 'expected both steps live');
    expect(blocks(live(el))).to.deep.equal([SAID.stepOne, SAID.stepTwo]);
    expect(live(el)!.innerText).not.to.contain('for you.It is');
    await release('steps');

    expect((await received).detail.text).to.equal(`${SAID.stepOne}\n\n${SAID.stepTwo}`);
    await reread(el);
    expect(blocks(stored(el))).to.deep.equal([SAID.stepOne, SAID.stepTwo]);
    // The weather tool's call is the reply's business, not the visitor's.
    expect(text(el.shadowRoot)).not.to.contain('secret');
    await expect(el).to.be.accessible();
  });

  it("lists the reply's sources with its citations, once each, http(s) only, live and stored", async () => {
    const el = await conversation();
    await send(el, 'How do returns work? #ai:sources');
    const expected = [
      ['Returns policy', SAID.citedUrl],
      ['Shipping status', 'https://status.example.com/'],
      ['Terms of sale', null],
    ];
    await waitUntil(() => sources(live(el)).length === expected.length, 'expected the sources live');
    expect(sources(live(el))).to.deep.equal(expected);
    expect(live(el)!.querySelectorAll('[part="sources"]')).to.have.length(1);
    await release('sources');

    await reread(el);
    expect(sources(stored(el))).to.deep.equal(expected);
    expect(stored(el)!.querySelector<HTMLAnchorElement>('[part="citation"]')!.href).to.equal(SAID.citedUrl);
    expect(text(stored(el))).not.to.contain('Not a page');
    expect(text(stored(el))).not.to.contain('Write to us');
    await expect(el).to.be.accessible();
  });

  it('numbers citations across the steps of a reply as its one list of sources does', async () => {
    const el = await conversation();
    await send(el, 'Returns and shipping? #ai:citedSteps');
    await reread(el);
    const bubble = stored(el)!;
    expect(sources(bubble)).to.deep.equal([['Returns policy', SAID.citedUrl], ['Shipping times', SAID.shippingUrl]]);
    const listed = new Map([...bubble.querySelectorAll<HTMLLIElement>('[part="sources"] li')]
      .map((li) => [String(li.value), li.querySelector('a')!.href]));
    const chips = [...bubble.querySelectorAll<HTMLAnchorElement>('[part="citation"]')].map((a) => [text(a), a.href]);
    expect(chips, 'each chip: its number, its link').to.deep.equal([['1', SAID.citedUrl], ['2', SAID.shippingUrl], ['1', SAID.citedUrl]]);
    for (const [number, href] of chips) expect(listed.get(number), `source ${number} in the list`).to.equal(href);
  });

  it('shows the link action as soon as its input is there, while the reply is still working', async () => {
    const el = await conversation();
    await send(el, 'I want to return a jacket #ai:link');
    await waitUntil(() => linkButtons(live(el)).length === 1, 'expected the link button live');
    expect(linkButtons(live(el))).to.deep.equal([[LINK.buttonLabel, LINK.href, 'default']]);
    expect(working(live(el))).to.equal(true);
    await release('link');

    await reread(el);
    expect(linkButtons(stored(el))).to.deep.equal([[LINK.buttonLabel, LINK.href, 'primary']]);
    expect(blocks(stored(el))).to.deep.equal([SAID.linkIntro, SAID.linkAfter]);
    expect(working(stored(el))).to.equal(false);
  });

  it("shows that a reply busy in a tool is still working, never the tool's input or output", async () => {
    const el = await conversation();
    await send(el, 'Where is my order? #ai:busy');
    await waitUntil(() => blocks(live(el))[0] === SAID.busyBefore && working(live(el)), 'expected the reply busy in its tool');
    expect(text($(el, '[part~="streaming"] .thinking'))).to.equal(en.thinking);
    expect(text(el.shadowRoot)).not.to.contain('secret');
    await release('busy');

    await waitUntil(() => blocks(live(el) ?? stored(el))[1] === SAID.busyAfter, 'expected the rest of the reply');
    await reread(el);
    expect(blocks(stored(el))).to.deep.equal([SAID.busyBefore, SAID.busyAfter]);
    expect(working(stored(el))).to.equal(false);
    expect(text(el.shadowRoot)).not.to.contain('secret');
  });

  it('shows a finished reply whole until the re-read, when its text part opened before its first words', async () => {
    const el = await conversation();
    await send(el, 'Hello? #ai:late');
    await waitUntil(() => live(el)?.querySelector('.markdown'), 'expected the empty text part live');
    // Reads from now on answer late, so what stands in for the stored reply until the re-read can be seen.
    await injectFault({method: 'GET', path: '^/conversations/[^/]+$', delayMs: 3000});
    await release('late');
    await waitUntil(() => !live(el) && blocks(stored(el))[0] === SAID.late, 'expected the finished reply before its re-read');
    expect($$(el, '[part~="feedback-button"]').every((b) => (b as HTMLButtonElement).disabled), 'not yet re-read').to.equal(true);
  });

  it('ends a reply the server aborts as a stopped one: kept as far as it got, nothing received, no error', async () => {
    const el = await conversation();
    const events: string[] = [];
    for (const type of ['sa-message-received', 'sa-error'] as const) el.addEventListener(type, () => events.push(type));
    await send(el, 'Explain everything #ai:abort');
    await waitUntil(() => blocks(live(el))[0] === SAID.stopped, 'expected the reply to stream');
    await release('abort');

    await waitUntil(() => $(el, '[part~="send-button"]') && !live(el), 'expected the composer back, as after Stop');
    expect(blocks(stored(el))).to.deep.equal([SAID.stopped]);
    expect($(el, '[role="alert"]')).to.equal(null);
    // The same state as Stop: "Stopped", not marked as a failure.
    await waitUntil(() => text(stored(el)?.closest('[part~="message"]')?.querySelector('.meta')).endsWith(en.stopped),
      'expected the stored reply, marked "Stopped" as a reply the visitor stopped is');
    expect(stored(el)!.closest('[part~="message"]')!.querySelector('.failed')).to.equal(null);
    expect(events).to.deep.equal([]);
  });
});

describe('SiteAssistClient.sendMessage with replies the ai package streams', () => {
  beforeEach(resetEmulator);

  it("resolves with the stream's message id and metadata, its parts, and text that onText's pieces add up to", async () => {
    const client = new SiteAssistClient({apiUrl, apiKey});
    const {id} = await client.createConversation(null);
    let streamed = '';
    const outcome = await client.sendMessage(id, {content: 'Weather? #ai:steps'}, {onText: (delta) => {
      streamed += delta;
      if (streamed.endsWith(SAID.stepTwo)) void release('steps');
    }});
    if (outcome.repliedBy !== 'assistant') throw new Error('expected an assistant reply');
    const reply = (await client.getConversation(id)).messages[1];
    expect(outcome.messageId).to.equal(reply.id);
    expect(outcome.metadata).to.deep.equal({model: 'mock-model', finishReason: 'stop'});
    expect(outcome.metadata).to.deep.equal(reply.metadata);
    expect(outcome.aborted).to.equal(false);
    expect(outcome.text).to.equal(`${SAID.stepOne}\n\n${SAID.stepTwo}`);
    expect(streamed).to.equal(outcome.text);
    // The parts the stream built are the parts the server stored (the ai package's own client built those).
    expect(outcome.parts.map(({type}) => type)).to.deep.equal(reply.parts.map(({type}) => type));
    expect(outcome.parts.filter((p) => p.type === 'text').map((p) => p.text))
      .to.deep.equal(reply.parts.filter((p) => p.type === 'text').map((p) => p.text));
  });

  it('resolves as aborted when the server stops the reply', async () => {
    const client = new SiteAssistClient({apiUrl, apiKey});
    const {id} = await client.createConversation(null);
    let streamed = '';
    const outcome = await client.sendMessage(id, {content: 'Explain #ai:abort'}, {onText: (delta) => {
      streamed += delta;
      if (streamed === SAID.stopped) void release('abort');
    }});
    expect(outcome).to.include({repliedBy: 'assistant', aborted: true, text: SAID.stopped});
  });
});
