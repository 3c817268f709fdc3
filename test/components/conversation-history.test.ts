import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/sa-conversation.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import type {Conversation, Message} from '../../src/api/types.js';
import {ConversationHarness} from '../helpers/conversation-harness.js';
import {$, $$, focusWindow, holdKey, text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, requests, resetEmulator, seed} from '../helpers/emulator.js';

/** A long history: 200 messages, most of them far above the view when it opens at the newest. */
const LENGTH = 200;

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

const words = (message: Message) =>
  message.parts.flatMap((p) => (p.type === 'text' && typeof p.text === 'string' ? [p.text] : [])).join(' ');

describe('<sa-conversation> with a long history', () => {
  let stored: Conversation;
  let el: SaConversation;
  let harness: ConversationHarness;
  const scroller = () => $(el, '[part="messages"]')!;
  const messages = () => $$(el, '[role="log"] [part~="message"]');

  beforeEach(async () => {
    await resetEmulator();
    const {conversationIds} = await seed(1, LENGTH);
    stored = await new SiteAssistClient({apiUrl, apiKey}).getConversation(conversationIds[0]);
    el = await fixture<SaConversation>(
      html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${stored.id}></sa-conversation>`
    );
    harness = new ConversationHarness(el);
    await harness.waitForLoaded();
  });

  it('has every message and its words in the DOM at once, opened at the newest in full', async () => {
    expect(messages()).to.have.length(LENGTH);
    // Each message's words, markdown's marks aside, before it is scrolled to (find-in-page, screen readers).
    messages().forEach((node, index) => {
      const said = text(node.querySelector('[part~="bubble"]'));
      const first = words(stored.messages[index]).match(/[\p{L}\p{N}'’]+(?: [\p{L}\p{N}'’]+){0,3}/u)![0];
      expect(said, `message ${index}`).to.include(first);
      expect(node.closest('[aria-hidden="true"]'), `message ${index}`).to.equal(null);
    });
    const {scrollTop, scrollHeight, clientHeight} = scroller();
    expect(scrollHeight - scrollTop - clientHeight, 'distance from the bottom').to.be.below(2);
    const newest = messages().at(-1)!;
    expect(newest.querySelector('[part~="actions"]'), 'the newest reply has its buttons').to.not.equal(null);
    expect(newest.querySelector('.markdown'), 'and its markdown').to.not.equal(null);
    await waitUntil(() => text(newest.querySelector('time')), 'expected the newest time');
  });

  it('gives an older reply its markdown, time and buttons once it is scrolled into view, for the keyboard too', async () => {
    const oldest = messages()[1];
    expect(oldest.matches('[part~="assistant"]')).to.equal(true);
    expect(oldest.querySelector('[part~="actions"]'), 'no buttons while far from the view').to.equal(null);
    expect(oldest.querySelector('.markdown'), 'no markdown yet').to.equal(null);

    // What the log gains while older messages get their full rendering is not news to a screen reader:
    // nothing is added where the log's live region would read it out.
    const log = $(el, '[role="log"]')!;
    const announced: Element[] = [];
    const watcher = new MutationObserver((records) => {
      for (const node of records.flatMap((record) => [...record.addedNodes])) {
        const element = node instanceof Element ? node : node.parentElement!;
        if (element.closest('[aria-live]') === log) announced.push(element);
      }
    });
    watcher.observe(log, {childList: true, subtree: true, characterData: true});
    // As a visitor does: the log has the focus and Home takes it to the top.
    await focusWindow();
    scroller().focus();
    const bottom = scroller().scrollTop;
    await holdKey('Home', () => scroller().scrollTop < bottom, 'expected Home to move the view');
    await waitUntil(() => messages()[1].querySelector('[part~="actions"]'), 'expected the buttons once in view');
    watcher.disconnect();
    expect(announced.map((node) => node.outerHTML.slice(0, 80)), 'added to the live log').to.deep.equal([]);
    const reply = messages()[1];
    expect(text(reply.querySelector('.markdown'))).to.not.include('**');
    await waitUntil(() => text(reply.querySelector('time')), 'expected its time');
    expect(reply.querySelector('time')!.getAttribute('datetime')).to.equal(stored.messages[1].createdAt);

    const like = reply.querySelector<HTMLButtonElement>('[part~="feedback-button"]')!;
    like.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(async () => (await requests('POST', `/messages/${stored.messages[1].id}/feedback`)).length === 1, 'expected the feedback');
    await waitUntil(() => messages()[1].querySelector('[part~="feedback-button"]')!.getAttribute('aria-pressed') === 'true', 'expected it pressed');
  });

  // Where the engine has no scroll anchoring (WebKitGTK 2.50), any message above the view that is laid
  // out at its real size moves the view, as it did before messages were deferred (content-visibility).
  const anchors = CSS.supports('overflow-anchor', 'auto');
  (anchors ? it : it.skip)(`keeps what is in view still while scrolling up through the whole history${anchors ? '' : ' (skipped: no scroll anchoring in this engine)'}`, async function () {
    this.timeout(60_000);
    const view = scroller();
    const step = view.clientHeight;
    let moves = 0;
    while (view.scrollTop > 0 && moves++ < 400) {
      view.scrollTop -= step;
      // The message at the top of the view, and where it is, once this scroll has been laid out.
      await frame();
      // The first reaching into the view: a point at its top edge may fall in the gap between two.
      const top = view.getBoundingClientRect().top;
      const anchor = messages().find((message) => message.getBoundingClientRect().bottom > top)!;
      const at = anchor.getBoundingClientRect().top;
      // Messages coming near get their full rendering in these frames.
      for (let i = 0; i < 3; i++) await frame();
      expect(anchor.getBoundingClientRect().top, `the message at the top, ${moves} scrolls up`).to.be.closeTo(at, 1);
    }
    expect(view.scrollTop).to.equal(0);
    expect(messages()[0].querySelector('time'), 'the oldest is in full at the top').to.not.equal(null);
  });
});
