/**
 * Engines without CSS `light-dark()` (Safari before 17.5, Firefox before 120, Chrome before 123, all
 * inside the supported range) get the light scheme, not elements without any colour: a custom
 * property holding a function the engine does not know makes every declaration that uses it invalid,
 * so surfaces turn transparent and borders vanish. Such an engine is simulated here: before any
 * element builds its style sheets, `light-dark(` is renamed in every constructed sheet, so this engine
 * rejects it as those do (and `@supports not (color: light-dark(…))` holds for it as for them).
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import '../../src/sa-conversation.js';
import '../../src/sa-start-button.js';
import '../../src/sa-launcher.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {apiKey, apiUrl, control, resetEmulator} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';
import {LauncherHarness} from '../helpers/launcher-harness.js';
import {rgba, texts} from '../helpers/colours.js';

const replaceSync = CSSStyleSheet.prototype.replaceSync;
CSSStyleSheet.prototype.replaceSync = function (this: CSSStyleSheet, text: string) {
  replaceSync.call(this, text.replaceAll('light-dark(', 'unknown-light-dark('));
};

const white = [255, 255, 255, 1];
const colourOf = (el: Element, property: 'backgroundColor' | 'color' | 'borderTopColor') => rgba(getComputedStyle(el)[property]);

describe('in an engine without light-dark()', () => {
  let conversationId: string;

  beforeEach(async () => {
    await resetEmulator();
    ({conversationIds: [conversationId]} = await control<{conversationIds: string[]}>('/seed', {
      apiKey, saVid: visitorId(apiKey), conversations: 1, messagesPerConversation: 2,
    }));
  });

  it('the elements keep the light scheme: surfaces, borders, the accent and readable text', async () => {
    expect(CSS.supports('color', 'unknown-light-dark(red, red)'), 'the simulated engine rejects the function').to.equal(false);
    const page = await fixture(html`<div>
      <sa-start-button for="chat" api-key=${apiKey} api-url=${apiUrl}></sa-start-button>
      <sa-conversation-list for="chat" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>
      <sa-conversation id="chat" api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationId}></sa-conversation>
    </div>`);
    const chat = page.querySelector('sa-conversation')!;
    const list = page.querySelector('sa-conversation-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector('[part~="item"][aria-current="true"]'), 'the rows');
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="user"] [part~="bubble"]'), 'the messages');

    expect(colourOf(chat, 'backgroundColor'), 'the conversation\'s surface').to.deep.equal(white);
    expect(getComputedStyle(chat).borderTopStyle, 'its border').to.equal('solid');
    expect(colourOf(chat, 'borderTopColor')).to.deep.equal([209, 213, 219, 1]);
    const bubble = chat.shadowRoot!.querySelector('[part~="user"] [part~="bubble"]')!;
    const start = page.querySelector('sa-start-button')!.shadowRoot!.querySelector('[part="button"]')!;
    for (const [what, el] of [['the visitor\'s bubble', bubble], ['the start button', start]] as const) {
      const background = colourOf(el, 'backgroundColor');
      expect(background[3], `${what} is painted`).to.equal(1);
      expect(background, `${what} has the accent`).not.to.deep.equal(white);
    }
    expect(colourOf(bubble, 'color'), 'the text on the accent').to.deep.equal(white);
    const poor = texts(page).filter(({ratio}) => ratio < 4.5).map(({text, ratio}) => `${text} (${ratio.toFixed(2)})`);
    expect(poor, 'texts below 4.5:1').to.deep.equal([]);
  });

  it('a page\'s own colour tokens still win', async () => {
    const chat = await fixture(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationId}
      style="--sa-color-accent: #0f766e; --sa-color-surface: #fefce8"></sa-conversation>`);
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="user"] [part~="bubble"]'), 'the messages');
    expect(colourOf(chat, 'backgroundColor')).to.deep.equal([254, 252, 232, 1]);
    expect(colourOf(chat.shadowRoot!.querySelector('[part~="user"] [part~="bubble"]')!, 'backgroundColor')).to.deep.equal([15, 118, 110, 1]);
  });

  it('the launcher\'s open panel is opaque, not the page showing through', async () => {
    const launcher = new LauncherHarness(await fixture(html`<sa-launcher api-key=${apiKey} api-url=${apiUrl}></sa-launcher>`));
    await launcher.clickButton();
    await waitUntil(() => launcher.isOpen, 'the open panel');
    expect(colourOf(launcher.panel!, 'backgroundColor')).to.deep.equal(white);
    expect(colourOf(launcher.button, 'backgroundColor')[3], 'the button is painted').to.equal(1);
  });
});
