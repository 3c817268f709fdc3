import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/sa-conversation.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {apiKey, apiUrl, resetEmulator} from '../helpers/emulator.js';
import {typeText, waitUntil} from '../helpers/dom.js';

/** Single long words: a table that only fits a phone by splitting them ("Star/ter"). */
const TABLE = [
  '| Plan | Conversations | Availability | Integrations | Professional |',
  '| --- | --- | --- | --- | --- |',
  '| Starter | Thousand | Weekdays | Webhooks | Community |',
  '| Growth | Unlimited | Everywhere | Everything | Dedicated |',
].join('\n');

/** Every word of `element`'s text that the layout breaks over two lines. */
function splitWords(element: Element): string[] {
  const split: string[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    for (const match of node.data.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index!);
      range.setEnd(node, match.index! + match[0].length);
      if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) split.push(match[0]);
    }
  }
  return split;
}

describe('<sa-conversation> markdown on a phone', () => {
  beforeEach(resetEmulator);

  it('scrolls wide tables and long code lines inside the bubble, never splits a word, and the page never scrolls sideways', async () => {
    // The emulator's reply quotes the question (here a table) and adds a code block with a long line.
    const client = new SiteAssistClient({apiUrl, apiKey});
    const conversation = await client.createConversation(null);
    await client.sendMessage(conversation.id, {content: TABLE});
    // A phone's width as the element's box (the viewport cannot be set in every engine the suite drives).
    const phone = await fixture<HTMLElement>(html`<div style="width:375px"><sa-conversation api-key=${apiKey} api-url=${apiUrl}
      conversation-id=${conversation.id} style="display:block;height:700px"></sa-conversation></div>`);
    const el = phone.firstElementChild as SaConversation;
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~="assistant"] table') && root.querySelector('[part~="assistant"] pre'), 'expected the reply');
    const bubble = root.querySelector('[part~="assistant"] [part~="bubble"]')!;
    const scroller = bubble.querySelector('.table-scroll')!;
    const pre = bubble.querySelector('pre')!;

    expect(phone.scrollWidth, 'the page scrolls sideways').to.be.at.most(375);
    expect(bubble.getBoundingClientRect().right).to.be.at.most(phone.getBoundingClientRect().right);
    expect(scroller.scrollWidth, 'the table scrolls inside the bubble').to.be.greaterThan(scroller.clientWidth);
    expect([...bubble.querySelectorAll('th, td')].flatMap(splitWords), 'words split inside cells').to.deep.equal([]);

    const code = pre.querySelector('code')!;
    const lines = code.textContent!.split('\n').length;
    expect(pre.scrollWidth, 'the long code line scrolls').to.be.greaterThan(pre.clientWidth);
    expect(new Set([...code.getClientRects()].map((r) => Math.round(r.top))).size, 'code lines wrapped').to.equal(lines);
    await expect(el).to.be.accessible();
  });
});

describe('<sa-conversation> a reply in its bubble', () => {
  beforeEach(resetEmulator);

  it('starts at the bubble\'s padding and ends at it: no block adds space above or below the words', async () => {
    const client = new SiteAssistClient({apiUrl, apiKey});
    const conversation = await client.createConversation(null);
    await client.sendMessage(conversation.id, {content: 'How do I track my order?'});
    const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}
      conversation-id=${conversation.id}></sa-conversation>`);
    const bubble = await waitUntil(() => el.shadowRoot!.querySelector('[part~="assistant"] [part~="bubble"]'), 'expected the reply')
      .then(() => el.shadowRoot!.querySelector<HTMLElement>('[part~="assistant"] [part~="bubble"]')!);
    const box = bubble.getBoundingClientRect();
    const style = getComputedStyle(bubble);
    const inner = {top: box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop),
      bottom: box.bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom)};
    const blocks = [...bubble.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().height > 0);
    const top = Math.min(...blocks.map((node) => node.getBoundingClientRect().top));
    const bottom = Math.max(...blocks.map((node) => node.getBoundingClientRect().bottom));
    expect(bubble.querySelector('.markdown > :first-child')!.localName, 'the reply starts with its quote').to.equal('blockquote');
    expect(top - inner.top, 'space above the first block').to.be.closeTo(0, 1);
    expect(inner.bottom - bottom, 'space below the last block').to.be.closeTo(0, 1);
  });
});

describe('<sa-conversation> markdown while a reply streams', () => {
  beforeEach(resetEmulator);

  it('never shows a citation as raw [Getting started][1] while the reply streams, and ends with it as a link and a chip', async () => {
    const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('textarea'), 'expected the composer');
    // Every text the visitor could see in the streaming reply, mutation by mutation.
    const seen = new Set<string>();
    const observer = new MutationObserver(() => {
      const streaming = root.querySelector('[part~="streaming"] [part~="bubble"]');
      if (streaming) seen.add(streaming.textContent ?? '');
    });
    observer.observe(root, {subtree: true, childList: true, characterData: true});
    root.querySelector('textarea')!.focus();
    await typeText('How do I start?');
    await sendKeys({press: 'Enter'});
    await waitUntil(() => [...seen].some((t) => t.includes('see Getting started')), 'expected the streamed citation');
    await waitUntil(() => root.querySelector('[role="log"] [part~="assistant"] [part~="sources"]'), 'expected the stored reply');
    observer.disconnect();
    expect([...seen].filter((t) => /\]\[|\[1\]/.test(t)), 'raw citation markdown shown').to.deep.equal([]);
    const bubble = root.querySelector('[role="log"] [part~="assistant"] [part~="bubble"]')!;
    const words = [...bubble.querySelectorAll('a')].find((a) => a.textContent === 'Getting started')!;
    expect(words.href).to.equal('https://docs.example.com/getting-started');
    expect(words.nextElementSibling?.getAttribute('part')).to.equal('citation');
  });
});
