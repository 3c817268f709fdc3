/**
 * What a CMS theme's CSS does to the elements pasted into its pages.
 * - Many themes set `html { font-size: 62.5% }` (so that 1rem is 10px) and size their own text in rem.
 *   The elements size theirs from `--_rem`, the root's font size but never less than 16px: on such a
 *   page they look as they do on any other, and a larger root (a visitor's bigger default font, a
 *   page's larger type) still makes them larger.
 * - Inherited text styles (a page builder's centred section, letter-spacing, uppercase) stop at the
 *   element; its colour scheme and visibility do not.
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

describe('a CMS theme\'s CSS', () => {
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

  it('does not reach the elements\' text through inheritance, but hides them with visibility', async () => {
    const section = await fixture(html`<section style="text-align: center; letter-spacing: 0.1em; word-spacing: 0.3em;
      text-transform: uppercase; font-style: italic; font-weight: 300; text-indent: 2em; white-space: pre; text-shadow: 0 1px 1px gray">
      <sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationId}></sa-conversation>
    </section>`);
    const chat = section.querySelector('sa-conversation')!;
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="message"][part~="assistant"] [part~="bubble"] p'), 'the messages');
    const reply = getComputedStyle(chat.shadowRoot!.querySelector('[part~="message"][part~="assistant"] [part~="bubble"] p')!);
    expect({
      textAlign: reply.textAlign, letterSpacing: reply.letterSpacing, wordSpacing: reply.wordSpacing, textTransform: reply.textTransform,
      fontStyle: reply.fontStyle, fontWeight: reply.fontWeight, textIndent: reply.textIndent, whiteSpace: reply.whiteSpace, textShadow: reply.textShadow,
    }).to.deep.equal({
      textAlign: 'start', letterSpacing: 'normal', wordSpacing: '0px', textTransform: 'none',
      fontStyle: 'normal', fontWeight: '400', textIndent: '0px', whiteSpace: 'normal', textShadow: 'none',
    });
    section.setAttribute('style', 'visibility: hidden');
    const box = chat.shadowRoot!.querySelector('textarea')!;
    // Firefox, with other files running beside this one, can report a shadow tree's restyle a moment late.
    await waitUntil(() => getComputedStyle(box).visibility === 'hidden', 'the message box hidden with its section');
  });

  it('sizes the elements from the root\'s font size: above the default they grow, at 62.5% nothing changes', async () => {
    const chat = await fixture(html`<sa-conversation style="width: 400px" api-key=${apiKey} api-url=${apiUrl}
      conversation-id=${conversationId}></sa-conversation>`);
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="message"][part~="assistant"] [part~="bubble"]') && chat.shadowRoot!.querySelector('time'), 'the messages');
    const usual = sizes(chat);
    expect(usual.text, 'the text at the browser\'s default').to.equal(15);

    // Each change is waited for (Firefox can report a shadow tree's restyle a moment late); 125% first,
    // so that 62.5% is seen to have been applied when the sizes come back.
    document.documentElement.style.fontSize = '125%';
    await waitUntil(() => sizes(chat).text === usual.text * 1.25, 'the text grown with the root');
    const larger = sizes(chat);
    expect(larger.time).to.equal(usual.time * 1.25);
    expect(larger.chatHeight).to.equal(usual.chatHeight * 1.25);

    document.documentElement.style.fontSize = '62.5%';
    await waitUntil(() => sizes(chat).text !== larger.text, 'the smaller root applied');
    expect(sizes(chat)).to.deep.equal(usual);
  });
});
