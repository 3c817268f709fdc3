/**
 * Many CMS themes set `html { font-size: 62.5% }` (so that 1rem is 10px) and size their own text in
 * rem. The elements size theirs from `--_rem`, the root's font size but never less than 16px: on such
 * a page they look as they do on any other, and a larger root (a visitor's bigger default font, a
 * page's larger type) still makes them larger.
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {apiKey, apiUrl, control, resetEmulator} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';

/** What a visitor sees of the conversation's sizes, in px. */
function sizes(chat: Element) {
  const root = chat.shadowRoot!;
  const px = (el: Element | null, property: 'fontSize' | 'paddingTop' | 'height' | 'width') => parseFloat(getComputedStyle(el!)[property]);
  return {
    text: px(root.querySelector('[part~="message"][part~="assistant"] [part~="bubble"]'), 'fontSize'),
    time: px(root.querySelector('time'), 'fontSize'),
    bubblePadding: px(root.querySelector('[part~="bubble"]'), 'paddingTop'),
    chatHeight: px(chat, 'height'),
    // The end button is only its icon in a conversation this narrow, its words hidden.
    endWords: px(root.querySelector('[part~="close-button"] .label'), 'width'),
  };
}

describe('a page\'s root font size', () => {
  let conversationId: string;

  beforeEach(async () => {
    await resetEmulator();
    ({conversationIds: [conversationId]} = await control<{conversationIds: string[]}>('/seed', {
      apiKey, saVid: visitorId(apiKey), conversations: 1, messagesPerConversation: 2,
    }));
  });
  afterEach(() => {
    document.documentElement.style.fontSize = '';
  });

  it('below the browser\'s default (62.5%) changes nothing; above it, everything grows', async () => {
    const chat = await fixture(html`<sa-conversation style="width: 400px" api-key=${apiKey} api-url=${apiUrl}
      conversation-id=${conversationId}></sa-conversation>`);
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="message"][part~="assistant"] [part~="bubble"]') && chat.shadowRoot!.querySelector('time'), 'the messages');
    const usual = sizes(chat);
    expect(usual.text, 'the text at the browser\'s default').to.equal(15);

    document.documentElement.style.fontSize = '62.5%';
    expect(sizes(chat)).to.deep.equal(usual);

    document.documentElement.style.fontSize = '125%';
    const larger = sizes(chat);
    expect(larger.text).to.equal(usual.text * 1.25);
    expect(larger.time).to.equal(usual.time * 1.25);
    expect(larger.chatHeight).to.equal(usual.chatHeight * 1.25);
  });
});
