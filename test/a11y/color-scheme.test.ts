/**
 * Issue 13 items 5 and 9: the elements take the page's colour scheme (not the OS's), `theme` pins
 * or follows the OS, every text reads at WCAG AA on what is behind it, and a page's accent reaches
 * the visitor's bubbles with text chosen for contrast. Colours are read as the browser paints them.
 */
import {expect, fixture, html} from '@open-wc/testing';
import {ifDefined} from 'lit/directives/if-defined.js';
import '../../src/sa-conversation-list.js';
import '../../src/sa-conversation.js';
import '../../src/sa-start-button.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {apiKey, apiUrl, control, resetEmulator} from '../helpers/emulator.js';
import {emulateMedia, itEmulated} from '../helpers/media.js';
import {waitUntil} from '../helpers/dom.js';
import {backgroundOf, luminance, rgba, texts, type Rgba} from '../helpers/colours.js';

const emulateOs = (scheme: 'light' | 'dark') => emulateMedia([{name: 'prefers-color-scheme', value: scheme}]);

const dark = (el: Element) => luminance(backgroundOf(el)) < 0.2;

describe('colour scheme and contrast', () => {
  let conversationId: string;

  beforeEach(async () => {
    await resetEmulator();
    ({conversationIds: [conversationId]} = await control<{conversationIds: string[]}>('/seed', {
      apiKey, saVid: visitorId(apiKey), conversations: 3, messagesPerConversation: 2,
    }));
  });
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await emulateMedia([]);
  });

  /** Both lists (one with rows, one empty), a start button and an open conversation with messages. */
  async function chatPage(theme?: string) {
    const page = await fixture(html`<div>
      <sa-start-button for="chat" api-key=${apiKey} api-url=${apiUrl} theme=${ifDefined(theme)}></sa-start-button>
      <sa-conversation-list for="chat" api-key=${apiKey} api-url=${apiUrl} theme=${ifDefined(theme)}></sa-conversation-list>
      <sa-conversation-list status="closed" api-key=${apiKey} api-url=${apiUrl} theme=${ifDefined(theme)}></sa-conversation-list>
      <sa-conversation id="chat" api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationId} theme=${ifDefined(theme)}></sa-conversation>
    </div>`);
    const [list, empty] = page.querySelectorAll('sa-conversation-list');
    const chat = page.querySelector('sa-conversation')!;
    await waitUntil(() => list.shadowRoot!.querySelector('[part~="item"][aria-current="true"]'), 'the rows');
    await waitUntil(() => empty.shadowRoot!.querySelector('[part="empty"]'), 'the empty list');
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="user"] [part~="bubble"]'), 'the messages');
    return {page, list, empty, chat};
  }

  function expectReadable(page: Element) {
    const all = texts(page);
    expect(all.map((t) => t.text)).to.include.members(['No conversations yet', 'Open', '3 conversations', 'Start a conversation']);
    const poor = all.filter(({ratio}) => ratio < 4.5).map(({text, ratio}) => `${text} (${ratio.toFixed(2)})`);
    expect(poor, 'texts below 4.5:1').to.deep.equal([]);
  }

  itEmulated('stays light on a page that declares no color-scheme, with the OS in dark mode', async () => {
    await emulateOs('dark');
    const {page, chat, empty} = await chatPage();
    expect(dark(chat.shadowRoot!.querySelector('[part="base"]')!)).to.equal(false);
    expect(dark(empty.shadowRoot!.querySelector('[part="empty"] p')!)).to.equal(false);
    expectReadable(page);
  });

  itEmulated('follows a page that declares color-scheme: light dark, in either OS setting', async () => {
    document.documentElement.style.colorScheme = 'light dark';
    await emulateOs('dark');
    const {page, chat} = await chatPage();
    const base = chat.shadowRoot!.querySelector('[part="base"]')!;
    // Firefox restyles for a changed OS preference a moment after its media queries report it.
    await waitUntil(() => dark(base), 'the page\'s dark scheme');
    expectReadable(page);
    await emulateOs('light');
    await waitUntil(() => !dark(base), 'the page\'s light scheme');
    expectReadable(page);
  });

  itEmulated('pins a scheme with theme="dark" or "light", and follows the OS with theme="auto"', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const pinned = await chatPage('dark');
    expect(dark(pinned.chat.shadowRoot!.querySelector('[part="base"]')!)).to.equal(true);
    expectReadable(pinned.page);

    document.documentElement.style.colorScheme = 'dark';
    const light = await chatPage('light');
    expect(dark(light.chat.shadowRoot!.querySelector('[part="base"]')!)).to.equal(false);

    document.documentElement.style.colorScheme = '';
    await emulateOs('dark');
    const auto = await chatPage('auto');
    expect(dark(auto.chat.shadowRoot!.querySelector('[part="base"]')!)).to.equal(true);
  });

  it('gives the visitor\'s bubbles and buttons the page\'s accent, with text chosen for contrast on it', async () => {
    const teal: Rgba = [15, 118, 110, 1];
    const {page, chat} = await chatPage();
    const style = document.createElement('style');
    style.textContent = `
      .teal { --sa-color-accent: #0f766e; }
      .teal sa-conversation::part(header) { background: #0f766e; color: #fff; }`;
    page.append(style);
    page.classList.add('teal');
    const bubble = chat.shadowRoot!.querySelector('[part~="user"] [part~="bubble"]')!;
    expect(rgba(getComputedStyle(bubble).backgroundColor)).to.deep.equal(teal);
    const button = page.querySelector('sa-start-button')!.shadowRoot!.querySelector('[part="button"]')!;
    expect(rgba(getComputedStyle(button).backgroundColor)).to.deep.equal(teal);
    expectReadable(page);

    // A light accent gets dark text.
    page.setAttribute('style', '--sa-color-accent: #a5f3fc');
    expect(luminance(rgba(getComputedStyle(bubble).color))).to.be.below(0.1);
    expectReadable(page);
  });
});
