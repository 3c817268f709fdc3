/**
 * Issue 6, elements created before the CDN script loads and after: markup already in the page
 * upgrades with its own attributes (here a key other than the script tag's) and works; elements
 * created afterwards work too. Imports nothing from src/.
 */
import {expect} from '@open-wc/testing';
import {loadCdnScript, shadow, shadowAll, tags, text} from '../helpers/cdn-page.js';
import {apiUrl, requests, resetEmulator} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';

const otherKey = 'pk_other';

describe('resilience: elements before and after the CDN script', () => {
  const page = document.createElement('div');

  before(resetEmulator);
  after(() => page.remove());

  it('markup present before the script upgrades with its attributes and works', async () => {
    page.innerHTML = `
      <sa-start-button for="chat" api-key="${otherKey}" api-url="${apiUrl}">Ask us</sa-start-button>
      <sa-conversation id="chat" api-key="${otherKey}" api-url="${apiUrl}"></sa-conversation>`;
    document.body.append(page);
    const [chat, start] = ['sa-conversation', 'sa-start-button'].map((tag) => page.querySelector(tag)!);
    expect(tags.some((tag) => customElements.get(tag)), 'nothing defined yet').to.equal(false);
    expect(chat.shadowRoot).to.equal(null);

    await loadCdnScript();
    await waitUntil(() => text(shadow(chat, '[part~="welcome"]')) !== '', 'the upgraded conversation loads');
    shadow(start, '[part~="button"]')!.click();
    await waitUntil(() => chat.shadowRoot!.activeElement?.localName === 'textarea', 'the start button opens its target for a first message');
    const input = shadow(chat, 'textarea') as HTMLTextAreaElement;
    input.value = 'Hello';
    input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await waitUntil(() => !(shadow(chat, '[part~="send-button"]') as HTMLButtonElement).disabled, 'send enabled');
    shadow(chat, '[part~="send-button"]')!.click();
    await waitUntil(() => (chat as unknown as {conversationId?: string}).conversationId, 'the first message starts a conversation');
    const inits = await requests('POST', '/identity/init');
    expect(inits.map((r) => (r.body as {apiKey: string}).apiKey), 'the key from the markup, not the script tag').to.deep.equal([otherKey]);
  });

  it('an element created after the script works', async () => {
    const list = document.createElement('sa-conversation-list');
    list.setAttribute('api-key', otherKey);
    list.setAttribute('api-url', apiUrl);
    list.setAttribute('for', 'chat');
    page.append(list);
    await waitUntil(() => shadowAll(list, '[part~="item"]').length === 1, 'the new list shows the conversation started above');
    expect(shadow(list, '[part~="item"]')!.getAttribute('aria-current')).to.equal('true');
  });
});
