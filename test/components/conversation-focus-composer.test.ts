/** `<sa-conversation>.focusComposer(text?)`, which `<sa-launcher>` calls when its panel opens. */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {apiKey, apiUrl, control, requests, resetEmulator} from '../helpers/emulator.js';
import {deepActiveElement} from '../helpers/launcher-harness.js';
import {waitUntil} from '../helpers/dom.js';

const input = (el: SaConversation) => el.shadowRoot!.querySelector('textarea')!;

describe('<sa-conversation> focusComposer()', () => {
  beforeEach(resetEmulator);

  it('puts focus and the text in the message box of the welcome screen, sending nothing', async () => {
    const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);
    el.focusComposer('Do you ship abroad?');
    await waitUntil(() => deepActiveElement() === input(el), 'focus in the message box');
    expect(input(el).value).to.equal('Do you ship abroad?');
    expect(await requests('POST')).to.have.length(0);
  });

  it('keeps the message box\'s text at 16px or more, under which iOS Safari zooms the page in on focus', async () => {
    const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}
      style="--sa-font-size: 13px"></sa-conversation>`);
    expect(parseFloat(getComputedStyle(input(el)).fontSize)).to.equal(16);
    el.style.removeProperty('--sa-font-size');
    document.documentElement.style.fontSize = '125%';
    try {
      // Above 16px it follows the messages' text.
      await waitUntil(() => parseFloat(getComputedStyle(input(el)).fontSize) === 18.75, 'the box\'s text grown with the root');
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('waits for a conversation to load before it takes focus (the box is disabled until then)', async () => {
    const {conversationIds} = await control<{conversationIds: string[]}>('/seed', {apiKey, saVid: visitorId(apiKey), conversations: 1});
    const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationIds[0]}></sa-conversation>`);
    expect(input(el).disabled, 'still loading').to.equal(true);
    el.focusComposer();
    await waitUntil(() => !input(el).disabled, 'loaded');
    await waitUntil(() => deepActiveElement() === input(el), 'focus in the message box once it is usable');
  });
});
