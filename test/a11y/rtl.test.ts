/**
 * Right to left: under `dir="rtl"` the conversation mirrors (the visitor's bubbles on the left) while
 * code stays left to right, and the elements stay accessible. In Arabic, as an Arabic page has it.
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import '../../src/sa-conversation.js';
import '../../src/locales/ar.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {apiKey, apiUrl, control, resetEmulator} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const box = (node: Element) => node.getBoundingClientRect();
/** Where the first or last character of `node`'s text is drawn. */
function edge(node: Element, which: 'first' | 'last'): DOMRect {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {acceptNode: (t) => (t.textContent!.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP)});
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  const text = which === 'first' ? texts[0] : texts.at(-1)!;
  const offset = which === 'first' ? text.textContent!.search(/\S/) : text.textContent!.trimEnd().length - 1;
  const range = document.createRange();
  range.setStart(text, offset);
  range.setEnd(text, offset + 1);
  return range.getBoundingClientRect();
}

describe('right to left', () => {
  beforeEach(resetEmulator);

  it('mirrors the conversation and the list, keeps code left to right and stays accessible', async () => {
    const {conversationIds} = await control<{conversationIds: string[]}>('/seed', {
      apiKey, saVid: visitorId(apiKey), conversations: 2, messagesPerConversation: 2,
    });
    const page = await fixture(html`<div dir="rtl" lang="ar" style="width: 900px">
      <sa-conversation-list for="chat" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>
      <sa-conversation id="chat" api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationIds[1]}></sa-conversation>
    </div>`);
    const [list, chat] = [page.querySelector('sa-conversation-list')!, page.querySelector('sa-conversation')!];
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="assistant"] pre'), 'the reply with its code block');
    await waitUntil(() => list.shadowRoot!.querySelector('[part~="item"]'), 'the list');

    const user = $(chat, '[part~="message"][part~="user"] [part~="bubble"]');
    const reply = $(chat, '[part~="message"][part~="assistant"] [part~="bubble"]');
    expect(getComputedStyle(reply).direction).to.equal('rtl');
    expect(box(reply).right, "the assistant's reply starts on the right").to.be.greaterThan(box(user).right);

    const pre = reply.querySelector('pre')!;
    expect([getComputedStyle(pre).direction, getComputedStyle(pre).textAlign]).to.deep.equal(['ltr', 'left']);

    // The reply is English: each of its paragraphs runs left to right, its full stop at the end on the right.
    const english = [...reply.querySelectorAll('p')].find((p) => /^[A-Za-z].*\.$/.test(p.textContent!.trim()))!;
    expect(english, 'an English paragraph ending in a full stop').to.exist;
    expect(edge(english, 'last').left, 'the full stop').to.be.greaterThan(edge(english, 'first').left);
    expect(getComputedStyle(reply.querySelector('ul')!).direction, 'an English list, bullets on the left').to.equal('ltr');
    const preview = $(list, '[part~="preview"]');
    expect(getComputedStyle(preview).unicodeBidi).to.equal('plaintext');

    expect(getComputedStyle($(list, '[part~="item"]')).direction).to.equal('rtl');
    expect($(list, '[part="total"]').textContent).to.equal('محادثتان');
    await expect(chat).to.be.accessible();
    await expect(list).to.be.accessible();
  });
});
